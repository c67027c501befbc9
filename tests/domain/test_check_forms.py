"""Checks of the record, the plan, the adjustment and the summary."""

from dataclasses import replace
from datetime import date

from themeday_office.domain.calendar import DistrictCalendar, HolidayOverrides, YearHolidays
from themeday_office.domain.checks import check_adjustment, check_plan, check_record, check_summary
from themeday_office.domain.forms import FormContext, parse_adjustment, parse_record, parse_summary

from . import test_form_adjustment as adj
from . import test_form_plan as plan
from . import test_form_record as rec
from . import test_form_summary as summ
from .sheets import labelled


def record(**changes):
    form, messages = parse_record(labelled("表格1", {**rec.RECORD, **changes}), FormContext(place="表格1"))
    assert messages == []
    return form


def adjustment(**changes):
    form, messages = parse_adjustment(labelled("表格1", {**adj.FORM, **changes}), FormContext(place="备案表"))
    assert form is not None
    return form


def test_a_clean_record(ctx):
    outcome = check_record(record(), ctx)
    assert outcome.messages == ()
    assert [f.code for f in outcome.findings] == ["held_on_district_date"]


def test_a_record_uses_its_committee_to_find_the_branch(ctx):
    outcome = check_record(
        record(党支部名称="机关第一党支部", **{"所属党(工)委": "区委办"}, 应到人数=15, 实到人数=14, 请假人数=1), ctx
    )
    assert outcome.messages == () and outcome.findings[0].committee == "区委办机关党委"
    outcome = check_record(record(党支部名称="机关第一党支部", **{"所属党(工)委": None}), ctx)
    assert [m.code for m in outcome.messages] == ["branch_ambiguous"]
    assert (
        outcome.messages[0].text
        == "表格1 第1行 党支部“机关第一党支部”在组织名册中有2个"
        "（新城街道党工委机关第一党支部、区委办机关党委机关第一党支部），请填写全称"
    )


def test_a_record_with_rule_breaks(ctx):
    outcome = check_record(record(开展方式="联建共建", 联建单位=None, 实到人数=26, 请假人数=5), ctx)
    assert [m.code for m in outcome.messages] == ["attendance_exceeds_expected", "partner_missing"]
    assert outcome.messages[0].text == "表格1 第13行 实到人数 26 加请假人数 5 为 31，大于应到人数 30"


def test_a_clean_plan(ctx):
    form, _ = plan.parse([plan.plan_row(m) for m in range(1, 13)])
    assert check_plan(form, replace(ctx, arrived=date(2016, 12, 30))) == check_plan(form, ctx)
    assert check_plan(form, ctx).messages == ()


def test_a_plan_from_a_cooperation_group(ctx):
    form, _ = plan.parse(
        [plan.plan_row(m, 开展方式="联建共建", 联建单位="古荥镇党委") for m in range(1, 13)], unit="第一协作组"
    )
    assert check_plan(form, ctx).messages == ()


def test_plan_months_and_dates(ctx):
    rows = [plan.plan_row(m) for m in range(1, 11)]
    rows[2] = plan.plan_row(3, day=8)  # two days early: allowed, to be filed
    rows[3] = plan.plan_row(4, day=28)  # two weeks late: not allowed
    rows.append(plan.plan_row(5))
    form, _ = plan.parse(rows)
    outcome = check_plan(form, ctx)
    assert [(m.severity.value, m.code) for m in outcome.messages] == [
        ("提示", "plan_date_adjusted"),
        ("错误", "plan_date_outside_window"),
        ("错误", "plan_month_duplicate"),
        ("错误", "plan_month_missing"),
    ]
    texts = [m.text for m in outcome.messages]
    assert texts[0] == "计划!B6 3月计划日期2017年3月8日不是全区主题党日（2017年3月10日），届时须报区委组织部备案"
    assert texts[1].startswith(
        "计划!B7 4月计划日期不符合规定：调整后日期2017年4月28日与全区主题党日2017年4月14日相差14天"
    )
    assert texts[3] == "计划 计划表缺少11月、12月的计划"


