"""详情 of files that contradict each other: both the monthly table and the branch's record name
the other file (编号 and name), the field and both values; a file without conflicts shows none."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from textual.widgets import TabbedContent

from tests.rollup.conflict_world import DAHE, ConflictWorld, build_conflicts
from themeday_office.tui.widgets.check_lists import ConflictList, MessageList
from themeday_office.tui.widgets.submission_summary import SubmissionSummary

from .pilot import SIZE, content_text, loaded, make_app, open_details, run


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> Iterator[ConflictWorld]:
    w = build_conflicts(tmp_path_factory.mktemp("tui-conflicts"))
    w.desk.ledger.close()  # the app opens its own
    yield w


def test_details_of_both_files_name_the_other_the_field_and_both_values(world):
    ids = world.ids

    async def scenario():
        app = make_app(world.desk.workspace)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            screen = await open_details(pilot, ids["record"])
            shown = content_text(screen.query_one(ConflictList))
            assert "与其他文件不一致（汇总以月度开展情况统计表为准）" in shown
            assert f"编号 {ids['monthly']}“古荥3月.xlsx”" in shown and "活动日期" in shown
            assert "本文件2017年3月9日，该表2017年3月10日" in shown
            assert "与其他文件不一致 3 处" in content_text(screen.query_one(SubmissionSummary))
            label = str(screen.query_one("#detail-tabs", TabbedContent).get_tab("messages").label)
            assert label.endswith("不一致 3")
            assert content_text(screen.query_one(MessageList)).strip() == "没有审核意见。"

            await pilot.press("escape")
            screen = await open_details(pilot, ids["monthly"])
            shown = content_text(screen.query_one(ConflictList), width=400)
            assert f"编号 {ids['record']}“大河村3月记录表.docx”" in shown
            assert f"{DAHE}“活动日期”" in shown and "本文件2017年3月10日，该表2017年3月9日" in shown
            assert screen.query_one(ConflictList).display

    run(scenario())


def test_a_record_that_agrees_with_its_table_shows_no_conflicts(workspace, march):
    record = next(sid for name, sid in march.ids.items() if name.endswith("记录表.docx"))

    async def scenario():
        app = make_app(workspace)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            screen = await open_details(pilot, record)
            assert screen.details is not None and screen.details.submission.state.value == "accepted"
            assert not screen.query_one(ConflictList).display
            assert "不一致" not in content_text(screen.query_one(SubmissionSummary))
            assert "不一致" not in str(screen.query_one("#detail-tabs", TabbedContent).get_tab("messages").label)

    run(scenario())
