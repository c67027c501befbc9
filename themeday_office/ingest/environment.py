"""What a check needs besides the file: rules, calendar, rosters, themes, adjustments on file."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from themeday_office.domain.adjustments import FiledAdjustment
from themeday_office.domain.calendar import DistrictCalendar
from themeday_office.domain.roster import RosterHistory
from themeday_office.domain.rules import ActivityRules, Deadlines, WorkingHours
from themeday_office.domain.themes import YearThemes, bundled_themes
from themeday_office.ledger import Ledger
# Moved to the ledger (rollup needs them too); kept importable from here for existing callers.
from themeday_office.ledger.on_file import filed_adjustments, roster_history  # noqa: F401
from themeday_office.readers import ReadLimits


@dataclass(frozen=True)
class CheckEnvironment:
    calendar: DistrictCalendar = field(default_factory=DistrictCalendar)
    rosters: RosterHistory = field(default_factory=RosterHistory)
    themes: Callable[[int], YearThemes | None] = lambda year: bundled_themes().get(year)
    adjustments: Sequence[FiledAdjustment] = ()
    activity: ActivityRules = field(default_factory=ActivityRules)
    deadlines: Deadlines = field(default_factory=Deadlines)
    hours: WorkingHours = field(default_factory=WorkingHours)
    limits: ReadLimits = field(default_factory=ReadLimits)
    arrived: date | None = None  # 收文日期; None: timeliness not judged

    def arriving(self, day: date | None) -> "CheckEnvironment":
        return replace(self, arrived=day)


def environment_for(workspace, ledger: Ledger | None, arrived: date | None = None) -> CheckEnvironment:
    """The environment of a workspace: its settings, calendar and themes; rosters and filings from the ledger."""
    settings = workspace.settings
    return CheckEnvironment(
        calendar=workspace.calendar,
        rosters=roster_history(ledger) if ledger else RosterHistory(),
        themes=lambda year: themes_for(workspace, ledger, year),
        adjustments=filed_adjustments(ledger) if ledger else (),
        activity=settings.activity,
        deadlines=settings.deadlines,
        hours=settings.hours,
        limits=settings.limits.to_read_limits(),
        arrived=arrived,
    )


def themes_for(workspace, ledger: Ledger | None, year: int) -> YearThemes | None:
    """A year's themes: the latest imported into the ledger, else the workspace file, else bundled."""
    if ledger is not None and (data := ledger.themes(year)) is not None:
        return YearThemes.from_mapping(data)
    return workspace.themes(year)
