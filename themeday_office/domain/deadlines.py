"""When each form is due (rules.Deadlines), and how late an arrival is.

"On time" means arrived on or before the deadline day; the arrival date is the
ledger's 收文日期, which the caller passes in.
"""

from __future__ import annotations

import calendar as _stdcal
from datetime import date, timedelta

from themeday_office.domain.calendar import DistrictCalendar
from themeday_office.domain.period import Period
from themeday_office.domain.rules import Deadlines


def plan_deadline(year: int, rules: Deadlines | None = None) -> date:
    """A year's plan is due in the previous year (seed: by 12-30)."""
    rules = rules or Deadlines()
    return _clamped(year - 1, rules.plan_month, rules.plan_day)


def monthly_deadline(period: Period, calendar: DistrictCalendar, rules: Deadlines | None = None) -> date:
    """A monthly report is due a few days after the month's district date."""
    rules = rules or Deadlines()
    _require(period, "month")
    return calendar.district_date(period.year, period.number) + timedelta(days=rules.monthly_days_after)


def summary_deadline(period: Period, rules: Deadlines | None = None) -> date:
    """A quarterly summary is due on a day of the month after the quarter."""
    rules = rules or Deadlines()
    _require(period, "quarter")
    after = period.end + timedelta(days=1)
    return date(after.year, after.month, rules.summary_day)


def adjustment_deadline(district_date: date, new_date: date | None) -> date:
    """An adjustment is filed before the activity: by the earlier of the district date and the new date."""
    return min(district_date, new_date) if new_date else district_date


def days_late(arrived: date, deadline: date) -> int:
    """Days after the deadline (0 when on time)."""
    return max(0, (arrived - deadline).days)


def _clamped(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, _stdcal.monthrange(year, month)[1]))


def _require(period: Period, kind: str) -> None:
    if period.kind != kind:
        raise ValueError(f"expected a {kind} period, got {period}")
