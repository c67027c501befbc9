from datetime import date

from themeday_office.domain.forms import FormContext, RecordForm, parse_record
from themeday_office.domain.period import Period

from .sheets import labelled

RECORD = {
    "党支部名称": "大河村党支部",
    "所属党(工)委": "古荥镇党委",
    "活动日期": "2017年3月10日",
    "活动时间": "8:30—12:00",
    "活动地点": "村委会",
    "活动主题": "学雷锋",
    "开展方式": "联建共建",
    "联建单位": "区委办机关党委",
    "主持人": "张三",
    "记录人": "李四",
    "应到人数": "30",
    "实到人数": "28人",
    "请假人数": "2",
    "缺席人员及原因": "王五（病假）、赵六（外出）",
    "列席人员": "入党积极分子2名",
    "参加的科级以上领导干部": "无",
    "活动内容": "集中学习……",
    "备注": None,
}


def parse(values, **context):
    return parse_record(labelled("表格1", values), FormContext(place="表格1", **context))


def test_a_clean_record():
    form, messages = parse(RECORD)
    assert messages == []
    r = form.record
    assert form.period == Period.of_month(2017, 3)
    assert (r.branch, r.committee, r.held_on, r.time.hours, r.present, r.host) == (
        "大河村党支部",
        "古荥镇党委",
        date(2017, 3, 10),
        3.5,
        28,
        "张三",
    )
    assert r.place("实到人数") == "表格1 第12行"
    assert RecordForm.model_validate_json(form.model_dump_json()) == form


def test_a_date_without_year_needs_the_period():
    form, messages = parse({**RECORD, "活动日期": "3月10日"})
    assert form is None and messages[0].text.startswith("表格1 第3行“活动日期”为“3月10日”，没有年份")
    form, messages = parse({**RECORD, "活动日期": "3月10日"}, period=Period.of_month(2017, 3))
    assert messages == [] and form.record.held_on == date(2017, 3, 10)


def test_without_a_date_it_is_not_a_record():
    form, messages = parse({**RECORD, "活动日期": None})
    assert form is None and [m.text for m in messages] == ["表格1 第3行“活动日期”未填写"]


def test_missing_labels_are_named():
    values = {k: v for k, v in RECORD.items() if k not in ("应到人数", "活动时间")}
    form, messages = parse(values)
    assert [m.text for m in messages] == ["表格1 表中缺少“应到人数”", "表格1 表中缺少“活动时间”"]
    assert form is not None and form.record.expected is None
