"""Label/value pairs in Word forms: label cells followed by their value cells.

A record form puts labels and values side by side, two or four columns wide; a long
value (活动内容) may sit in the row below its label, across merged cells. Places are
given the way a clerk finds them: `表格1 第3行`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from themeday_office.domain.labels import Label, match_label
from themeday_office.domain.values.raw import RawValue
from themeday_office.readers import Document, Table, TableCell

_INLINE = re.compile(r"^\s*([^：:]{2,12})\s*[：:]\s*(.+)$")


def _place(table: Table, cell: TableCell) -> str:
    return f"表格{table.index + 1} 第{cell.row + 1}行"


def table_pairs(doc: Document, labels: Sequence[Label]) -> dict[str, RawValue]:
    """Every label found in the document's tables with the value cell that follows it."""
    out: dict[str, RawValue] = {}
    for table in doc.tables:
        for r, cells in enumerate(table.rows):
            for i, cell in enumerate(cells):
                name = match_label(cell.text, labels)
                if name is None:
                    if (m := _INLINE.match(cell.text)) and (inline := match_label(m.group(1), labels)):
                        out.setdefault(inline, RawValue(m.group(2).strip(), _place(table, cell)))
                    continue
                if name in out:
                    continue
                value = _value_after(table, cells, i, labels)
                if value is None or (value.value is None and _heading_row(cells, i)):
                    value = _value_below(table, r, cell, labels) or value
                out[name] = value if value is not None else RawValue(None, _place(table, cell))
    return out


def _value_after(table: Table, cells: list[TableCell], i: int, labels: Sequence[Label]) -> RawValue | None:
    if i + 1 < len(cells):
        nxt = cells[i + 1]
        if match_label(nxt.text, labels) is None:
            return RawValue(nxt.text.strip() or None, _place(table, nxt))
        return RawValue(None, _place(table, cells[i]))  # label followed by a label: left blank
    return None


def _heading_row(cells: list[TableCell], i: int) -> bool:
    # `活动内容 |  |  | ` with the text typed in the row below, whose cells were never merged.
    return i == 0 and all(not c.text.strip() for c in cells[1:])


def _value_below(table: Table, r: int, cell: TableCell, labels: Sequence[Label]) -> RawValue | None:
    below = table.cell_at(r + cell.row_span, cell.col) if r + cell.row_span < len(table.rows) else None
    if below is None or match_label(below.text, labels) is not None:
        return None
    return RawValue(below.text.strip() or None, _place(table, below))


def paragraph_pairs(doc: Document, labels: Sequence[Label]) -> dict[str, RawValue]:
    """`申请单位：古荥镇党委` written as paragraphs rather than a table."""
    out: dict[str, RawValue] = {}
    for p in doc.paragraphs:
        if (m := _INLINE.match(p.text)) and (name := match_label(m.group(1), labels)):
            out.setdefault(name, RawValue(m.group(2).strip(), f"第{p.index + 1}段"))
    return out


def paragraphs(doc: Document) -> list[RawValue]:
    return [RawValue(p.text, f"第{p.index + 1}段") for p in doc.paragraphs if p.text.strip()]


def title(doc: Document) -> RawValue | None:
    """The first non-empty paragraph: forms put their title first."""
    for p in doc.paragraphs[:5]:
        if p.text.strip():
            return RawValue(p.text.strip(), f"第{p.index + 1}段")
    return None
