"""Everything the details screen shows about one submission, read in one go on a worker thread."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from themeday_office.ledger import (
    Event,
    Ledger,
    StoredFinding,
    StoredMessage,
    Submission,
)
from themeday_office.office.conflicts import ConflictLine, submission_conflicts
from themeday_office.office.submission_files import return_package_of
from themeday_office.tui.preview import TablePreview, table_preview


@dataclass(frozen=True)
class SubmissionDetails:
    submission: Submission
    messages: list[StoredMessage]
    findings: list[StoredFinding]  # the non-compliant ones: what the clerk must see
    compliant: int  # findings that only record compliance, counted
    preview: TablePreview | None
    versions: list[Submission]  # oldest first; just this one when it has no kind, unit and period
    events: list[Event]
    members: list[Submission]  # the files an archive held
    repeats: int
    package: Path | None  # its return package, when one was written
    conflicts: tuple[ConflictLine, ...] = ()  # where it contradicts the committee's other files

    @property
    def errors(self) -> int:
        return sum(m.severity == "错误" for m in self.messages)


def load_details(ledger: Ledger, submission_id: int, outbox: Path) -> SubmissionDetails:
    """Read one submission's messages, findings, rows, versions, history and conflicts with other
    files (LedgerError if unknown)."""
    sub = ledger.get(submission_id)
    messages = ledger.messages(sub.id)
    findings = ledger.findings(sub.id)
    return SubmissionDetails(
        submission=sub,
        messages=messages,
        findings=[f for f in findings if not f.data.get("compliant")],
        compliant=sum(1 for f in findings if f.data.get("compliant")),
        preview=table_preview(sub.kind, ledger.rows(sub.id), messages),
        versions=ledger.versions(sub.id),
        events=ledger.events(sub.id),
        members=ledger.members(sub.id),
        repeats=ledger.repeats(sub.id),
        package=return_package_of(sub, outbox),
        conflicts=submission_conflicts(ledger, sub.id).lines,
    )


def message_text(message: StoredMessage) -> str:
    """The sentence without the place it starts with: the place has a column of its own."""
    text, place = message.text, message.place
    if place and text.startswith(place):
        return text[len(place):].lstrip() or text
    return text
