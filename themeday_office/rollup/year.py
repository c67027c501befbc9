"""A year: the plans against what was held month by month, and each committee's rating.

The year's figures are the sums of its quarters. A committee's rating is scored on the
year's figures (its four summaries make the summary component) and then capped by the
seed's rule — 活动开展不力的，不得评议为“优秀” — with the reason kept.

Every committee owes the department a plan. A cooperation group's plan is shown when it
came, and never counted missing: the 区直 groups send theirs to 区直机关工委.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from themeday_office.domain.checks import CheckContext, check_plan
from themeday_office.domain.checks.branches import resolve_unit
from themeday_office.domain.forms.header import Header
from themeday_office.domain.forms.kinds import FormKind
from themeday_office.domain.forms.plan import PlanForm, PlanRow
from themeday_office.domain.messages import Message
from themeday_office.domain.period import Period
from themeday_office.domain.roster import CooperationGroup
from themeday_office.domain.scoring import Grade, Rating, year_rating
from themeday_office.rollup.figures import Figure
from themeday_office.rollup.inputs import RollupInputs, StoredReport, as_model
from themeday_office.rollup.month import MonthRollup
from themeday_office.rollup.notes import LateReport, Unmatched
from themeday_office.rollup.quarter import QuarterRollup, assess, rollup_quarter
from themeday_office.rollup.views import Rollup, sum_views


@dataclass(frozen=True)
class PlannedMonth:
    """One month of a unit's plan beside what its branches did."""

    month: int
    planned_on: date | None
    theme: str | None
    mode: str | None
    held: Figure  # branches held / branches in the roster (the unit's 开展率 that month)
    on_plan: Figure  # held on the planned date / held

    def as_json(self) -> dict:
        return {
            "month": self.month,
            "planned_on": self.planned_on.isoformat() if self.planned_on else None,
            "theme": self.theme,
            "mode": self.mode,
            "held": self.held.as_json(),
            "on_plan": self.on_plan.as_json(),
        }


@dataclass(frozen=True)
class UnitPlan:
    unit: str
    is_group: bool
    submission: int | None  # None: no plan on file
    received_on: date | None
    late_days: int
    months: tuple[PlannedMonth, ...]

    def as_json(self) -> dict:
        return {
            "unit": self.unit,
            "is_group": self.is_group,
            "submission": self.submission,
            "received_on": self.received_on.isoformat() if self.received_on else None,
            "late_days": self.late_days,
            "months": [m.as_json() for m in self.months],
        }


@dataclass(frozen=True)
class YearRating:
    score: Figure
    rating: Rating
    quarters: dict[int, Grade]

    @property
    def grade(self) -> Grade:
        return self.rating.grade

    def as_json(self) -> dict:
        return {
            "score": self.score.as_json(),
            "earned": self.rating.earned.value,
            "grade": self.rating.grade.value,
            "capped": self.rating.capped,
            "reasons": list(self.rating.reasons),
            "quarters": {str(q): g.value for q, g in self.quarters.items()},
        }


@dataclass(frozen=True)
class YearRollup(Rollup):
    quarters: tuple[QuarterRollup, ...] = ()
    ratings: dict[str, YearRating] = field(default_factory=dict)
    plans: tuple[UnitPlan, ...] = ()
    missing_plans: tuple[str, ...] = ()
    late: tuple[LateReport, ...] = ()  # late plans; each quarter lists its own
    unmatched: tuple[Unmatched, ...] = ()  # plans whose unit the roster does not know


