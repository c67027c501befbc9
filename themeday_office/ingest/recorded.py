"""What a check found, as the ledger records it (CheckedFile), for the ingest pipeline."""

from __future__ import annotations

from themeday_office.domain.messages import Message
from themeday_office.ingest.check import CheckResult, finding_record
from themeday_office.ingest.names import names_for
from themeday_office.ledger import CheckedFile, EncodedFinding, EncodedRow, StoredFinding, StoredMessage


def checked_file(result: CheckResult, sha: str, rel: str, name: str, size: int) -> CheckedFile:
    findings: list[StoredFinding | EncodedFinding]
    if len(result.finding_json) == len(result.findings):  # made in the parser process
        findings = [EncodedFinding(f.code, f.committee, f.branch, f.text, encoded)
                    for f, encoded in zip(result.findings, result.finding_json, strict=True)]
    else:
        findings = [StoredFinding(f.code, f.committee, f.branch, f.text, finding_record(f)) for f in result.findings]
    return CheckedFile(
        sha256=sha, size=size, format=result.format, **names_for(rel, name),
        kind=result.kind or "", unit=result.unit, period=result.period, header=result.header,
        messages=[stored_message(m) for m in result.messages], findings=findings,
        rows=[EncodedRow(r.kind, r.committee, r.branch, r.period, r.encoded) for r in result.rows],
    )


def stored_message(m: Message) -> StoredMessage:
    return StoredMessage(m.severity.value, m.code, m.place, m.text)


def first_error(result: CheckResult) -> str:
    """What the console line of a file that waits for the clerk says after its state: its first 错误,
    and how many more (`themeday show` lists them all)."""
    errors = [m.text for m in result.messages if m.is_error]
    if not errors:
        return ""
    return errors[0] + (f"（另有 {len(errors) - 1} 处错误）" if len(errors) > 1 else "")
