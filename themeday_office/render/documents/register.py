"""Numbers and issuing: each document takes its 发文字号 from the ledger's register and is
written as a draft; 签发 freezes it.

    desk = DocumentDesk(ledger, office, workspace.outbox)
    result = desk.render(draft)            # a draft: numbered once, re-rendered freely
    desk.issue(desk.find("惠组〔2017〕3号"))  # frozen: hash and figures kept, re-render refused
    desk.render(draft, correct=True)       # a new document, new number, saying what it corrects

Numbers are per prefix and year (the 成文日期's year), restart each year, and are never
given out twice: the ledger allocates them inside one write transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from themeday_office.domain.period import Period
from themeday_office.ledger import Ledger, LedgerError
from themeday_office.ledger.archive import file_sha256
from themeday_office.ledger.records import DocumentRecord
from themeday_office.render.documents.common import Correction, Draft, Office
from themeday_office.render.documents.reminder import OWED
from themeday_office.render.gbt9704 import format_doc_number, write_docx
from themeday_office.render.submitter import safe_filename

_NUMBER = re.compile(r"^\s*(?P<prefix>\S+?)\s*[〔\[［(（](?P<year>\d{4})[〕\]］)）]\s*(?P<n>\d+)\s*号?\s*$")

WRITTEN, FROZEN = "written", "frozen"


def number_text(record: DocumentRecord) -> str:
    return format_doc_number(record.prefix, record.year, record.number)


@dataclass(frozen=True)
class Rendered:
    """What happened to one draft: written (path) or left alone because it was issued (frozen)."""

    draft: Draft
    record: DocumentRecord
    status: str
    path: Path | None

    @property
    def number(self) -> str:
        return number_text(self.record)


class DocumentDesk:
    """Renders drafts into the outbox under the ledger's numbers, and issues them."""

    def __init__(self, ledger: Ledger, office: Office, outbox: Path, actor: str | None = None):
        self.ledger = ledger
        self.office = office
        self.outbox = Path(outbox)
        self.actor = actor

    def render(self, draft: Draft, *, correct: bool = False, number: int | None = None) -> Rendered:
        """Write `draft` as a .docx. A first rendering takes a number (the next one, or `number`
        from the department's own register); a draft keeps its number; an issued document is not
        rewritten (status FROZEN) unless `correct`, which makes a new, correcting document."""
        record = self.ledger.latest_document(draft.key)
        if record is not None and record.issued:
            if not correct:
                return Rendered(draft, record, FROZEN, Path(record.path) if record.path else None)
            record = self._create(draft, number, corrects=record.id)
        elif record is None:
            record = self._create(draft, number)
        elif number is not None and number != record.number:
            raise LedgerError(f"{draft.title}的草稿已取号 {number_text(record)}，不能改为第{number}号")
        correction = None
        if record.corrects is not None:
            old = self.ledger.document(record.corrects)
            correction = Correction(number_text(old), old.title)
        doc = draft.build(number_text(record), correction)
        name = safe_filename(f"{number_text(record)}_{draft.title}", fallback=f"公文{record.id}") + ".docx"
        path = self.outbox / draft.folder / name if draft.folder else self.outbox / name
        write_docx(doc, path, self.office.style)
        if record.path and Path(record.path) != path:
            Path(record.path).unlink(missing_ok=True)  # the draft's older file, under an older title
        record = self.ledger.record_rendering(record.id, str(path), file_sha256(path), draft.figures, draft.title)
        return Rendered(draft, record, WRITTEN, path)

    def _create(self, draft: Draft, number: int | None, corrects: int | None = None) -> DocumentRecord:
        return self.ledger.create_document(draft.key, draft.kind, draft.period, draft.title, self.office.prefix,
                                           draft.date.year, number=number, corrects=corrects)

    def find(self, ref: str) -> DocumentRecord:
        """A document by its ledger id (`12`) or its 发文字号 (`惠组〔2017〕3号`, also with [] or ())."""
        ref = ref.strip()
        if ref.isdigit():
            return self.ledger.document(int(ref))
        m = _NUMBER.match(ref)
        if not m:
            raise LedgerError(f"“{ref}”既不是公文编号，也不是发文字号（如 惠组〔2017〕3号）")
        found = self.ledger.document_by_number(m["prefix"], int(m["year"]), int(m["n"]))
        if found is None:
            raise LedgerError(f"台账中没有发文字号为 {m['prefix']}〔{m['year']}〕{int(m['n'])}号 的公文")
        return found

    def issue(self, record: DocumentRecord) -> DocumentRecord:
        """签发: record the hash of the file as it is now; the document is frozen from here on."""
        if record.issued:
            raise LedgerError(f"{number_text(record)} 已于 {record.issued_at:%Y-%m-%d %H:%M} 签发")
        path = Path(record.path) if record.path else None
        if path is None or not path.is_file():
            raise LedgerError(f"{number_text(record)} 的文件不在 {record.path or '发件箱'}，请先重新生成再签发")
        if record.rendered_at is not None and (counted := _counted_files(record)) is not None:
            periods, kind = counted
            if self.ledger.submissions_changed_since(periods, record.rendered_at, kind):
                raise LedgerError(f"{number_text(record)} 生成以后，本期的台账有了变化（新收文、通过或退回），"
                                  "其中的数字可能已经过时：请先重新生成（终端界面按 F9，或 themeday render）再签发")
        return self.ledger.issue_document(record.id, file_sha256(path), self.actor)


def _counted_files(record: DocumentRecord) -> tuple[list[str], str | None] | None:
    """The periods (and form, when one) whose files a document's figures come from; None for a
    回执 or 退回通知, about one file. A 通报 counts its period's months, quarters and year (plans
    and summaries too: conflicts, 好的做法); a 催报通知 only the form it asks for, of its own period."""
    p = Period.parse(record.period)
    if record.kind == "reminder":
        return [str(p)], OWED[p.kind].value
    if record.kind not in ("monthly", "quarterly", "annual"):
        return None
    quarters = {Period.of_quarter(p.year, q) for m in p.months() for q in (m.quarter,) if q}
    return [str(x) for x in (*p.months(), *sorted(quarters, key=str), Period.of_year(p.year))], None


def changed_on_disk(record: DocumentRecord) -> bool | None:
    """Whether the file no longer has the recorded hash (None: no file)."""
    if not record.path or not Path(record.path).is_file():
        return None
    return file_sha256(Path(record.path)) != record.sha256
