"""Every document passes the builder's layout measurements (tests/render/test_layout.py) on
LibreOffice's rendering: type area, organ mark, red line, 22-line pitch, page numbers, 版记,
attachments on a new page, signature, titles broken between words."""

from __future__ import annotations

from itertools import pairwise

import pytest

from tests.documents.conftest import LAYOUT_KINDS
from tests.render.pdf_probe import ink
from tests.render.test_layout import (
    BOTTOM,
    CHAR_MM,
    LEFT,
    LINE_MM,
    RIGHT,
    SMALL_CHAR_MM,
    TOP,
    body,
    page_number,
)
from themeday_office.render.gbt9704 import Paragraph, Table
from themeday_office.render.gbt9704.measures import SIZE_2, TYPE_WIDTH
from themeday_office.render.gbt9704.title_lines import title_lines

pytestmark = pytest.mark.slow


# A line may end in a full-width mark hanging past the right edge: the builder leaves Word's
# default 允许标点溢出边界 (w:overflowPunct) on, and LibreOffice hangs such a mark as Word does.
HANGING = tuple("，。、；：！？”’）》")


@pytest.mark.parametrize("kind", LAYOUT_KINDS)
def test_text_stays_in_the_type_area_and_starts_at_the_left_margin(rendered_documents, kind):
    doc = rendered_documents[kind]
    flush_left = []
    for page in doc.pages:
        for line in body(page):
            right = RIGHT + (CHAR_MM if line.text.endswith(HANGING) else 0)
            assert line.left >= LEFT - 0.5 and line.right <= right + 0.5, (kind, page.number, line)
            assert line.top >= TOP - 0.5 and line.bottom <= BOTTOM + 0.5, (kind, page.number, line)
            centred = abs((line.left + line.right) / 2 - (LEFT + RIGHT) / 2) < 2 and line.left > LEFT + 1.5
            if line.left < LEFT + 3 and len(line.text) >= 20 and not centred:
                flush_left.append(line.left)
    assert flush_left, kind  # body paragraphs wrap back to the margin
    assert all(abs(left - LEFT) <= 1.5 for left in flush_left), kind


@pytest.mark.parametrize("kind", LAYOUT_KINDS)
def test_header_block_mark_at_35mm_red_line_4mm_below_the_number(rendered_documents, kind):
    doc = rendered_documents[kind]
    page = ink(doc.pdf, 1)
    mark, number = doc.pages[0].find("组织部文件"), doc.pages[0].find("惠组")
    assert abs(page.rows("red", 0.3, bottom_mm=mark.bottom)[0] - 72) <= 2
    left, right = page.inked("red", mark.top, mark.bottom)
    assert left <= mark.left + 2 and right >= mark.right - 2 and left >= LEFT - 0.5 and right <= RIGHT + 0.5
    number_ink = page.rows("dark", 0.3, number.top, number.bottom)
    rule = page.rows("red", 140, number.bottom - 2, number.bottom + 10)
    assert rule, kind
    assert abs((rule[0] + rule[-1]) / 2 - number_ink[-1] - 4) <= 1
    rule_left, rule_right = page.inked("red", rule[0], rule[-1])
    assert abs(rule_left - LEFT) <= 0.5 and abs(rule_right - RIGHT) <= 0.5
    assert not page.rows("red", 0.3, top_mm=rule[-1] + 3)  # nothing red below the line


@pytest.mark.parametrize("kind", LAYOUT_KINDS)
def test_body_lines_keep_the_28_95pt_pitch(rendered_documents, world, kind):
    doc = rendered_documents[kind]
    built = world.drafts[kind][0].build(None, None)
    texts = [b.text for b in built.blocks if isinstance(b, Paragraph)]
    texts += [b.text for a in built.attachments for b in a.blocks if isinstance(b, Paragraph)]
    # A cell can hold a name a paragraph also names (郑州农业高新区党工委): not a body line.
    cells = {str(c) for blocks in (built.blocks, *(a.blocks for a in built.attachments))
             for b in blocks if isinstance(b, Table) for row in (b.columns, *b.rows) for c in row}

    def in_body(line) -> bool:  # a line of a body paragraph (not a table cell, title or 版记)
        return len(line.text) >= 8 and line.text not in cells and any(line.text in t for t in texts)

    pitches = []
    for page in doc.pages:
        lines = [line for line in body(page) if in_body(line)]
        pitches += [b.top - a.top for a, b in pairwise(lines) if b.top - a.top < LINE_MM + 1.5]
    assert len(pitches) >= 3, kind
    assert all(abs(p - LINE_MM) < 0.2 for p in pitches), (kind, pitches)


