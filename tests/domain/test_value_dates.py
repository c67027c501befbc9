from datetime import date, datetime

import pytest

from themeday_office.domain.period import Period
from themeday_office.domain.values import ValueProblem, parse_date, parse_month, parse_month_number

MARCH_10 = date(2017, 3, 10)


@pytest.mark.parametrize(
    "raw",
    [
        "2017年3月10日",
        "2017年03月10日",
        " 2017 年 3 月 10 日 ",
        "２０１７年３月１０日",  # full-width digits
        "2017年3月10号",
        "2017年3月10日（星期五）",
        "2017.3.10",
        "2017/3/10",
        "2017-03-10",
        "2017-03-10 00:00:00",
        "20170310",
        20170310,
        42804,  # Excel serial
        42804.0,
        42804.5,  # a date-time serial: the date part
        MARCH_10,
        datetime(2017, 3, 10, 8, 30),
    ],
)
def test_date_shapes(raw):
    assert parse_date(raw) == MARCH_10


@pytest.mark.parametrize("raw", ["3月10日", "3月10号", "3.10", "3/10"])
def test_dates_without_a_year_take_the_periods_year(raw):
    assert parse_date(raw, year=2017) == MARCH_10


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_blank_date_is_none(raw):
    assert parse_date(raw) is None


@pytest.mark.parametrize(
    "raw, reason",
    [
        ("3月10日", "没有年份"),
        ("2017年2月30日", "2017年2月没有30日"),
        ("2017年13月1日", "月份应为 1 至 12"),
        ("下周五", "无法识别为日期"),
        (12, "不是有效的日期"),  # a count in a date column, not a serial from this century
        (float("nan"), "不是有效的日期"),
        (True, "无法识别为日期"),
    ],
)
def test_bad_dates_say_why_in_chinese(raw, reason):
    with pytest.raises(ValueProblem, match=reason):
        parse_date(raw)


@pytest.mark.parametrize(
    "raw", ["2017年3月", "2017年3月份", "2017年三月", "2017-03", "2017.3", "2017/03", "201703", 201703, MARCH_10, 42804]
)
def test_month_shapes(raw):
    assert parse_month(raw) == Period.of_month(2017, 3)


def test_month_without_year_needs_one():
    assert parse_month("3月", year=2017) == Period.of_month(2017, 3)
    with pytest.raises(ValueProblem, match="没有年份"):
        parse_month("3月")
    with pytest.raises(ValueProblem, match="月份应为"):
        parse_month("2017年13月")


@pytest.mark.parametrize(
    "raw, month", [("3月", 3), ("3月份", 3), ("十二月", 12), ("一月", 1), (3, 3), (3.0, 3), ("１１", 11)]
)
def test_plan_month_numbers(raw, month):
    assert parse_month_number(raw) == month


@pytest.mark.parametrize("raw", ["13月", "0", 3.5, "春季"])
def test_bad_plan_month_numbers(raw):
    with pytest.raises(ValueProblem):
        parse_month_number(raw)
