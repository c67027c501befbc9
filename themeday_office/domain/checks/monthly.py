"""Checks of a committee's monthly table against the roster in force, the calendar and the filings."""

from __future__ import annotations

from themeday_office.domain.checks.activity import activity_findings, activity_messages
from themeday_office.domain.checks.branches import resolve_branch, resolve_committee
from themeday_office.domain.checks.context import CheckContext, Outcome
from themeday_office.domain.checks.timeliness import late_arrival
from themeday_office.domain.codes import message
from themeday_office.domain.deadlines import monthly_deadline
from themeday_office.domain.forms.kinds import FormKind
from themeday_office.domain.forms.monthly import MonthlyReport, MonthlyRow
from themeday_office.domain.messages import Finding, Message
from themeday_office.domain.roster.model import Branch


def check_monthly(report: MonthlyReport, ctx: CheckContext) -> Outcome:
    """Messages and findings for a monthly table.

    Every branch of the committee must have exactly one row: a branch that did not
    meet is a row with no date and its 未开展原因. A row without a date and without a
    reason is an 错误 (`reason_missing`), because "not held" must come with the
    committee's reason to count as valid data about non-compliance.
    """
    messages: list[Message] = []
    findings: list[Finding] = []
    period = report.period
    unit = resolve_committee(ctx.roster, report.unit, "填报单位", report.unit_place or report.place)
    if isinstance(unit, Message):
        return Outcome(messages=(unit,))  # whose branches to expect is unknown, so nothing else can be judged
    committee = unit.name

    first_row: dict[str, str] = {}  # branch name -> place of its first row
    for row in report.rows:
        place = row.place("党支部名称")
        resolved = resolve_branch(ctx.roster, row.branch, committee, place)
        branch: Branch | None = None
        if isinstance(resolved, Message):
            messages.append(resolved)
        elif resolved.name in first_row:
            messages.append(message("branch_duplicate", place, branch=resolved.name, other=first_row[resolved.name]))
        else:
            branch = resolved
            first_row[branch.name] = place or row.branch
        messages.extend(activity_messages(row, period, ctx, branch))
        messages.extend(_row_messages(row))
        if branch is not None:
            findings.extend(activity_findings(row, period, ctx, branch, row.reason_not_held))

    for b in ctx.roster.branches_of(committee):
        if b.name not in first_row:
            messages.append(message("branch_missing", report.place, unit=committee, branch=b.name))

    findings.extend(
        late_arrival(
            committee, period, FormKind.MONTHLY, ctx.arrived, monthly_deadline(period, ctx.calendar, ctx.deadlines)
        )
    )
    return Outcome(messages=tuple(messages), findings=tuple(findings))


def _row_messages(row: MonthlyRow) -> list[Message]:
    out: list[Message] = []
    if row.held:
        if row.reason_not_held:
            out.append(message("held_with_reason", row.place("未开展原因")))
        if row.cadres is not None and row.present is not None and row.cadres > row.present:
            place = row.place("科级以上领导干部参加人数")
            out.append(message("cadres_exceed_present", place, cadres=row.cadres, present=row.present))
    elif "活动日期" not in row.unreadable and not row.reason_not_held:
        out.append(message("reason_missing", row.place("未开展原因", "活动日期")))
    return out