def test_a_late_plan(ctx):
    form, _ = plan.parse([plan.plan_row(m) for m in range(1, 13)])
    outcome = check_plan(form, replace(ctx, arrived=date(2017, 1, 3)))
    assert [(f.code, f.values["days"]) for f in outcome.findings] == [("late_arrival", 4)]


def test_holiday_hints_never_guess(ctx):
    calendar = DistrictCalendar()
    rows = [plan.plan_row(m, 活动日期=calendar.district_date(2040, m)) for m in range(1, 13)]
    form, _ = plan.parse(rows, title=plan.RawValue("2040年“主题党日”活动计划表", "计划!A1"))
    outcome = check_plan(form, replace(ctx, themes=None))  # chinesecalendar does not cover 2040
    assert [m.text for m in outcome.messages] == ["计划!B4 2040年节假日数据缺失，无法判断2040年1月13日是否为法定节假日"]


def test_a_clean_adjustment(ctx):
    outcome = check_adjustment(adjustment(), ctx)
    assert outcome.messages == () and outcome.findings == ()


def test_adjustment_rule_breaks(ctx):
    outcome = check_adjustment(adjustment(区定日期="4月15日", 调整后日期="4月24日", 调整原因=None), ctx)
    assert [m.text for m in outcome.messages] == [
        "表格1 第3行“区定日期”为2017年4月15日，2017年4月全区主题党日应为2017年4月14日",
        "表格1 第4行 调整后日期2017年4月24日与全区主题党日2017年4月14日相差10天，超出前后7天的范围",
        "表格1 第5行 未填写“调整原因”",
    ]
    assert all(m.is_error for m in outcome.messages)


def test_adjustment_scope_and_hints(ctx):
    outcome = check_adjustment(
        adjustment(调整后日期="4月14日", 涉及支部="大河村支部、新城社区党支部、不存在党支部"), ctx
    )
    assert [m.code for m in outcome.messages] == ["adjustment_not_needed", "branch_other_committee", "branch_unknown"]
    outcome = check_adjustment(adjustment(涉及支部=None), ctx)
    assert [(m.severity.value, m.code) for m in outcome.messages] == [("提示", "scope_assumed_all")]


def test_an_adjustment_onto_a_holiday_is_a_hint(ctx):
    overrides = HolidayOverrides(years={2017: YearHolidays(holidays={date(2017, 4, 12): "测试假日"})})
    outcome = check_adjustment(adjustment(), replace(ctx, calendar=DistrictCalendar(overrides=overrides)))
    assert [m.text for m in outcome.messages] == ["表格1 第4行 2017年4月12日是法定节假日（测试假日）"]


def test_a_late_adjustment(ctx):
    assert check_adjustment(adjustment(), replace(ctx, arrived=date(2017, 4, 12))).findings == ()
    late = check_adjustment(adjustment(), replace(ctx, arrived=date(2017, 4, 13))).findings
    assert [(f.code, f.values["deadline"]) for f in late] == [("late_arrival", "2017-04-12")]


def test_a_clean_summary(ctx):
    report, _ = summ.parse(summ.TEXT)
    outcome = check_summary(report, replace(ctx, arrived=date(2017, 4, 10)))
    assert outcome.messages == () and outcome.findings == ()


def test_summary_hints_and_lateness(ctx):
    report, _ = parse_summary(
        [
            summ.RawValue(t, f"第{i}段")
            for i, t in enumerate([summ.TEXT[0], "一、基本情况", "……", "二、主要做法", "……"])
        ],
        FormContext(place="总结"),
    )
    assert report is not None
    outcome = check_summary(report, replace(ctx, arrived=date(2017, 4, 11)))
    assert [(m.severity.value, m.text) for m in outcome.messages] == [
        ("提示", "总结 总结中未见“存在问题”部分"),
        ("提示", "总结 总结中未见“下步打算”部分"),
        ("提示", "总结 总结末尾未注明成文日期"),
    ]
    assert [f.code for f in outcome.findings] == ["late_arrival"]


def test_a_summary_of_an_unknown_unit(ctx):
    report, _ = summ.parse(["花园口镇党委2017年第一季度“主题党日”活动总结", *summ.TEXT[1:]])
    assert [m.code for m in check_summary(report, ctx).messages] == ["unit_unknown"]
