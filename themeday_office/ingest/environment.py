"""What a check needs besides the file: rules, calendar, rosters, themes, adjustments on file."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from themeday_office.domain.adjustments import FiledAdjustment
from themeday_office.domain.calendar import DistrictCalendar
from themeday_office.domain.roster import RosterHistory
from themeday_office.domain.rules import ActivityRules, Deadlines, WorkingHours
from themeday_office.domain.themes import YearThemes, bundled_themes
from themeday_office.ledger import Ledger

# Moved to the ledger (rollup needs them too); kept importable from here for existing callers.
from themeday_office.ledger.on_file import filed_adjustments, roster_history
from themeday_office.readers import ReadLimits
from themeday_office.readers.isolation import MissingContext


class ThemeTable:
    """A year's themes by lookup, picklable (a parser process checks with it).

    With a ``source`` (this process) every lookup asks it, as before, and remembers the answer;
    a pickled copy has only the answers (``complete``: the years it lacks have none; otherwise
    a year it lacks raises MissingContext(("themes", year)) so the caller can add it and ask again).
    """

    def __init__(self, known: Mapping[int, YearThemes | None] | None = None,
                 source: Callable[[int], YearThemes | None] | None = None, complete: bool = False) -> None:
        self.known = dict(known or {})
        self.source = source
        self.complete = complete

    def __call__(self, year: int) -> YearThemes | None:
        if self.source is not None:
            self.known[year] = found = self.source(year)
            return found
        if year in self.known:
            return self.known[year]
        if self.complete:
            return None
        raise MissingContext(("themes", year))

    def __getstate__(self) -> dict:
        return {"known": dict(self.known), "source": None, "complete": self.complete}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)


def _bundled() -> ThemeTable:
    return ThemeTable(bundled_themes(), complete=True)


@dataclass(frozen=True)
class CheckEnvironment:
    calendar: DistrictCalendar = field(default_factory=DistrictCalendar)
    rosters: RosterHistory = field(default_factory=RosterHistory)
    themes: Callable[[int], YearThemes | None] = field(default_factory=_bundled)
    adjustments: Sequence[FiledAdjustment] = ()
    activity: ActivityRules = field(default_factory=ActivityRules)
    deadlines: Deadlines = field(default_factory=Deadlines)
    hours: WorkingHours = field(default_factory=WorkingHours)
    limits: ReadLimits = field(default_factory=ReadLimits)
    arrived: date | None = None  # 收文日期; None: timeliness not judged
    templates: str = "templates"  # where `themeday templates` writes, as a 提示 about an old template names it

    def arriving(self, day: date | None) -> CheckEnvironment:
        return replace(self, arrived=day)


def environment_for(workspace, ledger: Ledger | None, arrived: date | None = None) -> CheckEnvironment:
    """The environment of a workspace: its settings, calendar and themes; rosters and filings from the ledger."""
    settings = workspace.settings
    return CheckEnvironment(
        calendar=workspace.calendar,
        rosters=roster_history(ledger) if ledger else RosterHistory(),
        themes=ThemeTable(source=lambda year: themes_for(workspace, ledger, year)),
        adjustments=filed_adjustments(ledger) if ledger else (),
        activity=settings.activity,
        deadlines=settings.deadlines,
        hours=settings.hours,
        limits=settings.limits.to_read_limits(),
        arrived=arrived,
        templates=settings.folders.templates.as_posix(),
    )


def themes_for(workspace, ledger: Ledger | None, year: int) -> YearThemes | None:
    """A year's themes: the latest imported into the ledger, else the workspace file, else bundled."""
    if ledger is not None and (data := ledger.themes(year)) is not None:
        return YearThemes.from_mapping(data)
    return workspace.themes(year)
