"""What each document says, on the rollup tests' districts (figures computed by hand there)."""

from __future__ import annotations

import datetime

import pytest

from tests.documents.conftest import REJECT_REASON, TODAY
from tests.rollup.conftest import GONGWEI, GUXING, JIAOTI, MAR, WEIJI, XINCHENG, XINQU
from themeday_office.render.documents import Correction, Office, WordingError, plan
from themeday_office.render.documents.practices import practices
from themeday_office.render.documents.quarterly import ranking
from themeday_office.render.gbt9704 import Heading, Paragraph, Table
from themeday_office.rollup.views import DISTRICT


def text_of(doc) -> str:
    parts = [doc.title, *doc.addressees]
    for blocks in [doc.blocks, *[a.blocks for a in doc.attachments]]:
        for b in blocks:
            if isinstance(b, (Heading, Paragraph)):
                parts.append(b.text)
    return "\n".join(parts)


def paragraph_after(doc, heading: str) -> str:
    blocks = list(doc.blocks)
    i = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text == heading)
    return blocks[i + 1].text


def only(world, kind):
    (draft,) = world.drafts[kind]
    return draft


def test_monthly_bulletin_states_the_months_figures(world):
    draft = only(world, "monthly")
    doc = draft.build("惠组〔2017〕1号", None)
    assert doc.title == "关于2017年3月份“主题党日”活动开展情况的通报"
    assert doc.date == datetime.date(2017, 3, 25)  # the period's natural date, not TODAY
    text = text_of(doc)
    # 11 branches on the March roster, 9 held; 8 of those on the district or a filed date.
    assert "全区共有党支部11个，已开展活动9个，开展率81.8%" in text
    assert "按时开展率88.9%" in text and "时长达标率88.9%" in text
    assert "统一日期为2017年3月10日" in text
    assert "6个党（工）委中，5个报送了" in text
    assert "应到166人，实到151人，参与率91.0%" in text
    assert "联建共建方式开展的2个" in text


def test_monthly_bulletin_names_the_units_behind_each_problem(world):
    doc = only(world, "monthly").build(None, None)
    assert paragraph_after(doc, "未报送") == f"{GONGWEI}共1个党（工）委未报送本月开展情况统计表。"
    assert f"{GUXING}古荥镇机关党支部（" in paragraph_after(doc, "未开展")
    assert paragraph_after(doc, "未按规定日期开展").endswith(f"涉及{WEIJI}1个。")  # 医院 met on 3-13, unfiled
    assert paragraph_after(doc, "活动时长不足").endswith(f"涉及{JIAOTI}1个。")  # 机关 met for two hours
    late = paragraph_after(doc, "迟报")
    assert f"{XINCHENG}的月度开展情况统计表逾期1天报送" in late
    assert f"{XINQU}的调整日期备案表逾期" in late
    # 新区 met on 3-9, filed late but filed: not an unfiled date.
    assert XINQU not in paragraph_after(doc, "未按规定日期开展")


def test_monthly_bulletin_takes_good_practices_from_the_quarters_summaries(world):
    doc = only(world, "monthly").build(None, None)
    text = text_of(doc)
    # Both committees wrote the same practice: it is told once, naming both.
    assert text.count("强化组织领导，每月初研究部署。") == 1
    (line,) = [t for t in text.splitlines() if "强化组织领导，每月初研究部署。" in t]
    assert GUXING in line and WEIJI in line


def test_the_clerk_chooses_the_good_practices_and_the_template_sets_how_many(world, tmp_path):
    import dataclasses

    from themeday_office.render.documents.monthly import monthly_draft
    from themeday_office.render.documents.practices import GoodPractice, choose, split_lead
    from themeday_office.rollup import rollup_month

    desk = world.q1.desk
    inputs = desk.inputs()
    mine = [GoodPractice("建强支部阵地", "每个支部都有固定活动场所。", ("古荥镇党委",))]
    draft = monthly_draft(world.office, inputs, rollup_month(inputs, MAR), TODAY, desk.ledger, practices=mine)
    text = text_of(draft.build(None, None))
    assert "建强支部阵地" in text and "古荥镇党委：每个支部都有固定活动场所。" in text
    assert "强化组织领导，每月初研究部署。" not in text
    none = monthly_draft(world.office, inputs, rollup_month(inputs, MAR), TODAY, desk.ledger, practices=[])
    assert "好的做法" not in text_of(none.build(None, None))
    # The default: the template's count, most widely reported first, one per lead.
    same = [GoodPractice("甲", f"做法{i}。", ("a",) * (5 - i)) for i in range(3)]
    other = [GoodPractice("乙", "做法乙。", ("b",)), GoodPractice("", "无标题。", ("c",))]
    assert choose([*same, *other], 2) == [same[0], other[0]]
    assert split_lead("（一）创新活动方式。对流动党员开展远程学习。") == ("创新活动方式", "对流动党员开展远程学习。")
    assert split_lead("对流动党员开展远程学习。") == ("", "对流动党员开展远程学习。")
    units = GoodPractice("", "x。", ("甲委", "乙委", "丙委", "丁委")).units_text()
    assert units == "甲委、乙委等4个党（工）委"
    wording = world.office.wording("monthly")
    assert wording.raw("good.count") == 3
    own = tmp_path / "templates" / "公文"
    own.mkdir(parents=True)
    (own / "月度通报.toml").write_text("[good]\ncount = 0\n", encoding="utf-8")
    office = dataclasses.replace(world.office, templates_dir=tmp_path / "templates")
    zero = monthly_draft(office, inputs, rollup_month(inputs, MAR), TODAY, desk.ledger)
    assert zero.figures["good"] == []


