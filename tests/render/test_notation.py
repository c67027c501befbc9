"""How figures are written: document numbers, dates, heading labels, widths."""

import datetime
import re

import pytest

from themeday_office.render.gbt9704 import format_doc_number, zh_date
from themeday_office.render.gbt9704.notation import chinese_numeral, heading_label, text_width

DOC_NUMBER = re.compile(r"〔\d{4}〕[1-9]\d*号")


@pytest.mark.parametrize(
    ("prefix", "year", "n", "expected"),
    [
        ("惠组", 2017, 12, "惠组〔2017〕12号"),
        ("惠组", 2017, 1, "惠组〔2017〕1号"),
        (" 惠组电 ", 2018, 105, "惠组电〔2018〕105号"),
    ],
)
def test_doc_number_has_full_year_in_hexagonal_brackets_and_no_leading_zero(prefix, year, n, expected):
    number = format_doc_number(prefix, year, n)
    assert number == expected
    assert "\u3014" in number and "\u3015" in number
    assert DOC_NUMBER.search(number)


@pytest.mark.parametrize(
    ("prefix", "year", "n"), [("惠组", 2017, 0), ("惠组", 17, 3), ("", 2017, 3), ("惠组", 2017, -2)]
)
def test_doc_number_rejects_what_the_standard_does_not_allow(prefix, year, n):
    with pytest.raises(ValueError):
        format_doc_number(prefix, year, n)


def test_dates_use_arabic_numerals_without_leading_zeros():
    assert zh_date(datetime.date(2017, 4, 5)) == "2017年4月5日"
    assert zh_date(datetime.date(2017, 12, 25)) == "2017年12月25日"


@pytest.mark.parametrize(
    ("n", "text"), [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三"), (99, "九十九")]
)
def test_chinese_numerals(n, text):
    assert chinese_numeral(n) == text


def test_heading_labels_per_level():
    assert [heading_label(level, 2) for level in (1, 2, 3, 4)] == ["二、", "（二）", "2.", "（2）"]
    with pytest.raises(ValueError):
        heading_label(5, 1)


def test_text_width_counts_half_width_digits_as_half_a_character():
    assert text_width("2017年4月5日") == 6
    assert text_width("中共郑州市惠济区委组织部") == 12