@pytest.mark.parametrize("kind", LAYOUT_KINDS)
def test_page_numbers_below_the_type_area_right_on_odd_left_on_even(rendered_documents, kind):
    for page in rendered_documents[kind].pages:
        number = page_number(page)
        assert number.text == f"\u2014{page.number}\u2014"
        assert abs(number.top - BOTTOM - 7) <= 2, (kind, number)
        if page.number % 2:
            assert abs(RIGHT - number.right - SMALL_CHAR_MM) <= 1.5, (kind, number)
        else:
            assert abs(number.left - LEFT - SMALL_CHAR_MM) <= 1.5, (kind, number)


@pytest.mark.parametrize("kind", LAYOUT_KINDS)
def test_colophon_last_rule_on_the_type_area_bottom_of_the_last_page(rendered_documents, kind):
    doc = rendered_documents[kind]
    last = doc.pages[-1]
    issued = last.find("印发")
    assert abs(RIGHT - issued.right - SMALL_CHAR_MM) <= 1
    rules = ink(doc.pdf, last.number).rows("dark", 150, top_mm=issued.top - 15)
    assert abs(rules[-1] - 262) <= 2, (kind, rules[-1])


@pytest.mark.parametrize("kind", [k for k in LAYOUT_KINDS if k in ("monthly", "quarterly", "annual", "themes")])
def test_attachment_starts_a_new_page_with_its_label_on_line_one(rendered_documents, kind):
    pages = rendered_documents[kind].pages
    labelled = [p for p in pages if body(p) and body(p)[0].text == "附件"]
    assert len(labelled) == 1, kind
    label = body(labelled[0])[0]
    assert abs(label.left - LEFT) <= 1 and label.top <= 41


@pytest.mark.parametrize("kind", LAYOUT_KINDS)
def test_signature_date_four_characters_in_when_sealed_two_when_not(rendered_documents, world, kind):
    doc = rendered_documents[kind]
    draft = world.drafts[kind][0]
    built = draft.build(None, None)
    date_text = f"{built.date.year}年{built.date.month}月{built.date.day}日"
    page = next(p for p in doc.pages if any(line.text == date_text for line in body(p)))
    date = page.line(date_text)
    organ = [line for line in body(page) if line.text == built.signature_organ and line.top < date.top][-1]
    assert 0 < date.top - organ.top <= LINE_MM + 0.5
    if built.sealed:
        assert abs(RIGHT - date.right - 4 * CHAR_MM) <= 1.5, (kind, date)
    else:
        assert abs(RIGHT - organ.right - 2 * CHAR_MM) <= 1.5, (kind, organ)


def test_a_full_page_of_the_bulletin_holds_22_lines(rendered_documents):
    lines = body(rendered_documents["monthly"].pages[1])  # page 2: body text only
    assert len(lines) == 22, [line.text for line in lines]
    assert abs(lines[0].top - TOP) <= 4


# Titles broken where the sense allows (GB/T 9704 7.3.3), not where LibreOffice's line was full
# (…活动开展情⏎况的通报).
TITLE_LINES = {
    "monthly": (["关于2017年3月份“主题党日”", "活动开展情况的通报"],
                ["2017年3月份各党（工）委", "“主题党日”活动开展情况统计表"]),
    "quarterly": (["关于2017年第一季度", "“主题党日”活动考核结果的通报"],
                  ["2017年第一季度各党（工）委", "“主题党日”活动考核结果"]),
    "annual": (["关于2017年度“主题党日”", "活动评定结果的通报"], ["2017年度各党（工）委", "“主题党日”活动评定结果"]),
    "return": (["关于退回区直机关工委2017年3月", "《月度开展情况统计表》的通知"], None),
}


@pytest.mark.parametrize("kind", LAYOUT_KINDS)
def test_a_long_title_breaks_between_words_into_centred_lines(rendered_documents, world, kind):
    built = world.drafts[kind][0].build(None, None)
    capacity = TYPE_WIDTH / (SIZE_2 * 10)
    wanted = [(title_lines(built.title, capacity), rendered_documents[kind].pages[0])]
    for attachment in built.attachments:
        page = next(p for p in rendered_documents[kind].pages if body(p) and body(p)[0].text == "附件")
        wanted.append((title_lines(attachment.title, capacity), page))
    if kind in TITLE_LINES:
        title, attachment_title = TITLE_LINES[kind]
        assert wanted[0][0] == title
        assert attachment_title is None or wanted[1][0] == attachment_title
    for lines, page in wanted:
        # Each line is set as broken (LibreOffice wrapped none of them again), centred, one under the other.
        found = [page.line(text) for text in lines]
        for line in found:
            assert abs((line.left + line.right) / 2 - (LEFT + RIGHT) / 2) <= 1.5, (kind, line)
        assert all(0 < b.top - a.top < 15 for a, b in pairwise(found)), (kind, found)
