"""DESIGN.md's table "Data errors, compliance findings, and what counts", row by row.

Each case changes one thing in otherwise clean data and expects the table's severity
(错误 rejects, 提示 is shown, a finding is accepted and counted) under a stable code.
"""

from dataclasses import replace
from datetime import date

import pytest

from themeday_office.domain.checks import check_adjustment, check_summary
from themeday_office.domain.codes import CODES
from themeday_office.domain.forms import FormContext, parse_monthly
from themeday_office.domain.messages import Severity
from themeday_office.domain.period import Period
from themeday_office.domain.values import RawValue

from . import test_form_summary as summ
from .monthly_case import rows, run
from .sheets import header, monthly_row, not_held_row
from .test_check_forms import adjustment

TITLE = RawValue("2017年3月份“主题党日”活动开展情况统计表", "月报!A1")


def monthly(ctx, table=None, **kw):
    messages, outcome = run(ctx, table, **kw)
    return [*messages, *outcome.messages], list(outcome.findings)


def parsed_only(head, table, **context):
    _, messages = parse_monthly(head, table, FormContext(place="月报", **context))
    return messages, []


def without_column(label):
    table = rows()
    for row in table:
        del row[label]
    return table


def replaced(index, row):
    table = rows()
    table[index] = row
    return table


CASES = {
    # 错误: rejected
    "required column missing": ("label_missing", "错误", lambda ctx: parsed_only(header(), without_column("实到人数"))),
    "required field missing": (
        "value_missing",
        "错误",
        lambda ctx: monthly(ctx, rows(大河村党支部={"实到人数": None})),
    ),
    "wrong period": (
        "period_inconsistent",
        "错误",
        lambda ctx: parsed_only(header(), rows(), period=Period.of_month(2017, 4)),
    ),
    "inconsistent period": (
        "period_inconsistent",
        "错误",
        lambda ctx: parsed_only(header(month="2017年2月"), rows(), title=TITLE),
    ),
    "branch not in roster": (
        "branch_unknown",
        "错误",
        lambda ctx: monthly(ctx, [*rows(), monthly_row(8, "大河村支布")]),
    ),
    "branch of the committee missing": ("branch_missing", "错误", lambda ctx: monthly(ctx, rows()[:2])),
    "branch listed twice": (
        "branch_duplicate",
        "错误",
        lambda ctx: monthly(ctx, [*rows(), monthly_row(8, "大河村党支部")]),
    ),
    "实到 > 应到": ("present_exceeds_expected", "错误", lambda ctx: monthly(ctx, rows(大河村党支部={"实到人数": 31}))),
    "实到 + 请假 > 应到": (
        "attendance_exceeds_expected",
        "错误",
        lambda ctx: monthly(ctx, rows(大河村党支部={"请假人数": 3})),
    ),
    "联建共建 without 联建单位": (
        "partner_missing",
        "错误",
        lambda ctx: monthly(ctx, rows(大河村党支部={"开展方式": "联建共建"})),
    ),
    "adjustment outside the window": (
        "adjustment_outside_window",
        "错误",
        lambda ctx: (list(check_adjustment(adjustment(调整后日期="4月24日"), ctx).messages), []),
    ),
    "adjustment without a reason": (
        "adjustment_reason_missing",
        "错误",
        lambda ctx: (list(check_adjustment(adjustment(调整原因=" "), ctx).messages), []),
    ),
    "not held, no reason (our rule)": (
        "reason_missing",
        "错误",
        lambda ctx: monthly(ctx, replaced(1, not_held_row(6, "八里庙村党支部", None))),
    ),
    # findings: accepted, counted
    "not held with a reason": (
        "not_held",
        "finding",
        lambda ctx: monthly(ctx, replaced(1, not_held_row(6, "八里庙村党支部", "换届"))),
    ),
    "held on an unfiled date": ("held_on_unfiled_date", "finding", lambda ctx: monthly(ctx, rows(on="2017年3月9日"))),
    "below the duration threshold": (
        "short_duration",
        "finding",
        lambda ctx: monthly(ctx, rows(大河村党支部={"活动时间": "9:00-11:00"})),
    ),
    "low attendance": (
        "low_attendance",
        "finding",
        lambda ctx: monthly(ctx, rows(大河村党支部={"实到人数": 20, "请假人数": 10})),
    ),
    "arrived after the deadline": (
        "late_arrival",
        "finding",
        lambda ctx: monthly(replace(ctx, arrived=date(2017, 3, 20))),
    ),
    # 提示: accepted, shown
    "summary missing a usual section": (
        "summary_section_missing",
        "提示",
        lambda ctx: (
            list(check_summary(summ.parse([t for t in summ.TEXT if t != "三、存在问题"])[0], ctx).messages),
            [],
        ),
    ),
    "a figure that looks unusual": (
        "expected_differs_from_roster",
        "提示",
        lambda ctx: monthly(ctx, rows(大河村党支部={"应到人数": 35})),
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_row_of_the_table(ctx, case):
    code, kind, produce = CASES[case]
    messages, findings = produce(ctx)
    if kind == "finding":
        assert code in [f.code for f in findings]
        assert not [m for m in messages if m.is_error]  # accepted: nothing rejects the file
        assert CODES[code].severity is None and not CODES[code].compliant
    else:
        hits = [m for m in messages if m.code == code]
        assert hits, [m.text for m in messages]
        assert {m.severity.value for m in hits} == {kind}
        if kind == "提示":
            assert not [m for m in messages if m.is_error]


def test_unreadable_files_are_errors_in_the_catalog():
    assert all(
        CODES[c].severity is Severity.ERROR
        for c in ("file_unreadable", "file_encrypted", "file_unsafe", "unknown_form")
    )


def test_the_clean_baseline_has_nothing_to_say(ctx):
    messages, findings = monthly(ctx)
    assert messages == [] and all(f.compliant for f in findings)
