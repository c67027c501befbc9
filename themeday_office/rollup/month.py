"""One month, recounted: each committee's monthly table against the roster in force for the month.

Findings are recomputed here, not copied from ingest time: every stored row is rebuilt
as the domain's `MonthlyRow` and judged by the domain's own finding functions with the
roster in force for the month, the calendar, the adjustments filed as of now and the
table's 收文日期. So an adjustment filed after the report arrived turns that report's
"unfiled date" into an "adjusted date" here, and a corrected 收文日期 changes lateness.

A row counts only when it names a branch of its committee in that roster, once. Rows
that match nothing (in a file a clerk accepted despite its errors) count nowhere and
are listed in `unmatched`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from themeday_office.domain.checks import CheckContext
from themeday_office.domain.checks.activity import activity_findings
from themeday_office.domain.checks.branches import resolve_branch, resolve_committee
from themeday_office.domain.checks.timeliness import late_arrival
from themeday_office.domain.deadlines import adjustment_deadline, monthly_deadline
from themeday_office.domain.forms.kinds import FormKind
from themeday_office.domain.forms.monthly import MonthlyRow
from themeday_office.domain.messages import Message
from themeday_office.domain.period import Period
from themeday_office.domain.roster import Branch, Roster
from themeday_office.domain.values.choices import ActivityMode, BranchType
from themeday_office.rollup.conflicts import Conflict, MonthTable
from themeday_office.rollup.figures import Counts
from themeday_office.rollup.inputs import Filing, RollupInputs, StoredReport, as_model
from themeday_office.rollup.notes import LateReport, NotHeld, Unmatched
from themeday_office.rollup.views import Rollup, UnitKey, ViewCounts, freeze, group_committees, view_counts


@dataclass
class MonthRecount:
    """The raw result of recounting a month, before it is frozen into views."""

    period: Period
    roster: Roster | None
    counts: dict[UnitKey, Counts] = field(default_factory=dict)
    held_dates: dict[str, Counter[date]] = field(default_factory=lambda: defaultdict(Counter))
    missing: list[str] = field(default_factory=list)
    late: list[LateReport] = field(default_factory=list)
    not_held: list[NotHeld] = field(default_factory=list)
    unmatched: list[Unmatched] = field(default_factory=list)
    tables: list[MonthTable] = field(default_factory=list)  # each committee's counted rows, for conflicts

    def counts_for(self, committee: str, btype: BranchType | None) -> Counts:
        key = (committee, btype)
        n = self.counts.get(key)
        if n is None:
            n = self.counts[key] = Counts()
        return n


@dataclass(frozen=True)
class MonthRollup(Rollup):
    roster_effective: date | None = None  # the roster version the month was counted with
    missing: tuple[str, ...] = ()  # committees that sent no monthly table (未报送)
    late: tuple[LateReport, ...] = ()
    not_held: tuple[NotHeld, ...] = ()
    unmatched: tuple[Unmatched, ...] = ()
    conflicts: tuple[Conflict, ...] = ()  # files that contradict the monthly tables (information only)
    held_dates: dict[str, Counter[date]] = field(default_factory=dict, repr=False, compare=False)
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)  # group -> its committees


def rollup_month(inputs: RollupInputs, period: Period) -> MonthRollup:
    """The month's figures by committee, type, group and for the district, with its notes."""
    if period.kind != "month":
        raise ValueError(f"expected a month, got {period}")
    rc = recount_month(inputs, period)
    counts: ViewCounts = view_counts(rc.counts, rc.roster)
    return MonthRollup(
        period=period,
        views=freeze(counts),
        counts=counts,
        roster_effective=rc.roster.effective if rc.roster else None,
        missing=tuple(rc.missing),
        late=tuple(rc.late),
        not_held=tuple(rc.not_held),
        unmatched=tuple(rc.unmatched),
        conflicts=inputs.conflicts(period, rc.tables),
        held_dates=dict(rc.held_dates),
        groups=group_committees(rc.roster) if rc.roster else {},
    )


def recount_month(inputs: RollupInputs, period: Period) -> MonthRecount:
    rules = inputs.rules
    roster = inputs.rosters.in_force(period)
    rc = MonthRecount(period, roster)
    reports = inputs.reports(FormKind.MONTHLY.value, period)
    if roster is None:
        for stray in reports:
            _unmatched_report(rc, stray, f"{period.zh}没有生效的组织名册")
        return rc

    filings = inputs.filings_for(period)
    district = rules.calendar.district_date(period.year, period.number)
    for f in filings:
        deadline = adjustment_deadline(district, f.adjustment.new_date)
        for finding in late_arrival(f.adjustment.committee, period, FormKind.ADJUSTMENT, f.received_on, deadline):
            rc.late.append(LateReport.of(finding, f.id))

    by_committee = _one_per_committee(rc, roster, reports)
    deadline = monthly_deadline(period, rules.calendar, rules.deadlines)
    for c in roster.committees:
        own = rc.counts_for(c.name, None)
        own.reports_due += 1
        report = by_committee.get(c.name)
        if report is None:
            rc.missing.append(c.name)
            for b in roster.branches_of(c.name):
                rc.counts_for(c.name, b.type).branches += 1
            continue
        own.reports_received += 1
        own.monthly_ids.add(report.id)
        late = late_arrival(c.name, period, FormKind.MONTHLY, report.received_on, deadline)
        if late:
            rc.late.append(LateReport.of(late[0], report.id))
        else:
            own.reports_on_time += 1
        _count_rows(rc, inputs, roster, c.name, report, [f for f in filings if f.adjustment.committee == c.name])
    return rc


