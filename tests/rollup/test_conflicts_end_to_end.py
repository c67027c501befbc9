"""Files that contradict each other, end to end on real files: ingested, shown by `themeday show`
on both submissions, listed in `themeday rollup --json`, counted in the bulletin's 存在的问题;
the rollup keeps counting the monthly tables."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator

import pytest

from themeday_office.cli import main
from themeday_office.office.conflicts import submission_conflicts
from themeday_office.render.documents import Office, plan
from themeday_office.render.gbt9704 import Heading, Paragraph
from themeday_office.rollup import find_conflicts, read_evidence, rollup_month

from .conflict_world import (
    DAHE,
    GUXING,
    GUXING_OFFICE,
    MAR,
    OTHER_THEME,
    THEME,
    XINCHENG,
    XINCHENG_OFFICE,
    ConflictWorld,
    build_conflicts,
)


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> Iterator[ConflictWorld]:
    w = build_conflicts(tmp_path_factory.mktemp("conflicts"))
    yield w
    w.desk.ledger.close()


def run(world: ConflictWorld, capsys, *args: str) -> str:
    code = main([*args, "-w", str(world.desk.workspace.root)])
    out = capsys.readouterr().out
    assert code == 0, out
    return out


def test_every_file_was_accepted(world):
    for sid in world.ids.values():
        assert world.desk.ledger.get(sid).state.value == "accepted"


def test_show_names_the_conflict_on_both_files(world, capsys):
    ids = world.ids
    record = run(world, capsys, "show", str(ids["record"]))
    assert "与其他文件不一致（3 处，汇总以月度开展情况统计表为准）" in record
    assert (f"{DAHE}“活动日期”与月度开展情况统计表（编号 {ids['monthly']}“古荥3月.xlsx”）不一致："
            "本文件2017年3月9日，该表2017年3月10日") in record
    assert "“实到人数”" in record and "本文件25人，该表27人" in record
    assert f"本文件“{OTHER_THEME}”，该表“{THEME}”" in record

    monthly = run(world, capsys, "show", str(ids["monthly"]))
    assert "与其他文件不一致（5 处" in monthly
    assert (f"{DAHE}“活动日期”与主题党日活动记录表（编号 {ids['record']}“大河村3月记录表.docx”）不一致："
            "本文件2017年3月10日，该表2017年3月9日") in monthly
    assert (f"{GUXING_OFFICE}“是否开展”与主题党日活动记录表（编号 {ids['record/office']}“古荥镇机关3月记录表.docx”）"
            "不一致：本文件未开展，该表已开展（2017年3月10日）") in monthly
    assert (f"{GUXING}“计划月份”与年度计划表（编号 {ids['plan']}“古荥计划.xlsx”）不一致："
            "本文件已开展（1个党支部），该表未列3月") in monthly

    filing = run(world, capsys, "show", str(ids["adjustment"]))
    assert (f"{XINCHENG_OFFICE}“活动日期”与月度开展情况统计表（编号 {ids['monthly/xincheng']}“新城3月.xlsx”）不一致："
            "本文件2017年3月8日，该表2017年3月9日") in filing
    assert "调整日期备案表（编号" in run(world, capsys, "show", str(ids["monthly/xincheng"]))
    assert "本文件未列3月，该表已开展（1个党支部）" in run(world, capsys, "show", str(ids["plan"]))


def test_rollup_json_lists_the_conflicts_and_counts_the_monthly_tables(world, capsys):
    data = json.loads(run(world, capsys, "rollup", "--month", "2017-03", "--json"))
    ids = world.ids
    found = {(c["kind"], c["monthly"]["submission"], c["other"]["submission"]) for c in data["conflicts"]}
    assert found == {
        ("held", ids["monthly"], ids["record/office"]),
        ("date", ids["monthly"], ids["record"]),
        ("present", ids["monthly"], ids["record"]),
        ("theme", ids["monthly"], ids["record"]),
        ("adjustment_date", ids["monthly/xincheng"], ids["adjustment"]),
        ("plan_month", ids["monthly"], ids["plan"]),
    }
    date = next(c for c in data["conflicts"] if c["kind"] == "date")
    assert (date["committee"], date["branches"], date["field"]) == (GUXING, [DAHE], "活动日期")
    assert (date["monthly"]["value"], date["other"]["value"]) == ("2017年3月10日", "2017年3月9日")
    assert date["other"]["name"] == "大河村3月记录表.docx"
    # The monthly tables count: 古荥镇机关 did not meet (its record says it did), 大河村 had 27 present.
    district = data["district"]
    assert (district["held_rate"]["numerator"], district["held_rate"]["denominator"]) == (3, 4)
    assert district["attendance_rate"]["numerator"] == 27 + 18 + 8
    # 新城机关 met on 3-9, not on its filed 3-8: still an unfiled date, as the rollup judges it.
    assert district["on_time_rate"]["numerator"] == 2


def test_the_bulletin_counts_them_under_its_problems(world):
    desk = world.desk
    drafts = plan(Office.of(desk.workspace), desk.ledger, desk.inputs(), MAR, today=datetime.date(2026, 1, 5),
                  kinds=("monthly",), outbox=desk.workspace.outbox)
    (draft,) = drafts
    assert len(draft.figures["conflicts"]) == 6
    blocks = list(draft.build(None, None).blocks)
    headings = [b.text for b in blocks if isinstance(b, Heading)]
    assert headings.index("报送材料不一致") > headings.index("存在的问题")
    i = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text == "报送材料不一致")
    paragraph = blocks[i + 1]
    assert isinstance(paragraph, Paragraph)
    text = paragraph.text
    assert text.startswith("6处报送材料与月度开展情况统计表不一致（汇总以统计表为准）：")
    assert f"{GUXING}{DAHE}的主题党日活动记录表与统计表“活动日期”不一致" in text
    assert f"{XINCHENG}{XINCHENG_OFFICE}的调整日期备案表与统计表“活动日期”不一致" in text
    assert f"{GUXING}的年度计划表与统计表“计划月份”不一致" in text


def test_the_rollup_and_a_submissions_view_find_the_same_conflicts(world):
    """The rollup passes the tables it counted; `show` reads the stored rows of the tables it needs."""
    ledger = world.desk.ledger
    counted = rollup_month(world.desk.inputs(), MAR).conflicts
    assert find_conflicts(read_evidence(ledger, [MAR])) == counted
    shown = {(line.other_id, line.sentence) for sid in world.ids.values()
             for line in submission_conflicts(ledger, sid).lines}
    assert len(shown) == 2 * len(counted)  # each conflict on both of its files
