"""What every check takes besides the form, and what it gives back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from themeday_office.domain.adjustments import FiledAdjustment
from themeday_office.domain.calendar import DistrictCalendar
from themeday_office.domain.messages import Finding, Message, Severity
from themeday_office.domain.roster.model import Roster
from themeday_office.domain.rules import ActivityRules, Deadlines
from themeday_office.domain.themes import YearThemes


@dataclass(frozen=True)
class CheckContext:
    """The roster in force for the form's period, the calendar, the adjustments on file, the arrival date."""

    roster: Roster
    calendar: DistrictCalendar = field(default_factory=DistrictCalendar)
    adjustments: Sequence[FiledAdjustment] = ()
    arrived: date | None = None  # 收文日期; None: timeliness is not judged
    activity: ActivityRules = field(default_factory=ActivityRules)
    deadlines: Deadlines = field(default_factory=Deadlines)
    themes: YearThemes | None = None  # the year's guiding themes, to check 指导性主题序号


@dataclass(frozen=True)
class Outcome:
    messages: tuple[Message, ...] = ()
    findings: tuple[Finding, ...] = ()

    @property
    def errors(self) -> tuple[Message, ...]:
        return tuple(m for m in self.messages if m.severity is Severity.ERROR)

    @property
    def hints(self) -> tuple[Message, ...]:
        return tuple(m for m in self.messages if m.severity is Severity.HINT)

    @property
    def rejected(self) -> bool:
        """Whether the data cannot be trusted as it is (a clerk may still accept it, with a reason)."""
        return bool(self.errors)

    def codes(self) -> list[str]:
        return [m.code for m in self.messages] + [f.code for f in self.findings]
