"""What a rollup reads: accepted, current submissions, the rosters, the filings, the rules.

Rows are fetched from the ledger a period at a time, when the rollup gets to that period,
so a city's quarter is never all in memory at once. `only(ids)` narrows the inputs to
some submissions — how a figure is checked against the ledger ids it names.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel

from themeday_office.domain.adjustments import FiledAdjustment
from themeday_office.domain.calendar import DistrictCalendar
from themeday_office.domain.forms.kinds import FormKind
from themeday_office.domain.period import Period
from themeday_office.domain.roster import RosterHistory
from themeday_office.domain.rules import ActivityRules, Deadlines
from themeday_office.domain.scoring import AssessmentRules
from themeday_office.ledger import Ledger, State
from themeday_office.ledger.on_file import filed_adjustments_by_submission, roster_history
from themeday_office.rollup.conflicts import KINDS, Conflict, Evidence, MonthTable, find_conflicts, tables_needed


@dataclass(frozen=True)
class RollupRules:
    """The calendar and the rules figures are judged by (the workspace's settings)."""

    calendar: DistrictCalendar = field(default_factory=DistrictCalendar)
    activity: ActivityRules = field(default_factory=ActivityRules)
    deadlines: Deadlines = field(default_factory=Deadlines)
    assessment: AssessmentRules = field(default_factory=AssessmentRules)

    @classmethod
    def of(cls, workspace) -> RollupRules:
        settings = workspace.settings
        # [assessment] is read when the settings have it; until then, the documented defaults.
        return cls(
            calendar=workspace.calendar,
            activity=settings.activity,
            deadlines=settings.deadlines,
            assessment=getattr(settings, "assessment", AssessmentRules()),
        )


# A stored row: its data as the ledger keeps it (JSON text), or already decoded.
StoredRow = str | dict[str, Any]
M = TypeVar("M", bound=BaseModel)


def as_model(model: type[M], row: StoredRow) -> M:
    """The domain model a stored row was dumped from, validated straight from the JSON when it is text."""
    return model.model_validate_json(row) if isinstance(row, str) else model.model_validate(row)


@dataclass(frozen=True)
class StoredReport:
    """One accepted, current submission: who sent it (roster name at ingest), when it was received, its rows."""

    id: int
    kind: str
    unit: str
    period: str
    received_on: date  # 收文日期: the clerk's correction, else the arrival date
    rows: tuple[StoredRow, ...] = ()


@dataclass(frozen=True)
class Filing:
    """An adjustment on file, with the filing's ledger id and 收文日期."""

    id: int
    received_on: date
    adjustment: FiledAdjustment


Fetch = Callable[[str, str], list[StoredReport]]
EvidenceFetch = Callable[[Period], Evidence]


class RollupInputs:
    """Rosters, filings and a way to fetch a period's reports of one kind."""

    def __init__(
        self,
        rosters: RosterHistory,
        filings: Collection[Filing],
        fetch: Fetch,
        rules: RollupRules | None = None,
        evidence: EvidenceFetch | None = None,  # a month's rows for its conflicts; None: no conflicts
    ):
        self.rosters = rosters
        self.filings = tuple(filings)
        self.rules = rules or RollupRules()
        self._fetch = fetch
        self._evidence = evidence

    @classmethod
    def from_ledger(cls, ledger: Ledger, rules: RollupRules | None = None) -> RollupInputs:
        received = {s.id: s.received_on for s in ledger.submissions(kind="adjustment", state=State.ACCEPTED.value,
                                                                    current=True)}
        filings = [Filing(sid, received[sid], adj) for sid, adj in filed_adjustments_by_submission(ledger)]
        return cls(roster_history(ledger), filings, lambda kind, period: _read(ledger, kind, period), rules,
                   lambda month: read_evidence(ledger, [month], tables=False))

    def reports(self, kind: str, period: Period | str) -> list[StoredReport]:
        """The accepted, current submissions of `kind` for exactly `period`, oldest first."""
        return self._fetch(kind, str(period))

    def filings_for(self, period: Period) -> list[Filing]:
        return [f for f in self.filings if f.adjustment.period == period]

    def conflicts(self, month: Period, tables: Collection[MonthTable]) -> tuple[Conflict, ...]:
        """The month's files that contradict its counted monthly `tables` (see `rollup.conflicts`)."""
        return find_conflicts(self._evidence(month), tables) if self._evidence is not None else ()

    def only(self, ids: Collection[int]) -> RollupInputs:
        """The same inputs, with only the submissions `ids` (rosters and rules unchanged)."""
        keep = frozenset(ids)
        fetch, evidence = self._fetch, self._evidence
        return RollupInputs(
            self.rosters,
            [f for f in self.filings if f.id in keep],
            lambda kind, period: [r for r in fetch(kind, period) if r.id in keep],
            self.rules,
            None if evidence is None else (lambda month: evidence(month).only(keep)),
        )


def _read(ledger: Ledger, kind: str, period: str) -> list[StoredReport]:
    subs = [
        s for s in ledger.submissions(kind=kind, period=period, state=State.ACCEPTED.value, current=True)
        if s.period == period  # `submissions` also matches longer periods by prefix
    ]
    # Undecoded: pydantic-core validates the JSON into the domain's models faster than json.loads
    # builds the dicts it would validate, and a city's month of rows is never held as dicts.
    rows: dict[int, list[str]] = defaultdict(list)
    for sid, data in ledger.current_row_json(kind, [period]):
        rows[sid].append(data)
    return [
        StoredReport(s.id, s.kind, s.unit, s.period, s.received_on, tuple(rows.get(s.id, ())))
        for s in sorted(subs, key=lambda s: s.id)
    ]


def read_evidence(ledger: Ledger, months: Collection[Period], *, tables: bool = True) -> Evidence:
    """The accepted, current rows conflicts are found in: the months' records and adjustment
    filings, their years' plans, and (with `tables`) the rows of the monthly tables they can
    involve (`tables_needed`; the rollup passes the tables it counted instead); with the file
    names of every current monthly table, record, filing and plan of those years."""
    periods = sorted({str(m) for m in months})
    years = sorted({str(m.year) for m in months})
    rows = ledger.current_rows(FormKind.RECORD.value, periods) + ledger.current_rows(FormKind.ADJUSTMENT.value, periods)
    rows += ledger.current_rows(FormKind.PLAN.value, years)
    names: dict[int, str] = {}
    newest: dict[tuple[str, str], int] = {}  # (month, committee) -> its current monthly table
    for kind in KINDS:  # one query per kind and year: `submissions` matches a year's months by prefix
        for year in years:
            for s in ledger.submissions(kind=kind.value, period=year, state=State.ACCEPTED.value, current=True):
                names[s.id] = s.original_name
                if kind is FormKind.MONTHLY and s.period in periods:
                    newest[(s.period, s.unit)] = max(s.id, newest.get((s.period, s.unit), 0))
    if tables:
        evidence = Evidence(tuple(rows))
        for key in sorted(tables_needed(evidence, newest)):
            rows += ledger.rows(newest[key])
    return Evidence(tuple(rows), names)
