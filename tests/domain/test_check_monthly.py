from dataclasses import replace
from datetime import date

from themeday_office.domain.adjustments import FiledAdjustment, file_adjustment
from themeday_office.domain.checks import check_monthly
from themeday_office.domain.forms import MonthlyReport, parse_adjustment
from themeday_office.domain.period import Period
from themeday_office.domain.rules import ActivityRules

from .monthly_case import parsed, rows, run
from .sheets import labelled, monthly_row, not_held_row

MARCH = Period.of_month(2017, 3)
ON_THE_8TH = {"活动日期": "2017年3月8日"}


def test_a_clean_table_has_only_compliant_findings(ctx):
    parse_messages, outcome = run(ctx)
    assert parse_messages == [] and outcome.messages == ()
    assert [f.code for f in outcome.findings] == ["held_on_district_date"] * 3
    first = outcome.findings[0]
    assert first.text == "大河村党支部于2017年3月10日（全区主题党日）开展活动"
    assert (first.committee, first.branch, first.period, first.place, first.compliant) == (
        "古荥镇党委",
        "大河村党支部",
        "2017-03",
        "月报!C5",
        True,
    )


def test_the_same_table_with_and_without_a_filed_adjustment(ctx):
    table = rows(大河村党支部=ON_THE_8TH, 八里庙村党支部=ON_THE_8TH, 古荥镇机关第一党支部=ON_THE_8TH)
    _, without = run(ctx, table)
    assert [f.code for f in without.findings] == ["held_on_unfiled_date"] * 3
    assert without.findings[0].text == "大河村党支部于2017年3月8日开展活动，该日期未报备（全区主题党日为2017年3月10日）"

    filed = FiledAdjustment(committee="古荥镇党委", period=MARCH, new_date=date(2017, 3, 8))
    _, with_filing = run(replace(ctx, adjustments=[filed]), table)
    assert [f.code for f in with_filing.findings] == ["held_on_adjusted_date"] * 3
    assert all(f.compliant for f in with_filing.findings)
    assert without.messages == with_filing.messages == ()


def test_a_filing_covers_only_the_branches_it_names(ctx):
    form, _ = parse_adjustment(
        labelled(
            "表格1",
            {
                "申请单位": "古荥镇",
                "调整月份": "2017年3月",
                "调整后日期": "3月8日",
                "调整原因": "迎检",
                "涉及支部": "大河村支部",
            },
        )
    )
    assert form is not None
    filed = file_adjustment(form, ctx.roster)
    assert filed == FiledAdjustment(
        committee="古荥镇党委", period=MARCH, new_date=date(2017, 3, 8), branches=("大河村党支部",)
    )
    table = rows(大河村党支部=ON_THE_8TH, 八里庙村党支部=ON_THE_8TH)
    _, outcome = run(replace(ctx, adjustments=[filed]), table)
    assert [f.code for f in outcome.findings] == [
        "held_on_adjusted_date",
        "held_on_unfiled_date",
        "held_on_district_date",
    ]


def test_a_filing_of_another_committee_or_date_does_not_count(ctx):
    others = [
        FiledAdjustment(committee="新城街道党工委", period=MARCH, new_date=date(2017, 3, 8)),
        FiledAdjustment(committee="古荥镇党委", period=MARCH, new_date=date(2017, 3, 9)),
    ]
    _, outcome = run(replace(ctx, adjustments=others), rows(大河村党支部=ON_THE_8TH))
    assert outcome.findings[0].code == "held_on_unfiled_date"


def test_findings_are_recomputed_from_the_stored_report(ctx):
    report, _ = parsed(rows(大河村党支部=ON_THE_8TH))
    stored = MonthlyReport.model_validate_json(report.model_dump_json())
    filed = FiledAdjustment(committee="古荥镇党委", period=MARCH, new_date=date(2017, 3, 8))
    assert check_monthly(stored, ctx).findings[0].code == "held_on_unfiled_date"
    assert check_monthly(stored, replace(ctx, adjustments=[filed])).findings[0].code == "held_on_adjusted_date"


