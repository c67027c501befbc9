"""A quarter: its three months, the quarterly summaries, and each committee's assessment.

The quarter's figures are the sums of its months (each month counted with its own
roster), plus one summary due from every committee on a roster in force that quarter.
Each committee is scored over 开展率, 按时开展率, 参与率, 时长达标率, 按时报送率 and the
summary with the weights of [assessment], and graded 优秀 / 良好 / 一般 / 较差.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from themeday_office.domain.checks import CheckContext, check_summary
from themeday_office.domain.checks.branches import resolve_committee
from themeday_office.domain.forms.kinds import FormKind
from themeday_office.domain.forms.summary import SummaryReport
from themeday_office.domain.messages import Message
from themeday_office.domain.period import Period
from themeday_office.domain.roster import Committee, Roster
from themeday_office.domain.scoring import COMPONENTS, AssessmentRules, Grade, grade, score, summary_rate
from themeday_office.rollup.figures import Counts, Figure, Tally
from themeday_office.rollup.inputs import RollupInputs, as_model
from themeday_office.rollup.month import MonthRollup, rollup_month
from themeday_office.rollup.notes import LateReport, Unmatched
from themeday_office.rollup.views import DISTRICT, Rollup, ViewCounts, group_committees, sum_views


@dataclass(frozen=True)
class Assessment:
    """A committee's score and grade for a quarter (or a year), traceable through `score`."""

    score: Figure
    grade: Grade

    def as_json(self) -> dict:
        return {"score": self.score.as_json(), "grade": self.grade.value}


@dataclass(frozen=True)
class QuarterRollup(Rollup):
    months: tuple[MonthRollup, ...] = ()
    assessments: dict[str, Assessment] = field(default_factory=dict)
    missing_summaries: tuple[str, ...] = ()
    late: tuple[LateReport, ...] = ()  # the months' late forms and the late summaries
    unmatched: tuple[Unmatched, ...] = ()  # the months' and summaries that count nowhere


def rollup_quarter(inputs: RollupInputs, period: Period) -> QuarterRollup:
    """The quarter's figures, its summaries, and every committee's score and grade."""
    if period.kind != "quarter":
        raise ValueError(f"expected a quarter, got {period}")
    months = tuple(rollup_month(inputs, m) for m in period.months())
    rosters = [r for r in (inputs.rosters.in_force(m) for m in period.months()) if r is not None]
    late: list[LateReport] = []
    unmatched: list[Unmatched] = []
    received = _summaries(inputs, period, rosters, late, unmatched)
    committees = list(dict.fromkeys(c.name for r in rosters for c in r.committees))
    own = {c: Counts(summaries_due=1) for c in committees}
    for c, (sid, on_time) in received.items():  # resolved against these rosters: always in `own`
        n = own[c]
        n.summaries_received += 1
        n.summaries_on_time += int(on_time)
        n.summary_ids.add(sid)
    summaries = _summary_views(own, rosters)
    counts = sum_views([*(m.counts for m in months), summaries])
    views, assessments = assess(counts, inputs.rules.assessment)
    return QuarterRollup(
        period=period,
        views=views,
        counts=counts,
        months=months,
        assessments=assessments,
        missing_summaries=tuple(c for c in committees if c not in received),
        late=tuple(x for m in months for x in m.late) + tuple(late),
        unmatched=tuple(x for m in months for x in m.unmatched) + tuple(unmatched),
    )


def _summaries(
    inputs: RollupInputs, period: Period, rosters: list[Roster], late: list[LateReport], unmatched: list[Unmatched]
) -> dict[str, tuple[int, bool]]:
    """committee -> (summary id, on time), judged again with each summary's 收文日期."""
    out: dict[str, tuple[int, bool]] = {}
    for report in inputs.reports(FormKind.SUMMARY.value, period):
        found: Committee | Message | None = None
        for roster in reversed(rosters):  # the latest roster of the quarter that knows the unit
            found = resolve_committee(roster, report.unit, "报送单位", "")
            if not isinstance(found, Message):
                break
        if found is None or isinstance(found, Message):
            why = found.text if isinstance(found, Message) else f"{period.zh}没有生效的组织名册"
            unmatched.append(Unmatched(report.unit, report.unit, "", why, report.id))
            continue
        data = report.rows[0] if report.rows else {"unit": report.unit, "period": str(period)}
        # Judged as the committee the ledger filed it under, however the title wrote the unit.
        summary = as_model(SummaryReport, data).model_copy(update={"unit": found.name})
        ctx = CheckContext(roster=roster, calendar=inputs.rules.calendar, arrived=report.received_on,
                           deadlines=inputs.rules.deadlines)
        findings = [f for f in check_summary(summary, ctx).findings if f.code == "late_arrival"]
        late.extend(LateReport.of(f, report.id) for f in findings)
        out[found.name] = (report.id, not findings)  # reports come oldest first: the newest wins
    return out


def _summary_views(own: dict[str, Counts], rosters: list[Roster]) -> ViewCounts:
    groups: dict[str, tuple[str, ...]] = {}
    for roster in rosters:
        for g, members in group_committees(roster).items():
            groups[g] = tuple(dict.fromkeys((*groups.get(g, ()), *members)))
    views: ViewCounts = {"committee": own, "type": {}, "group": {}, "district": {DISTRICT: Counts()}}
    for n in own.values():
        views["district"][DISTRICT].add(n)
    for g, members in groups.items():
        total = views["group"][g] = Counts()
        for c in members:
            if c in own:
                total.add(own[c])
    return views


def assess(counts: ViewCounts, rules: AssessmentRules) -> tuple[dict[str, dict[str, Tally]], dict[str, Assessment]]:
    """Freeze the views with the summary credit, and score and grade every committee."""
    views: dict[str, dict[str, Tally]] = {}
    assessments: dict[str, Assessment] = {}
    for view, rows in counts.items():
        views[view] = {}
        for key, n in rows.items():
            credit = summary_rate(n.summaries_received, n.summaries_on_time, n.summaries_due, rules)
            tally = n.tally(summary_rate=credit)
            if view == "committee":
                figure = score_figure(tally, rules)
                tally = tally.with_figure("score", figure)
                assessments[key] = Assessment(figure, grade(figure.numerator, rules))
            views[view][key] = tally
    return views, assessments


def score_figure(tally: Tally, rules: AssessmentRules) -> Figure:
    """The score as a figure: its sources are those of every component it weighs."""
    parts = [tally[name] for name in COMPONENTS if tally.get(name) is not None]
    rates = {name: tally[name].rate for name in COMPONENTS if tally.get(name) is not None}
    return Figure(round(score(rates, rules), 2), None, frozenset().union(*(p.sources for p in parts)))
