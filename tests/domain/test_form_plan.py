from datetime import date

from themeday_office.domain.forms import FormContext, parse_plan
from themeday_office.domain.period import Period
from themeday_office.domain.values import RawValue

from .sheets import cells

COLS = ["月份", "活动日期", "活动主题", "指导性主题序号", "开展方式", "联建单位", "活动地点", "备注"]
DATES = {1: 13, 2: 10, 3: 10, 4: 14, 5: 12, 6: 9, 7: 14, 8: 11, 9: 8, 10: 13, 11: 10, 12: 8}
TITLE = RawValue("2017年“主题党日”活动计划表", "计划!A1")


def plan_row(month, day=None, **values):
    data = {
        "月份": f"{month}月",
        "活动日期": f"{month}月{day or DATES[month]}日",
        "活动主题": "召开“三会一课”",
        "指导性主题序号": None,
        "开展方式": "支部单独开展",
        "联建单位": None,
        "活动地点": "会议室",
        "备注": None,
    }
    data.update(values)
    return cells("计划", month + 3, data, COLS)


def parse(rows, unit="古荥镇党委", **context):
    context.setdefault("title", TITLE)
    return parse_plan({"填报单位": RawValue(unit, "计划!B2")}, rows, FormContext(place="计划", **context))


def test_a_full_year():
    plan, messages = parse([plan_row(m) for m in range(1, 13)])
    assert messages == []
    assert plan.period == Period.of_year(2017)
    assert [r.planned_on for r in plan.rows][:3] == [date(2017, 1, 13), date(2017, 2, 10), date(2017, 3, 10)]


def test_month_cells_in_other_shapes():
    rows = [plan_row(1, 月份=1), plan_row(2, 月份="二月"), plan_row(3, 月份=None)]
    plan, messages = parse(rows)
    assert messages == [] and [r.month for r in plan.rows] == [1, 2, 3]


def test_a_plan_without_title_dates_itself_from_its_rows():
    rows = [plan_row(1, 活动日期="2017年1月13日"), plan_row(2, 活动日期="2017.2.10")]
    plan, messages = parse(rows, title=None)
    assert messages == [] and plan.period == Period.of_year(2017)


def test_a_plan_with_no_year_anywhere():
    plan, messages = parse([plan_row(1)], title=None)
    assert plan is None and [m.code for m in messages] == ["period_missing"]


def test_bad_month_value():
    plan, messages = parse([plan_row(1, 月份="十三月", 活动日期=None), plan_row(2)])
    assert [m.text for m in messages] == ["计划!A4“月份”为“十三月”，月份应为 1 至 12"]
    assert [r.month for r in plan.rows] == [2]