def rollup_year(inputs: RollupInputs, period: Period) -> YearRollup:
    if period.kind != "year":
        raise ValueError(f"expected a year, got {period}")
    rules = inputs.rules.assessment
    quarters = tuple(rollup_quarter(inputs, Period.of_quarter(period.year, q)) for q in range(1, 5))
    counts = sum_views(q.counts for q in quarters)
    views, assessments = assess(counts, rules)
    ratings = {}
    for committee, a in assessments.items():
        grades = {q.period.number: q.assessments[committee].grade for q in quarters if committee in q.assessments}
        held_rate = views["committee"][committee]["held_rate"].rate
        ratings[committee] = YearRating(a.score, year_rating(a.score.numerator, grades, held_rate, rules), grades)

    months = tuple(m for q in quarters for m in q.months)
    late: list[LateReport] = []
    unmatched: list[Unmatched] = []
    plans = _plans(inputs, period, months, late, unmatched)
    committees = list(assessments)
    planned = {p.unit for p in plans if p.submission is not None}
    return YearRollup(
        period=period,
        views=views,
        counts=counts,
        quarters=quarters,
        ratings=ratings,
        plans=plans,
        missing_plans=tuple(c for c in committees if c not in planned),
        late=tuple(late),
        unmatched=tuple(unmatched),
    )


def _plans(
    inputs: RollupInputs, year: Period, months: tuple[MonthRollup, ...], late: list[LateReport],
    unmatched: list[Unmatched],
) -> tuple[UnitPlan, ...]:
    rosters = [r for r in (inputs.rosters.in_force(m.period) for m in months) if r is not None]
    received: dict[str, tuple[StoredReport, dict[int, PlanRow], int, bool]] = {}
    for report in inputs.reports(FormKind.PLAN.value, year):
        # A plan is judged with the roster its year starts with, as when it arrived.
        roster = inputs.rosters.in_force(Period.of_month(year.year, 1)) or (rosters[0] if rosters else None)
        found = resolve_unit(roster, report.unit, "填报单位", "") if roster else None
        if roster is None or found is None or isinstance(found, Message):
            why = found.text if isinstance(found, Message) else f"{year.zh}没有生效的组织名册"
            unmatched.append(Unmatched(report.unit, report.unit, "", why, report.id))
            continue
        rows = tuple(as_model(PlanRow, d) for d in report.rows)
        plan = PlanForm(unit=report.unit, period=year, header=Header(), rows=rows)
        ctx = CheckContext(roster=roster, calendar=inputs.rules.calendar, arrived=report.received_on,
                           deadlines=inputs.rules.deadlines)
        findings = [f for f in check_plan(plan, ctx).findings if f.code == "late_arrival"]
        late.extend(LateReport.of(f, report.id) for f in findings)
        days = int(findings[0].values["days"]) if findings else 0
        by_month: dict[int, PlanRow] = {}
        for row in rows:
            by_month.setdefault(row.month, row)
        received[found.name] = (report, by_month, days, isinstance(found, CooperationGroup))

    units = list(dict.fromkeys(c.name for r in rosters for c in r.committees))
    units += [u for u, entry in received.items() if entry[3] and u not in units]
    out = []
    for unit in units:
        sent, by_month, days, is_group = received.get(unit, (None, {}, 0, False))
        planned = tuple(
            _planned_month(m, by_month.get(m.period.number), unit, is_group, sent.id if sent else None)
            for m in months
        )
        out.append(UnitPlan(unit, is_group, sent.id if sent else None,
                            sent.received_on if sent else None, days, planned))
    return tuple(out)


def _planned_month(
    month: MonthRollup, row: PlanRow | None, unit: str, is_group: bool, plan_id: int | None
) -> PlannedMonth:
    view = "group" if is_group else "committee"
    tally = month.views[view].get(unit)
    held = tally["held_rate"] if tally is not None else Figure(0, 0)
    plan_ids = frozenset({plan_id}) if plan_id is not None else frozenset()
    on_plan = 0
    if row is not None and row.planned_on is not None:
        if is_group:
            committees = month.groups.get(unit, ())
            on_plan = sum(month.held_dates.get(c, Counter())[row.planned_on] for c in committees)
        else:
            on_plan = month.held_dates.get(unit, Counter())[row.planned_on]
    return PlannedMonth(
        month=month.period.number,
        planned_on=row.planned_on if row else None,
        theme=row.theme if row else None,
        mode=row.mode.value if row and row.mode else None,
        held=held,
        on_plan=Figure(on_plan, held.numerator, held.sources | plan_ids),
    )
