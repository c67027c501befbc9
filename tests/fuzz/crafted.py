"""Hand-made hostile files, each the smallest edit of a real corpus file that once escaped as an
exception. `python -m tests.fuzz.crafted` writes them into tests/data/fuzz/ (committed there).

Offsets are those of the zip format's central directory entry (PKWARE APPNOTE 4.3.12): +6 the
version needed to extract, +8 the flag bits, +10 the compression method, +28 the name's length,
+46 the name; and of its end record (4.3.16): +16 the directory's offset.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "corpus"
OUT = REPO / "tests" / "data" / "fuzz"
_ENTRY, _END = b"PK\x01\x02", b"PK\x05\x06"


def _entry(data: bytes, name: str) -> int:
    """Where the central directory entry of member ``name`` starts."""
    at = data.find(_ENTRY)
    while at >= 0:
        size = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46: at + 46 + size] == name.encode():
            return at
        at = data.find(_ENTRY, at + 4)
    raise KeyError(name)


def _patched(data: bytes, at: int, fmt: str, value: int) -> bytes:
    out = bytearray(data)
    struct.pack_into(fmt, out, at, value)
    return bytes(out)


def _monthly() -> bytes:
    return (CORPUS / "monthly-perfect.xlsx").read_bytes()


def zip_version_25_5() -> bytes:
    """'NotImplementedError: zip file version 25.5' while the directory is read (sniffing)."""
    data = _monthly()
    return _patched(data, _entry(data, "[Content_Types].xml") + 6, "<B", 255)


def negative_seek() -> bytes:
    """'ValueError: negative seek value': the end record puts the directory past where it is, so
    every member's offset, counted from the real start, lies before the file's first byte."""
    data = _monthly()
    end = data.rfind(_END)
    offset = struct.unpack_from("<I", data, end + 16)[0]
    return _patched(data, end + 16, "<I", offset + 0x40000000)


def name_not_utf8() -> bytes:
    """'UnicodeDecodeError' on a member name flagged UTF-8 (flag bit 11) that is not."""
    data = _monthly()
    at = _entry(data, "xl/workbook.xml")
    flags = struct.unpack_from("<H", data, at + 8)[0]
    out = bytearray(_patched(data, at + 8, "<H", flags | 0x800))
    out[at + 46 + 3] = 0xFF  # 'xl/\xffworkbook.xml'
    return bytes(out)


def patched_data_flag() -> bytes:
    """'NotImplementedError: compressed patched data (flag bit 5)' on opening [Content_Types].xml."""
    data = _monthly()
    at = _entry(data, "[Content_Types].xml")
    return _patched(data, at + 8, "<H", struct.unpack_from("<H", data, at + 8)[0] | 0x20)


def strong_encryption_flag() -> bytes:
    """'NotImplementedError: strong encryption (flag bit 6)' on opening the sheet (in the parser)."""
    data = _monthly()
    at = _entry(data, "xl/worksheets/sheet1.xml")
    return _patched(data, at + 8, "<H", struct.unpack_from("<H", data, at + 8)[0] | 0x40)


def unknown_compression() -> bytes:
    """'NotImplementedError: That compression method is not supported' (method 99) on the sheet."""
    data = _monthly()
    return _patched(data, _entry(data, "xl/worksheets/sheet1.xml") + 10, "<H", 99)


def _with_cells(cells: dict[str, str]) -> bytes:
    """monthly-perfect.xlsx with the given cells rewritten as `<c r=".." t="n"><v>..</v></c>`."""
    source = zipfile.ZipFile(io.BytesIO(_monthly()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = part.decode()
                for ref, value in cells.items():
                    text, found = re.subn(
                        rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)', f'<c r="{ref}" t="n"><v>{value}</v></c>', text
                    )
                    assert found == 1, ref
                part = text.encode()
            target.writestr(info, part)
    return out.getvalue()


# Cell -> its number as written; all of them must come back as that cell's value_invalid.
NON_FINITE = {"D4": "inf", "J5": "nan", "C5": "1e400", "B5": "-inf", "K4": "1e308"}


def non_finite_numbers() -> bytes:
    """Number cells of inf, nan and 1e400 in a time, a count and a date column: once 'ValueError:
    cannot convert float NaN to integer' in the parser process, so no ingest got past the file
    (and 1e308, a whole number, became a head count of 309 digits)."""
    return _with_cells(NON_FINITE)


def calamine_panic() -> bytes:
    """A date-formatted cell of -1e308: python-calamine panics (pyo3's PanicException, a
    BaseException) building its timedelta."""
    data = _with_cells({})
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                part = re.sub(rb'(<c r="B4" s="2" t="n"><v>)[^<]*', rb"\g<1>-1e308", part)
            target.writestr(info, part)
    return out.getvalue()


def ole_difat_loop() -> bytes:
    """An .xls whose DIFAT chain points back at itself and claims 2^32-1 sectors: the sniffing,
    in the main process, walked it ~4 billion times."""
    data = bytearray((CORPUS / "monthly-lo.xls").read_bytes())
    last = len(data) // 512 - 2  # the file's last sector
    struct.pack_into("<I", data, (last + 1) * 512 + 508, last)  # ... whose next DIFAT sector is itself
    struct.pack_into("<II", data, 0x44, last, 0xFFFFFFFF)
    return bytes(data)


CRAFTED: dict[str, Callable[[], bytes]] = {
    "zip-version-25.5.xlsx": zip_version_25_5,
    "zip-negative-seek.xlsx": negative_seek,
    "zip-name-not-utf8.xlsx": name_not_utf8,
    "zip-patched-data-flag.xlsx": patched_data_flag,
    "zip-strong-encryption-flag.xlsx": strong_encryption_flag,
    "zip-compression-99.xlsx": unknown_compression,
    "cells-inf-nan-1e400.xlsx": non_finite_numbers,
    "calamine-panic-date-cell.xlsx": calamine_panic,
    "ole-difat-loop.xls": ole_difat_loop,
}


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for name, make in CRAFTED.items():
        (OUT / name).write_bytes(make())
        print(name)
