"""Word documents: every paragraph and cell once, with text python-docx alone would lose."""

import io

import docx
import pytest

from tests.readers import craft
from tests.readers.craft import RECORD_TABLE
from themeday_office.readers import FileFormat, read_bytes


def _texts(document):
    return [(p.text, p.in_text_box) for p in document.paragraphs]


@pytest.mark.parametrize("source", ["python-docx", "lo_record.docx"])
def test_merged_cells_once_and_text_boxes_once(fixture_bytes, source):
    data = craft.docx_bytes(craft.record_document()) if source == "python-docx" else fixture_bytes(source)
    # python-docx's row.cells repeats a merged cell for every grid column it covers:
    table = docx.Document(io.BytesIO(data)).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["党支部名称"] + ["大河村党支部"] * 3

    document = craft.read_document(data, "记录表.docx")
    assert document.format is FileFormat.DOCX
    assert document.tables[0].rows == RECORD_TABLE
    # The text box is stored twice (DrawingML and VML fallback) and read once, after its anchor.
    assert _texts(document) == [
        ("主题党日活动记录表", False), ("填报单位：", False), ("古荥镇党委", True), ("记录人：张三", False)
    ]
    assert document.paragraphs[0].style == "Heading 1"
    assert str(document.tables[0].place(RECORD_TABLE[2][1])) == "表格1 第3行第2列"


def test_content_controls_are_unwrapped_at_every_level():
    document = docx.Document()
    date_line = document.add_paragraph("活动日期：")
    date_line._p.append(craft.w(craft.sdt(craft.run_xml("2017年3月10日"), alias="活动日期")))
    date_line._p.addnext(craft.w(craft.sdt(f"<w:p>{craft.run_xml('活动地点：党员活动室')}</w:p>", alias="地点")))
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "主持人", "李四"
    table.cell(1, 0).text, table.cell(1, 1).text = "记录人", "王五"
    craft.wrap_in_sdt(table.rows[1]._tr)  # a repeating-section row
    craft.wrap_in_sdt(table.cell(0, 1)._tc)  # a cell control
    prompt = document.add_paragraph("备注：")
    prompt._p.append(craft.w(craft.sdt(craft.run_xml("单击或点击此处输入文字。"), placeholder=True)))
    data = craft.docx_bytes(document)

    plain = docx.Document(io.BytesIO(data))
    assert [p.text for p in plain.paragraphs] == ["活动日期：", "备注："]  # what python-docx sees

    read = craft.read_document(data)
    assert [p.text for p in read.paragraphs] == ["活动日期：2017年3月10日", "活动地点：党员活动室", "备注："]
    assert [[c.text for c in row] for row in read.tables[0].rows] == [["主持人", "李四"], ["记录人", "王五"]]


def test_custom_properties_of_a_docx():
    data = craft.with_custom_properties(
        craft.docx_bytes(craft.record_document()), {"themeday_form": "record", "themeday_version": 2, "官方模板": True}
    )
    document = read_bytes(data)
    assert document.properties.custom == {"themeday_form": "record", "themeday_version": 2, "官方模板": True}


def test_nested_tables_and_legacy_horizontal_merges_keep_their_text():
    document = docx.Document()
    outer = document.add_table(rows=1, cols=3)
    outer.cell(0, 0).text = "缺席人员及原因"
    inner = outer.cell(0, 1).add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "张三", (0, 1): "出差", (1, 0): "李四", (1, 1): "病假"}.items():
        inner.cell(r, c).text = text
    # Old Word versions merge horizontally with hMerge instead of gridSpan.
    tc_props = outer.cell(0, 2)._tc.get_or_add_tcPr()
    tc_props.append(craft.w('<w:hMerge w:val="continue"/>'))
    read = craft.read_document(craft.docx_bytes(document))
    first, second = read.tables[0].rows[0]
    assert first.text == "缺席人员及原因"
    assert (second.col, second.col_span) == (1, 2)
    # The cell's own (empty) paragraphs around the nested table stay as lines.
    assert second.text == "\n张三\t出差\n李四\t病假\n"