def test_a_leftover_placeholder_stops_generation_naming_the_template_item(world, tmp_path):
    import dataclasses

    import pytest

    from themeday_office.render.documents import WordingError

    own = tmp_path / "templates" / "公文"
    own.mkdir(parents=True)
    office = dataclasses.replace(world.office, templates_dir=tmp_path / "templates")
    for line, found in (('closing = "（此处写结束语）"', "（此处写结束语）"), ('closing = "请xxxx前报送。"', "xxxx"),
                        ('closing = "抄报×××。"', "×××"), ('closing = "报{{名称}}。"', "{名称}")):
        (own / "月度通报.toml").write_text(line + "\n", encoding="utf-8")
        with pytest.raises(WordingError) as caught:
            office.wording("monthly").text("closing")
        assert f"月度通报.toml 的“closing”中有未替换的占位文字“{found}”" in str(caught.value)


def test_practices_are_the_paragraphs_under_the_main_practice_heading():
    paragraphs = (
        "一、基本情况",
        "开展9次。",
        "二、主要做法。坚持每月研究。",
        "建好联建机制",
        "三、存在问题",
        "形式单一。",
    )
    assert practices(paragraphs) == ["坚持每月研究。", "建好联建机制。"]
    assert practices(("一、基本情况", "开展9次。")) == []


def test_monthly_attachment_has_one_row_per_committee_and_the_district(world):
    doc = only(world, "monthly").build(None, None)
    (table,) = doc.attachments[0].blocks
    assert isinstance(table, Table)
    rows = {r[0]: r for r in table.rows}
    assert list(rows)[-1] == DISTRICT + "合计"
    assert rows[GUXING] == [GUXING, "2/3", "66.7%", "100%", "100%", "93.3%", "按时"]
    assert rows[XINCHENG][-1] == "迟报" and rows[GONGWEI][-1] == "未报送"
    assert rows[DISTRICT + "合计"][1:3] == ["9/11", "81.8%"]


def test_quarterly_ranks_by_score_and_explains_the_cap(world):
    doc = only(world, "quarterly").build(None, None)
    (table,) = doc.attachments[0].blocks
    assert [r[:2] for r in table.rows][:2] == [[1, GUXING], [2, WEIJI]]
    scores = [float(r[5]) for r in table.rows]
    assert scores == sorted(scores, reverse=True)
    poor = [r[1] for r in table.rows if r[6] == "较差"]
    cap = paragraph_after(doc, "考核为“较差”")  # under 存在的问题
    assert poor and all(unit in cap for unit in poor)
    assert "不得评为“优秀”" in cap and GUXING not in cap


def test_ranking_shares_a_rank_on_equal_scores():
    assert ranking({"甲": 90.0, "乙": 95.0, "丙": 90.001, "丁": 10.0}) == [(1, "乙"), (2, "甲"), (2, "丙"), (4, "丁")]


def test_annual_rating_applies_and_explains_the_excellent_cap(world):
    doc = only(world, "annual").build(None, None)
    (table, note) = doc.attachments[0].blocks
    row = next(r for r in table.rows if r[1] == "花园口镇党委")
    assert row[-1] == "良好*" and row[2] == "优秀" and float(row[6]) >= 90
    text = text_of(doc)
    assert "花园口镇党委（全年开展率87.5%，低于90%），按得分应评为“优秀”，评定为“良好”" in text
    assert "标*" in note.text