def test_not_held_with_a_reason_is_a_finding(ctx):
    table = rows()
    table[1] = not_held_row(6, "八里庙村党支部", "村两委换届选举")
    _, outcome = run(ctx, table)
    assert outcome.messages == ()
    f = outcome.findings[1]
    assert (f.code, f.compliant, f.values) == ("not_held", False, {"reason": "村两委换届选举"})
    assert f.text == "八里庙村党支部本月未开展活动，原因：村两委换届选举"


def test_not_held_without_a_reason_is_an_error(ctx):
    table = rows()
    table[1] = not_held_row(6, "八里庙村党支部", None)
    _, outcome = run(ctx, table)
    assert [m.text for m in outcome.messages] == ["月报!O6 未填写活动日期（未开展），也未填写“未开展原因”"]
    assert outcome.rejected
    assert outcome.findings[1].values == {"reason": "未填写"}


def test_an_unreadable_date_is_not_taken_for_not_held(ctx):
    parse_messages, outcome = run(ctx, rows(大河村党支部={"活动日期": "上周五"}))
    assert [m.code for m in parse_messages] == ["value_invalid"]
    assert "not_held" not in outcome.codes() and "reason_missing" not in outcome.codes()


def test_a_held_row_must_say_when_what_how_and_how_many(ctx):
    blanks = {"活动时间": None, "活动主题": None, "开展方式": None, "应到人数": None, "实到人数": None}
    _, outcome = run(ctx, rows(大河村党支部=blanks))
    assert [m.text for m in outcome.messages] == [
        "月报!D5“活动时间”未填写",
        "月报!E5“活动主题”未填写",
        "月报!G5“开展方式”未填写",
        "月报!J5“应到人数”未填写",
        "月报!K5“实到人数”未填写",
    ]


def test_a_missing_column_is_reported_once_not_per_row(ctx):
    table = rows()
    for row in table:
        del row["活动主题"]
    parse_messages, outcome = run(ctx, table)
    assert [m.text for m in parse_messages] == ["月报 表中缺少“活动主题”"]
    assert outcome.messages == ()


def test_short_and_thin_activities_are_findings(ctx):
    _, outcome = run(ctx, rows(大河村党支部={"活动时间": "9:00-10:30", "实到人数": 15, "请假人数": 5}))
    assert outcome.messages == ()
    short, low = [f for f in outcome.findings if f.branch == "大河村党支部" and not f.compliant]
    assert short.text == "大河村党支部活动时长 1.5 小时，不足 3.5 小时（半天）"
    assert short.values == {"hours": 1.5, "threshold": 3.5}
    assert low.code == "low_attendance" and low.values["rate"] == 0.5


def test_thresholds_come_from_the_rules(ctx):
    table = rows(大河村党支部={"活动时间": "9:00-12:00", "实到人数": 21, "请假人数": 0})
    _, strict = run(ctx, table)
    assert {f.code for f in strict.findings} >= {"short_duration", "low_attendance"}
    _, lenient = run(replace(ctx, activity=ActivityRules(min_duration_hours=3.0, min_attendance_rate=0.7)), table)
    assert {f.code for f in lenient.findings} == {"held_on_district_date"}


def test_half_day_words_use_working_hours(ctx):
    _, outcome = run(ctx, rows(大河村党支部={"活动时间": "上午"}, 八里庙村党支部={"活动时间": "全天"}))
    assert outcome.messages == () and all(f.compliant for f in outcome.findings)


