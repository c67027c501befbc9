"""The rendered page (LibreOffice -> PDF), measured against GB/T 9704-2012.

Text positions come from pdftotext's boxes, colours and rules from the rasterised page.
LibreOffice substitutes Noto CJK for the office fonts; tolerances allow for its metrics.
"""

from __future__ import annotations

import pytest

from tests.render.documents import LINE_END_PUNCTUATION, ORGAN
from tests.render.pdf_probe import TextLine, TextPage, ink
from themeday_office.render.gbt9704.notation import text_width

pytestmark = pytest.mark.slow

LEFT, RIGHT, TOP, BOTTOM = 28.0, 184.0, 37.0, 262.0  # the type area, mm from the paper's edges
LINE_MM = 28.95 * 25.4 / 72
CHAR_MM = 15.75 * 25.4 / 72  # one 3号 character with -0.25 pt spacing
SMALL_CHAR_MM = 14 * 25.4 / 72  # one 4号 character


def body(page: TextPage) -> list[TextLine]:
    """Lines inside the type area's height (the page number is below it)."""
    return [line for line in page.lines if line.top < BOTTOM]


def page_number(page: TextPage) -> TextLine:
    (line,) = [line for line in page.lines if line.top > BOTTOM]
    return line


def test_text_starts_at_the_left_margin_and_stays_in_the_type_area(rendered):
    flush_left = []
    for name in ("sample", "probe"):
        for page in rendered[name].pages:
            for line in body(page):
                assert line.left >= LEFT - 0.5 and line.right <= RIGHT + 0.5, (name, page.number, line)
                assert line.top >= TOP - 0.5 and line.bottom <= BOTTOM + 0.5, (name, page.number, line)
                centred = abs((line.left + line.right) / 2 - (LEFT + RIGHT) / 2) < 2 and line.left > LEFT + 1.5
                if line.left < LEFT + 3 and len(line.text) >= 20 and not centred:
                    flush_left.append(line.left)
    assert len(flush_left) > 40
    assert all(abs(left - LEFT) <= 1.5 for left in flush_left)


def test_organ_mark_top_is_35mm_below_the_type_area_top(rendered):
    page = ink(rendered["sample"].pdf, 1)
    mark = rendered["sample"].pages[0].find("组织部文件")
    red_rows = page.rows("red", 0.3, bottom_mm=mark.bottom)
    assert abs(red_rows[0] - 72) <= 2, red_rows[0]


def test_mark_and_separator_line_are_red(rendered):
    sample = rendered["sample"]
    page = ink(sample.pdf, 1)
    mark, number = sample.pages[0].find("组织部文件"), sample.pages[0].find("惠组")
    left, right = page.inked("red", mark.top, mark.bottom)
    assert left <= mark.left + 2 and right >= mark.right - 2  # the whole mark is red
    assert not page.rows("dark", 0.5, mark.top, mark.bottom)  # and nothing of it black
    rule = page.rows("red", 140, number.bottom - 2, number.bottom + 10)
    assert rule, "no red line of at least 140 mm below the 发文字号"
    rule_left, rule_right = page.inked("red", rule[0], rule[-1])
    assert abs(rule_left - LEFT) <= 0.5 and abs(rule_right - RIGHT) <= 0.5  # as wide as the type area
    # The star sits in the line's middle; the body text below is black.
    star = page.span("red", rule[0] - 2, rule[-1] + 2)
    assert star and page.inked("red", rule[0] - 2, rule[0] - 0.3)[0] == pytest.approx((LEFT + RIGHT) / 2, abs=4)
    assert not page.rows("red", 0.3, top_mm=rule[-1] + 3)


def test_red_line_is_4mm_below_the_doc_number(rendered):
    sample = rendered["sample"]
    page = ink(sample.pdf, 1)
    number = sample.pages[0].find("惠组")
    number_ink = page.rows("dark", 0.3, number.top, number.bottom)
    rule = page.rows("red", 140, number.bottom - 2, number.bottom + 10)
    gap = (rule[0] + rule[-1]) / 2 - number_ink[-1]
    assert abs(gap - 4) <= 1, gap


