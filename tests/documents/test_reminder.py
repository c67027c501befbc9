"""催报通知: who had not sent the period's form by a date, judged from the ledger and the roster in force.

The first quarter of the rollup tests (see tests/documents/conftest): March is due 3-15. By then
古荥镇 (3-13), 区教体局 (3-11, replaced 3-14), 区卫计委 (3-13) and 郑州惠济新区 (3-14, accepted
with a reason) had sent their tables; 新城街道 sent its table late, on 3-16; 区直机关工委's table
(3-14) was sent back and never sent again.
"""

from __future__ import annotations

import datetime

import pytest

from tests.documents.test_content import text_of
from tests.rollup.conftest import GONGWEI, GUXING, JIAOTI, MAR, Q1, WEIJI, XINCHENG, XINQU, Desk
from tests.rollup.files import Row, write_monthly
from themeday_office.domain.period import Period
from themeday_office.render.documents import DocumentDesk, Office, outstanding, plan
from themeday_office.render.documents.reminder import reminder_drafts

D = datetime.date


def reminders(world, period, today, *, kinds=None, as_of=None):
    desk = world.q1.desk
    drafts = plan(world.office, desk.ledger, desk.inputs(), period, today=today, kinds=kinds, as_of=as_of)
    return [d for d in drafts if d.kind == "reminder"]


def test_names_exactly_the_units_missing_on_the_date_with_the_deadline(world):
    (draft,) = reminders(world, MAR, D(2017, 3, 15), kinds=["reminder"])  # asked for: as of today
    doc = draft.build("惠组〔2017〕9号", None)
    assert doc.addressees == [f"{XINCHENG}、{GONGWEI}"]  # to the units named, in roster order, with 、
    assert draft.figures["units"] == [XINCHENG, GONGWEI]
    text = text_of(doc)
    assert doc.title == "关于催报2017年3月“主题党日”活动月度开展情况统计表的通知"
    assert "2017年3月15日前报送" in text  # the deadline
    assert "截至2017年3月15日，以下2个单位尚未报送：新城街道党工委、区直机关工委。" in text
    assert "其中，区直机关工委报送的材料已被退回，尚未重新报送。" in text  # rejected: still missing
    assert "（联系人：区委组织部组织科）" in text  # [district] contact, no phone set
    for sent in (GUXING, JIAOTI, WEIJI, XINQU):
        assert sent not in text
    assert draft.date == D(2017, 3, 15) and draft.folder == "催报通知"


def test_a_late_arrival_leaves_the_list_from_its_day(world):
    desk = world.q1.desk
    before = outstanding(desk.ledger, desk.inputs(), MAR, D(2017, 3, 15))
    after = outstanding(desk.ledger, desk.inputs(), MAR, D(2017, 3, 16))
    assert before.units == (XINCHENG, GONGWEI) and not before.overdue
    assert after.units == (GONGWEI,) and after.overdue
    assert after.deadline == D(2017, 3, 15)
    # A version since replaced still arrived: 区教体局's first table came 3-11, its second 3-14.
    assert JIAOTI not in outstanding(desk.ledger, desk.inputs(), MAR, D(2017, 3, 12)).units
    assert JIAOTI in outstanding(desk.ledger, desk.inputs(), MAR, D(2017, 3, 10)).units


def test_the_date_asked_for_decides_the_list_and_the_date_of_the_notice(world):
    (draft,) = reminders(world, MAR, D(2026, 1, 5), kinds=["reminder"], as_of=D(2017, 3, 16))
    assert draft.figures["units"] == [GONGWEI] and draft.date == D(2017, 3, 16)
    text = text_of(draft.build("惠组〔2017〕9号", None))
    assert "已超过报送期限，请于2017年3月19日前补报" in text


def test_the_batch_has_the_reminder_only_after_the_deadline(world):
    assert reminders(world, MAR, D(2017, 3, 15)) == []  # on the deadline day nobody is late yet
    (draft,) = reminders(world, MAR, D(2017, 3, 16))
    assert draft.figures["units"] == [GONGWEI]
    assert draft.key == "reminder/2017-03/1" and draft.date == D(2017, 3, 16)


def test_a_batch_long_after_keeps_the_date_the_notice_would_have_had(world):
    (draft,) = reminders(world, MAR, D(2026, 1, 5))
    assert draft.date == D(2017, 3, 25)  # the month's 通报 date: district date + 15 days
    assert draft.figures["as_of"] == "2017-03-25" and draft.figures["units"] == [GONGWEI]
    (asked,) = reminders(world, MAR, D(2026, 1, 5), kinds=["reminder"])
    assert asked.date == D(2026, 1, 5)  # asked for by kind: as of today


