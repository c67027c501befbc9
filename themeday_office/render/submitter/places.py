"""Where a stored message points: a worksheet cell, a Word table row or cell, a paragraph.

Places are written by the readers and ingest as clerks read them: `月报!L5`,
`表格1 第3行`, `表格1 第3行第2列`, `第5段`. A place that names only a sheet or a whole
form (`月报`, `表格1`, `正文`, or nothing) points at no cell: such a message goes only
to the 错误清单.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from openpyxl.utils import column_index_from_string

_CELL = re.compile(r"^(?P<sheet>.+)!\$?(?P<col>[A-Z]{1,3})\$?(?P<row>[1-9][0-9]{0,6})$")
_TABLE = re.compile(r"^表格(?P<table>[1-9][0-9]*)\s*第(?P<row>[1-9][0-9]*)行(?:第(?P<col>[1-9][0-9]*)列)?$")
_PARAGRAPH = re.compile(r"^第(?P<index>[1-9][0-9]*)段$")
_MAX_COLUMN = 16384  # XFD


@dataclass(frozen=True)
class SheetCell:
    sheet: str
    row: int  # 1-based, as openpyxl counts
    col: int


@dataclass(frozen=True)
class TableCellPlace:
    table: int  # 1-based, as the place reads
    row: int
    col: int | None  # None: the whole row


@dataclass(frozen=True)
class ParagraphPlace:
    index: int  # 1-based


Place = SheetCell | TableCellPlace | ParagraphPlace


def parse_place(place: str) -> Place | None:
    """The cell, table row or paragraph `place` names, or None when it names none."""
    place = place.strip()
    if m := _CELL.match(place):
        col = column_index_from_string(m.group("col"))
        return SheetCell(m.group("sheet"), int(m.group("row")), col) if col <= _MAX_COLUMN else None
    if m := _TABLE.match(place):
        cell = m.group("col")
        return TableCellPlace(int(m.group("table")), int(m.group("row")), int(cell) if cell else None)
    if m := _PARAGRAPH.match(place):
        return ParagraphPlace(int(m.group("index")))
    return None