def test_page_two_starts_at_the_type_area_top(rendered):
    first = body(rendered["probe"].pages[1])[0]
    assert 37 <= first.top <= 41, first


def test_a_full_page_holds_22_lines_of_28_characters(rendered):
    page = rendered["probe"].pages[1]
    lines = body(page)
    assert len(lines) == 22
    pitches = [b.top - a.top for a, b in zip(lines, lines[1:], strict=False)]
    assert all(abs(p - LINE_MM) < 0.15 for p in pitches), pitches
    assert max(len(line.text) for line in lines) == 28
    full = [line for line in lines if len(line.text) == 28]
    assert len(full) >= 10
    assert all(abs(line.right - RIGHT) <= 0.6 for line in full)


def test_page_numbers_below_the_type_area_right_on_odd_left_on_even(rendered):
    pages = rendered["probe"].pages
    assert len(pages) == 5
    for page in pages:
        number = page_number(page)
        assert number.text == f"\u2014{page.number}\u2014"
        assert abs(number.top - BOTTOM - 7) <= 2, number
        if page.number % 2:
            assert abs(RIGHT - number.right - SMALL_CHAR_MM) <= 1.5, number
        else:
            assert abs(number.left - LEFT - SMALL_CHAR_MM) <= 1.5, number


def test_colophon_last_rule_is_on_the_type_area_bottom(rendered):
    for name in ("sample", "probe"):
        pages = rendered[name].pages
        last = pages[-1]
        copy_to, issued = last.find("抄送："), last.find("印发")
        assert issued.top > copy_to.top
        rules = ink(rendered[name].pdf, last.number).rows("dark", 150, top_mm=copy_to.top - 5)
        assert abs(rules[-1] - 262) <= 2, (name, rules[-1])
        # First rule above 抄送, a thin one between, the last below 印发: three rules.
        bands = [r for r, prev in zip(rules, [None, *rules], strict=False) if prev is None or r - prev > 1]
        assert len(bands) == 3, rules
        assert abs(copy_to.left - LEFT - SMALL_CHAR_MM) <= 1  # one character in
        assert abs(RIGHT - issued.right - SMALL_CHAR_MM) <= 1


def test_attachment_starts_a_new_page_with_its_label_on_the_first_line(rendered):
    page = rendered["probe"].pages[-1]
    label = body(page)[0]
    assert label.text == "附件" and abs(label.left - LEFT) <= 1 and label.top <= 41
    title = page.find("指导性主题")
    assert abs(title.top - label.top - 2 * LINE_MM) <= 3  # on line 3 (its type is larger)


def test_sealed_signature_date_four_characters_in_and_name_centred_above(rendered):
    page = rendered["sample"].pages[-1]
    organ, date = page.line(ORGAN), page.line("2017年2月20日")
    assert abs(RIGHT - date.right - 4 * CHAR_MM) <= 1.5, date
    assert 0 < date.top - organ.top <= LINE_MM + 0.5
    # LibreOffice ignores w:autoSpaceDN and widens the date with space around its digits, so
    # the name's centre is checked against the date's width in characters (6.5: half-width
    # digits), which is how Word and WPS set it.
    date_centre = RIGHT - 4 * CHAR_MM - text_width(date.text) * CHAR_MM / 2
    assert abs((organ.left + organ.right) / 2 - date_centre) <= 1.5, (organ, date_centre)


def test_punctuation_past_a_full_line_is_printed(rendered):
    """A 、，or 。 that does not fit a full line takes the line's last character to the next line:
    left hanging past the margin (LibreOffice's default for Chinese), the PDF drops it."""
    lines = [line for page in rendered["punctuation"].pages for line in body(page)]
    text = "".join(line.text for line in lines)
    assert text.count(LINE_END_PUNCTUATION) == 2, text
    for line in lines:
        assert line.right <= RIGHT + 0.5, line
        assert not line.text.startswith(("、", "，", "。")), line
