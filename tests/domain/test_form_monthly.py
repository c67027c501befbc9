from datetime import date, time

import pytest

from themeday_office.domain.forms import FormContext, MonthlyReport, parse_monthly
from themeday_office.domain.period import Period
from themeday_office.domain.values import ActivityMode, RawValue

from .sheets import header, monthly_row, not_held_row

MARCH = Period.of_month(2017, 3)
TITLE = RawValue("2017年3月份“主题党日”活动开展情况统计表", "月报!A1")


def parse(rows, head=None, **context):
    context.setdefault("place", "月报")
    return parse_monthly(header() if head is None else head, rows, FormContext(**context))


def test_a_clean_table():
    report, messages = parse(
        [monthly_row(5, "大河村党支部"), not_held_row(6, "八里庙村党支部", "村两委换届")], title=TITLE
    )
    assert messages == []
    assert (report.unit, report.period, report.unit_place) == ("古荥镇党委", MARCH, "月报!B2")
    held, not_held = report.rows
    assert held.held_on == date(2017, 3, 10) and held.time.hours == 3.5 and held.mode is ActivityMode.SOLO
    assert (held.expected, held.present, held.excused, held.theme_items) == (30, 28, 2, (1,))
    assert held.places["实到人数"] == "月报!K5"
    assert not not_held.held and not_held.reason_not_held == "村两委换届"


def test_the_model_round_trips_through_json():
    report, _ = parse([monthly_row(5, "大河村党支部")])
    assert MonthlyReport.model_validate_json(report.model_dump_json()) == report


def test_header_variants_and_decorated_labels():
    row = {
        "党支部\n名称": RawValue("大河村党支部", "月报!B5"),
        "活动日期": RawValue(42804, "月报!C5"),
        "开始时间": RawValue(time(8, 30), "月报!D5"),
        "结束时间": RawValue("12：00", "月报!E5"),
        "主题": RawValue("学雷锋", "月报!F5"),
        "开展方式": RawValue("单独开展", "月报!G5"),
        "应到\n人数": RawValue("30人", "月报!H5"),
        "实到人数（人）": RawValue("２８", "月报!I5"),
    }
    head = {"填报单位（盖章）": RawValue("古荥镇党委（盖章）", "月报!B2"), "填报月份": RawValue("2017年3月", "月报!F2")}
    report, messages = parse([row], head)
    assert messages == []
    assert report.unit == "古荥镇党委"
    r = report.rows[0]
    assert (r.time.start, r.time.end, r.expected, r.present) == (time(8, 30), time(12, 0), 30, 28)


def test_a_range_typed_into_the_start_column_alone_is_read():
    row = monthly_row(5, "大河村党支部")
    del row["活动时间"]
    row["开始时间"] = RawValue("8:30-11:30", "月报!D5")
    row["结束时间"] = RawValue(None, "月报!E5")
    report, messages = parse([row])
    assert messages == [] and report.rows[0].time.hours == 3.0


def test_end_before_start_in_two_columns():
    row = monthly_row(5, "大河村党支部")
    del row["活动时间"]
    row["开始时间"] = RawValue("14:30", "月报!D5")
    row["结束时间"] = RawValue("12:00", "月报!E5")
    report, messages = parse([row])
    assert [m.text for m in messages] == ["月报!E5“结束时间”为“12:00”，不晚于开始时间14:30"]
    assert report.rows[0].time is None and "结束时间" in report.rows[0].unreadable


@pytest.mark.parametrize(
    "label, raw, text",
    [
        ("活动日期", "2017年2月30日", "月报!C5“活动日期”为“2017年2月30日”，日期不存在（2017年2月没有30日）"),
        (
            "活动时间",
            "上午开会",
            "月报!D5“活动时间”为“上午开会”，无法识别为活动时间（可写作 8:30-12:00，或只写 上午、下午、全天）",
        ),
        ("实到人数", "二十八", "月报!K5“实到人数”为“二十八”，不是人数（应填写整数，如 30）"),
        ("实到人数", -2, "月报!K5“实到人数”为 -2，人数不能为负数"),
        ("开展方式", "集中学习", "月报!G5“开展方式”为“集中学习”，应为“联建共建”或“支部单独开展”"),
        ("指导性主题序号", "学雷锋", "月报!F5“指导性主题序号”为“学雷锋”，应为主题序号，如 1、4（多个序号用“、”分隔）"),
    ],
)
def test_a_bad_value_names_its_label_raw_value_and_place(label, raw, text):
    report, messages = parse([monthly_row(5, "大河村党支部", **{label: raw})])
    assert [m.text for m in messages] == [text]
    assert messages[0].place == text.split("“")[0]
    row = report.rows[0]
    assert label in row.unreadable  # the row is kept, the value left empty


