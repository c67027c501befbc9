"""The quarterly assessment and annual rating 通报 follow the monthly bulletin's order: 基本情况,
好的做法, 存在的问题 naming the units, 下步要求, and the ranking as the 附件 — on the rollup tests'
districts, whose files (summaries included) went through the real pipeline."""

from __future__ import annotations

import dataclasses

import pytest

from tests.documents.conftest import FAGAI_PRACTICE, Q3, TODAY
from tests.documents.test_content import only, paragraph_after, text_of
from tests.rollup.conftest import (
    CHANGXING,
    FAGAI,
    GAOXIN,
    GONGWEI,
    GUXING,
    HUAYUANKOU,
    JIAOTI,
    Q1,
    WEIJI,
    XINCHENG,
    XINQU,
)
from themeday_office.domain.period import Period
from themeday_office.render.documents import WordingError, plan
from themeday_office.render.documents.practices import good_practices
from themeday_office.render.gbt9704 import Heading, Paragraph

PARTS = ["基本情况", "好的做法", "存在的问题", "下步要求"]


def parts(doc) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, Heading) and b.level == 1]


def part(doc, heading: str) -> list:
    """The blocks under a first-level heading, up to the next one."""
    blocks = list(doc.blocks)
    start = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 1 and b.text == heading)
    end = next((i for i, b in enumerate(blocks[start + 1:], start + 1) if isinstance(b, Heading) and b.level == 1),
               len(blocks))
    return blocks[start + 1:end]


def sentences(doc) -> list[str]:
    return [s for b in doc.blocks if isinstance(b, Paragraph) for s in b.text.split("。") if len(s) >= 15]


@pytest.mark.parametrize("kind", ["quarterly", "annual"])
def test_the_assessment_documents_have_the_bulletins_four_parts_and_the_table_as_attachment(world, kind):
    doc = only(world, kind).build(None, None)
    assert parts(doc) == PARTS
    assert doc.blocks[-1].text == "特此通报。"
    assert len(doc.attachments) == 1 and doc.attachments[0].blocks
    said = sentences(doc)
    assert len(said) == len(set(said))  # no sentence twice


def test_quarterly_basic_part_states_the_method_in_one_sentence_the_figures_and_the_grades(world):
    doc = only(world, "quarterly").build(None, None)
    method, figures, result = (b.text for b in part(doc, "基本情况"))
    assert method.count("。") == 1 and method.startswith("考核满分100分，按开展率30分、按时开展率15分")
    assert "90分以上为“优秀”" in method and "不足60分为“较差”" in method
    # 11 branches in March, 10 in January and February (黄河滩村 came on 2-20): 31 branch-months, 15 held.
    assert "应开展活动31次，已开展15次，开展率48.4%" in figures
    assert "月度开展情况统计表应报18份，按时报送8份；季度总结应报6份，收到2份" in figures
    assert "“优秀”1个、“良好”1个、“一般”1个、“较差”3个，古荥镇党委得分最高" in result


def test_quarterly_good_practices_come_from_the_quarters_summaries_told_once(world):
    doc = only(world, "quarterly").build(None, None)
    good = [b.text for b in part(doc, "好的做法")]
    assert good[1] == f"{GUXING}、{WEIJI}：强化组织领导，每月初研究部署。"
    assert text_of(doc).count("强化组织领导") == 1
    assert only(world, "quarterly").figures["good"][0]["units"] == [GUXING, WEIJI]


def test_quarterly_problems_name_the_units(world):
    doc = only(world, "quarterly").build(None, None)
    headings = [b.text for b in part(doc, "存在的问题") if isinstance(b, Heading)]
    assert headings == ["未报送季度总结", "未报送月度统计表", "未开展活动", "迟报", "考核为“一般”", "考核为“较差”"]
    assert paragraph_after(doc, "未报送季度总结") == (
        f"{XINCHENG}、{JIAOTI}、{XINQU}、{GONGWEI}未报送本季度总结报告，“季度总结”一项不得分。")
    # January and February had only 古荥镇 and 区卫计委; March only 区直机关工委 sent nothing.
    assert paragraph_after(doc, "未报送月度统计表") == (
        f"本季度有9份月度开展情况统计表未报送，分别是1月、2月的{XINCHENG}、{JIAOTI}、{XINQU}、{GONGWEI}，"
        f"3月的{GONGWEI}。")
    assert "3月古荥镇党委的古荥镇机关党支部" in paragraph_after(doc, "未开展活动")
    late = paragraph_after(doc, "迟报")
    assert f"{XINCHENG}3月的月度开展情况统计表逾期1天报送" in late
    assert f"{WEIJI}的季度总结报告逾期5天报送" in late  # came 4-15, due 4-10
    assert paragraph_after(doc, "考核为“一般”") == f"{XINQU}（62.08分）本季度考核为“一般”。"


def test_annual_basic_part_states_the_method_and_the_cap_rule_and_the_years_figures(world):
    doc = only(world, "annual").build(None, None)
    method, figures, result = (b.text for b in part(doc, "基本情况"))
    assert method.startswith("年度评定按季度考核的六项指标（开展率30分")
    assert "任一季度考核为“较差”或全年开展率低于90.0%的，年度不得评为“优秀”" in method
    assert "季度总结应报16份，收到5份；年度计划应报4份，收到2份" in figures
    assert "评定为“优秀”0个、“良好”1个、“一般”0个、“较差”3个" in result
    assert "没有因活动开展不力" not in result  # 花园口镇 is capped


