from datetime import date

from themeday_office.domain.forms import FormContext, parse_summary
from themeday_office.domain.period import Period
from themeday_office.domain.values import RawValue

TEXT = [
    "惠济区古荥镇党委2017年第一季度“主题党日”活动开展情况总结",
    "今年以来，我镇认真贯彻……",
    "一、基本情况",
    "全镇32个党支部按时开展活动……",
    "二、主要做法。一是精心组织……",
    "三、存在问题",
    "个别支部存在问题……",
    "四、下步打算",
    "下一步，我们将……",
    "中共惠济区古荥镇委员会",
    "2017年4月5日",
]


def paragraphs(texts):
    return [RawValue(t, f"第{i}段") for i, t in enumerate(texts, start=1)]


def parse(texts, **context):
    return parse_summary(paragraphs(texts), FormContext(place="总结", **context))


def test_title_sections_and_date():
    report, messages = parse(TEXT)
    assert messages == []
    assert (report.unit, report.period, report.dated) == (
        "惠济区古荥镇党委",
        Period.of_quarter(2017, 1),
        date(2017, 4, 5),
    )
    assert report.sections == ("基本情况", "主要做法", "存在问题", "下步打算")
    assert report.unit_place == "第1段"


def test_sections_missing_are_not_invented_from_the_title_or_body():
    report, _ = parse([TEXT[0], "今年以来开展情况良好，没有存在问题。", "2017年4月5日"])
    assert report.sections == ()


def test_a_unit_line_wins_over_the_title():
    report, _ = parse(["2017年一季度“主题党日”活动总结", "报送单位：新城街道党工委", *TEXT[2:]])
    assert (
        report.unit == "新城街道党工委" and report.unit_place == "第2段" and report.period == Period.of_quarter(2017, 1)
    )


def test_without_a_quarter():
    report, messages = parse(["古荥镇党委“主题党日”活动总结", *TEXT[1:]])
    assert report is None and [m.text for m in messages] == ["总结 无法确定报表所属季度，请填写“标题”"]


def test_without_a_unit():
    report, messages = parse(["2017年第一季度“主题党日”活动总结", *TEXT[1:]])
    assert report is None and [m.text for m in messages] == ["总结 无法确定填报单位，请填写“报送单位”"]


def test_quarter_other_than_expected():
    _, messages = parse(TEXT, period=Period.of_quarter(2017, 2))
    assert [m.code for m in messages] == ["period_inconsistent"]


def test_empty_document():
    report, messages = parse(["", "  "])
    assert report is None and [m.code for m in messages] == ["form_empty"]
