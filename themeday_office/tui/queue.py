"""The inbox queue as data: which submissions show under the clerk's filters, and what changed.

No Textual here. The table widget asks this model what to add, change or remove, so one
arrival costs one row however long the ledger is; only a new filter redraws the table.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from themeday_office.domain.period import Period
from themeday_office.ingest.classify import KIND_SHORT, KIND_ZH
from themeday_office.ledger import State, Submission

# The clerk's state filter: 待处理 covers both pending states, 有错误 only the one with errors.
STATE_CHOICES: dict[str, tuple[str, frozenset[State]]] = {
    "pending": ("待处理", frozenset({State.VALID, State.INVALID})),
    "errors": ("待处理（有错误）", frozenset({State.INVALID})),
    "accepted": ("已通过", frozenset({State.ACCEPTED})),
    "rejected": ("已退回", frozenset({State.REJECTED})),
    "superseded": ("已替代", frozenset({State.SUPERSEDED})),
    "quarantined": ("已隔离", frozenset({State.QUARANTINED})),
    "unpacked": ("已拆包", frozenset({State.UNPACKED})),
    "received": ("已收到", frozenset({State.RECEIVED})),
}
UNKNOWN_KIND = "unknown"  # the filter value for files whose form was not recognised (kind "")
KIND_CHOICES: dict[str, str] = {
    **{kind: KIND_SHORT[kind] for kind in ("monthly", "record", "adjustment", "plan", "summary", "archive",
                                           "roster", "themes")},
    UNKNOWN_KIND: "未识别",
}
_PERIOD_RANK = {"month": 0, "quarter": 1, "year": 2}


def kind_word(kind: str) -> str:
    """The short word for a form in lists (`月报`), `未识别` for a file no form was found in."""
    return KIND_SHORT.get(kind, kind) if kind else "未识别"


@lru_cache(maxsize=1024)
def parse_period(text: str) -> Period | None:
    """The ledger's period spelling as a Period; None for an empty or unreadable one."""
    try:
        return Period.parse(text) if text else None
    except ValueError:
        return None


@dataclass(frozen=True)
class QueueFilter:
    """What the clerk narrowed the queue to; an empty field filters nothing."""

    state: str = ""  # a key of STATE_CHOICES
    kind: str = ""  # a form kind, or UNKNOWN_KIND
    unit: str = ""  # part of the unit's name
    period: str = ""  # a period as the ledger spells it: the submission's period must lie within it
    search: str = ""  # part of the number, file name, unit, form, state or period

    def matches(self, sub: Submission) -> bool:
        if self.state and sub.state not in STATE_CHOICES[self.state][1]:
            return False
        if self.kind and sub.kind != ("" if self.kind == UNKNOWN_KIND else self.kind):
            return False
        if self.unit and self.unit.strip().casefold() not in sub.unit.casefold():
            return False
        if self.period:
            chosen, own = parse_period(self.period), parse_period(sub.period)
            if chosen is None or own is None or not chosen.contains(own):
                return False
        if self.search.strip():
            return self.search.strip().casefold() in _haystack(sub)
        return True

    @property
    def active(self) -> bool:
        return any((self.state, self.kind, self.unit.strip(), self.period, self.search.strip()))


def _haystack(sub: Submission) -> str:
    return " ".join((str(sub.id), sub.original_name, sub.unit, kind_word(sub.kind), KIND_ZH.get(sub.kind, ""),
                     sub.state.zh, sub.period)).casefold()


class QueueRow(NamedTuple):
    """The texts of one row, in column order (a tuple: the table reads ten thousand of them)."""

    number: str
    state: str
    kind: str
    unit: str
    period: str
    arrived: str
    name: str


def queue_row(sub: Submission) -> QueueRow:
    return QueueRow(
        number=str(sub.id),
        state=sub.state.zh,
        kind=kind_word(sub.kind),
        unit=sub.unit,
        period=sub.period,
        arrived=sub.arrived_at.strftime("%m-%d %H:%M"),
        name=sub.original_name,
    )


@dataclass
class QueueDiff:
    """What one refresh changes in the table: rows to add, rows to redraw, rows to take out."""

    added: list[Submission] = field(default_factory=list)
    changed: list[Submission] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


class QueueModel:
    """Every submission the app knows, the clerk's filter, and which of them the table shows."""

    def __init__(self) -> None:
        self._subs: dict[int, Submission] = {}
        self._shown: set[int] = set()
        self._periods: Counter[str] = Counter()
        self.filter = QueueFilter()

    def __len__(self) -> int:
        return len(self._subs)

    def get(self, submission_id: int) -> Submission | None:
        return self._subs.get(submission_id)

    @property
    def shown(self) -> int:
        return len(self._shown)

    def load(self, subs: Iterable[Submission]) -> list[Submission]:
        """Replace everything with `subs`; the rows to show, newest first."""
        self._subs = {s.id: s for s in subs}
        self._periods = Counter(s.period for s in self._subs.values() if s.period)
        return self.visible()

    def set_filter(self, queue_filter: QueueFilter) -> list[Submission]:
        """Filter anew; the rows to show, newest first."""
        self.filter = queue_filter
        return self.visible()

    def visible(self) -> list[Submission]:
        rows = [self._subs[i] for i in sorted(self._subs, reverse=True) if self.filter.matches(self._subs[i])]
        self._shown = {s.id for s in rows}
        return rows

    def apply(self, subs: Iterable[Submission]) -> QueueDiff:
        """Take in new and changed submissions; what the table must do about them."""
        diff = QueueDiff()
        for sub in subs:
            old = self._subs.get(sub.id)
            self._subs[sub.id] = sub
            if old is not None and old.period:
                self._periods[old.period] -= 1
            if sub.period:
                self._periods[sub.period] += 1
            wanted, shown = self.filter.matches(sub), sub.id in self._shown
            if wanted and shown:
                if old != sub:
                    diff.changed.append(sub)
            elif wanted:
                self._shown.add(sub.id)
                diff.added.append(sub)
            elif shown:
                self._shown.discard(sub.id)
                diff.removed.append(sub.id)
        diff.added.sort(key=lambda s: s.id, reverse=True)
        return diff

    def periods(self) -> list[Period]:
        """The periods to pick from: every period submitted for, and the quarters and years holding them."""
        found: set[Period] = set()
        for text, count in self._periods.items():
            period = parse_period(text) if count > 0 else None
            if period is None:
                continue
            found.add(period)
            if period.kind == "month":
                found.add(Period.of_quarter(period.year, period.quarter or 1))
            found.add(Period.of_year(period.year))
        return sorted(found, key=lambda p: (-p.year, _PERIOD_RANK[p.kind], -p.number))