def test_quarter_reminds_of_summaries_and_year_of_plans(world):
    (summary,) = reminders(world, Q1, D(2017, 4, 11))
    assert summary.figures["deadline"] == "2017-04-10"
    assert GUXING not in summary.figures["units"] and WEIJI in summary.figures["units"]  # 卫计 came 4-15
    assert "季度总结报告" in summary.title
    year = world.year.desk
    (plans,) = [d for d in plan(world.office, year.ledger, year.inputs(), Period.of_year(2017),
                                today=D(2017, 1, 12), kinds=["reminder"])]
    assert plans.figures["deadline"] == "2016-12-30" and "年度计划表" in plans.title
    groups = {g.name for r in year.inputs().rosters.versions for g in r.groups}
    assert not groups & set(plans.figures["units"])  # a cooperation group's plan is never asked for


@pytest.fixture
def pair(tmp_path):
    """Two committees that both sent March's table on time."""
    desk = Desk(tmp_path / "pair")
    desk.roster(D(2017, 1, 1), [(GUXING, "镇", None), (WEIJI, "区直机关", None)],
                [("大河村党支部", GUXING, "农村", 30), ("区人民医院党支部", WEIJI, "事业单位", 25)], [])
    day = D(2017, 3, 10)
    desk.receive(
        write_monthly(desk.inbox / "古荥.xlsx", GUXING, MAR, [Row("大河村党支部", day, expected=30, present=30)]),
        D(2017, 3, 13),
    )
    desk.receive(write_monthly(desk.inbox / "卫计.xlsx", WEIJI, MAR,
                               [Row("区人民医院党支部", day, expected=25, present=25)]), D(2017, 3, 14))
    yield desk
    desk.ledger.close()


def test_nobody_missing_means_no_reminder(pair):
    office = Office.of(pair.workspace)
    drafts = plan(office, pair.ledger, pair.inputs(), MAR, today=D(2017, 4, 1))
    assert "reminder" not in {d.kind for d in drafts}
    assert plan(office, pair.ledger, pair.inputs(), MAR, today=D(2017, 4, 1), kinds=["reminder"]) == []


def test_a_file_waiting_for_the_clerk_has_arrived_a_rejected_one_has_not(pair):
    bad = write_monthly(pair.inbox / "卫计改.xlsx", WEIJI, MAR,
                        [Row("区人民医院党支部", D(2017, 3, 10), expected=25, present=30)])  # 实到 > 应到: 待处理
    sub = pair.receive(bad, D(2017, 3, 20))
    assert not pair.ledger.get(sub.id).state.value == "accepted"
    assert outstanding(pair.ledger, pair.inputs(), MAR, D(2017, 3, 21)).units == ()
    first = next(s for s in pair.ledger.submissions(kind="monthly", unit=GUXING))
    pair.ledger.reject(first.id, "测试员", "请核实")
    owed = outstanding(pair.ledger, pair.inputs(), MAR, D(2017, 3, 21))
    assert owed.units == (GUXING,) and owed.rejected == (GUXING,)


def test_after_issuing_the_next_reminder_is_a_new_notice(pair):
    first = next(s for s in pair.ledger.submissions(kind="monthly", unit=GUXING))
    pair.ledger.reject(first.id, "测试员", "请核实")
    office = Office.of(pair.workspace)
    desk = DocumentDesk(pair.ledger, office, pair.workspace.outbox)
    (draft,) = reminder_drafts(office, pair.ledger, pair.inputs(), MAR, D(2017, 3, 20))
    written = desk.render(draft)
    assert written.path is not None and written.path.parent.name == "催报通知" and written.path.is_file()
    again = desk.render(reminder_drafts(office, pair.ledger, pair.inputs(), MAR, D(2017, 3, 21))[0])
    assert again.record.id == written.record.id  # a draft is rewritten under its number
    desk.issue(again.record)
    (later,) = reminder_drafts(office, pair.ledger, pair.inputs(), MAR, D(2017, 3, 25))
    assert later.key == "reminder/2017-03/2"
    assert desk.render(later).number != written.number


def test_the_command_line_writes_the_notice_and_shows_its_template(pair, capsys):
    from docx import Document

    from themeday_office.cli import main

    first = next(s for s in pair.ledger.submissions(kind="monthly", unit=GUXING))
    pair.ledger.reject(first.id, "测试员", "请核实")
    root = str(pair.workspace.root)
    assert main(["render", "-w", root, "--month", "2017-03", "--kind", "reminder", "--date", "2017-03-20"]) == 0
    (path,) = (pair.workspace.outbox / "催报通知").glob("*.docx")
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert f"截至2017年3月20日，以下1个单位尚未报送：{GUXING}。" in text
    assert WEIJI not in text
    capsys.readouterr()
    assert main(["render", "-w", root, "--show-template", "reminder"]) == 0
    assert 'title = "关于催报{period_zh}{form}的通知"' in capsys.readouterr().out
