"""What a form parser knows besides the cells: the expected period, the title, the settings."""

from __future__ import annotations

from dataclasses import dataclass, field

from themeday_office.domain.period import Period
from themeday_office.domain.rules import WorkingHours
from themeday_office.domain.values.raw import RawValue


@dataclass(frozen=True)
class FormContext:
    period: Period | None = None  # the period the file should be for (clerk, file name, ledger), if known
    title: RawValue | None = None  # the title row or paragraph, if the reader found one
    place: str = ""  # the sheet or document, for messages about the form as a whole
    working_hours: WorkingHours = field(default_factory=WorkingHours)
