"""A worksheet as the forms are drawn: rows of values, merged ranges, column widths.

Forms are drawn once and saved as xlsx (openpyxl's write-only mode: fast, and it still
writes merged ranges) or, for the old-format mistake, as BIFF8 .xls.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange

Value = str | int | float | date | time | None

DATE_FORMAT = 'yyyy"年"m"月"d"日"'
TIME_FORMAT = "h:mm"


@dataclass
class Sheet:
    name: str
    rows: list[list[Value]] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)  # "A1:Q1"
    widths: dict[int, float] = field(default_factory=dict)  # 1-based column -> width
    title_rows: int = 0  # rows drawn as a title (bold, large)
    header_rows: tuple[int, ...] = ()  # 1-based rows drawn as table headers (wrapped, centred)

    def add(self, row: list[Value]) -> int:
        """Append a row; its 1-based number."""
        self.rows.append(row)
        return len(self.rows)

    def merge(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        if (first_row, first_col) != (last_row, last_col):
            self.merges.append(f"{cell_name(first_row, first_col)}:{cell_name(last_row, last_col)}")

    def place(self, row: int, col: int) -> str:
        """How a reader names the cell: `月报!I7`."""
        return f"{self.name}!{cell_name(row, col)}"

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def cell_name(row: int, col: int) -> str:
    return f"{get_column_letter(col)}{row}"


def save_xlsx(sheets: list[Sheet], target: Path | BytesIO) -> None:
    book = Workbook(write_only=True)
    title_font, header_font = Font(bold=True, size=16), Font(bold=True)
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for sheet in sheets:
        ws = book.create_sheet(sheet.name)
        for col, width in sheet.widths.items():  # must precede the first row in write-only mode
            ws.column_dimensions[get_column_letter(col)].width = width
        for r, values in enumerate(sheet.rows, start=1):
            cells: list[Cell | None] = []
            for value in values:
                if value is None:
                    cells.append(None)
                    continue
                # Set through `value` (as WriteOnlyCell itself does): the stub's `value` parameter
                # leaves out date and time, which the Cell.value setter takes.
                cell = WriteOnlyCell(ws)
                cell.value = value
                if isinstance(value, (date, datetime)):
                    cell.number_format = DATE_FORMAT
                elif isinstance(value, time):
                    cell.number_format = TIME_FORMAT
                if r <= sheet.title_rows:
                    cell.font, cell.alignment = title_font, centred
                elif r in sheet.header_rows:
                    cell.font, cell.alignment = header_font, centred
                cells.append(cell)
            ws.append(cells)
        for ranged in sheet.merges:
            ws.merged_cells.add(CellRange(ranged))
    book.save(target)


def xlsx_bytes(sheets: list[Sheet]) -> bytes:
    out = BytesIO()
    save_xlsx(sheets, out)
    return out.getvalue()
