"""Tables: widths from the contents, header rows that repeat, rows that do not split; one rate format."""

from __future__ import annotations

import datetime

import pytest
from docx.oxml.ns import qn

from themeday_office.render.documents.common import rate_text
from themeday_office.render.gbt9704 import OfficialDocument, Paragraph, Table, build_docx
from themeday_office.render.gbt9704.measures import TABLE_CHAR, TYPE_WIDTH
from themeday_office.render.gbt9704.table_widths import column_widths, header_text, text_chars, unbreakable

COLUMNS = ["党（工）委", "已开展/支部数", "开展率", "按时开展率", "时长达标率", "参与率", "报送"]
ROWS = [["河南惠济经开区（郑州惠济特色商业区）党工委", "347/400", "86.8%", "99.7%", "100%", "95.4%", "27/32"],
        ["老鸦陈街道党工委", "0/15", "0%", "—", "—", "—", "未报送"]]


@pytest.mark.parametrize("rate, text", [(0, "0%"), (1, "100%"), (0.95, "95.0%"), (0.9516, "95.2%"),
                                        (0.9996, "99.9%"), (0.0004, "0.1%"), (2 / 3, "66.7%")])
def test_one_rate_format(rate, text):
    assert rate_text(rate) == text


def test_figures_and_short_words_get_their_width_names_wrap():
    margin = 57
    widths = column_widths(TYPE_WIDTH, COLUMNS, ROWS, TABLE_CHAR, margin)
    assert sum(widths) == TYPE_WIDTH
    room = [(w - 2 * margin) / TABLE_CHAR for w in widths]
    for row in (*ROWS, COLUMNS):
        for i, text in enumerate(row):
            if unbreakable(text):
                assert text_chars(text) <= room[i], (text, room[i])
    assert not unbreakable(ROWS[0][0]) and unbreakable("按时开展率") and unbreakable("347/400")
    assert room[0] == max(room)  # the names' column takes what is left


def test_table_rows_repeat_the_header_and_never_split():
    doc = OfficialDocument(
        organ_mark="中共郑州市惠济区委组织部文件", doc_number=None, title="测试表格",
        addressees=["各党（工）委"], blocks=[Paragraph("正文。"), Table(COLUMNS, ROWS * 20)],
        signature_organ="中共郑州市惠济区委组织部", date=datetime.date(2017, 3, 1), issuer="办公室",
        issue_date=datetime.date(2017, 3, 1))
    body = build_docx(doc).element.body
    (table,) = [t for t in body.iter(qn("w:tbl")) if len(t.findall(qn("w:tr"))) > 40]
    rows = table.findall(qn("w:tr"))
    assert rows[0].find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    assert all(r.find(qn("w:trPr")).find(qn("w:tblHeader")) is None for r in rows[1:])
    assert all(r.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None for r in rows)
    # Quotation marks, dashes and ellipses are in the body font, East-Asian slot and hint.
    for run in body.iter(qn("w:r")):
        text = "".join(t.text or "" for t in run.iter(qn("w:t")))
        if any(ch in text for ch in "“”—…"):
            fonts = run.find(qn("w:rPr")).find(qn("w:rFonts"))
            assert fonts.get(qn("w:eastAsia")) == fonts.get(qn("w:ascii")) == "仿宋_GB2312"
            assert fonts.get(qn("w:hint")) == "eastAsia"


def test_dates_stay_on_one_line_and_headers_break_only_where_they_may():
    assert unbreakable("10月13日") and unbreakable("2017年3月10日") and unbreakable("2017年")
    assert not unbreakable("第一季度各单位的活动安排")
    assert header_text("已开展/支部数", 10) == "已开展/支部数"
    assert header_text("已开展/支部数", 4) == "已开展/\n支部数"
    assert header_text("按时\n开展率", 6) == "按时开展率" and header_text("按时\n开展率", 3.5) == "按时\n开展率"
    # A header's designated break lets its column be as narrow as its figures, the names get the room.
    plain = column_widths(TYPE_WIDTH, COLUMNS, ROWS, TABLE_CHAR, 57)
    broken = column_widths(TYPE_WIDTH, [c.replace("开展率", "\n开展率").replace("达标率", "\n达标率") if c.startswith(
        ("按时", "时长")) else c for c in COLUMNS], ROWS, TABLE_CHAR, 57)
    assert broken[0] > plain[0] and broken[3] < plain[3]
