"""The rules for one branch's activity, shared by the monthly table and the record.

Messages judge the figures (a required value left blank, 实到 > 应到, 联建共建 without a
partner); findings record what the branch did (which date, how long, how many came).
Findings only come for a branch the roster knows: rows that match nothing count nowhere.
"""

from __future__ import annotations

from typing import TypedDict

from themeday_office.domain.checks.context import CheckContext
from themeday_office.domain.codes import finding, message
from themeday_office.domain.forms.activity import Activity
from themeday_office.domain.messages import Finding, Message
from themeday_office.domain.period import Period
from themeday_office.domain.roster.model import Branch
from themeday_office.domain.values.choices import ActivityMode

# Longer than this is more likely a typo (17:30 for 7:30) than a real activity.
LONGEST_PLAUSIBLE_HOURS = 10.0

_TIME_LABELS = ("活动时间", "开始时间", "结束时间")


class _Whose(TypedDict):
    """What every finding about one branch's activity names: whose it is, and for which period."""

    committee: str
    branch: str
    period: Period


def activity_messages(a: Activity, period: Period, ctx: CheckContext, branch: Branch | None) -> list[Message]:
    """Messages about a held activity's values; nothing for one not held."""
    if not a.held:
        return []
    out: list[Message] = []
    # Blank cells only: an unreadable value or a missing column has had its message already.
    def blank(*labels: str) -> bool:
        return any(label in a.places for label in labels) and not set(labels) & set(a.unreadable)

    if a.time is None and blank(*_TIME_LABELS):
        out.append(message("value_missing", a.place(*_TIME_LABELS), label="活动时间"))
    required = (("活动主题", a.theme), ("开展方式", a.mode), ("应到人数", a.expected), ("实到人数", a.present))
    for label, value in required:
        if value is None and blank(label):
            out.append(message("value_missing", a.place(label), label=label))

    excused = a.excused or 0
    if a.expected is not None and a.present is not None:
        if a.present > a.expected:
            out.append(message("present_exceeds_expected", a.place("实到人数"), present=a.present, expected=a.expected))
        elif a.present + excused > a.expected:
            out.append(
                message(
                    "attendance_exceeds_expected",
                    a.place("请假人数", "实到人数"),
                    present=a.present,
                    excused=excused,
                    total=a.present + excused,
                    expected=a.expected,
                )
            )
    if a.mode is ActivityMode.JOINT and not a.partner:
        out.append(message("partner_missing", a.place("联建单位", "开展方式")))

    assert a.held_on is not None
    lo, hi = ctx.calendar.adjustment_window(period.year, period.number)
    if not (period.contains(a.held_on) or lo <= a.held_on <= hi):
        start, end = min(lo, period.start), max(hi, period.end)
        out.append(
            message("date_outside_period", a.place("活动日期"), date=a.held_on, period=period, start=start, end=end)
        )

    if a.time is not None and a.time.hours > LONGEST_PLAUSIBLE_HOURS:
        out.append(
            message("duration_unusual", a.place(*_TIME_LABELS), hours=a.time.hours, limit=LONGEST_PLAUSIBLE_HOURS)
        )
    if branch is not None and a.expected is not None and a.expected != branch.members:
        out.append(
            message("expected_differs_from_roster", a.place("应到人数"), expected=a.expected, members=branch.members)
        )
    if a.theme_items:
        out.extend(theme_item_messages(a.theme_items, period.year, period.number, ctx, a.place("指导性主题序号")))
    return out


def theme_item_messages(items: tuple[int, ...], year: int, month: int, ctx: CheckContext, place: str) -> list[Message]:
    """A hint for each guiding-theme number the month's table does not have."""
    if not items or ctx.themes is None or ctx.themes.year != year:
        return []
    month_themes = ctx.themes.month(month)
    if month_themes is None:
        return []
    return [
        message("theme_item_unknown", place, number=n, month=month, count=len(month_themes.items))
        for n in items
        if month_themes.item(n) is None
    ]


def activity_findings(
    a: Activity, period: Period, ctx: CheckContext, branch: Branch, reason_not_held: str | None = None
) -> list[Finding]:
    """Which date it was held on (or not held, and why), and whether it was long and full enough."""
    common: _Whose = {"committee": branch.committee, "branch": branch.name, "period": period}
    if not a.held:
        if "活动日期" in a.unreadable:
            return []  # unreadable is not "not held": the message about the value says it
        place = a.place("未开展原因", "活动日期")
        return [finding("not_held", place=place, reason=reason_not_held or "未填写", **common)]

    assert a.held_on is not None
    out: list[Finding] = []
    district = ctx.calendar.district_date(period.year, period.number)
    place = a.place("活动日期")
    if a.held_on == district:
        out.append(finding("held_on_district_date", place=place, date=a.held_on, **common))
    elif any(f.covers(branch.committee, period, a.held_on, branch.name) for f in ctx.adjustments):
        out.append(finding("held_on_adjusted_date", place=place, date=a.held_on, district=district, **common))
    else:
        out.append(finding("held_on_unfiled_date", place=place, date=a.held_on, district=district, **common))

    threshold = ctx.activity.min_duration_hours
    if a.time is not None and a.time.hours < threshold:
        out.append(
            finding("short_duration", place=a.place(*_TIME_LABELS), hours=a.time.hours, threshold=threshold, **common)
        )
    if a.expected and a.present is not None and a.present <= a.expected:
        rate = a.present / a.expected
        if rate < ctx.activity.min_attendance_rate:
            out.append(
                finding(
                    "low_attendance",
                    place=a.place("实到人数"),
                    present=a.present,
                    expected=a.expected,
                    rate=round(rate, 4),
                    threshold=ctx.activity.min_attendance_rate,
                    **common,
                )
            )
    return out
