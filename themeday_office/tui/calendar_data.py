"""日历 as data: the year's district dates, themes, holiday warnings, filed adjustments, missing plans.

Read in a worker from the workspace and the ledger; no Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from themeday_office.ledger import Ledger

WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class Adjustment:
    committee: str
    new_date: date
    branches: tuple[str, ...] | None  # None: every branch of the committee


@dataclass(frozen=True)
class CalendarMonth:
    month: int
    day: date
    warning: str | None  # a holiday, or missing holiday data
    data_missing: bool
    themes: tuple[str, ...]
    adjustments: tuple[Adjustment, ...]

    @property
    def weekday(self) -> str:
        return "星期" + WEEKDAYS[self.day.weekday()]


@dataclass(frozen=True)
class CalendarYear:
    year: int
    months: tuple[CalendarMonth, ...]
    themes_known: bool
    without_plan: tuple[str, ...]  # committees in force that have not filed the year's plan
    plans: int = 0
    notes: tuple[str, ...] = field(default=())


def load_calendar_year(workspace, ledger: Ledger, year: int) -> CalendarYear:
    """Everything the 日历 tab shows for `year`."""
    from themeday_office.domain.adjustments import FiledAdjustment
    from themeday_office.ingest.environment import themes_for
    from themeday_office.ledger.on_file import roster_history

    themes = themes_for(workspace, ledger, year)
    adjustments: dict[int, list[Adjustment]] = {}
    for row in ledger.current_rows_of_kind("adjustment"):
        filed = FiledAdjustment.model_validate(row.data)
        if filed.period.start.year == year:
            adjustments.setdefault(filed.period.start.month, []).append(
                Adjustment(filed.committee, filed.new_date, filed.branches))
    months = []
    for md in workspace.calendar.year(year):
        month_themes = themes.month(md.month) if themes is not None else None
        months.append(CalendarMonth(
            md.month, md.day, md.status.warning, md.status.data == "missing",
            month_themes.items if month_themes is not None else (),
            tuple(sorted(adjustments.get(md.month, []), key=lambda a: (a.new_date, a.committee))),
        ))
    plans = [s for s in ledger.submissions(kind="plan", current=True) if s.period.startswith(str(year))]
    filed_by = {s.unit for s in plans}
    roster = roster_history(ledger).in_force(date(year, 1, 1)) or roster_history(ledger).in_force(date(year, 12, 31))
    without = tuple(c.name for c in roster.committees if c.name not in filed_by) if roster is not None else ()
    notes = () if roster is not None else (f"{year}年没有生效的组织名册，无法列出未报年度计划的党(工)委",)
    return CalendarYear(year, tuple(months), themes is not None, without, len(plans), notes)
