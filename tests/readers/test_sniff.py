"""The format comes from the bytes, whatever the sender named the file."""

import io
import zipfile

import docx
import pytest

from tests.readers import craft
from themeday_office.readers import FileFormat, ReadError, read_bytes, sniff


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return out.getvalue()


def test_office_formats_from_their_bytes(fixture_bytes):
    xlsx = craft.xlsx_bytes(craft.monthly_book())
    assert sniff(xlsx) is FileFormat.XLSX
    assert sniff(craft.docx_bytes(docx.Document())) is FileFormat.DOCX
    assert sniff(fixture_bytes("lo_monthly.ods")) is FileFormat.ODS
    assert sniff(fixture_bytes("lo_monthly.xls")) is FileFormat.XLS
    assert sniff(fixture_bytes("lo_record.doc")) is FileFormat.DOC
    assert sniff(craft.encrypted_ooxml()) is FileFormat.OLE_ENCRYPTED_OOXML
    macro = craft.rewrite_zip(xlsx, {"[Content_Types].xml": lambda t: t.replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")})
    assert sniff(macro) is FileFormat.XLSM


def test_a_zip_of_submissions_odt_rtf_and_anything_else():
    assert sniff(_zip({"a.xlsx": b"x", "b.docx": b"y"})) is FileFormat.ZIP_ARCHIVE
    assert sniff(_zip({"mimetype": b"application/vnd.oasis.opendocument.text"})) is FileFormat.ODT
    assert sniff(b"{\\rtf1\\ansi hello}") is FileFormat.RTF
    assert sniff(b"%PDF-1.7 ...") is FileFormat.UNKNOWN
    assert sniff(b"") is FileFormat.UNKNOWN


def test_the_name_is_never_trusted():
    xlsx = craft.xlsx_bytes(craft.monthly_book())
    book = read_bytes(xlsx, "月报.doc")
    assert book.format is FileFormat.XLSX
    with pytest.raises(ReadError) as caught:
        read_bytes("只是一段文字".encode(), "月报.xlsx")
    assert caught.value.code == "unknown_format"
    assert "xlsx" in caught.value.message


def test_a_truncated_container_is_corrupt():
    xlsx = craft.xlsx_bytes(craft.monthly_book())
    with pytest.raises(ReadError) as caught:
        read_bytes(xlsx[: len(xlsx) // 2], "月报.xlsx")
    assert caught.value.code == "corrupt"
    assert caught.value.message.startswith("文件已损坏")


def test_wps_files_are_told_from_microsoft_ones(fixture_bytes):
    assert sniff(craft.as_wps(fixture_bytes("lo_monthly.xls"))) is FileFormat.ET
    assert sniff(craft.as_wps(fixture_bytes("lo_record.doc"))) is FileFormat.WPS


def test_a_member_that_fails_its_checksum_is_corrupt():
    data = bytearray(craft.xlsx_bytes(craft.monthly_book()))
    # Flip a byte inside the sheet's compressed data: the directory stays valid, the member not.
    at = data.find(b"xl/worksheets/sheet1.xml") + len("xl/worksheets/sheet1.xml") + 40
    data[at] ^= 0xFF
    with pytest.raises(ReadError) as caught:
        read_bytes(bytes(data), "月报.xlsx")
    assert caught.value.code == "corrupt"