def _one_per_committee(rc: MonthRecount, roster: Roster, reports: list[StoredReport]) -> dict[str, StoredReport]:
    # Two current tables can resolve to one committee only when their units were spelt
    # differently; the newer one counts, the older one's rows are listed.
    out: dict[str, StoredReport] = {}
    for report in reports:  # oldest first
        found = resolve_committee(roster, report.unit, "填报单位", "")
        if isinstance(found, Message):
            _unmatched_report(rc, report, found.text)
            continue
        older = out.get(found.name)
        if older is not None:
            _unmatched_report(rc, older, f"{found.name}同月另有一份现行统计表（编号 {report.id}），本表未计入")
        out[found.name] = report
    return out


def _unmatched_report(rc: MonthRecount, report: StoredReport, why: str) -> None:
    if not report.rows:  # still say the table was there
        rc.unmatched.append(Unmatched(report.unit, report.unit, "", why, report.id))
    for data in report.rows:
        row = as_model(MonthlyRow, data)
        rc.unmatched.append(Unmatched(report.unit, row.branch, row.place("党支部名称"), why, report.id))


def _count_rows(
    rc: MonthRecount, inputs: RollupInputs, roster: Roster, committee: str, report: StoredReport, filings: list[Filing]
) -> None:
    period = rc.period
    rules = inputs.rules
    ctx = CheckContext(
        roster=roster,
        calendar=rules.calendar,
        adjustments=tuple(f.adjustment for f in filings),
        activity=rules.activity,
        deadlines=rules.deadlines,
    )
    branches: dict[str, Branch] = {b.name: b for b in roster.branches_of(committee)}
    resolved: dict[str, Branch | Message] = {}
    counted: dict[str, MonthlyRow] = {}  # branch -> its counted row
    dates = rc.held_dates[committee]
    for data in report.rows:
        row = as_model(MonthlyRow, data)
        # The exact roster name is the common case and what the domain's lookup returns first;
        # anything else goes through that lookup, once per spelling.
        branch = branches.get(row.branch)
        if branch is None:
            found = resolved.get(row.branch)
            if found is None:
                found = resolved[row.branch] = resolve_branch(roster, row.branch, committee, "")
            if isinstance(found, Message):
                rc.unmatched.append(Unmatched(committee, row.branch, row.place("党支部名称"), found.text, report.id))
                continue
            branch = found
        if (first := counted.get(branch.name)) is not None:
            why = f"党支部“{branch.name}”重复填写，只计第一行（{first.place('党支部名称') or first.branch}）"
            rc.unmatched.append(Unmatched(committee, row.branch, row.place("党支部名称"), why, report.id))
            continue
        counted[branch.name] = row

        n = rc.counts_for(committee, branch.type)
        n.branches += 1
        n.reported += 1
        n.monthly_ids.add(report.id)
        findings = activity_findings(row, period, ctx, branch, row.reason_not_held)
        codes = {f.code for f in findings}
        if row.held_on is None:
            if "not_held" in codes:
                n.not_held += 1
                rc.not_held.append(NotHeld(committee, branch.name, row.reason_not_held or "未填写", report.id))
            else:  # an unreadable date: neither held nor known not to be
                rc.unmatched.append(Unmatched(committee, row.branch, row.place("活动日期"),
                                              "“活动日期”无法识别，未计入开展情况", report.id))
            continue
        n.held += 1
        dates[row.held_on] += 1
        if "held_on_district_date" in codes:
            n.on_time += 1
        elif "held_on_adjusted_date" in codes:
            n.on_time += 1
            n.adjustment_ids.update(
                f.id for f in filings if f.adjustment.covers(committee, period, row.held_on, branch.name)
            )
        if row.time is not None and "short_duration" not in codes:
            n.duration_ok += 1
        if row.expected is not None and row.present is not None:
            n.expected += row.expected
            n.present += row.present
        n.excused += row.excused or 0
        n.observers += row.observers or 0
        n.cadres += row.cadres or 0
        if row.mode is ActivityMode.JOINT:
            n.joint += 1
        if row.theme_items:
            n.guiding += 1

    rc.tables.append(MonthTable(report.id, str(period), committee, counted))
    for b in roster.branches_of(committee):
        if b.name not in counted:
            n = rc.counts_for(committee, b.type)
            n.branches += 1
            n.monthly_ids.add(report.id)
            rc.not_held.append(NotHeld(committee, b.name, "统计表中没有该支部", report.id, listed=False))
