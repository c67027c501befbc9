from datetime import date, timedelta

import pytest

from themeday_office.domain.calendar import (
    AdjustmentProblem,
    DistrictCalendar,
    HolidayOverrides,
    YearHolidays,
)
from themeday_office.domain.rules import CalendarRules

SEED_2017 = {
    1: date(2017, 1, 13), 2: date(2017, 2, 10), 3: date(2017, 3, 10), 4: date(2017, 4, 14),
    5: date(2017, 5, 12), 6: date(2017, 6, 9), 7: date(2017, 7, 14), 8: date(2017, 8, 11),
    9: date(2017, 9, 8), 10: date(2017, 10, 13), 11: date(2017, 11, 10), 12: date(2017, 12, 8),
}


def test_2017_dates_match_the_seed():
    cal = DistrictCalendar()
    assert {md.month: md.day for md in cal.year(2017)} == SEED_2017


@pytest.mark.parametrize("year", [2016, 2018, 2019, 2020, 2024, 2031])
def test_district_date_is_the_second_friday(year):
    cal = DistrictCalendar()
    for month in range(1, 13):
        d = cal.district_date(year, month)
        fridays = [date(year, month, day) for day in range(1, 15) if date(year, month, day).weekday() == 4]
        assert d == fridays[1]


def test_weekday_and_ordinal_are_settings():
    cal = DistrictCalendar(CalendarRules(weekday=3, week_ordinal=1))  # first Wednesday
    assert cal.district_date(2017, 3) == date(2017, 3, 1)
    assert cal.district_date(2017, 2) == date(2017, 2, 1)


def test_a_holiday_clash_is_named_in_chinese():
    cal = DistrictCalendar()
    status = cal.day_status(cal.district_date(2019, 2))
    assert status.day == date(2019, 2, 8)
    assert status.holiday == "春节"
    assert status.data == "ok"
    assert status.warning == "2019年2月8日是法定节假日（春节）"


def test_2017_has_no_holiday_on_any_district_date():
    cal = DistrictCalendar()
    assert all(md.status.holiday is None and md.status.data == "ok" for md in cal.year(2017))


def test_adjusted_workday_is_not_a_holiday():
    status = DistrictCalendar().day_status(date(2017, 1, 22))  # Sunday worked for 春节
    assert status.holiday is None
    assert status.adjusted_workday == "春节"


def test_a_year_without_holiday_data_is_missing_not_guessed():
    cal = DistrictCalendar()
    status = cal.day_status(date(2031, 1, 1))
    assert status.data == "missing"
    assert status.holiday is None
    assert status.warning is not None and "2031年节假日数据缺失" in status.warning
    assert cal.holiday_data(2031) == "missing"
    assert cal.district_date(2031, 3) == date(2031, 3, 14)  # dates still work


def test_the_override_table_covers_a_missing_year_and_corrects_a_covered_one():
    overrides = HolidayOverrides(
        {
            2031: YearHolidays(holidays={date(2031, 1, 1): "元旦", date(2031, 2, 14): "春节"}),
            2019: YearHolidays(holidays={}),  # the clerk's table wins even where the package knows better
        }
    )
    cal = DistrictCalendar(overrides=overrides)
    assert cal.holiday_data(2031) == "ok"
    clash = cal.day_status(cal.district_date(2031, 2))
    assert (clash.holiday, clash.source) == ("春节", "override")
    assert cal.day_status(date(2031, 3, 14)).holiday is None
    assert cal.day_status(date(2019, 2, 8)).holiday is None


@pytest.mark.parametrize("offset, allowed", [(-8, False), (-7, True), (-1, True), (0, True), (7, True), (8, False)])
def test_adjustment_window_edges(offset, allowed):
    cal = DistrictCalendar()
    base = cal.district_date(2017, 4)  # 2017-04-14
    verdict = cal.check_adjustment(2017, 4, base + timedelta(days=offset))
    assert verdict.allowed is allowed
    if not allowed:
        assert verdict.problem is AdjustmentProblem.OUTSIDE_WINDOW
        assert f"相差{abs(offset)}天" in verdict.text
    else:
        assert verdict.text == ""


def test_same_month_setting_refuses_a_date_in_another_month():
    # A second Friday (8th-14th) +-7 days never leaves its month, so widen the window to see the rule.
    loose = DistrictCalendar(CalendarRules(adjust_window_days=10))
    strict = DistrictCalendar(CalendarRules(adjust_window_days=10, adjust_same_month=True))
    assert strict.district_date(2021, 10) == date(2021, 10, 8)
    assert loose.check_adjustment(2021, 10, date(2021, 9, 30)).allowed
    verdict = strict.check_adjustment(2021, 10, date(2021, 9, 30))
    assert verdict.problem is AdjustmentProblem.OTHER_MONTH
    assert "不在10月内" in verdict.text
    assert strict.check_adjustment(2021, 10, date(2021, 10, 1)).allowed
    assert strict.adjustment_window(2021, 10) == (date(2021, 10, 1), date(2021, 10, 18))
    assert loose.adjustment_window(2021, 10) == (date(2021, 9, 28), date(2021, 10, 18))
    # The window is checked first: too far is "outside the window" whatever the month.
    assert strict.check_adjustment(2021, 10, date(2021, 9, 27)).problem is AdjustmentProblem.OUTSIDE_WINDOW


def test_adjustment_verdict_carries_the_holiday_of_the_new_date():
    verdict = DistrictCalendar().check_adjustment(2017, 10, date(2017, 10, 6))
    assert verdict.allowed
    assert verdict.day.holiday == "国庆节"
