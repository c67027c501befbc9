from datetime import date

import pytest

from themeday_office.domain.calendar import DistrictCalendar
from themeday_office.domain.deadlines import (
    adjustment_deadline,
    days_late,
    monthly_deadline,
    plan_deadline,
    summary_deadline,
)
from themeday_office.domain.period import Period
from themeday_office.domain.rules import Deadlines


def test_seed_deadlines():
    assert plan_deadline(2017) == date(2016, 12, 30)
    assert monthly_deadline(Period.of_month(2017, 3), DistrictCalendar()) == date(2017, 3, 15)
    assert summary_deadline(Period.of_quarter(2017, 1)) == date(2017, 4, 10)
    assert summary_deadline(Period.of_quarter(2017, 4)) == date(2018, 1, 10)


def test_deadlines_are_settings():
    rules = Deadlines(plan_month=11, plan_day=31, monthly_days_after=0, summary_day=5)
    assert plan_deadline(2017, rules) == date(2016, 11, 30)  # no 11-31: the month's last day
    assert monthly_deadline(Period.of_month(2017, 3), DistrictCalendar(), rules) == date(2017, 3, 10)
    assert summary_deadline(Period.of_quarter(2017, 2), rules) == date(2017, 7, 5)


def test_an_adjustment_is_due_by_the_earlier_date():
    assert adjustment_deadline(date(2017, 4, 14), date(2017, 4, 12)) == date(2017, 4, 12)
    assert adjustment_deadline(date(2017, 4, 14), date(2017, 4, 18)) == date(2017, 4, 14)


def test_days_late():
    assert days_late(date(2017, 3, 15), date(2017, 3, 15)) == 0
    assert days_late(date(2017, 3, 1), date(2017, 3, 15)) == 0
    assert days_late(date(2017, 3, 18), date(2017, 3, 15)) == 3


def test_the_wrong_kind_of_period_is_a_program_error():
    with pytest.raises(ValueError):
        summary_deadline(Period.of_month(2017, 3))
