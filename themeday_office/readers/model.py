"""What a reader returns: sheets of cells and documents of paragraphs and tables, each with its place.

Rows and columns are 0-based in code and rendered 1-based (Excel letters for sheets), the way a
clerk reads them: ``月报!L5``, ``表格1 第3行第2列``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

# Cell values exactly as python-calamine gives them; a blank cell is None.
Value = str | int | float | bool | date | datetime | time | timedelta | None


class FileFormat(enum.Enum):
    """A file's format, found from its bytes."""

    XLSX = "xlsx"
    XLSM = "xlsm"
    DOCX = "docx"
    ODS = "ods"
    ODT = "odt"
    XLS = "xls"
    DOC = "doc"
    ET = "et"  # WPS spreadsheet (OLE, BIFF-like)
    WPS = "wps"  # WPS writer document (OLE)
    WORD_OTHER = "word_other"  # docm/dotx/dotm: Word zips python-docx refuses by content type
    RTF = "rtf"
    OLE_OTHER = "ole_other"  # an OLE container of no kind named above
    OLE_ENCRYPTED_OOXML = "ole_encrypted_ooxml"  # a password-protected xlsx/docx
    ZIP_ARCHIVE = "zip_archive"  # a plain .zip of several submissions
    UNKNOWN = "unknown"


SPREADSHEET_FORMATS = frozenset({FileFormat.XLSX, FileFormat.XLSM, FileFormat.XLS, FileFormat.ODS})


def column_letters(col: int) -> str:
    """0-based column index -> Excel letters (0 -> A, 16383 -> XFD)."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(row: int, col: int) -> str:
    """0-based (row, col) -> ``L5``."""
    return f"{column_letters(col)}{row + 1}"


@dataclass(frozen=True, slots=True)
class CellRef:
    """A cell of a named sheet, rendered ``月报!L5``."""

    sheet: str
    row: int
    col: int

    def __str__(self) -> str:
        return f"{self.sheet}!{cell_name(self.row, self.col)}"


@dataclass(frozen=True, slots=True)
class CellRange:
    """A rectangle of cells, both corners included (a merged range)."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int

    def __contains__(self, place: tuple[int, int]) -> bool:
        row, col = place
        return self.first_row <= row <= self.last_row and self.first_col <= col <= self.last_col

    def __str__(self) -> str:
        return f"{cell_name(self.first_row, self.first_col)}:{cell_name(self.last_row, self.last_col)}"


@dataclass(frozen=True, slots=True)
class UncachedFormula:
    """A formula cell saved without its value (written by a program, never recalculated)."""

    row: int
    col: int
    formula: str


@dataclass(frozen=True, slots=True)
class Sheet:
    """One worksheet: a dense grid anchored at A1, trailing empty rows and columns cut."""

    name: str
    rows: list[list[Value]]
    merged: list[CellRange] = field(default_factory=list)
    # (row, col) -> error text such as '#DIV/0!'; the grid holds None there.
    formula_errors: dict[tuple[int, int], str] = field(default_factory=dict)
    uncached_formulas: list[UncachedFormula] = field(default_factory=list)
    hidden: bool = False

    def value(self, row: int, col: int) -> Value:
        """The value at (row, col), None outside the grid."""
        if 0 <= row < len(self.rows):
            cells = self.rows[row]
            if 0 <= col < len(cells):
                return cells[col]
        return None

    def ref(self, row: int, col: int) -> CellRef:
        return CellRef(self.name, row, col)


@dataclass(frozen=True, slots=True)
class DocumentProperties:
    """Core properties (title, creator, created...) and custom ones (docProps/custom.xml, ODF
    user-defined): the kit's templates carry their form marker among the custom ones."""

    core: dict[str, str] = field(default_factory=dict)
    custom: dict[str, Value] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Workbook:
    format: FileFormat
    sheets: list[Sheet]
    properties: DocumentProperties = field(default_factory=DocumentProperties)

    def sheet(self, name: str) -> Sheet | None:
        return next((s for s in self.sheets if s.name == name), None)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A body paragraph in reading order; text-box paragraphs follow the paragraph they sit in."""

    text: str
    style: str | None
    index: int
    in_text_box: bool = False


@dataclass(frozen=True, slots=True)
class TablePlace:
    """A cell of a Word table, rendered ``表格1 第3行第2列``."""

    table: int
    row: int
    col: int

    def __str__(self) -> str:
        return f"表格{self.table + 1} 第{self.row + 1}行第{self.col + 1}列"


@dataclass(frozen=True, slots=True)
class TableCell:
    """A cell once, however many grid places its merge covers; row/col are its top-left place."""

    text: str
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1

    def covers(self, row: int, col: int) -> bool:
        return self.row <= row < self.row + self.row_span and self.col <= col < self.col + self.col_span


@dataclass(frozen=True, slots=True)
class Table:
    """A body table; ``rows[i]`` holds the cells that start in row i, left to right."""

    index: int
    rows: list[list[TableCell]]

    def cell_at(self, row: int, col: int) -> TableCell | None:
        """The cell covering grid place (row, col), following merges up and left."""
        for cells in reversed(self.rows[: row + 1]):
            for cell in cells:
                if cell.covers(row, col):
                    return cell
        return None

    def place(self, cell: TableCell) -> TablePlace:
        return TablePlace(self.index, cell.row, cell.col)


@dataclass(frozen=True, slots=True)
class Document:
    format: FileFormat
    paragraphs: list[Paragraph]
    tables: list[Table]
    properties: DocumentProperties = field(default_factory=DocumentProperties)
