"""Return packages made by editing the submitter's own xlsx: what it keeps, what it marks, what it refuses."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.workbook.defined_name import DefinedName

from themeday_office.ledger import CheckedFile, Ledger, StoredMessage, sha256_of
from themeday_office.readers import read_bytes
from themeday_office.render.office_text import COMMENT_MAX, utf16_length
from themeday_office.render.submitter import write_return_package
from themeday_office.render.submitter.error_list import notice_for
from themeday_office.render.submitter.own_workbook import mark_own_workbook
from themeday_office.render.submitter.package_step import package_in_parser
from themeday_office.render.submitter.workbook_marks import ERROR_COLOUR, HINT_COLOUR, LIST_SHEET, MARK_AUTHOR
from themeday_office.render.submitter.workbook_parts import UnsupportedWorkbook


@pytest.fixture
def ledger(tmp_path):
    with Ledger.open(tmp_path / "state") as opened:
        yield opened


def notice_of(ledger: Ledger, data: bytes, messages: list[tuple[str, str, str]], fmt: str = "xlsx"):
    """The notice of `data` rejected with `messages` as (severity, place, text)."""
    ledger.archive.put(data)
    stored = [StoredMessage(severity, "value_invalid", place, f"{place}{text}") for severity, place, text in messages]
    sub = ledger.record(CheckedFile(sha256=sha256_of(data), original_name=f"月报.{fmt}", inbox_path=f"月报.{fmt}",
                                    size=len(data), format=fmt, kind="monthly", unit="古荥镇党委", period="2017-03",
                                    messages=stored), auto_accept=False)
    ledger.reject(sub.id, "科员", "请改正")
    return notice_for(ledger, sub.id)


def saved(book: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def report() -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None  # a new workbook has its one sheet active
    ws.title = "月报"
    ws.append(["2017年3月份统计表"])
    ws.append(["序号", "党支部名称", "应到人数", "实到人数"])
    for n in range(1, 6):
        ws.append([n, f"第{n}党支部", 30, 28])
    ws.merge_cells("A1:D1")
    ws["B3"].font = openpyxl.styles.Font(bold=True)
    ws["D4"].comment = Comment("报送人的说明", "张三")
    ws["C6"].comment = Comment("另一条说明", "张三")
    return book


def load(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def test_marks_keep_the_submitters_values_styles_and_comments(ledger):
    original = saved(report())
    notice = notice_of(ledger, original, [
        ("错误", "月报!D4", "“实到人数”为 31，大于应到人数 30"),
        ("提示", "月报!B3", "党支部名称与名册不一致"),
        ("错误", "月报!C1", "标题写错"),          # inside the merged title: marks its top-left cell
        ("错误", "月报!F5", "多出一列"),          # a cell that does not exist yet
        ("提示", "月报!B40", "表格下方有内容"),    # a row that does not exist yet
        ("错误", "月报", "缺少“联建单位”列"),      # the whole sheet: in the list only
    ])
    book = load(mark_own_workbook(original, notice))
    ws = book["月报"]
    assert book.sheetnames == [LIST_SHEET, "月报"] and book.active is not None and book.active.title == LIST_SHEET
    assert [[c.value for c in row] for row in ws.iter_rows(max_row=7, max_col=4)] == [
        [c.value for c in row] for row in load(original)["月报"].iter_rows(max_row=7, max_col=4)]
    assert ws["B3"].font.b and ws["B3"].fill.fgColor.rgb.endswith(HINT_COLOUR)
    for ref in ("D4", "A1", "F5"):
        assert ws[ref].fill.fgColor.rgb.endswith(ERROR_COLOUR), ref
    assert ws["B40"].fill.fgColor.rgb.endswith(HINT_COLOUR)
    assert ws["D4"].comment.author == MARK_AUTHOR
    assert ws["D4"].comment.text == "错误：“实到人数”为 31，大于应到人数 30\n——原批注：报送人的说明"
    assert ws["C6"].comment.text == "另一条说明" and ws["C6"].comment.author == "张三"
    assert ws["A1"].comment.text == "错误：标题写错"
    assert not ws.sheet_view.tabSelected and book[LIST_SHEET].sheet_view.tabSelected
    links = {c.value: c.hyperlink.location for row in book[LIST_SHEET].iter_rows() for c in row if c.hyperlink}
    assert links == {"月报!D4": "'月报'!D4", "月报!B3": "'月报'!B3", "月报!C1": "'月报'!A1", "月报!F5": "'月报'!F5",
                     "月报!B40": "'月报'!B40"}


def test_a_package_returned_again_clears_the_old_marks_and_keeps_one_list(ledger):
    original = saved(report())
    first = mark_own_workbook(
        original, notice_of(ledger, original, [("错误", "月报!D4", "有误"), ("错误", "月报!D5", "有误")])
    )
    second = load(mark_own_workbook(first, notice_of(ledger, first, [("提示", "月报!D5", "请核实")])))
    ws = second["月报"]
    assert second.sheetnames == [LIST_SHEET, "月报"]
    assert ws["D4"].fill.fill_type is None and ws["D4"].comment is None  # its old comment went into the mark
    assert ws["C6"].comment.text == "另一条说明"
    assert ws["D5"].fill.fgColor.rgb.endswith(HINT_COLOUR) and ws["D5"].comment.text == "提示：请核实"


def test_sheet_scoped_names_stay_on_their_sheets(ledger):
    book = report()
    book.create_sheet("附表")
    book["月报"].print_title_rows = "1:2"
    book["附表"].defined_names["本表范围"] = DefinedName("本表范围", attr_text="'附表'!$A$1:$B$2")
    original = saved(book)
    marked = load(mark_own_workbook(original, notice_of(ledger, original, [("错误", "附表!A1", "空表")])))
    assert marked.sheetnames == [LIST_SHEET, "月报", "附表"]
    assert marked["月报"].print_title_rows == load(original)["月报"].print_title_rows
    assert "本表范围" in marked["附表"].defined_names and marked["附表"]["A1"].fill.fgColor.rgb.endswith(ERROR_COLOUR)


def test_a_macro_workbook_comes_back_as_a_plain_xlsx(ledger):
    original = _with_macros(saved(report()))
    assert read_bytes(original, "月报.xlsm").format.value == "xlsm"
    marked = mark_own_workbook(original, notice_of(ledger, original, [("错误", "月报!D4", "有误")], fmt="xlsm"))
    with zipfile.ZipFile(io.BytesIO(marked)) as z:
        assert "xl/vbaProject.bin" not in z.namelist()
        assert b"macroEnabled" not in z.read("[Content_Types].xml")
    assert read_bytes(marked, "退回.xlsx").format.value == "xlsx" and load(marked)["月报"]["D4"].comment


def test_prefixed_sheet_xml_and_an_empty_sheet_are_marked(ledger):
    book = report()
    book.create_sheet("空表")
    original = _prefixed(saved(book), "xl/worksheets/sheet1.xml")
    marked = load(mark_own_workbook(original, notice_of(ledger, original, [
        ("错误", "月报!D4", "有误"), ("错误", "空表!B2", "不应为空")])))
    assert marked["月报"]["D4"].fill.fgColor.rgb.endswith(ERROR_COLOUR) and marked["月报"]["D4"].value == 28
    assert marked["空表"]["B2"].fill.fgColor.rgb.endswith(ERROR_COLOUR) and marked["空表"]["B2"].comment


def test_layouts_the_editor_cannot_place_go_to_openpyxl(ledger):
    original = _replace(saved(report()), "xl/worksheets/sheet1.xml", rb'<c r="[A-Z]+[0-9]+"', b"<c")
    notice = notice_of(ledger, original, [("错误", "月报!D4", "有误")])
    with pytest.raises(UnsupportedWorkbook):
        mark_own_workbook(original, notice)
    body, suffix = package_in_parser(read_bytes(original, "月报.xlsx"), "月报.xlsx", True, (notice, original))
    assert suffix == ".xlsx" and load(body)["月报"]["D4"].comment.author == MARK_AUTHOR


def test_hostile_message_text_stays_text_within_excels_limits(ledger):
    original = saved(report())
    long_text = "批" * 32_782
    notice = notice_of(
        ledger, original, [("错误", "月报!D4", long_text), ("错误", "月报!D5", '=HYPERLINK("x")_x0001_\x01')]
    )
    data = mark_own_workbook(original, notice)
    ws = load(data)["月报"]
    assert utf16_length(ws["D4"].comment.text) <= COMMENT_MAX and ws["D4"].comment.text.endswith("字从略）")
    assert ws["D5"].comment.text == "错误：=HYPERLINK(\"x\")_x005F_x0001_\ufffd"
    listed = load(data)[LIST_SHEET]
    texts = [c for row in listed.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert texts and all(c.data_type == "s" and c.quotePrefix for c in texts)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert not any(b"<f>" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_a_return_comment_beyond_excels_limit_is_cut_with_a_note(ledger, tmp_path):
    original = saved(report())
    notice = notice_of(ledger, original, [("错误", "月报!D4", "错" * 32_782)])
    package = write_return_package(ledger, notice.submission.id, tmp_path / "outbox")
    comment = load(package.read_bytes())["月报"]["D4"].comment.text
    assert utf16_length(comment) <= COMMENT_MAX
    assert re.search(r"……（超出 Excel 批注长度上限，以下 \d+ 字从略）$", comment)


def test_libreoffice_opens_the_package(ledger, tmp_path, soffice):
    original = saved(report())
    package = tmp_path / "package.xlsx"
    package.write_bytes(mark_own_workbook(original, notice_of(ledger, original, [("错误", "月报!D4", "有误")])))
    subprocess.run([str(soffice), "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path), str(package)],
                   check=True, capture_output=True, timeout=180)
    assert "错误清单" in (tmp_path / "package.csv").read_text(encoding="utf-8", errors="replace")


# ---- files made odd on purpose -------------------------------------------------------------------


def _rezip(data: bytes, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = change(info.filename, source.read(info))
            if body is not None:
                target.writestr(info.filename, body)
        for name, body in change(None, None) or ():
            target.writestr(name, body)
    return out.getvalue()


def _replace(data: bytes, part: str, pattern: bytes, replacement: bytes) -> bytes:
    return _rezip(data, lambda name, body: None if name is None else
                  (re.sub(pattern, replacement, body) if name == part else body))


def _prefixed(data: bytes, part: str) -> bytes:
    def prefix(body: bytes) -> bytes:
        body = body.replace(b'<worksheet xmlns="', b'<x:worksheet xmlns:x="', 1)
        return re.sub(rb"<(/?)(?!x:)([A-Za-z]+)([\s>/])", rb"<\1x:\2\3", body)

    return _rezip(data, lambda name, body: None if name is None else (prefix(body) if name == part else body))


def _with_macros(data: bytes) -> bytes:
    def change(name, body):
        if name is None:
            return [("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 not really a project")]
        if name == "[Content_Types].xml":
            body = body.replace(b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                                b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
            return body.replace(b"<Default ", b'<Default Extension="bin" '
                                b'ContentType="application/vnd.ms-office.vbaProject"/><Default ', 1)
        if name == "xl/_rels/workbook.xml.rels":
            return body.replace(b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.microsoft.com/'
                                b'office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>')
        return body

    return _rezip(data, change)
