"""Spreadsheets: values with their places, merges, and what calamine alone would hide."""

import io
import re
from datetime import date, time

import openpyxl
import pytest

from tests.readers import craft
from themeday_office.readers import CellRange, FileFormat, UncachedFormula, read_bytes

TOTAL_ROW = 6  # 0-based: title, unit, header, three branches, then 合计


@pytest.mark.parametrize("name", ["lo_monthly.xlsx", "lo_monthly.xls", "lo_monthly.ods"])
def test_libreoffice_saved_sheets_read_alike(fixture_bytes, name):
    book = craft.read_book(fixture_bytes(name), name)
    assert book.format.value == name.rsplit(".", 1)[1]
    sheet, notes = book.sheets
    assert (sheet.name, sheet.hidden, notes.name, notes.hidden) == ("月报", False, "说明", True)
    assert sheet.rows[0][0] == "2017年3月份“主题党日”活动开展情况统计表"
    assert sheet.rows[2] == ["序号", "党支部名称", "活动日期", "开始时间", "应到人数", "实到人数", "备注"]
    assert sheet.rows[3][1:4] == ["第1党支部", date(2017, 3, 10), time(8, 30)]
    assert sheet.rows[4][2] is None  # not held: a blank, not ""
    assert str(sheet.ref(3, 5)) == "月报!F4" and sheet.value(3, 5) == 29
    assert sorted(sheet.merged, key=str) == [CellRange(0, 0, 0, 6), CellRange(3, 6, 4, 6)]
    # The SUM has its cached value; the division by zero is an error, not a blank.
    assert sheet.value(TOTAL_ROW, 4) == 96
    assert sheet.formula_errors == {(TOTAL_ROW, 5): "#DIV/0!"}
    assert sheet.value(TOTAL_ROW, 5) is None
    assert sheet.uncached_formulas == []


def test_formulas_saved_without_values_are_reported_with_their_cells():
    # openpyxl writes formulas but never their results: calamine alone shows blanks there.
    sheet = craft.read_book(craft.xlsx_bytes(craft.monthly_book())).sheets[0]
    assert sheet.uncached_formulas == [
        UncachedFormula(TOTAL_ROW, 4, "SUM(E4:E6)"),
        UncachedFormula(TOTAL_ROW, 5, "F4/0"),
    ]
    assert [str(sheet.ref(f.row, f.col)) for f in sheet.uncached_formulas] == ["月报!E7", "月报!F7"]
    assert sheet.formula_errors == {}


def test_errors_typed_as_values_and_blanks_are_told_apart():
    book = openpyxl.Workbook()
    cells = craft.active_sheet(book)
    cells["A1"], cells["B1"], cells["D1"] = "#N/A", "x", 1  # openpyxl stores "#N/A" as an error
    sheet = craft.read_book(craft.xlsx_bytes(book)).sheets[0]
    assert sheet.rows == [[None, "x", None, 1.0]]
    assert sheet.formula_errors == {(0, 0): "#N/A"}


def test_custom_document_properties_carry_the_form_marker(fixture_bytes):
    book = read_bytes(craft.xlsx_bytes(craft.monthly_book(form="monthly")))
    assert book.properties.custom == {"themeday_form": "monthly"}
    assert book.properties.core["creator"] == "openpyxl"
    assert read_bytes(fixture_bytes("lo_monthly.xlsx")).properties.custom == {"themeday_form": "monthly"}
    assert read_bytes(fixture_bytes("lo_monthly.ods")).properties.custom["themeday_form"] == "monthly"


def test_comments_and_processing_instructions_in_the_properties_are_skipped(fixture_bytes):
    # lxml gives a comment or processing instruction a function for its tag, not a string.
    def annotate(xml: bytes) -> bytes:
        declaration = xml.find(b"?>") + 2 if xml.startswith(b"<?xml") else 0
        body = xml.index(b">", declaration) + 1  # right after the root's start tag
        return xml[:body] + b"<!-- saved by hand --><?editor note?>" + xml[body:]

    ods = fixture_bytes("lo_monthly.ods")
    expected = read_bytes(ods, "lo_monthly.ods").properties
    commented = read_bytes(craft.rewrite_zip(ods, {"meta.xml": annotate}), "lo_monthly.ods").properties
    assert commented == expected and commented.custom["themeday_form"] == "monthly"

    xlsx = craft.xlsx_bytes(craft.monthly_book(form="monthly"))
    changes = {"docProps/core.xml": annotate, "docProps/custom.xml": annotate}
    commented = read_bytes(craft.rewrite_zip(xlsx, changes)).properties
    assert commented == read_bytes(xlsx).properties
    assert commented.custom == {"themeday_form": "monthly"} and commented.core["creator"] == "openpyxl"


def test_grid_is_anchored_at_a1_and_trailing_blanks_are_cut():
    book = openpyxl.Workbook()
    sheet = craft.active_sheet(book)
    sheet["C3"] = "填报单位"
    sheet["D4"] = "=1/0"  # no cached value: blank to calamine, past the last value
    data = craft.read_book(craft.xlsx_bytes(book)).sheets[0]
    assert data.rows == [[None, None, None], [None, None, None], [None, None, "填报单位"]]
    assert data.uncached_formulas == [UncachedFormula(3, 3, "1/0")]


def test_a_wrong_stored_dimension_does_not_hide_cells():
    book = openpyxl.Workbook()
    for row in range(1, 71):
        craft.active_sheet(book).append([f"{row}-{col}" for col in range(1, 18)])
    lying = craft.rewrite_zip(
        craft.xlsx_bytes(book),
        {"xl/worksheets/sheet1.xml": lambda xml: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1"/>', xml)},
    )
    # openpyxl's read-only mode trusts the dimension and sees one cell...

    only = openpyxl.load_workbook(io.BytesIO(lying), read_only=True).active
    assert only is not None
    assert [[c.value for c in row] for row in only.iter_rows()] == [["1-1"]]
    # ...the reader does not.
    sheet = craft.read_book(lying).sheets[0]
    assert len(sheet.rows) == 70 and sheet.rows[69][16] == "70-17"


def test_xlsm_reads_like_xlsx():
    data = craft.rewrite_zip(
        craft.xlsx_bytes(craft.monthly_book()),
        {"[Content_Types].xml": lambda t: t.replace(
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")},
    )
    book = craft.read_book(data, "月报.xlsm")
    assert book.format is FileFormat.XLSM
    assert book.sheets[0].rows[3][1] == "第1党支部"


def test_a_wps_spreadsheet_is_read_by_calamine_without_libreoffice(fixture_bytes):
    book = craft.read_book(craft.as_wps(fixture_bytes("lo_monthly.xls")), "月报.et")
    assert book.format is FileFormat.ET
    assert book.sheets[0].rows[3][1] == "第1党支部"
    assert book.sheets[0].formula_errors == {(TOTAL_ROW, 5): "#DIV/0!"}
