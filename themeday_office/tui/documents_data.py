"""发文 as data: a period's documents in the outbox, generating its batch, issuing, preview text.

No Textual here: the 发文 tab's workers call these and post what they return.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from themeday_office.domain.period import Period
from themeday_office.ledger import Ledger

PREVIEW_PARAGRAPHS = 200


@dataclass(frozen=True)
class DocumentRow:
    id: int
    number: str  # 发文字号
    kind: str  # Chinese
    title: str
    issued: bool
    day: date  # issued on, else rendered or created on
    path: Path | None


def document_rows(ledger: Ledger, period: Period) -> list[DocumentRow]:
    """The period's documents, newest number last; corrected ones included (the register keeps them)."""
    from themeday_office.render.documents import KIND_ZH, number_text

    rows = []
    for d in ledger.documents(period=str(period)):
        when = d.issued_at or d.rendered_at or d.created_at
        rows.append(DocumentRow(d.id, number_text(d), KIND_ZH.get(d.kind, d.kind), d.title, d.state == "issued",
                                when.date(), Path(d.path) if d.path else None))
    return rows


def generate_batch(workspace, ledger: Ledger, period: Period, today: date, read_bytes,
                   progress: Callable[[int, int, str], None]) -> tuple[int, int]:
    """Draft the period's documents as `themeday render` does; returns (written, left as issued)."""
    from themeday_office.render.documents import (
        FROZEN,
        DocumentDesk,
        Office,
        plan,
        render_all,
    )
    from themeday_office.rollup import RollupInputs, RollupRules

    office = Office.of(workspace)
    inputs = RollupInputs.from_ledger(ledger, RollupRules.of(workspace))
    drafts = plan(office, ledger, inputs, period, today=today, outbox=workspace.outbox, reader=read_bytes)
    desk = DocumentDesk(ledger, office, workspace.outbox)
    written = frozen = 0
    progress(0, len(drafts), "")
    for i, result in enumerate(render_all(desk, drafts), 1):
        if result.status == FROZEN:
            frozen += 1
        else:
            written += 1
        progress(i, len(drafts), result.draft.title)
    return written, frozen


def issue_document(workspace, ledger: Ledger, document_id: int) -> str:
    """签发 one draft; its 发文字号."""
    from themeday_office.render.documents import DocumentDesk, Office, number_text

    desk = DocumentDesk(ledger, Office.of(workspace), workspace.outbox)
    return number_text(desk.issue(ledger.document(document_id)))


def preview_text(path: Path) -> list[str]:
    """The document's paragraphs (tables' cells row by row after them), as Word would show the text."""
    from docx import Document

    doc = Document(str(path))
    lines = [p.text for p in doc.paragraphs[:PREVIEW_PARAGRAPHS]]
    for table in doc.tables:
        for row in table.rows:
            cells = []
            for cell in row.cells:
                if not cells or cell.text != cells[-1]:  # merged cells repeat
                    cells.append(cell.text)
            lines.append("　".join(cells))
    return lines
