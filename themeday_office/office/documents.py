"""The department's documents (公文): a period's batch generated (or corrected), a draft issued,
the register listed, a document's text read for a preview.

Numbers come from the ledger's register; an issued document is frozen and only a correcting
document, under a new number, changes what it said.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from themeday_office.domain.period import Period
from themeday_office.office import Clock
from themeday_office.office.opening import NO_LEDGER, NO_ROSTER, existing_ledger

if TYPE_CHECKING:
    from themeday_office.readers import IsolatedReader
    from themeday_office.render.documents import Correction, Draft, Rendered
    from themeday_office.render.gbt9704 import OfficialDocument
    from themeday_office.workspace import Workspace

_Planned = TypeVar("_Planned")
# How a plan reads an archived file again: bytes and name -> a Workbook or Document (readers/).
_Read = Callable[[bytes, str], object]

PREVIEW_PARAGRAPHS = 200


@dataclass(frozen=True)
class WrittenDocument:
    """One document of a batch: written as a draft, or left as it was because it was issued."""

    number: str  # 发文字号
    title: str
    path: Path | None
    frozen: bool
    sentence: str


@dataclass(frozen=True)
class DocumentBatch:
    """What generating a period's documents came to."""

    period: Period
    documents: tuple[WrittenDocument, ...] = ()
    sentences: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()  # the drafts stand (a PDF copy failed)
    problem: str = ""  # why the batch stopped (a wrong kind, a broken template): some may be written
    ready: bool = True  # False: nothing to generate from (no ledger, no roster)

    @property
    def written(self) -> int:
        return sum(not d.frozen for d in self.documents)

    @property
    def frozen(self) -> int:
        return sum(d.frozen for d in self.documents)


@dataclass(frozen=True)
class IssuedDocument:
    number: str
    title: str
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class DocumentRow:
    """A document in the register as the clerk sees it."""

    id: int
    number: str  # 发文字号
    kind: str  # Chinese
    period: str
    title: str
    issued: bool
    state: str  # 草稿 / 已签发
    changed: bool  # issued, and its file was changed since
    corrects: str  # the 发文字号 it corrects, or ""
    day: date  # issued on, else rendered or created on
    path: Path | None
    sha256: str


@dataclass(frozen=True)
class PracticeCandidate:
    """A good practice the month's bulletin may print; `key` names it in `generate_documents(practices=)`."""

    key: str
    lead: str
    text: str
    units: tuple[str, ...]  # the committees that reported it
    chosen: bool  # in the template's default choice


@dataclass(frozen=True)
class PracticeCandidates:
    """The month's good practices to choose from (none for a quarter or a year: `sentences` says why)."""

    period: Period
    candidates: tuple[PracticeCandidate, ...] = ()
    count: int = 0  # the template's good.count
    sentences: tuple[str, ...] = ()  # only when there is nothing to choose from
    ready: bool = True  # False: no ledger

    @property
    def default(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.candidates if c.chosen)


@dataclass(frozen=True)
class DocumentList:
    rows: tuple[DocumentRow, ...]
    sentences: tuple[str, ...]  # only when there is nothing to list
    ready: bool = True  # False: no ledger