def test_themes_notice_lists_the_years_dates_and_numbered_themes(world):
    doc = only(world, "themes").build(None, None)
    (table,) = doc.attachments[0].blocks
    assert len(table.rows) == 12
    assert table.rows[2][:2] == ["3月", "3月10日"]
    assert table.rows[2][2].startswith("1.开展“学雷锋比奉献”活动；2.为老年人义务理发；")
    assert table.rows[11][1] == "12月8日"
    assert doc.date == datetime.date(2016, 12, 1)  # before the year it announces


def test_one_receipt_per_accepted_adjustment(world):
    receipts = world.drafts["receipt"]
    assert [r.figures["committee"] for r in receipts] == [XINCHENG, XINQU]
    doc = receipts[0].build(None, None)
    assert doc.addressees == [XINCHENG]
    assert "由全区统一的2017年3月10日调整为2017年3月8日" in text_of(doc)
    assert "2017年3月6日收到" in text_of(doc)


def test_return_notice_lists_problems_and_places_and_names_the_package(world):
    (draft,) = world.drafts["return"]
    doc = draft.build(None, None)
    assert doc.addressees == [GONGWEI]
    text = text_of(doc)
    assert REJECT_REASON in text and world.package.name in text
    assert "经审核，有1处错误，数据无法采用" in text  # no "0处提示" in a letter
    assert "各项问题见下表，并已在退回包" in text  # the table below has its lead-in
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    assert table.rows == [[1, "统计表!J4", "“实到人数”为 12，大于应到人数 9", "错误"]]
    assert draft.folder == "退回" and world.package.parent.name == "退回"


def test_a_correction_says_what_it_corrects(world):
    doc = only(world, "monthly").build("惠组〔2017〕9号", Correction("惠组〔2017〕1号", "关于X的通报"))
    assert doc.blocks[0].text.startswith("本通报对惠组〔2017〕1号《关于X的通报》中的有关内容作了更正")


def test_workspace_template_overrides_the_bundled_wording(world):
    desk = world.q1.desk
    own = desk.workspace.templates / "公文" / "月度通报.toml"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text('addressees = ["各党（工）委"]\nclosing = "特此通报，{organ}。"\n[headings]\ngood = "经验做法"\n',
                   encoding="utf-8")
    try:
        (draft,) = plan(Office.of(desk.workspace), desk.ledger, desk.inputs(), MAR, today=TODAY, kinds=["monthly"])
        doc = draft.build(None, None)
        assert doc.addressees == ["各党（工）委"]
        assert any(isinstance(b, Heading) and b.text == "经验做法" for b in doc.blocks)
        assert "特此通报，中共郑州市惠济区委组织部。" in text_of(doc)
        assert "基本情况" in text_of(doc)  # what the workspace file leaves out stays bundled
        own.write_text('closing = "特此{通报}。"\n', encoding="utf-8")
        with pytest.raises(WordingError, match=r"\{通报\} 无法识别"):
            plan(Office.of(desk.workspace), desk.ledger, desk.inputs(), MAR, today=TODAY,
                 kinds=["monthly"])[0].build(None, None)
    finally:
        own.unlink()


def test_monthly_bulletin_does_not_name_a_unit_whose_table_waits_for_the_clerk(tmp_path):
    """A table that arrived on time but waits for the clerk (an 错误 in it) was sent: the bulletin
    says it is being checked, and its figures are not in the month's, as the 催报通知 counts it."""
    from tests.rollup.conftest import build_q1
    from tests.rollup.files import Row, write_monthly
    from themeday_office.ledger import State

    desk = build_q1(tmp_path / "q1").desk
    table = write_monthly(desk.inbox / "工委3月.xlsx", GONGWEI, MAR,
                          [Row("区直机关工委机关党支部", datetime.date(2017, 3, 10), expected=9, present=12)])
    assert desk.receive(table, datetime.date(2017, 3, 14)).state is State.INVALID  # 实到 above 应到: 待处理
    (draft,) = [d for d in plan(Office.of(desk.workspace), desk.ledger, desk.inputs(), MAR, today=TODAY)
                if d.kind == "monthly"]
    doc = draft.build(None, None)
    text = text_of(doc)
    assert f"{GONGWEI}共1个党（工）委报送的统计表正在审核，其数据未计入本通报。" in text
    assert "6个党（工）委中，6个报送了" in text
    assert "未报送" not in [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert draft.figures["missing"] == [] and draft.figures["reviewing"] == [GONGWEI]
    (table_block,) = doc.attachments[0].blocks
    assert isinstance(table_block, Table)
    assert {r[0]: r[-1] for r in table_block.rows}[GONGWEI] == "审核中"
    assert table_block.rows[-1][-1] == "6/6"
    assert "全区共有党支部11个，已开展活动9个" in text  # its branch is not counted as held
