"""One worksheet part edited as bytes: the style of some cells, the selected tab, the comments' drawing.

A sheet of a million cells is tens of megabytes of XML; parsing it into elements would cost what
loading it into openpyxl does. Only the rows holding a cell to mark are looked into, with the
same regular expressions the readers' sheet scan uses; every other byte is copied as it was.
A layout these expressions cannot place exactly (cells or rows without their `r`, CDATA, XML
comments) is refused with UnsupportedWorkbook, and the package is made another way.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from openpyxl.utils import column_index_from_string, get_column_letter

from themeday_office.render.submitter.workbook_parts import DOC_REL_NS, UnsupportedWorkbook

_ATTRS = rb"""(?:[^>"']|"[^"]*"|'[^']*')*?"""  # a start tag's attributes, quoted '>' included
_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"
_SHEET_DATA = re.compile(rb"<(" + _PREFIX + rb")sheetData\b" + _ATTRS + rb"(/?)>")
_ROW = re.compile(rb"<" + _PREFIX + rb"row\b(" + _ATTRS + rb")(/?)>")
_CELL = re.compile(rb"<" + _PREFIX + rb"c\b(" + _ATTRS + rb")(/?)>")
_R = re.compile(rb"""\sr\s*=\s*["']([^"']*)["']""")
_S = re.compile(rb"""(\ss\s*=\s*["'])(\d*)(["'])""")
_CELL_REF = re.compile(rb"^([A-Z]{1,3})([1-9][0-9]{0,6})$")
_TAB_SELECTED = re.compile(rb"""(\stabSelected\s*=\s*["'])(1|true)(["'])""")
_MERGE = re.compile(rb"<" + _PREFIX + rb"""mergeCell\b[^>]*?\sref\s*=\s*["']([A-Z]+[0-9]+):([A-Z]+[0-9]+)["']""")
_LEGACY = re.compile(rb"<(" + _PREFIX + rb")legacyDrawing\b[^>]*?:id\s*=\s*[\"']([^\"']*)[\"'][^>]*?(/?)>")
# What follows legacyDrawing in a worksheet (ECMA-376 CT_Worksheet); mc:AlternateContent wraps
# oleObjects and controls where Excel writes them.
_AFTER_LEGACY = {b"legacyDrawingHF", b"drawingHF", b"picture", b"oleObjects", b"controls", b"webPublishItems",
                 b"tableParts", b"extLst", b"AlternateContent"}
_TAG = re.compile(rb"<(/?)" + _PREFIX + rb"([A-Za-z_][\w.-]*)" + _ATTRS + rb"(/?)>")

Restyle = Callable[[int], int]  # a cell's style index -> the one it gets


class SheetCells:
    """A worksheet part's bytes with the edits asked for, applied together by `to_bytes`."""

    def __init__(self, data: bytes, part: str) -> None:
        if b"<![CDATA[" in data or b"<!--" in data:
            raise UnsupportedWorkbook(f"{part}: CDATA or XML comments")
        found = _SHEET_DATA.search(data)
        if found is None:
            raise UnsupportedWorkbook(f"{part}: no sheetData")
        self.data, self.part = data, part
        self.prefix = found.group(1)
        self._data_at, self._empty = found.start(), bool(found.group(2))
        self._data_end = found.end() if self._empty else data.find(b"</" + self.prefix + b"sheetData>", found.end())
        if self._data_end < 0:
            raise UnsupportedWorkbook(f"{part}: sheetData not closed")
        self._rows_from = found.end()
        self._rows_found: list[tuple[int, int, int, bool]] | None = None  # indexed when first needed
        self._edits: list[tuple[int, int, bytes]] = []  # (start, end, replacement), applied in order

    # ---- what is there --------------------------------------------------------------------

    def merged(self) -> list[tuple[int, int, int, int]]:
        """Merged ranges as (first row, first col, last row, last col), 1-based."""
        ranges = []
        for m in _MERGE.finditer(self.data, self._data_end):
            first, last = _ref(m.group(1)), _ref(m.group(2))
            if first is None or last is None:
                raise UnsupportedWorkbook(f"{self.part}: a merged range without its cells' places")
            (r1, c1), (r2, c2) = first, last
            ranges.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
        return ranges

    def comments_drawing(self) -> str | None:
        """The relationship id of the sheet's legacy drawing (where comments are drawn), if any."""
        m = _LEGACY.search(self.data, self._data_end)
        return m.group(2).decode() if m else None

    # ---- edits ----------------------------------------------------------------------------

    def restyle(self, changes: dict[tuple[int, int], Restyle]) -> None:
        """Give each (row, col) cell the style its function makes of its current one; a cell or
        row that does not exist yet is written, empty, with its new style."""
        by_row: dict[int, dict[int, Restyle]] = {}
        for (row, col), change in changes.items():
            by_row.setdefault(row, {})[col] = change
        numbers = [r[0] for r in self._rows]
        added: list[tuple[int, bytes]] = []  # (position, new row), in row order
        for row, cols in sorted(by_row.items()):
            at = bisect.bisect_left(numbers, row)
            if at < len(numbers) and numbers[at] == row:
                self._restyle_row(self._rows[at], cols)
                continue
            cells = b"".join(self._new_cell(row, col, change(0)) for col, change in sorted(cols.items()))
            new_row = b"<" + self.prefix + b'row r="%d">' % row + cells + b"</" + self.prefix + b"row>"
            added.append((self._rows[at][1] if at < len(self._rows) else self._data_end, new_row))
        if self._empty and added:  # <sheetData/> becomes a sheetData holding the new rows
            rows = b"".join(new_row for _, new_row in added)
            self._edits.append((self._data_end - 2, self._data_end, b">" + rows + b"</" + self.prefix + b"sheetData>"))
        else:
            self._edits += [(position, position, new_row) for position, new_row in added]

    def unselect(self) -> None:
        """Clear the sheet's tabSelected: the list sheet is the one selected (two would group them)."""
        for m in _TAB_SELECTED.finditer(self.data, 0, self._data_at):
            self._edits.append((m.start(2), m.end(2), b"0"))

    def draw_comments(self, rid: str) -> None:
        """Point the sheet at its comments' legacy drawing, where the schema puts it."""
        position = _position_before(self.data, self._data_end, _AFTER_LEGACY)
        element = (b"<" + self.prefix + b'legacyDrawing xmlns:r="' + DOC_REL_NS.encode() + b'" r:id="'
                   + rid.encode() + b'"/>')
        self._edits.append((position, position, element))

    def undraw_comments(self) -> None:
        """Take out the legacy drawing element (the sheet has no comments left to draw)."""
        m = _LEGACY.search(self.data, self._data_end)
        if m is None:
            return
        end = m.end() if m.group(3) else self.data.find(b">", self.data.find(b"</", m.end())) + 1
        self._edits.append((m.start(), end, b""))

    def to_bytes(self) -> bytes:
        if not self._edits:
            return self.data
        pieces, last = [], 0
        for start, end, replacement in sorted(self._edits, key=lambda e: (e[0], e[1])):
            pieces += [self.data[last:start], replacement]
            last = end
        pieces.append(self.data[last:])
        return b"".join(pieces)

    # ---- the rows and cells ---------------------------------------------------------------

    @property
    def _rows(self) -> list[tuple[int, int, int, bool]]:
        """(row number, start of its tag, end of its tag, self-closing) in document order."""
        if self._rows_found is None:
            self._rows_found = [] if self._empty else self._index_rows(self._rows_from)
        return self._rows_found

    def _index_rows(self, start: int) -> list[tuple[int, int, int, bool]]:
        rows = []
        for m in _ROW.finditer(self.data, start, self._data_end):
            r = _R.search(m.group(1))
            if r is None or not r.group(1).isdigit():
                raise UnsupportedWorkbook(f"{self.part}: a row without its number")
            rows.append((int(r.group(1)), m.start(), m.end(), bool(m.group(2))))
        if any(a[0] >= b[0] for a, b in zip(rows, rows[1:], strict=False)):
            raise UnsupportedWorkbook(f"{self.part}: rows out of order")
        return rows

    def _restyle_row(self, row: tuple[int, int, int, bool], cols: dict[int, Restyle]) -> None:
        number, row_start, tag_end, closed = row
        row_style = _S.search(self.data, row_start, tag_end)
        base = int(row_style.group(2) or 0) if row_style else 0
        if closed:
            cells = b"".join(self._new_cell(number, c, f(base)) for c, f in sorted(cols.items()))
            self._edits.append((tag_end - 2, tag_end, b">" + cells + b"</" + self.prefix + b"row>"))
            return
        row_end = self.data.find(b"</" + self.prefix + b"row>", tag_end)
        if row_end < 0:
            raise UnsupportedWorkbook(f"{self.part}: row {number} not closed")
        present = []
        for m in _CELL.finditer(self.data, tag_end, row_end):
            r = _R.search(m.group(1))
            ref = _ref(r.group(1)) if r else None
            if ref is None or ref[0] != number:
                raise UnsupportedWorkbook(f"{self.part}: a cell without its place in row {number}")
            present.append((ref[1], m))
        columns = [c for c, _ in present]
        for col, change in sorted(cols.items()):
            at = bisect.bisect_left(columns, col)
            if at < len(columns) and columns[at] == col:
                self._restyle_cell(present[at][1], change)
            else:
                position = present[at][1].start() if at < len(present) else row_end
                self._edits.append((position, position, self._new_cell(number, col, change(base))))

    def _restyle_cell(self, m: re.Match, change: Restyle) -> None:
        s = _S.search(self.data, m.start(1), m.end(1))
        if s is not None:
            self._edits.append((s.start(2), s.end(2), str(change(int(s.group(2) or 0))).encode()))
        else:
            self._edits.append((m.start(1), m.start(1), b' s="%d"' % change(0)))

    def _new_cell(self, row: int, col: int, style: int) -> bytes:
        return b"<" + self.prefix + b'c r="%s%d" s="%d"/>' % (get_column_letter(col).encode(), row, style)


def _ref(text: bytes) -> tuple[int, int] | None:
    m = _CELL_REF.match(text.strip().replace(b"$", b""))
    if m is None:
        return None
    return int(m.group(2)), column_index_from_string(m.group(1).decode())


def _position_before(data: bytes, start: int, names: set[bytes]) -> int:
    """Where a new child of the worksheet goes before the first of `names` among the children
    after `start` (the end of sheetData), or before the worksheet's end. Only children count:
    a conditional format's own extLst is no place for it."""
    depth = 0
    for m in _TAG.finditer(data, start):
        closing, name, empty = m.group(1), m.group(2), m.group(3)
        if closing:
            if depth == 0:  # </sheetData>, then </worksheet>
                if name == b"worksheet":
                    return m.start()
                continue
            depth -= 1
            continue
        if depth == 0 and name in names:
            return m.start()
        if not empty:
            depth += 1
    raise UnsupportedWorkbook("worksheet not closed")
