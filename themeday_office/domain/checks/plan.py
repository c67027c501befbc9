"""Checks of a year plan: twelve months, each on the district date or one it may move to."""

from __future__ import annotations

from themeday_office.domain.checks.activity import theme_item_messages
from themeday_office.domain.checks.branches import resolve_unit
from themeday_office.domain.checks.context import CheckContext, Outcome
from themeday_office.domain.checks.holidays import holiday_messages
from themeday_office.domain.checks.timeliness import late_arrival
from themeday_office.domain.codes import message
from themeday_office.domain.deadlines import plan_deadline
from themeday_office.domain.forms.kinds import FormKind
from themeday_office.domain.forms.plan import PlanForm, PlanRow
from themeday_office.domain.messages import Message
from themeday_office.domain.values.choices import ActivityMode


def check_plan(plan: PlanForm, ctx: CheckContext) -> Outcome:
    """Messages and findings for a plan from a committee or a cooperation group.

    A planned date other than the district date is allowed within the adjustment
    window (a 提示: it must be filed when the time comes); outside it, an 错误.
    """
    messages: list[Message] = []
    year = plan.period.year
    unit = resolve_unit(ctx.roster, plan.unit, "填报单位", plan.unit_place or plan.place)
    if isinstance(unit, Message):
        messages.append(unit)

    first: dict[int, str] = {}
    for row in plan.rows:
        if row.month in first:
            messages.append(message("plan_month_duplicate", row.place("月份"), month=row.month, other=first[row.month]))
            continue
        first[row.month] = row.place("月份") or f"{row.month}月"
        messages.extend(_row_messages(row, year, ctx))
    missing = [m for m in range(1, 13) if m not in first]
    if missing:
        messages.append(message("plan_month_missing", plan.place, months="、".join(f"{m}月" for m in missing)))
    messages.extend(holiday_messages(((r.planned_on, r.place("活动日期")) for r in plan.rows if r.planned_on), ctx))

    findings = []
    if not isinstance(unit, Message):
        findings = late_arrival(unit.name, plan.period, FormKind.PLAN, ctx.arrived, plan_deadline(year, ctx.deadlines))
    return Outcome(messages=tuple(messages), findings=tuple(findings))


def _row_messages(row: PlanRow, year: int, ctx: CheckContext) -> list[Message]:
    out: list[Message] = []
    for label, value in (("活动日期", row.planned_on), ("活动主题", row.theme), ("开展方式", row.mode)):
        if value is None and label in row.places and label not in row.unreadable:
            out.append(message("value_missing", row.place(label), label=label))
    if row.mode is ActivityMode.JOINT and not row.partner:
        out.append(message("partner_missing", row.place("联建单位", "开展方式")))
    if row.planned_on is not None:
        verdict = ctx.calendar.check_adjustment(year, row.month, row.planned_on)
        if not verdict.allowed:
            out.append(
                message("plan_date_outside_window", row.place("活动日期"), month=row.month, verdict=verdict.text)
            )
        elif row.planned_on != verdict.district_date:
            out.append(
                message(
                    "plan_date_adjusted",
                    row.place("活动日期"),
                    month=row.month,
                    date=row.planned_on,
                    district=verdict.district_date,
                )
            )
    out.extend(theme_item_messages(row.theme_items, year, row.month, ctx, row.place("指导性主题序号")))
    return out