def test_branch_names_against_the_roster(ctx):
    table = rows()
    table[0] = monthly_row(5, "大河村支布", 应到人数=30)
    _, outcome = run(ctx, table)
    assert [m.text for m in outcome.messages] == [
        "月报!B5 党支部“大河村支布”不在组织名册中，您是否要填：大河村党支部？",
        "月报 缺少古荥镇党委所属党支部“大河村党支部”（未开展活动的支部也应填写一行，并注明未开展原因）",
    ]
    assert [f.branch for f in outcome.findings] == [
        "八里庙村党支部",
        "古荥镇机关第一党支部",
    ]  # unmatched rows count nowhere


def test_tolerated_spellings_match_their_branch(ctx):
    table = rows()
    table[0] = monthly_row(5, "古荥镇 大河村支部", 应到人数=30)
    table[2] = monthly_row(7, "机关第一党支部", 应到人数=12, 实到人数=12, 请假人数=0)
    _, outcome = run(ctx, table)
    assert outcome.messages == ()
    assert [f.branch for f in outcome.findings] == ["大河村党支部", "八里庙村党支部", "古荥镇机关第一党支部"]


def test_a_branch_of_another_committee(ctx):
    table = [*rows(), monthly_row(8, "新城社区党支部", 应到人数=25, 实到人数=23)]
    _, outcome = run(ctx, table)
    assert [m.text for m in outcome.messages] == ["月报!B8 党支部“新城社区党支部”属于新城街道党工委，不属于古荥镇党委"]


def test_a_branch_listed_twice(ctx):
    table = [*rows(), monthly_row(8, "大河村支部", 应到人数=30)]
    _, outcome = run(ctx, table)
    assert [m.text for m in outcome.messages] == ["月报!B8 党支部“大河村党支部”重复填写（另见月报!B5）"]
    assert len(outcome.findings) == 3  # the second row does not count twice


def test_an_unknown_committee_stops_the_branch_checks(ctx):
    _, outcome = run(ctx, unit="古荣镇党委")
    assert [m.text for m in outcome.messages] == [
        "月报!B2 填报单位“古荣镇党委”不在组织名册中，您是否要填：古荥镇党委？"
    ]
    assert outcome.findings == ()


def test_hints_about_figures_that_look_unusual(ctx):
    table = rows(
        大河村党支部={"应到人数": 29, "实到人数": 27},
        八里庙村党支部={"科级以上领导干部参加人数": 19, "指导性主题序号": "1、10"},
        古荥镇机关第一党支部={"活动时间": "8:30-20:00", "未开展原因": "无"},
    )
    _, outcome = run(ctx, table)
    assert [(m.severity.value, m.text) for m in outcome.messages] == [
        ("提示", "月报!J5“应到人数”为 29，组织名册中该支部党员 30 人"),
        ("提示", "月报!F6“指导性主题序号”中的 10 不在3月的指导性主题中（共 9 项）"),
        ("提示", "月报!N6“科级以上领导干部参加人数”为 19，大于实到人数 18"),
        ("提示", "月报!D7 活动时长 11.5 小时，超过 10 小时，请核实时间是否填写有误"),
        ("提示", "月报!O7 已填写活动日期，又填写了“未开展原因”，请核实是否开展"),
    ]
    assert not outcome.rejected


def test_a_date_outside_the_months_window(ctx):
    _, outcome = run(ctx, rows(大河村党支部={"活动日期": "2017年4月14日"}))
    assert [m.text for m in outcome.messages] == [
        "月报!C5 活动日期2017年4月14日不在2017年3月主题党日的范围内（2017年3月1日至2017年3月31日）"
    ]


def test_late_arrival_is_a_finding_not_an_error(ctx):
    _, on_time = run(replace(ctx, arrived=date(2017, 3, 15)))
    assert "late_arrival" not in on_time.codes()
    _, late = run(replace(ctx, arrived=date(2017, 3, 17)))
    assert late.messages == ()
    f = late.findings[-1]
    assert (f.code, f.branch, f.values["days"]) == ("late_arrival", "", 2)
    assert f.text == "古荥镇党委的月度开展情况统计表于2017年3月17日收到，晚于报送期限2017年3月15日（逾期 2 天）"
