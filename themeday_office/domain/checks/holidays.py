"""Hints about dates that fall on a statutory holiday, or in a year without holiday data."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from themeday_office.domain.checks.context import CheckContext
from themeday_office.domain.codes import message
from themeday_office.domain.messages import Message


def holiday_messages(days: Iterable[tuple[date, str]], ctx: CheckContext) -> list[Message]:
    """For (day, place) pairs: a hint per day on a holiday, one per year without holiday data (never a guess)."""
    out: list[Message] = []
    missing_years: set[int] = set()
    for day, place in days:
        status = ctx.calendar.day_status(day)
        if status.data == "missing":
            if day.year not in missing_years:
                missing_years.add(day.year)
                out.append(message("holiday_data_missing", place, year=day.year, day=day))
        elif status.holiday:
            out.append(message("date_is_holiday", place, day=day, holiday=status.holiday))
    return out
