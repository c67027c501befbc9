"""office_text: each rule for text bound for an xlsx or docx, and a workbook of hostile text that opens."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment

from themeday_office.render.gbt9704.ooxml import clean_text
from themeday_office.render.office_text import (
    CELL_MAX,
    COMMENT_MAX,
    MARKER,
    cell_text,
    comment_text,
    put,
    safe_filename,
    sheet_title,
    utf16_length,
    xml_text,
)

ILLEGAL = "".join(chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0xD800, 0xFFFE, 0xFFFF))


def test_every_character_xml_forbids_is_replaced_and_tab_newline_cr_stay():
    assert xml_text(f"因{ILLEGAL}故") == "因" + MARKER * len(ILLEGAL) + "故"
    assert xml_text("a\tb\nc\rd") == "a\tb\nc\rd"
    assert xml_text("a\x01b", "") == "ab"
    assert xml_text(None) == "" and xml_text(12) == "12"


def test_official_documents_drop_them_without_a_stand_in():
    assert clean_text("书记\x01外出\x0b培训") == "书记外出培训"


def test_an_excel_escape_in_text_stays_literal():
    # Excel would show _x0001_ as U+0001 and _x0041_ as "A": the underscore itself is escaped.
    assert cell_text("原因_x0001_说明") == "原因_x005F_x0001_说明"
    assert cell_text("_x0041_") == "_x005F_x0041_"
    assert cell_text("_x41_ and x0041") == "_x41_ and x0041"


def test_a_cell_longer_than_excel_allows_is_cut_with_a_note_saying_how_much():
    text = "党" * 40_000
    cut = cell_text(text)
    assert utf16_length(cut) <= CELL_MAX
    kept = cut.index("……")
    assert cut[kept:] == f"……（超出 Excel 单元格长度上限，以下 {40_000 - kept} 字从略）"
    assert cell_text("党" * CELL_MAX) == "党" * CELL_MAX  # exactly at the limit: untouched


def test_lengths_count_as_excel_does_and_never_split_a_character():
    wide = "\U00020000"  # a CJK Extension B character: two UTF-16 units
    cut = cell_text(wide * 20_000)
    assert utf16_length(cut) <= CELL_MAX
    assert "\ud840" not in cut and cut.count(wide) == cut.index("…")


def test_a_comment_is_cut_to_the_comment_limit_with_its_own_note():
    cut = comment_text("错" * 32_782)
    assert utf16_length(cut) <= COMMENT_MAX and cut.endswith("字从略）") and "批注" in cut


@pytest.mark.parametrize(
    ("name", "taken", "expected"),
    [
        ("统计表", [], "统计表"),
        ("a[b]c:d*e?f/g\\h", [], "a_b_c_d_e_f_g_h"),
        ("很" * 40, [], "很" * 31),
        ("", [], "Sheet"),
        ("   ", [], "Sheet"),
        ("'引号'", [], "引号"),
        ("\x01\x02", [], "Sheet"),
        ("History", [], "History_"),
        ("统计表", ["统计表"], "统计表_2"),
        ("Sheet", ["sheet", "SHEET_2"], "Sheet_3"),
        ("很" * 31, ["很" * 31], "很" * 29 + "_2"),
    ],
)
def test_sheet_titles(name, taken, expected):
    assert sheet_title(name, taken) == expected


def test_sheet_titles_are_accepted_by_openpyxl_and_excel_rules():
    book = Workbook()
    for name in ("a[b]", "很" * 40, "History", "", "a[b]"):
        book.create_sheet(sheet_title(name, book.sheetnames))
    titles = book.sheetnames[1:]
    assert len({t.lower() for t in titles}) == len(titles) and all(len(t) <= 31 for t in titles)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("-rf", "rf"),
        ("--help", "help"),
        ("- 古荥镇", "古荥镇"),
        ("古荥-镇", "古荥-镇"),
        ("a/b\\c", "a_b_c"),
        ("单位\x1b[31m红", "单位[31m红"),
        ("---", "未命名"),
    ],
)
def test_file_names_never_read_as_an_option_or_a_path(text, expected):
    assert safe_filename(text) == expected


def test_text_that_starts_like_a_formula_is_text_and_control_characters_are_gone(tmp_path):
    book = Workbook()
    ws = book.active
    assert ws is not None  # a new workbook has its one sheet active
    for i, value in enumerate(["=1+2", "@所有人", "因\x01故", "_x0001_", "党" * 40_000, 7], start=1):
        put(ws.cell(i, 1), value)
    ws["B1"].comment = Comment(comment_text("说明\x02" * 20_000), "审核")
    book.save(tmp_path / "t.xlsx")
    back = load_workbook(tmp_path / "t.xlsx").active
    assert back is not None
    assert back["A1"].value == "=1+2" and back["A1"].data_type == "s" and back["A1"].quotePrefix
    assert back["A3"].value == f"因{MARKER}故"
    assert back["A4"].value == "_x005F_x0001_"
    assert utf16_length(back["A5"].value) <= CELL_MAX and back["A6"].value == 7
    assert utf16_length(back["B1"].comment.text) <= COMMENT_MAX
    with zipfile.ZipFile(tmp_path / "t.xlsx") as z:
        assert not any(b"<f>" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_a_word_run_of_hostile_text_saves_and_opens():
    document = docx.Document()
    document.add_paragraph(xml_text("书记\x01外出\ufffe培训"))
    out = io.BytesIO()
    document.save(out)
    assert docx.Document(io.BytesIO(out.getvalue())).paragraphs[-1].text == f"书记{MARKER}外出{MARKER}培训"
