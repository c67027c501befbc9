from datetime import date

from themeday_office.domain.forms import FormContext, parse_adjustment
from themeday_office.domain.period import Period
from themeday_office.domain.values import Raw

from .sheets import labelled

FORM: dict[str, Raw] = {
    "申请单位": "古荥镇党委",
    "调整月份": "2017年4月",
    "区定日期": "4月14日",
    "调整后日期": "4月12日",
    "调整原因": "14日全镇迎接上级检查",
    "涉及支部": "全部",
    "联系人": "王某",
    "联系电话": 13800000000,
    "报备日期": "2017.4.5",
}


def parse(values, **context):
    return parse_adjustment(labelled("表格1", values), FormContext(place="备案表", **context))


def test_a_clean_adjustment_takes_the_year_from_the_month():
    form, messages = parse(FORM)
    assert messages == []
    assert (form.unit, form.period, form.district_date, form.new_date) == (
        "古荥镇党委",
        Period.of_month(2017, 4),
        date(2017, 4, 14),
        date(2017, 4, 12),
    )
    assert form.scope.all_branches and form.filed_on == date(2017, 4, 5) and form.phone == "13800000000"


def test_a_list_of_branches():
    form, _ = parse({**FORM, "涉及支部": "大河村党支部、八里庙村党支部"})
    assert form.scope.names == ("大河村党支部", "八里庙村党支部")


def test_the_month_can_come_from_the_district_date():
    values = {k: v for k, v in FORM.items() if k != "调整月份"}
    values["区定日期"] = "2017年4月14日"
    form, messages = parse(values)
    assert [m.code for m in messages] == ["label_missing"]  # still named, so the template gets fixed
    assert form.period == Period.of_month(2017, 4)


def test_a_month_other_than_expected():
    _, messages = parse(FORM, period=Period.of_month(2017, 3))
    assert [m.text for m in messages] == ["表格1 第2行“调整月份”为2017年4月，与应报期间的2017年3月不一致"]


def test_without_a_unit_it_cannot_be_read():
    form, messages = parse({**FORM, "申请单位": " "})
    assert form is None and [m.text for m in messages] == ["表格1 第1行“申请单位”未填写"]
