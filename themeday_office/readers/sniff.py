"""Find a file's format from its bytes; the extension a sender chose is never trusted."""

from __future__ import annotations

import io
import zipfile

from themeday_office.readers.errors import corrupt_on_failure
from themeday_office.readers.model import FileFormat
from themeday_office.readers.ole import OLE_MAGIC, OleFile

_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
# Only the head of a format marker is read, so a bomb disguised as one cannot inflate here.
_MARKER_BYTES = 1 << 20
# Word packages python-docx refuses by content type: templates and macro-enabled documents.
_OTHER_WORD_TYPES = (
    b".wordprocessingml.template.main+xml",
    b"ms-word.document.macroEnabled.main+xml",
    b"ms-word.template.macroEnabledTemplate.main+xml",
)


def sniff(data: bytes) -> FileFormat:
    """The format of ``data``; raises ReadError('corrupt') when a zip or OLE container is broken,
    and nothing else, whatever the bytes."""
    if data.startswith(_ZIP_MAGICS):
        with corrupt_on_failure("压缩结构无效"):
            return zip_format(open_zip(data))
    if data.startswith(OLE_MAGIC):
        with corrupt_on_failure("OLE 容器无效"):
            return ole_format(OleFile(data))
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:5] == b"{\\rtf":
        return FileFormat.RTF
    return FileFormat.UNKNOWN


def open_zip(data: bytes) -> zipfile.ZipFile:
    """The zip's directory; ReadError('corrupt') for any failure to read it (a flipped byte in the
    directory gives "negative seek value", "zip file version 25.5", an undecodable name...)."""
    with corrupt_on_failure("压缩结构无效"):
        return zipfile.ZipFile(io.BytesIO(data))


def zip_format(zf: zipfile.ZipFile) -> FileFormat:
    """OOXML, ODF, or a plain archive of submissions, told apart by their marker members."""
    names = set(zf.namelist())
    if "[Content_Types].xml" in names:
        types = _head(zf, "[Content_Types].xml")
        if b".spreadsheetml.sheet.main+xml" in types or b".spreadsheetml.template.main+xml" in types:
            return FileFormat.XLSX
        if b"ms-excel.sheet.macroEnabled.main+xml" in types or b"ms-excel.template.macroEnabled" in types:
            return FileFormat.XLSM
        if b".wordprocessingml.document.main+xml" in types:
            return FileFormat.DOCX
        if any(kind in types for kind in _OTHER_WORD_TYPES):
            return FileFormat.WORD_OTHER
        return FileFormat.UNKNOWN  # pptx, xlsb, vsdx...: not a form the district uses
    if "mimetype" in names:
        mimetype = _head(zf, "mimetype").strip()
        if mimetype == b"application/vnd.oasis.opendocument.spreadsheet":
            return FileFormat.ODS
        if mimetype == b"application/vnd.oasis.opendocument.text":
            return FileFormat.ODT
        return FileFormat.UNKNOWN
    return FileFormat.ZIP_ARCHIVE


def ole_format(ole: OleFile) -> FileFormat:
    """Legacy Office, WPS, or an encrypted OOXML package, told apart by stream names."""
    names = ole.names()
    if "EncryptionInfo" in names and "EncryptedPackage" in names:
        return FileFormat.OLE_ENCRYPTED_OOXML
    # WPS writes Word/Excel-compatible streams; its own name shows in the CompObj user type.
    by_wps = any(mark in ole.stream("\x01CompObj", 512).lower() for mark in (b"wps", b"kingsoft"))
    if "WordDocument" in names:
        return FileFormat.WPS if by_wps else FileFormat.DOC
    if "Workbook" in names or "Book" in names:
        return FileFormat.ET if by_wps else FileFormat.XLS
    return FileFormat.OLE_OTHER


def _head(zf: zipfile.ZipFile, name: str) -> bytes:
    with corrupt_on_failure(f"无法读取 {name}"), zf.open(name) as member:
        return member.read(_MARKER_BYTES)
