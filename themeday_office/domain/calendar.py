"""The district calendar: the Theme Party Day of each month, adjusted dates, holidays.

Holiday data comes from the `chinesecalendar` package, which knows the State
Council's published holidays and 调休 workdays for a fixed range of years and
raises for any other year. A year it does not cover is reported as missing (never
guessed); a clerk can fill it in with an override table, which also corrects single
dates in covered years.
"""

from __future__ import annotations

import calendar as _stdcal
import enum
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

import chinese_calendar

from themeday_office.domain.rules import CalendarRules

# chinesecalendar names holidays in English; clerks read Chinese.
HOLIDAY_NAMES_ZH: dict[str, str] = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

HolidayData = Literal["ok", "missing"]


def holiday_name_zh(name: str) -> str:
    """The Chinese name of a chinesecalendar holiday (unknown names pass through)."""
    return HOLIDAY_NAMES_ZH.get(name, name)


@dataclass(frozen=True)
class YearHolidays:
    """One year of a clerk-filled override table: statutory holidays and 调休 workdays."""

    holidays: dict[date, str] = field(default_factory=dict)
    workdays: dict[date, str] = field(default_factory=dict)


@dataclass(frozen=True)
class HolidayOverrides:
    """The workspace's override table (holidays.toml), as data. A year listed here counts as covered."""

    years: dict[int, YearHolidays] = field(default_factory=dict)


@dataclass(frozen=True)
class DayStatus:
    """What the holiday data says about one date."""

    day: date
    holiday: str | None  # Chinese name of the statutory holiday that day falls on
    adjusted_workday: str | None  # a weekend made a working day (调休), named by its holiday
    data: HolidayData
    source: Literal["chinesecalendar", "override"] | None

    @property
    def warning(self) -> str | None:
        """The clerk-facing warning for a Theme Party Day on this date, if any."""
        if self.data == "missing":
            return f"{self.day.year}年节假日数据缺失，无法判断{_zh_date(self.day)}是否为法定节假日"
        if self.holiday:
            return f"{_zh_date(self.day)}是法定节假日（{self.holiday}）"
        return None


class AdjustmentProblem(enum.Enum):
    OUTSIDE_WINDOW = "outside_window"
    OTHER_MONTH = "other_month"


@dataclass(frozen=True)
class AdjustmentVerdict:
    """Whether a committee may hold its Theme Party Day on `proposed` instead of the district date."""

    district_date: date
    proposed: date
    problem: AdjustmentProblem | None
    day: DayStatus
    window_days: int

    @property
    def allowed(self) -> bool:
        return self.problem is None

    @property
    def offset_days(self) -> int:
        return (self.proposed - self.district_date).days

    @property
    def text(self) -> str:
        """A Chinese sentence saying why the date is refused ("" when allowed)."""
        if self.problem is AdjustmentProblem.OUTSIDE_WINDOW:
            return (
                f"调整后日期{_zh_date(self.proposed)}与全区主题党日{_zh_date(self.district_date)}"
                f"相差{abs(self.offset_days)}天，超出前后{self.window_days}天的范围"
            )
        if self.problem is AdjustmentProblem.OTHER_MONTH:
            return (
                f"调整后日期{_zh_date(self.proposed)}不在{self.district_date.month}月内"
                f"（按规定须与全区主题党日同月）"
            )
        return ""


@dataclass(frozen=True)
class MonthDate:
    month: int
    day: date
    status: DayStatus


def _zh_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


class DistrictCalendar:
    """The district's Theme Party Day calendar under the configured rules."""

    def __init__(self, rules: CalendarRules | None = None, overrides: HolidayOverrides | None = None):
        self.rules = rules or CalendarRules()
        self.overrides = overrides or HolidayOverrides()
        # Both are asked once per branch row of every table.
        self._dates: dict[tuple[int, int], date] = {}
        self._windows: dict[tuple[int, int], tuple[date, date]] = {}

    def district_date(self, year: int, month: int) -> date:
        """The district date of a month: by default its second Friday."""
        day = self._dates.get((year, month))
        if day is None:
            day = self._dates[(year, month)] = self._district_date(year, month)
        return day

    def _district_date(self, year: int, month: int) -> date:
        weekday = self.rules.weekday - 1  # date.weekday(): Monday is 0
        first = date(year, month, 1)
        first_match = first + timedelta(days=(weekday - first.weekday()) % 7)
        day = first_match + timedelta(weeks=self.rules.week_ordinal - 1)
        if day.month != month:  # cannot happen for ordinals 1-4, kept as a guard
            raise ValueError(f"{year}年{month}月没有第{self.rules.week_ordinal}个星期{self.rules.weekday}")
        return day

    def year(self, year: int) -> list[MonthDate]:
        """The twelve district dates of a year with their holiday status."""
        out = []
        for month in range(1, 13):
            d = self.district_date(year, month)
            out.append(MonthDate(month, d, self.day_status(d)))
        return out

    def holiday_data(self, year: int) -> HolidayData:
        """Whether holiday data exists for a year (package or override table)."""
        return self.day_status(date(year, 1, 1)).data

    def day_status(self, day: date) -> DayStatus:
        override = self.overrides.years.get(day.year)
        if override is not None:
            return DayStatus(
                day,
                holiday=override.holidays.get(day),
                adjusted_workday=override.workdays.get(day),
                data="ok",
                source="override",
            )
        try:
            is_holiday, name = chinese_calendar.get_holiday_detail(day)
        except NotImplementedError:
            return DayStatus(day, holiday=None, adjusted_workday=None, data="missing", source=None)
        # chinesecalendar: weekends are holidays with no name; 调休 workdays carry the holiday's name.
        zh = holiday_name_zh(name) if name else None
        return DayStatus(
            day,
            holiday=zh if is_holiday else None,
            adjusted_workday=zh if (not is_holiday and zh) else None,
            data="ok",
            source="chinesecalendar",
        )

    def adjustment_window(self, year: int, month: int) -> tuple[date, date]:
        """The first and last date a committee may move the month's activity to."""
        window = self._windows.get((year, month))
        if window is None:
            window = self._windows[(year, month)] = self._adjustment_window(year, month)
        return window

    def _adjustment_window(self, year: int, month: int) -> tuple[date, date]:
        base = self.district_date(year, month)
        span = timedelta(days=self.rules.adjust_window_days)
        lo, hi = base - span, base + span
        if self.rules.adjust_same_month:
            lo = max(lo, date(year, month, 1))
            hi = min(hi, date(year, month, _stdcal.monthrange(year, month)[1]))
        return lo, hi

    def check_adjustment(self, year: int, month: int, proposed: date) -> AdjustmentVerdict:
        """Judge a proposed adjusted date for the month (year, month)."""
        base = self.district_date(year, month)
        problem = None
        if abs((proposed - base).days) > self.rules.adjust_window_days:
            problem = AdjustmentProblem.OUTSIDE_WINDOW
        elif self.rules.adjust_same_month and (proposed.year, proposed.month) != (year, month):
            problem = AdjustmentProblem.OTHER_MONTH
        return AdjustmentVerdict(base, proposed, problem, self.day_status(proposed), self.rules.adjust_window_days)
