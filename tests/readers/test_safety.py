"""Every file that must not be parsed as it stands gets a code and a sentence for the clerk."""

import io
import re

import docx
import openpyxl
import pytest

from tests.readers import craft
from themeday_office.readers import ReadError, ReadLimits, read_bytes

LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)


def _refused(data: bytes, limits: ReadLimits = ReadLimits(), name: str = "file") -> ReadError:
    with pytest.raises(ReadError) as caught:
        read_bytes(data, name, limits)
    return caught.value


def _monthly() -> bytes:
    return craft.xlsx_bytes(craft.monthly_book())


def _sheet_xml(cells: str, dimension: str | None) -> bytes:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{dim}<sheetData>{cells}</sheetData></worksheet>"
    ).encode()


def _with_sheet(xml: bytes) -> bytes:
    return craft.rewrite_zip(craft.xlsx_bytes(openpyxl.Workbook()), {"xl/worksheets/sheet1.xml": xml})


def test_empty_and_too_large_files():
    assert _refused(b"").code == "empty"
    error = _refused(_monthly(), ReadLimits(max_file_mb=0.001))
    assert error.code == "too_large"
    assert "超过上限 0.001 MB" in error.message


def test_zip_bombs_are_refused_from_the_directory():
    padded = craft.rewrite_zip(_monthly(), {"xl/media/padding.bin": b"\0" * (8 * 1024 * 1024)})
    error = _refused(padded)
    assert error.code == "zip_bomb" and "压缩比" in error.message
    assert _refused(_monthly(), ReadLimits(zip_max_entries=5)).code == "zip_bomb"
    assert "解压后" in _refused(_monthly(), ReadLimits(zip_max_unpacked_mb=0.001)).message


@pytest.mark.parametrize("part", ["docProps/core.xml", "xl/worksheets/sheet1.xml", "xl/workbook.xml"])
def test_xml_bombs_in_a_workbook(part):
    def plant(xml: bytes) -> bytes:
        body = re.sub(rb"^<\?xml[^>]*\?>", b"", xml)
        return LAUGHS + body.replace(b"</dc:title>", b"&lol3;</dc:title>")

    error = _refused(craft.rewrite_zip(_monthly(), {part: plant}))
    assert error.code == "xml_bomb"
    assert error.message.startswith("文件内部结构异常")


def test_xml_bomb_in_a_word_document():
    data = craft.docx_bytes(docx.Document())
    bombed = craft.rewrite_zip(data, {"word/document.xml": lambda xml: LAUGHS + re.sub(rb"^<\?xml[^>]*\?>", b"", xml)})
    assert _refused(bombed).code == "xml_bomb"


def test_openpyxl_refuses_xml_bombs_because_defusedxml_is_installed():
    # Other layers read templates with openpyxl; defusedxml makes it refuse entity expansion.
    assert openpyxl.xml.DEFUSEDXML
    bombed = craft.rewrite_zip(
        _monthly(), {"xl/worksheets/sheet1.xml": lambda xml: LAUGHS + xml.replace(b"<t>", b"<t>&lol3;", 1)}
    )
    with pytest.raises(ValueError) as caught:
        openpyxl.load_workbook(io.BytesIO(bombed))
    assert "EntitiesForbidden" in repr(caught.value.__cause__ or caught.value.__context__)


def test_encrypted_office_files(fixture_bytes):
    for data in (craft.encrypted_ooxml(), fixture_bytes("encrypted.xls"), fixture_bytes("encrypted.doc")):
        error = _refused(data)
        assert (error.code, error.message) == ("encrypted", "文件已加密，请去除密码后重新报送")


def test_a_zip_of_submissions_is_not_one_file():
    archive = craft.zip_with_raw_names([("月报.xlsx".encode(), _monthly()), ("记录表.docx".encode(), b"x")])
    assert _refused(archive).code == "is_archive"


def test_a_single_cell_at_xfd1048576_is_an_absurd_range():
    book = openpyxl.Workbook()
    craft.active_sheet(book)["XFD1048576"] = "误输入"
    error = _refused(craft.xlsx_bytes(book))
    assert error.code == "absurd_range"
    assert error.message.startswith("工作表“Sheet”的内容延伸到 XFD1048576")


def test_absurd_range_is_refused_before_calamine_builds_its_grid():
    # A1 plus XFD1048576: calamine would allocate 17 billion cells and abort the process. The
    # stored dimension says so, and the scan finds the far cell before calamine is asked.
    book = openpyxl.Workbook()
    sheet = craft.active_sheet(book)
    sheet["A1"], sheet["XFD1048576"] = "填报单位", "误输入"
    assert _refused(craft.xlsx_bytes(book)).code == "absurd_range"


def test_absurd_range_without_a_stored_dimension():
    far = _with_sheet(_sheet_xml('<row r="900000"><c r="B900000" t="inlineStr"><is><t>x</t></is></c></row>', None))
    error = _refused(far)
    assert error.code == "absurd_range" and "B900000" in error.message


def test_formatting_alone_does_not_make_a_range_absurd():
    # Styled but empty cells stretch the dimension; only cells with values count.
    cells = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c></row><row r="60000"><c r="Z60000" s="1"/></row>'
    )
    sheet = craft.read_book(_with_sheet(_sheet_xml(cells, "A1:Z60000"))).sheets[0]
    assert sheet.rows == [["序号"]]


def test_more_rows_than_any_form():
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 301))
    data = _with_sheet(_sheet_xml(rows, "A1:A300"))
    error = _refused(data, ReadLimits(max_rows=100))
    assert error.code == "too_many_rows" and "超过 100 行" in error.message
    # The same rows without a stored dimension are caught after calamine, before the grid.
    assert _refused(_with_sheet(_sheet_xml(rows, None)), ReadLimits(max_rows=100)).code == "too_many_rows"
    assert len(craft.read_book(data).sheets[0].rows) == 300


def test_more_columns_than_any_form():
    book = openpyxl.Workbook()
    craft.active_sheet(book).append(list(range(250)))
    error = _refused(craft.xlsx_bytes(book))
    assert error.code == "absurd_range" and "GS1" in error.message  # the first cell past 200 columns