def generate_documents(workspace: Workspace, clock: Clock, period: Period, *, kinds: list[str] | None = None,
                       correct: bool = False, number: int | None = None, dated: date | None = None,
                       pdf: bool = False, reader: IsolatedReader | None = None,
                       practices: Collection[str] | None = None,
                       progress: Callable[[int, int, WrittenDocument | None], None] | None = None) -> DocumentBatch:
    """Draft the period's documents into the outbox (only `kinds`, when given), numbered from the register.

    `correct` writes a correcting document for each issued one; `number` is the department's own
    number for a single first rendering; `dated` is the 成文日期 of every draft (else today, or the
    period's natural date), and the date a 催报通知 judges arrivals by; `pdf` adds PDF copies
    through LibreOffice. `progress(done, total, last)` follows the batch. `reader` reads archived
    files again (the bulletin's good practices); without one a parser process is started for the
    batch. `practices` are the keys of the good practices the clerk chose for a month's bulletin
    (see `practice_candidates`; default: the template's choice).
    """
    from themeday_office.render.documents import (
        FROZEN,
        DocumentDesk,
        Office,
        PlanError,
        WordingError,
        plan,
        render_all,
    )
    from themeday_office.render.gbt9704 import DocumentWriteError
    from themeday_office.rollup import RollupInputs, RollupRules

    ledger = existing_ledger(workspace, clock)
    if ledger is None:
        return DocumentBatch(period, sentences=(NO_LEDGER,), ready=False)
    office = Office.of(workspace)
    written: list[WrittenDocument] = []
    with ledger:
        inputs = RollupInputs.from_ledger(ledger, RollupRules.of(workspace))
        if not inputs.rosters.versions and kinds != ["themes"]:
            return DocumentBatch(period, sentences=(NO_ROSTER,), ready=False)
        desk = DocumentDesk(ledger, office, workspace.outbox)
        try:
            drafts = _planned(workspace, reader, lambda read: plan(
                office, ledger, inputs, period, today=clock().date(), kinds=kinds, outbox=workspace.outbox,
                reader=read, as_of=dated, practices=practices))
            if dated is not None:
                drafts = [_dated(d, dated) for d in drafts]
            if not drafts:
                return DocumentBatch(period, sentences=(f"{period.zh}没有需要生成的公文。",))
            if progress:
                progress(0, len(drafts), None)
            for result in render_all(desk, drafts, correct=correct, number=number):
                written.append(_written(result, result.status == FROZEN, workspace.outbox))
                if progress:
                    progress(len(written), len(drafts), written[-1])
        except (PlanError, WordingError, DocumentWriteError) as exc:
            return DocumentBatch(period, tuple(written), problem=str(exc))
    batch = DocumentBatch(period, tuple(written))
    summary = f"共 {len(drafts)} 份：生成草稿 {batch.written} 份" + (
        f"，已签发未改动 {batch.frozen} 份" if batch.frozen else "") + "。"
    sentences, warnings = [summary], []
    if pdf and batch.written:
        from themeday_office.render.documents import PdfError, write_pdfs

        try:
            pdfs = write_pdfs([d.path for d in written if not d.frozen and d.path is not None])
            sentences.append(f"已生成 PDF 副本 {len(pdfs)} 份。")
        except PdfError as exc:
            warnings.append(str(exc))
    return replace(batch, sentences=tuple(sentences), warnings=tuple(warnings))


def practice_candidates(workspace: Workspace, clock: Clock, period: Period, *,
                        reader: IsolatedReader | None = None) -> PracticeCandidates:
    """The good practices of the month's quarter summaries, most widely reported first, with the ones
    the bulletin prints by default (the template's good.count) marked `chosen`."""
    from themeday_office.render.documents import Office
    from themeday_office.render.documents.monthly import good_count
    from themeday_office.render.documents.practices import choose, good_practices
    from themeday_office.rollup import RollupInputs, RollupRules

    if period.kind != "month":
        return PracticeCandidates(period, sentences=(f"{period.zh}的公文没有“好的做法”，只有月度通报可以选择。",))
    ledger = existing_ledger(workspace, clock)
    if ledger is None:
        return PracticeCandidates(period, sentences=(NO_LEDGER,), ready=False)
    count = good_count(Office.of(workspace).wording("monthly"))
    with ledger:
        inputs = RollupInputs.from_ledger(ledger, RollupRules.of(workspace))
        found = _planned(workspace, reader, lambda read: good_practices(inputs, period, ledger, read))
    default = {p.key for p in choose(found, count)}
    candidates = tuple(PracticeCandidate(p.key, p.lead, p.text, p.units, p.key in default) for p in found)
    sentences = () if candidates else (f"{period.zh}所在季度还没有收到写有“主要做法”的季度总结，没有可选的好的做法。",)
    return PracticeCandidates(period, candidates, count, sentences)