def test_period_from_the_title_alone():
    report, messages = parse(
        [monthly_row(5, "大河村党支部")], head={"填报单位": RawValue("古荥镇党委", "月报!B2")}, title=TITLE
    )
    assert messages == [] and report.period == MARCH


def test_header_and_title_disagreeing_is_an_error():
    report, messages = parse([monthly_row(5, "大河村党支部")], head=header(month="2017年4月"), title=TITLE)
    assert [m.code for m in messages] == ["period_inconsistent"]
    assert messages[0].text == "月报!F2“填报月份”为2017年4月，与标题的2017年3月不一致"
    assert report.period == Period.of_month(2017, 4)  # the file's own claim; the error gets it rejected


def test_a_period_other_than_expected_is_an_error():
    _, messages = parse([monthly_row(5, "大河村党支部")], period=Period.of_month(2017, 4))
    assert [m.text for m in messages] == ["月报!F2“填报月份”为2017年3月，与应报期间的2017年4月不一致"]


def test_month_without_year_takes_the_titles_year():
    report, messages = parse([monthly_row(5, "大河村党支部")], head=header(month="3月"), title=TITLE)
    assert messages == [] and report.period == MARCH


def test_no_period_anywhere_cannot_be_read():
    report, messages = parse([monthly_row(5, "大河村党支部")], head={"填报单位": RawValue("古荥镇党委", "月报!B2")})
    assert report is None
    assert [m.text for m in messages] == ["月报 无法确定报表所属月份，请填写“填报月份”"]


def test_unit_from_the_title_or_missing():
    title = RawValue("古荥镇党委2017年3月份“主题党日”活动开展情况统计表", "月报!A1")
    report, messages = parse([monthly_row(5, "大河村党支部")], head={}, title=title)
    assert messages == [] and report.unit == "古荥镇党委" and report.unit_place == "月报!A1"
    report, messages = parse([monthly_row(5, "大河村党支部")], head={}, title=TITLE)
    assert report is None and [m.code for m in messages] == ["unit_missing"]


def test_missing_columns_are_named():
    row = monthly_row(5, "大河村党支部")
    del row["实到人数"], row["活动时间"]
    report, messages = parse([row])
    assert [m.text for m in messages] == ["月报 表中缺少“实到人数”", "月报 表中缺少“活动时间”"]
    assert report is not None


def test_without_the_branch_column_nothing_can_be_read():
    row = monthly_row(5, "大河村党支部")
    del row["党支部名称"]
    report, messages = parse([row])
    assert report is None and [m.code for m in messages] == ["label_missing"]


def test_blank_numbered_and_footer_rows_are_skipped():
    blank = monthly_row(
        7,
        None,
        **{
            k: None
            for k in (
                "活动日期",
                "活动时间",
                "活动主题",
                "指导性主题序号",
                "开展方式",
                "活动地点",
                "应到人数",
                "实到人数",
                "请假人数",
                "列席人数",
                "科级以上领导干部参加人数",
            )
        },
    )
    total = monthly_row(8, "合计", 活动日期=None, 应到人数=60, 实到人数=55)
    signature = monthly_row(9, "填报人：王某  审核人：李某")
    report, messages = parse([monthly_row(5, "大河村党支部"), blank, total, signature])
    assert messages == [] and len(report.rows) == 1


def test_a_row_with_data_but_no_branch_name_is_an_error():
    report, messages = parse([monthly_row(5, "大河村党支部"), monthly_row(6, None)])
    assert [m.text for m in messages] == ["月报!B6“党支部名称”未填写"]
    assert len(report.rows) == 1


def test_an_empty_table():
    report, messages = parse([])
    assert report.rows == () and [m.code for m in messages] == ["form_empty"]
