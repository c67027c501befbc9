"""The declarative document refuses what would print wrongly."""

import datetime
from typing import Any

import pytest

from themeday_office.render.gbt9704 import Attachment, DocumentStyle, Heading, OfficialDocument, Paragraph, Table

DAY = datetime.date(2017, 4, 5)


def document(**changes: Any) -> OfficialDocument:
    fields: dict[str, Any] = dict(
        organ_mark="中共郑州市惠济区委组织部文件",
        doc_number="惠组〔2017〕12号",
        title="关于……的通知",
        addressees=["各乡镇（街道）党（工）委"],
        blocks=[Paragraph("正文。")],
        signature_organ="中共郑州市惠济区委组织部",
        date=DAY,
        issuer="中共郑州市惠济区委组织部办公室",
        issue_date=DAY,
    )
    fields.update(changes)
    return OfficialDocument(**fields)


@pytest.mark.parametrize(
    "number", ["惠组[2017]12号", "惠组〔2017〕012号", "惠组〔17〕12号", "惠组〔2017〕第12号", "〔2017〕12号"]
)
def test_doc_number_must_follow_the_standard_pattern(number):
    with pytest.raises(ValueError, match="发文字号"):
        document(doc_number=number)


def test_a_document_without_number_is_allowed():
    assert document(doc_number=None).doc_number is None


@pytest.mark.parametrize("text", ["一、总体要求", "（二）学习", "3.按时", "（4）如实"])
def test_headings_must_not_carry_their_own_label(text):
    with pytest.raises(ValueError, match="序号"):
        Heading(1, text)


def test_heading_levels_are_one_to_four():
    with pytest.raises(ValueError):
        Heading(5, "标题")


def test_table_rows_must_match_the_header():
    with pytest.raises(ValueError, match="第2行"):
        Table(["单位", "人数"], [["甲", 1], ["乙"]])
    with pytest.raises(ValueError):
        Table(["单位", "人数"], [], widths=[1, 0])


def test_attachment_note_must_list_every_attachment():
    with pytest.raises(ValueError, match="附件"):
        document(attachment_note=["甲", "乙"], attachments=[Attachment("甲")])
    assert document(attachments=[Attachment("甲表")]).attachment_names == ["甲表"]


def test_issue_date_not_before_the_signature_date():
    with pytest.raises(ValueError, match="印发日期"):
        document(issue_date=datetime.date(2017, 4, 4))


def test_document_style_is_a_strict_frozen_settings_section_with_chinese_descriptions():
    style = DocumentStyle()
    assert (style.title_font, style.text_font, style.heading1_font, style.heading2_font, style.page_number_font) == (
        "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体")
    for name, field in DocumentStyle.model_fields.items():
        assert field.description and any("\u4e00" <= ch <= "\u9fff" for ch in field.description), name
    with pytest.raises(ValueError):
        DocumentStyle(colour="FF0000")  # type: ignore[call-arg]  # an unknown setting, refused
    with pytest.raises(ValueError):
        DocumentStyle(red="red")
    with pytest.raises(ValueError):
        DocumentStyle(text_font="  ")
    with pytest.raises(ValueError):
        style.star = False  # type: ignore[misc]  # frozen: assignment refused
    assert DocumentStyle(red="c00000").red == "C00000"
