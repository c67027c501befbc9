"""Checks of an adjustment filing: a reason, and a new date within the window."""

from __future__ import annotations

from themeday_office.domain.checks.branches import resolve_branch, resolve_committee
from themeday_office.domain.checks.context import CheckContext, Outcome
from themeday_office.domain.checks.holidays import holiday_messages
from themeday_office.domain.checks.timeliness import late_arrival
from themeday_office.domain.codes import message
from themeday_office.domain.deadlines import adjustment_deadline
from themeday_office.domain.forms.adjustment import AdjustmentForm
from themeday_office.domain.forms.kinds import FormKind
from themeday_office.domain.messages import Finding, Message


def check_adjustment(form: AdjustmentForm, ctx: CheckContext) -> Outcome:
    """Messages and findings for an adjustment; it is due by the earlier of the two dates."""
    messages: list[Message] = []
    period = form.period
    district = ctx.calendar.district_date(period.year, period.number)
    unit = resolve_committee(ctx.roster, form.unit, "申请单位", form.place_of("申请单位"))
    committee = None
    if isinstance(unit, Message):
        messages.append(unit)
    else:
        committee = unit.name

    if form.district_date is not None and form.district_date != district:
        messages.append(
            message(
                "adjustment_district_date_wrong",
                form.place_of("区定日期"),
                written=form.district_date,
                period=period,
                actual=district,
            )
        )
    if form.new_date is None:
        if _blank(form, "调整后日期"):
            messages.append(message("value_missing", form.place_of("调整后日期"), label="调整后日期"))
    else:
        verdict = ctx.calendar.check_adjustment(period.year, period.number, form.new_date)
        if not verdict.allowed:
            messages.append(message("adjustment_outside_window", form.place_of("调整后日期"), verdict=verdict.text))
        elif form.new_date == district:
            messages.append(message("adjustment_not_needed", form.place_of("调整后日期"), district=district))
        messages.extend(holiday_messages([(form.new_date, form.place_of("调整后日期"))], ctx))
    if not form.reason and _blank(form, "调整原因"):
        messages.append(message("adjustment_reason_missing", form.place_of("调整原因")))

    if form.scope is None:
        messages.append(message("scope_assumed_all", form.place_of("涉及支部")))
    elif not form.scope.all_branches:
        for name in form.scope.names:
            resolved = resolve_branch(ctx.roster, name, committee, form.place_of("涉及支部"))
            if isinstance(resolved, Message):
                messages.append(resolved)

    findings: list[Finding] = []
    if committee is not None:
        deadline = adjustment_deadline(district, form.new_date)
        findings = late_arrival(committee, period, FormKind.ADJUSTMENT, ctx.arrived, deadline)
    return Outcome(messages=tuple(messages), findings=tuple(findings))


def _blank(form: AdjustmentForm, label: str) -> bool:
    # A missing label or an unreadable value has had its message when the form was read.
    return label in form.places and label not in form.unreadable
