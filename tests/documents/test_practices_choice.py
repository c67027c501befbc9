"""The clerk's choice of a month bulletin's 好的做法, through the office layer both front ends use:
the candidates with the template's default, and a batch generated with a chosen subset."""

from __future__ import annotations

import datetime

from docx import Document

from tests.rollup.conftest import MAR, Q1, XINCHENG, build_q1, committee
from tests.rollup.files import write_summary
from themeday_office.office.documents import generate_documents, practice_candidates

CLOCK = lambda: datetime.datetime(2026, 1, 5, 9)  # noqa: E731 - a fixed clock
MINE = ("（一）建强支部阵地。每个支部都有固定活动场所。", "（二）创新活动方式。对流动党员开展远程学习。",
        "（三）严格考核问效。每季度通报一次。", "（四）建强支部阵地。支部书记每月讲党课。")


def test_the_months_candidates_and_a_chosen_subset_in_the_bulletin(tmp_path):
    world = build_q1(tmp_path / "q1")
    desk = world.desk
    summary = write_summary(desk.inbox / "新城总结.docx", committee(XINCHENG, "街道"), Q1, datetime.date(2017, 4, 8),
                            practices=MINE)
    desk.receive(summary, datetime.date(2017, 4, 8))
    desk.ledger.close()
    workspace = desk.workspace

    found = practice_candidates(workspace, CLOCK, MAR)
    texts = [c.text for c in found.candidates]
    # Reported by two committees first; then 新城's four in their order.
    assert texts == ["强化组织领导，每月初研究部署。", "每个支部都有固定活动场所。", "对流动党员开展远程学习。",
                     "每季度通报一次。", "支部书记每月讲党课。"]
    assert found.count == 3
    assert found.candidates[0].units and len(found.candidates[0].units) == 2
    # The template's three, never two with one lead.
    assert [c.chosen for c in found.candidates] == [True, True, True, False, False]
    assert found.default == tuple(c.key for c in found.candidates[:3])
    assert not practice_candidates(workspace, CLOCK, Q1).candidates

    keys = (found.candidates[2].key, found.candidates[4].key)
    batch = generate_documents(workspace, CLOCK, MAR, kinds=["monthly"], practices=keys)
    assert not batch.problem and batch.written == 1
    text = "\n".join(p.text for p in Document(str(batch.documents[0].path)).paragraphs)
    assert "对流动党员开展远程学习。" in text and "支部书记每月讲党课。" in text
    for left_out in (0, 1, 3):
        assert found.candidates[left_out].text not in text

    # No choice: the template's default again.
    batch = generate_documents(workspace, CLOCK, MAR, kinds=["monthly"])
    text = "\n".join(p.text for p in Document(str(batch.documents[0].path)).paragraphs)
    assert all((c.text in text) == c.chosen for c in found.candidates)
