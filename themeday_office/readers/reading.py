"""One file's bytes -> Workbook or Document: checks, format, conversion, then the parser.

The work is split where a crash could happen. ``prepare`` (checks, sniffing, LibreOffice, all of
it pure Python or a subprocess) runs in the caller; ``parse`` (the native parsers) is what
IsolatedReader runs in a child process. ``read_bytes`` does both in-process.
"""

from __future__ import annotations

import dataclasses
import struct
from collections.abc import Callable
from pathlib import PurePath

from themeday_office.readers.archive import check_zip
from themeday_office.readers.errors import ReadError, corrupt_on_failure
from themeday_office.readers.libreoffice import convert, find_soffice
from themeday_office.readers.limits import ReadLimits
from themeday_office.readers.model import SPREADSHEET_FORMATS, Document, FileFormat, Workbook
from themeday_office.readers.ole import OleFile
from themeday_office.readers.sniff import open_zip, sniff
from themeday_office.readers.xls_scan import xls_encrypted

Parse = Callable[[bytes, FileFormat, ReadLimits], "Workbook | Document"]

_TO_DOCX = {FileFormat.DOC, FileFormat.WPS, FileFormat.ODT, FileFormat.RTF, FileFormat.WORD_OTHER}
# calamine reads these BIFF files itself; LibreOffice is the fallback when it cannot.
_BIFF = {FileFormat.XLS, FileFormat.ET}
_SHEET_SUFFIXES = {".xls", ".et", ".ett", ".xlt"}
_ZIP_FORMATS = {FileFormat.XLSX, FileFormat.XLSM, FileFormat.ODS, FileFormat.DOCX}


def read_bytes(data: bytes, name: str = "", limits: ReadLimits = ReadLimits()) -> Workbook | Document:
    """Read one submission in this process. Untrusted files belong in an IsolatedReader instead:
    a crafted file can abort a native parser, and here that would end the whole program."""
    return read_prepared(data, name, limits, parse)


def read_prepared(data: bytes, name: str, limits: ReadLimits, parse_with: Parse) -> Workbook | Document:
    """``prepare`` here, then ``parse_with`` (in this process or a child), with the BIFF fallback."""
    body, fmt, origin = prepare(data, name, limits)
    try:
        result = parse_with(body, fmt, limits)
    except ReadError as error:
        if error.code != "corrupt" or fmt not in _BIFF or find_soffice() is None:
            raise
        # Some WPS .et and odd .xls files defeat calamine but open in LibreOffice.
        body = convert(body, origin, "xlsx", limits.conversion_timeout_s)
        result = parse_with(body, FileFormat.XLSX, limits)
    return result if result.format is origin else dataclasses.replace(result, format=origin)


def prepare(data: bytes, name: str, limits: ReadLimits) -> tuple[bytes, FileFormat, FileFormat]:
    """(bytes to parse, their format, the format that arrived); converts what needs LibreOffice."""
    if not data:
        raise ReadError("empty")
    if len(data) > limits.max_file_bytes:
        raise ReadError("too_large", size_mb=len(data) / 1024 / 1024, limit_mb=limits.max_file_mb)
    fmt = sniff(data)
    if _encrypted(data, fmt):
        raise ReadError("encrypted")
    if fmt in (FileFormat.XLSX, FileFormat.XLSM, FileFormat.DOCX, FileFormat.ODS, *_BIFF):
        return data, fmt, fmt
    if fmt is FileFormat.ZIP_ARCHIVE:
        raise ReadError("is_archive")
    if fmt in _TO_DOCX:
        return convert(data, fmt, "docx", limits.conversion_timeout_s), FileFormat.DOCX, fmt
    if fmt is FileFormat.OLE_OTHER:
        # Nothing in the bytes says sheet or text; the sender's extension is the only hint.
        suffix = PurePath(name).suffix.lower()
        target = "xlsx" if suffix in _SHEET_SUFFIXES else "docx"
        converted = convert(data, fmt, target, limits.conversion_timeout_s, suffix=suffix or None)
        return converted, FileFormat.XLSX if target == "xlsx" else FileFormat.DOCX, fmt
    raise ReadError("unknown_format")


def parse(data: bytes, fmt: FileFormat, limits: ReadLimits) -> Workbook | Document:
    """The native-parser part of reading: safe to run in a child process. Raises ReadError and
    nothing else for a malformed file (a MemoryError aside: the parser process reports that)."""
    # The parsers are imported here, not at the top: the caller's side (prepare) needs neither
    # calamine nor python-docx, and a parser process that reads no Word file needs no python-docx.
    with corrupt_on_failure("解析失败"):
        zf = None
        if fmt in _ZIP_FORMATS:
            zf = open_zip(data)
            check_zip(zf, limits)
        if fmt in SPREADSHEET_FORMATS or fmt is FileFormat.ET:
            from themeday_office.readers.workbook import read_workbook

            return read_workbook(data, fmt, limits, zf)
        if fmt is FileFormat.DOCX and zf is not None:
            from themeday_office.readers.document import read_document

            return read_document(data, zf)
    raise ReadError("unknown_format")


def _encrypted(data: bytes, fmt: FileFormat) -> bool:
    if fmt is FileFormat.OLE_ENCRYPTED_OOXML:
        return True
    with corrupt_on_failure("OLE 容器无效"):  # the streams walked here may be broken past the directory
        if fmt in (FileFormat.DOC, FileFormat.WPS):
            return _doc_encrypted(data)
        return fmt in _BIFF and xls_encrypted(data)


def _doc_encrypted(data: bytes) -> bool:
    # The Word FIB keeps fEncrypted (0x0100) in the flags word at offset 0x0A.
    head = OleFile(data).stream("WordDocument", 12)
    return len(head) >= 12 and bool(struct.unpack_from("<H", head, 0x0A)[0] & 0x0100)
