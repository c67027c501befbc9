"""Dates and months as they arrive: `2017年3月10日`, `2017.3.10`, `3月10日`, Excel serials, date cells."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from themeday_office.domain.period import Period
from themeday_office.domain.values.raw import Raw, ValueProblem, is_blank
from themeday_office.domain.values.text import small_number, squeeze, zh_number

# Excel's 1900 date system counts from 1899-12-30 (it believes 1900 was a leap year).
_EXCEL_EPOCH = date(1899, 12, 30)
# Serials outside these years are far more likely a count or a typo than a date.
_PLAUSIBLE_YEARS = range(1990, 2101)

_FULL = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$")
_DOTTED = re.compile(r"^(\d{4})[./\-](\d{1,2})[./\-](\d{1,2})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NO_YEAR = re.compile(r"^(\d{1,2})月(\d{1,2})[日号]?$")
_NO_YEAR_DOTTED = re.compile(r"^(\d{1,2})[./\-](\d{1,2})$")
# A weekday or remark in brackets after the date: 2017年3月10日（星期五）.
_TRAILING_NOTE = re.compile(r"\([^)]*\)$")
# str(datetime) or an ISO timestamp: keep the date part.
_TIMESTAMP = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")

_MONTH_FULL = re.compile(r"^(\d{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月份?$")
_MONTH_DOTTED = re.compile(r"^(\d{4})[./\-](\d{1,2})$")
_MONTH_COMPACT = re.compile(r"^(\d{4})(\d{2})$")
_MONTH_ONLY = re.compile(r"^(\d{1,2}|[一二三四五六七八九十]{1,3})月份?$")

DATE_HINT = "无法识别为日期（可写作 2017年3月10日、2017.3.10 或 2017/3/10）"
MONTH_HINT = "无法识别为月份（可写作 2017年3月 或 2017-03）"


def parse_date(value: Raw, year: int | None = None) -> date | None:
    """A date, or None for a blank cell. `year` completes dates written without one (3月10日)."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise ValueProblem(DATE_HINT)
    if isinstance(value, (int, float)):
        return _from_number(value)
    if not isinstance(value, str):
        raise ValueProblem(DATE_HINT)
    text = value.strip()
    if m := _TIMESTAMP.match(text):
        text = m.group(1)
    s = _TRAILING_NOTE.sub("", squeeze(text))
    for pattern in (_FULL, _DOTTED, _COMPACT):
        if m := pattern.match(s):
            return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    for pattern in (_NO_YEAR, _NO_YEAR_DOTTED):
        if m := pattern.match(s):
            if year is None:
                raise ValueProblem("没有年份，无法确定日期（请写作 2017年3月10日）")
            return _make(year, int(m.group(1)), int(m.group(2)))
    raise ValueProblem(DATE_HINT)


def parse_month(value: Raw, year: int | None = None) -> Period | None:
    """A month period (`2017年3月`, `2017年3月份`, `2017-03`, `2017.3`, a date cell), or None if blank."""
    if is_blank(value):
        return None
    if isinstance(value, (date, datetime)):
        return Period.of_month(value.year, value.month)
    if isinstance(value, bool):
        raise ValueProblem(MONTH_HINT)
    if isinstance(value, (int, float)):
        if float(value).is_integer() and 199001 <= value <= 210012:
            return _month(int(value) // 100, int(value) % 100)
        d = _from_number(value)
        return Period.of_month(d.year, d.month)
    s = squeeze(str(value))
    if m := _MONTH_FULL.match(s):
        return _month(int(m.group(1)), small_number(m.group(2)))
    for pattern in (_MONTH_DOTTED, _MONTH_COMPACT):
        if m := pattern.match(s):
            return _month(int(m.group(1)), int(m.group(2)))
    if m := _MONTH_ONLY.match(s):
        if year is None:
            raise ValueProblem("没有年份，无法确定月份（请写作 2017年3月）")
        return _month(year, small_number(m.group(1)))
    raise ValueProblem(MONTH_HINT)


def parse_month_number(value: Raw) -> int | None:
    """A plan's 月份: `3月`, `3月份`, `三月`, 3 — the month number, or None if blank."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ValueProblem("无法识别为月份（可写作 3月 或 3）")
    if isinstance(value, (date, datetime)):
        return value.month
    if isinstance(value, (int, float)):
        if not float(value).is_integer():
            raise ValueProblem("无法识别为月份（可写作 3月 或 3）")
        n = int(value)
    else:
        s = squeeze(str(value)).removesuffix("份").removesuffix("月")
        number = int(s) if s.isdigit() else zh_number(s)
        if number is None:
            raise ValueProblem("无法识别为月份（可写作 3月 或 3）")
        n = number
    if not 1 <= n <= 12:
        raise ValueProblem("月份应为 1 至 12")
    return n


def _from_number(value: int | float) -> date:
    if float(value).is_integer() and 19900101 <= value <= 21001231:
        s = str(int(value))  # 20170310 typed as a number
        return _make(int(s[:4]), int(s[4:6]), int(s[6:]))
    try:
        day = _EXCEL_EPOCH + timedelta(days=int(value))
    except (OverflowError, ValueError):  # inf, nan, or beyond the calendar
        day = None
    if day is None or day.year not in _PLAUSIBLE_YEARS:
        raise ValueProblem("不是有效的日期")
    return day


def _make(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        if not 1 <= month <= 12:
            raise ValueProblem("月份应为 1 至 12") from None
        raise ValueProblem(f"日期不存在（{year}年{month}月没有{day}日）") from None


def _month(year: int, month: int) -> Period:
    if not 1 <= month <= 12:
        raise ValueProblem("月份应为 1 至 12")
    return Period.of_month(year, month)