def issue_document(workspace: Workspace, clock: Clock, document: str, *, actor: str | None = None) -> IssuedDocument:
    """签发 a draft, by its ledger id (`12`) or its 发文字号: its file's hash is recorded and it is frozen.

    LedgerError (Chinese) when there is no such document, or no ledger at all.
    """
    from themeday_office.ledger import LedgerError
    from themeday_office.render.documents import DocumentDesk, Office, number_text

    ledger = existing_ledger(workspace, clock)
    if ledger is None:
        raise LedgerError("还没有台账，也就没有可签发的公文。")
    with ledger:
        desk = DocumentDesk(ledger, Office.of(workspace), workspace.outbox, actor=actor)
        record = desk.issue(desk.find(str(document)))
    number = number_text(record)
    return IssuedDocument(number, record.title, (
        f"已签发 {number}《{record.title}》，文件指纹 {record.sha256[:16]}...；此后不再重新生成。",))


def list_documents(workspace: Workspace, clock: Clock, period: Period | str | None = None) -> DocumentList:
    """The register's documents (of one period), by number; corrected ones too (the register keeps them)."""
    from themeday_office.render.documents import KIND_ZH, changed_on_disk, number_text

    ledger = existing_ledger(workspace, clock)
    if ledger is None:
        return DocumentList((), ("还没有台账。",), ready=False)
    with ledger:
        records = ledger.documents(period=str(period) if period is not None else None)
        by_id = {r.id: r for r in ledger.documents()} if any(r.corrects for r in records) else {}
    rows = []
    for r in records:
        when = r.issued_at or r.rendered_at or r.created_at
        rows.append(DocumentRow(
            r.id, number_text(r), KIND_ZH.get(r.kind, r.kind), r.period, r.title, r.issued, r.state_zh,
            bool(r.issued and changed_on_disk(r)),
            number_text(by_id[r.corrects]) if r.corrects in by_id else "", when.date(),
            Path(r.path) if r.path else None, r.sha256))
    return DocumentList(tuple(rows), () if rows else ("还没有生成过公文。",))


def document_text(path: Path) -> list[str]:
    """A document's paragraphs (its tables' cells row by row after them), as Word would show the text."""
    from docx import Document

    doc = Document(str(path))
    lines = [p.text for p in doc.paragraphs[:PREVIEW_PARAGRAPHS]]
    for table in doc.tables:
        for row in table.rows:
            cells: list[str] = []
            for cell in row.cells:
                if not cells or cell.text != cells[-1]:  # merged cells repeat
                    cells.append(cell.text)
            lines.append("　".join(cells))
    return lines


def _planned(workspace: Workspace, reader: IsolatedReader | None,
             plan_with: Callable[[_Read], _Planned]) -> _Planned:
    """The batch's drafts, planned with the caller's parser or with one started for the plan."""
    if reader is not None:
        return plan_with(reader.read_bytes)
    from themeday_office.readers import IsolatedReader  # at run time: above it is imported for types only

    with IsolatedReader(workspace.settings.limits.to_read_limits()) as own:
        return plan_with(own.read_bytes)


def _written(result: Rendered, frozen: bool, outbox: Path) -> WrittenDocument:
    title = result.draft.title
    if frozen:
        return WrittenDocument(result.number, title, result.path, True, f"已签发 {result.number} {title}：不再重新生成")
    path = result.path
    assert path is not None  # a draft that is not frozen was just written to this path
    where = path.relative_to(outbox) if path.is_relative_to(outbox) else path
    note = "（更正）" if result.record.corrects else ""
    return WrittenDocument(result.number, title, path, False, f"草稿 {result.number}{note} → {where}")


def _dated(draft: Draft, day: date) -> Draft:
    """The clerk's 成文日期 for every draft of the batch."""
    build = draft.build

    def rebuild(number: str | None, correction: Correction | None) -> OfficialDocument:
        doc = build(number, correction)
        return replace(doc, date=day, issue_date=day)

    return replace(draft, date=day, build=rebuild)
