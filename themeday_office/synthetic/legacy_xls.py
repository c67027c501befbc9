"""Sheets saved as an Excel 97-2003 workbook (BIFF8 in a compound file), as old Office and WPS
installations still send them.

Only what the forms use: text and number cells, date and time cells by their number
format, merged ranges, column widths. The records follow [MS-XLS]; the formats and style
records copy what LibreOffice writes.
"""

from __future__ import annotations

import struct
from datetime import date, datetime, time

from themeday_office.synthetic.compound_file import compound_file
from themeday_office.synthetic.sheet import Sheet, Value

_BOF, _EOF, _CODEPAGE, _WINDOW1, _FONT, _FORMAT, _XF, _STYLE = (
    0x0809,
    0x000A,
    0x0042,
    0x003D,
    0x0031,
    0x041E,
    0x00E0,
    0x0293,
)
_BOUNDSHEET, _DIMENSIONS, _LABEL, _NUMBER, _MERGED, _WINDOW2, _COLINFO = (
    0x0085,
    0x0200,
    0x0204,
    0x0203,
    0x00E5,
    0x023E,
    0x007D,
)
_EXCEL_EPOCH = date(1899, 12, 30)
_DATE_FORMAT = 164  # the first custom number format
_TIME_FORMAT = 20  # built-in h:mm
# Cell XF indexes after the 15 style XFs: plain, date, time, bold header.
_XF_CELL, _XF_DATE, _XF_TIME, _XF_BOLD = 15, 16, 17, 18
_MAX_LABEL = 255  # Excel's limit for one LABEL record


def xls_bytes(sheets: list[Sheet]) -> bytes:
    globals_head = b"".join(
        (
            _record(_BOF, struct.pack("<4H2I", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 6)),
            _record(_CODEPAGE, struct.pack("<H", 1200)),
            _record(_WINDOW1, struct.pack("<9H", 0, 0, 0x4000, 0x2000, 0x0038, 0, 0, 1, 0x0258)),
            *(_font(bold=False) for _ in range(4)),
            _font(bold=True),  # index 5: BIFF has no font 4
            _record(_FORMAT, struct.pack("<H", _DATE_FORMAT) + _unicode('yyyy"年"m"月"d"日"', 2)),
            *(_xf(0, 0, 0xFFF5, 0x00 if i == 0 else 0xF4) for i in range(15)),
            _xf(0, 0, 0x0001, 0x00),
            _xf(0, _DATE_FORMAT, 0x0001, 0x04),
            _xf(0, _TIME_FORMAT, 0x0001, 0x04),
            _xf(5, 0, 0x0001, 0x18, align=0x1A),
            _record(_STYLE, struct.pack("<HBB", 0x8000, 0, 0xFF)),
        )
    )
    bound_sizes = [4 + 6 + len(_unicode(s.name, 1)) for s in sheets]  # header, offset and flags, name
    eof = _record(_EOF, b"")
    offset = len(globals_head) + sum(bound_sizes) + len(eof)
    bodies = [_sheet(s) for s in sheets]
    bound = b""
    for sheet, body in zip(sheets, bodies, strict=False):
        bound += _record(_BOUNDSHEET, struct.pack("<IBB", offset, 0, 0) + _unicode(sheet.name, 1))
        offset += len(body)
    workbook = globals_head + bound + eof + b"".join(bodies)
    return compound_file({"Workbook": workbook})


def _sheet(sheet: Sheet) -> bytes:
    rows, cols = len(sheet.rows), sheet.width
    out = [
        _record(_BOF, struct.pack("<4H2I", 0x0600, 0x0010, 0x0DBB, 0x07CC, 0, 6)),
        *(
            _record(_COLINFO, struct.pack("<5HH", c - 1, c - 1, int(w * 256), _XF_CELL, 0, 0))
            for c, w in sorted(sheet.widths.items())
        ),
        _record(_DIMENSIONS, struct.pack("<IIHHH", 0, rows, 0, cols, 0)),
    ]
    for r, values in enumerate(sheet.rows):
        styled = r < sheet.title_rows or (r + 1) in sheet.header_rows
        for c, value in enumerate(values):
            cell = _cell(r, c, value, _XF_BOLD if styled else _XF_CELL)
            if cell:
                out.append(cell)
    merges = [_ref(m) for m in sheet.merges]
    for i in range(0, len(merges), 1026):  # at most 1026 ranges per record
        chunk = merges[i : i + 1026]
        out.append(_record(_MERGED, struct.pack("<H", len(chunk)) + b"".join(chunk)))
    out.append(_record(_WINDOW2, struct.pack("<9H", 0x06B6, 0, 0, 64, 0, 0, 0, 0, 0)))
    out.append(_record(_EOF, b""))
    return b"".join(out)


def _cell(r: int, c: int, value: Value, xf: int) -> bytes:
    if value is None:
        return b""
    where = struct.pack("<3H", r, c, xf)
    if isinstance(value, bool) or isinstance(value, str):
        text = str(value)[:_MAX_LABEL]
        return _record(_LABEL, where + _unicode(text, 2)) if text else b""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return _record(_NUMBER, struct.pack("<3Hd", r, c, _XF_DATE, (value - _EXCEL_EPOCH).days))
    if isinstance(value, time):
        fraction = (value.hour * 3600 + value.minute * 60 + value.second) / 86400
        return _record(_NUMBER, struct.pack("<3Hd", r, c, _XF_TIME, fraction))
    return _record(_NUMBER, where + struct.pack("<d", float(value)))


def _record(kind: int, data: bytes) -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _unicode(text: str, length_bytes: int) -> bytes:
    """An XLUnicodeString (2-byte count) or ShortXLUnicodeString (1-byte count), stored as UTF-16."""
    count = struct.pack("<H" if length_bytes == 2 else "<B", len(text))
    return count + b"\x01" + text.encode("utf-16-le")


def _font(*, bold: bool) -> bytes:
    name = "宋体"
    body = struct.pack("<5HBBBB", 220, 0, 0x7FFF, 700 if bold else 400, 0, 0, 0, 134, 0)
    return _record(_FONT, body + _unicode(name, 1))


def _xf(font: int, fmt: int, flags: int, used: int, *, align: int = 0x20) -> bytes:
    return _record(_XF, struct.pack("<3H4B2IH", font, fmt, flags, align, 0, 0, used, 0, 0, 0x20C0))


def _ref(ranged: str) -> bytes:
    """`A1:Q1` as a Ref8 (0-based rows and columns)."""
    first, last = ranged.split(":")
    (r1, c1), (r2, c2) = _coordinates(first), _coordinates(last)
    return struct.pack("<4H", r1, r2, c1, c2)


def _coordinates(name: str) -> tuple[int, int]:
    letters = name.rstrip("0123456789")
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return int(name[len(letters) :]) - 1, col - 1
