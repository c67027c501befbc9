"""A rollup's cells: each figure carries the ledger ids of the submissions that made it.

A `Figure` is a count (no denominator) or a rate (numerator / denominator). `Counts` is
the mutable tally a rollup adds rows into; `Tally` is its frozen form, one `Figure` per
column. Because every column is a sum, a committee's quarter is the sum of its months,
and a group's month the sum of its committees — figures compose without recounting.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from themeday_office.domain.scoring import COMPONENTS


@dataclass(frozen=True, slots=True)
class Figure:
    """One cell: `numerator` over `denominator` (a rate) or `numerator` alone (a count)."""

    numerator: int | float
    denominator: int | float | None = None
    sources: frozenset[int] = frozenset()

    @property
    def is_rate(self) -> bool:
        return self.denominator is not None

    @property
    def rate(self) -> float | None:
        """numerator / denominator; None for a count or when nothing was there to divide by."""
        if not self.denominator:
            return None
        return self.numerator / self.denominator

    @property
    def value(self) -> int | float | None:
        return self.rate if self.is_rate else self.numerator

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"value": self.numerator} if not self.is_rate else {
            "rate": self.rate, "numerator": self.numerator, "denominator": self.denominator,
        }
        out["sources"] = sorted(self.sources)
        return out


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    rate: bool = False
    ratio: bool = False  # shown as "5/6" rather than a percentage


# Every column a tally has, in the order tables show them.
COLUMNS: tuple[Column, ...] = (
    Column("branches", "支部数"),
    Column("reported", "已报支部"),
    Column("held", "已开展"),
    Column("not_held", "未开展"),
    Column("held_rate", "开展率", rate=True),
    Column("on_time_rate", "按时开展率", rate=True),
    Column("duration_rate", "时长达标率", rate=True),
    Column("attendance_rate", "参与率", rate=True),
    Column("excused", "请假"),
    Column("observers", "列席"),
    Column("cadres", "科级以上干部"),
    Column("joint", "联建共建"),
    Column("guiding", "指导性主题"),
    Column("own", "自主主题"),
    Column("reports", "报送", rate=True, ratio=True),
    Column("reporting_rate", "按时报送率", rate=True),
    Column("summaries", "季度总结", rate=True, ratio=True),
    Column("summaries_on_time", "总结按时", rate=True, ratio=True),
    Column("summary", "总结得分率", rate=True),
    Column("score", "得分"),
)
COLUMN = {c.key: c for c in COLUMNS}
# Columns about a committee's own reports: meaningless for a branch type.
REPORT_COLUMNS = ("reports", "reporting_rate", "summaries", "summaries_on_time", "summary", "score")
assert set(COMPONENTS) <= set(COLUMN)

_MONTH_SHOWN = (
    "branches", "reported", "held", "not_held", "held_rate", "on_time_rate", "duration_rate", "attendance_rate",
    "excused", "observers", "cadres", "joint", "guiding", "own", "reports", "reporting_rate",
)  # fmt: skip
_PERIOD_SHOWN = (*_MONTH_SHOWN, "summaries", "summaries_on_time", "score")


def shown_columns(period_kind: str, view: str) -> tuple[Column, ...]:
    """The columns a table of this view shows: a month has no summaries, a branch type no reports,
    and only committees are scored."""
    keys: tuple[str, ...] = _MONTH_SHOWN if period_kind == "month" else _PERIOD_SHOWN
    if view == "type":
        keys = tuple(k for k in keys if k not in REPORT_COLUMNS)
    elif view != "committee":
        keys = tuple(k for k in keys if k != "score")
    return tuple(COLUMN[k] for k in keys)


@dataclass(slots=True)
class Counts:
    """The running tally of one unit (a committee, a type, a group, the district) for a period."""

    branches: int = 0
    reported: int = 0
    held: int = 0
    not_held: int = 0
    on_time: int = 0
    duration_ok: int = 0
    expected: int = 0
    present: int = 0
    excused: int = 0
    observers: int = 0
    cadres: int = 0
    joint: int = 0
    guiding: int = 0
    reports_due: int = 0
    reports_received: int = 0
    reports_on_time: int = 0
    summaries_due: int = 0
    summaries_received: int = 0
    summaries_on_time: int = 0
    monthly_ids: set[int] = field(default_factory=set)
    adjustment_ids: set[int] = field(default_factory=set)
    summary_ids: set[int] = field(default_factory=set)

    def add(self, other: Counts) -> Counts:
        for f in _NUMBERS:
            setattr(self, f, getattr(self, f) + getattr(other, f))
        self.monthly_ids |= other.monthly_ids
        self.adjustment_ids |= other.adjustment_ids
        self.summary_ids |= other.summary_ids
        return self

    def tally(self, summary_rate: float | None = None) -> Tally:
        """The frozen figures; `summary_rate` is the assessment's credit for the summaries, when scored."""
        monthly = frozenset(self.monthly_ids)
        timing = monthly | self.adjustment_ids
        summaries = frozenset(self.summary_ids)
        f = {
            "branches": Figure(self.branches),  # the roster's, not a submission's
            "reported": Figure(self.reported, None, monthly),
            "held": Figure(self.held, None, monthly),
            "not_held": Figure(self.not_held, None, monthly),
            "held_rate": Figure(self.held, self.branches, monthly),
            "on_time_rate": Figure(self.on_time, self.held, timing),
            "duration_rate": Figure(self.duration_ok, self.held, monthly),
            "attendance_rate": Figure(self.present, self.expected, monthly),
            "excused": Figure(self.excused, None, monthly),
            "observers": Figure(self.observers, None, monthly),
            "cadres": Figure(self.cadres, None, monthly),
            "joint": Figure(self.joint, None, monthly),
            "guiding": Figure(self.guiding, None, monthly),
            "own": Figure(self.held - self.guiding, None, monthly),
        }
        # Columns about a committee's own reports exist only where some were due: never for a
        # branch type, and no summaries in a month.
        if self.reports_due:
            f["reports"] = Figure(self.reports_received, self.reports_due, monthly)
            f["reporting_rate"] = Figure(self.reports_on_time, self.reports_due, monthly)
        if self.summaries_due:
            f["summaries"] = Figure(self.summaries_received, self.summaries_due, summaries)
            f["summaries_on_time"] = Figure(self.summaries_on_time, self.summaries_due, summaries)
            if summary_rate is not None:
                f["summary"] = Figure(summary_rate * self.summaries_due, self.summaries_due, summaries)
        return Tally(f)


_NUMBERS = tuple(f.name for f in fields(Counts) if f.type == "int")


@dataclass(frozen=True)
class Tally:
    """One row of a view: column key -> Figure."""

    figures: dict[str, Figure]

    def __getitem__(self, column: str) -> Figure:
        return self.figures[column]

    def get(self, column: str) -> Figure | None:
        return self.figures.get(column)

    def with_figure(self, column: str, figure: Figure) -> Tally:
        return Tally({**self.figures, column: figure})

    def rates(self) -> dict[str, float | None]:
        return {k: f.rate for k, f in self.figures.items() if f.is_rate}

    def as_json(self) -> dict[str, Any]:
        return {k: f.as_json() for k, f in self.figures.items()}
