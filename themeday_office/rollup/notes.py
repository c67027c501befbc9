"""What a rollup lists besides its figures: late reports, branches not held, rows that count nowhere."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from themeday_office.domain.messages import Finding


@dataclass(frozen=True)
class LateReport:
    """A form that arrived after its deadline (counted in 按时报送率, never rejected for it)."""

    unit: str
    form: str  # the form's Chinese name
    period: str
    received_on: date
    deadline: date
    days: int
    submission: int

    @classmethod
    def of(cls, late: Finding, submission: int) -> LateReport:
        v = late.values
        return cls(
            unit=late.committee,
            form=str(v["form"]),
            period=late.period,
            received_on=date.fromisoformat(str(v["arrived"])),
            deadline=date.fromisoformat(str(v["deadline"])),
            days=int(v["days"]),
            submission=submission,
        )

    def as_json(self) -> dict[str, Any]:
        return _json(self)


@dataclass(frozen=True)
class NotHeld:
    """A branch that did not meet (with the committee's reason), or that its committee's table left out."""

    committee: str
    branch: str
    reason: str
    submission: int
    listed: bool = True  # False: the (clerk-accepted) table had no row for it

    def as_json(self) -> dict[str, Any]:
        return _json(self)


@dataclass(frozen=True)
class Unmatched:
    """A row of a clerk-accepted file that counts nowhere, and why."""

    unit: str
    written: str  # the branch (or unit) as the file wrote it
    place: str
    why: str
    submission: int

    def as_json(self) -> dict[str, Any]:
        return _json(self)


def _json(note) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in asdict(note).items()}
