"""Legacy .xls: password protection, and formula errors (which calamine returns as blanks).

A walk over the BIFF8 records of the Workbook stream: FILEPASS marks an encrypted workbook,
BOUNDSHEET names each sheet's offset, and a FORMULA record whose cached result is an error
carries the error code.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

from themeday_office.readers.ole import OleFile

_BOF, _EOF, _BOUNDSHEET, _FILEPASS, _FORMULA = 0x0809, 0x000A, 0x0085, 0x002F, 0x0006
_ERRORS = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!", 0x2A: "#N/A"}


def xls_encrypted(data: bytes) -> bool:
    """True when the workbook globals carry a FILEPASS record (a password to open)."""
    for kind, _, _ in _records(_workbook_stream(data)):
        if kind == _FILEPASS:
            return True
        if kind == _EOF:
            return False  # FILEPASS can only precede the end of the globals
    return False


def xls_formula_errors(data: bytes) -> dict[str, dict[tuple[int, int], str]]:
    """Per sheet name, (row, col) -> error text; empty for an encrypted stream (unreadable)."""
    stream = _workbook_stream(data)
    sheet_at: dict[int, str] = {}
    found: dict[str, dict[tuple[int, int], str]] = {}
    current: dict[tuple[int, int], str] | None = None
    for kind, pos, body in _records(stream):
        if kind == _FILEPASS:
            return {}
        if kind == _BOUNDSHEET and len(body) >= 8:
            sheet_at[struct.unpack_from("<I", body)[0]] = _sheet_name(body)
        elif kind == _BOF:
            name = sheet_at.get(pos)
            current = found.setdefault(name, {}) if name is not None else None
        elif kind == _FORMULA and current is not None and len(body) >= 14:
            row, col = struct.unpack_from("<HH", body)
            result = body[6:14]
            if result[0] == 0x02 and result[6:8] == b"\xff\xff":
                current[(row, col)] = _ERRORS.get(result[2], "#ERROR")
    return {name: errors for name, errors in found.items() if errors}


def _workbook_stream(data: bytes) -> bytes:
    ole = OleFile(data)
    return ole.stream("Workbook") or ole.stream("Book")


def _records(stream: bytes) -> Iterator[tuple[int, int, bytes]]:
    """(record type, offset, body) of each BIFF record."""
    pos = 0
    while pos + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, pos)
        yield kind, pos, stream[pos + 4 : pos + 4 + length]
        pos += 4 + length


def _sheet_name(body: bytes) -> str:
    count, flags = body[6], body[7]
    if flags & 0x01:
        return body[8 : 8 + 2 * count].decode("utf-16-le", "replace")
    return body[8 : 8 + count].decode("latin-1")
