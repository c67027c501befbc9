"""What a check needs besides the file: rules, calendar, rosters, themes, adjustments on file."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from themeday_office.domain.adjustments import FiledAdjustment
from themeday_office.domain.calendar import DistrictCalendar
from themeday_office.domain.roster import RosterHistory, load_roster
from themeday_office.domain.rules import ActivityRules, Deadlines, WorkingHours
from themeday_office.domain.themes import YearThemes, bundled_themes
from themeday_office.domain.values.raw import RawValue
from themeday_office.ledger import Ledger
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


def roster_history(ledger: Ledger) -> RosterHistory:
    versions = []
    for _id, effective, _at, _src, data in ledger.roster_versions():
        sheets = [_raw_rows(data.get(key, [])) for key in ("committees", "branches", "groups")]
        roster, _messages = load_roster(effective, *sheets)
        versions.append(roster)
    return RosterHistory(versions)


def _raw_rows(rows: list[dict]) -> list[dict[str, RawValue]]:
    # Stored as plain values: places matter when a roster file is imported, not when reloaded.
    return [{label: RawValue(value) for label, value in row.items()} for row in rows]


def filed_adjustments(ledger: Ledger) -> list[FiledAdjustment]:
    """Adjustments on file: the rows of accepted, current adjustment forms."""
    return [FiledAdjustment.model_validate(r.data) for r in ledger.current_rows_of_kind("adjustment")]
