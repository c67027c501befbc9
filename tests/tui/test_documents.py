"""发文: generate the period's batch in a worker, preview a draft, issue it after confirming, open it;
a 催报通知 among the drafts once the period's deadline has passed."""

from __future__ import annotations

from datetime import datetime

from themeday_office.ledger import Ledger
from themeday_office.tui.app import ThemedayApp
from themeday_office.tui.widgets.documents_pane import DocumentsPane

from .conftest import CLERK, fixed_clock
from .pilot import SIZE, ViewerRecorder, content_text, loaded, make_app, run, wait_until


async def generated(pilot) -> DocumentsPane:
    await loaded(pilot)
    await pilot.press("alt+3")
    pane = pilot.app.main_screen.query_one(DocumentsPane)
    await wait_until(pilot, lambda: pane.period is not None, "发文读入")
    await pilot.press("f9")
    await wait_until(pilot, lambda: pane.generated is not None, "生成公文", timeout=90)
    assert pane.generated.written > 0
    await wait_until(pilot, lambda: len(pane.rows) == pane.generated.written, "公文列出")
    table = pane.query_one("#documents-table")
    await wait_until(pilot, lambda: pane.previewed == pane.selected.id, "公文预览")
    await pilot.pause()
    assert table.row_count == len(pane.rows)
    return pane


def test_generate_preview_issue_and_open(workspace):
    viewer = ViewerRecorder()

    async def scenario():
        app = make_app(workspace, viewer=viewer)
        async with app.run_test(size=SIZE) as pilot:
            pane = await generated(pilot)
            assert str(pane.period) == "2017-03"
            assert all(not r.issued for r in pane.rows.values())
            first = pane.selected
            assert first.path.is_file() and first.path.is_relative_to(workspace.outbox)
            assert content_text(pane.query_one("#documents-preview")).strip()

            await pilot.press("i")
            await pilot.pause()
            await pilot.press("escape")  # 取消: nothing issued
            await pilot.pause()
            assert app.ledger.document(first.id).state != "issued"

            await pilot.press("i")
            await pilot.pause()
            await pilot.press("enter")  # the 签发 button has the focus
            await wait_until(pilot, lambda: pane.issued is not None, "签发")
            assert pane.issued == first.number
            assert app.ledger.document(first.id).state == "issued"
            await wait_until(pilot, lambda: pane.rows[first.id].issued, "状态更新")

            await pilot.press("o")
            await wait_until(pilot, lambda: viewer.opened, "打开公文")
            assert viewer.opened == [first.path]

    run(scenario())


def test_snapshot_documents(workspace, snap_compare):
    async def run_before(pilot) -> None:
        await generated(pilot)
        pilot.app.clear_notifications()  # the 生成公文 notice times out: not part of the picture
        await pilot.pause()

    assert snap_compare(make_app(workspace), terminal_size=SIZE, run_before=run_before)


def test_a_reminder_is_offered_once_the_deadline_has_passed(workspace, march):
    """March is due 3-15: on 3-20, the committee whose table the clerk sent back is reminded (催报通知)."""
    sent_back = march.ids[march.invalid_monthly]
    with Ledger.open(workspace.state) as ledger:
        ledger.reject(sent_back, CLERK, "实到人数大于应到人数")
        unit = ledger.get(sent_back).unit

    async def scenario():
        app = ThemedayApp(workspace, actor=CLERK, run_watcher=False, clock=fixed_clock(datetime(2017, 3, 20, 9)),
                          viewer=ViewerRecorder(), cursor_blink=False)
        async with app.run_test(size=SIZE) as pilot:
            pane = await generated(pilot)
            (reminder,) = [r for r in pane.rows.values() if r.kind == "催报通知"]
            assert reminder.title.startswith("关于催报2017年3月") and not reminder.issued
            table = pane.query_one("#documents-table")
            table.move_cursor(row=list(pane.rows).index(reminder.id))
            await wait_until(pilot, lambda: pane.previewed == reminder.id, "催报通知预览")
            preview = content_text(pane.query_one("#documents-preview"))
            assert unit in preview and "2017年3月15日前报送" in preview

    run(scenario())