def test_annual_good_practices_come_from_all_four_quarters_each_unit_named_once(world):
    doc = only(world, "annual").build(None, None)
    text = text_of(doc)
    # 花园口镇 wrote the same practice in all four summaries: one practice, one name.
    assert f"{HUAYUANKOU}：强化组织领导，每月初研究部署。" in text and text.count("强化组织领导") == 1
    assert any(isinstance(b, Heading) and b.text == "建强支部阵地" for b in part(doc, "好的做法"))
    assert f"{FAGAI}：每个支部都有固定活动场所" in text  # its third-quarter summary


def test_good_practices_take_a_month_a_quarter_or_a_year(world):
    desk = world.year.desk
    inputs = desk.inputs()

    def found(period: str) -> list[tuple[str, tuple[str, ...]]]:
        return [(p.text, p.units) for p in good_practices(inputs, Period.parse(period), desk.ledger)]

    ours = ("强化组织领导，每月初研究部署。", (HUAYUANKOU,))
    theirs = (FAGAI_PRACTICE.split("。", 1)[1], (FAGAI,))
    assert found("2017Q2") == [ours]
    assert found("2017-08") == found(str(Q3)) == [ours, theirs]  # August: its quarter's summaries
    assert found("2017") == [ours, theirs]


def test_annual_problems_name_the_units_and_the_capped_ones_with_their_reasons(world):
    doc = only(world, "annual").build(None, None)
    headings = [b.text for b in part(doc, "存在的问题") if isinstance(b, Heading)]
    assert headings == ["未报送年度计划", "未报送季度总结", "未报送月度统计表", "未开展活动", "迟报",
                        "季度考核为“较差”", "年度评定为“较差”", "不得评为“优秀”的单位"]
    assert paragraph_after(doc, "未报送年度计划") == f"{CHANGXING}、{GAOXIN}未报送2017年度“主题党日”活动计划。"
    assert paragraph_after(doc, "未报送季度总结") == (
        f"第一、二、四季度，{CHANGXING}、{GAOXIN}、{FAGAI}未报送季度总结；第三季度，{CHANGXING}、{GAOXIN}未报送季度总结。")
    assert paragraph_after(doc, "未开展活动") == (
        f"已报送的月度统计表中，全年有3个党支部次未开展活动，涉及{HUAYUANKOU}3次。")
    assert "三个开发区党建协作组1份" in paragraph_after(doc, "迟报")  # its plan came on 1-5
    poor = paragraph_after(doc, "季度考核为“较差”")
    assert poor.startswith("各季度，") and HUAYUANKOU not in poor
    assert paragraph_after(doc, "不得评为“优秀”的单位") == (
        f"{HUAYUANKOU}（全年开展率87.5%，低于90%），按得分应评为“优秀”，评定为“良好”。")


def test_the_clerk_chooses_the_quarters_practices_and_the_template_sets_how_many(world, tmp_path):
    desk = world.q1.desk
    (draft,) = plan(world.office, desk.ledger, desk.inputs(), Q1, today=TODAY, kinds=["quarterly"], practices=[])
    assert "好的做法" not in parts(draft.build(None, None))
    own = tmp_path / "templates" / "公文"
    own.mkdir(parents=True)
    (own / "季度考核通报.toml").write_text("[good]\ncount = 0\n", encoding="utf-8")
    office = dataclasses.replace(world.office, templates_dir=tmp_path / "templates")
    (draft,) = plan(office, desk.ledger, desk.inputs(), Q1, today=TODAY, kinds=["quarterly"])
    assert draft.figures["good"] == [] and parts(draft.build(None, None)) == ["基本情况", "存在的问题", "下步要求"]


def test_an_older_workspace_template_keeps_working_or_says_what_to_change(world, tmp_path):
    desk = world.q1.desk
    own = tmp_path / "templates" / "公文"
    own.mkdir(parents=True)
    office = dataclasses.replace(world.office, templates_dir=tmp_path / "templates")

    def quarterly(text: str):
        (own / "季度考核通报.toml").write_text(text, encoding="utf-8")
        (draft,) = plan(office, desk.ledger, desk.inputs(), Q1, today=TODAY, kinds=["quarterly"])
        return draft.build(None, None)

    # Moved: [result] missing_summaries is read as [problems] missing_summaries.
    doc = quarterly('[result]\nmissing_summaries = "{units}没有交季度总结。"\n[headings]\nrequirements = "工作要求"\n')
    assert paragraph_after(doc, "未报送季度总结") == f"{XINCHENG}、{JIAOTI}、{XINQU}、{GONGWEI}没有交季度总结。"
    assert parts(doc)[-1] == "工作要求"
    # Retired: a heading that no longer exists stops generation, naming the item and what became of it.
    for key in ("method", "result"):
        with pytest.raises(WordingError, match=rf"“headings\.{key}”一项已不再使用.*基本情况"):
            quarterly(f'[headings]\n{key} = "考核情况"\n')
