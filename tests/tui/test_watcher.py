"""The app's watcher: its own when none runs for the inbox; another process's followed when one does."""

from __future__ import annotations

import shutil

from textual.message import Message

from themeday_office.ingest.session import ingest_session
from themeday_office.tui.messages import WatcherReport
from themeday_office.tui.watcher_link import LinkMode, LinkState
from themeday_office.watch import InboxWatcher, WatchOutcome
from themeday_office.watch.ingest_handler import ingest_handler

from .pilot import SIZE, loaded, make_app, run, shown_ids, table, wait_until


def link_modes(seen: list[Message]) -> list[LinkMode]:
    return [m.item.mode for m in seen if isinstance(m, WatcherReport) and isinstance(m.item, LinkState)]


def test_a_file_dropped_into_the_inbox_appears_in_the_queue(workspace, march):
    seen: list[Message] = []
    before = len(march.ids)

    async def scenario():
        app = make_app(workspace, watch=True)
        async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
            await loaded(pilot, rows=before)
            await wait_until(pilot, lambda: app.link_mode is LinkMode.WATCHING, "本界面的监视启动")
            assert "运行中" in app.watcher_status[0]

            shutil.copy(march.april_file, workspace.inbox / march.april_file.name)
            await wait_until(pilot, lambda: table(app).row_count == before + 1, "新文件出现在收件箱列表")
            newest = app.queue.get(shown_ids(app)[0])
            assert newest is not None
            assert newest.original_name == march.april_file.name and newest.period == "2017-04"
            link = app._link

        # Stopped with the app: the inbox is free for the next watcher.
        assert link is not None and link.stopped.is_set()

    run(scenario())
    assert link_modes(seen) == [LinkMode.WATCHING]
    watcher = InboxWatcher(workspace.inbox, workspace.state, lambda _path: WatchOutcome.later("测试不处理文件"))
    watcher.start()
    watcher.stop(timeout=30)


def test_a_running_watcher_is_followed_instead_of_a_second_one_started(workspace, march):
    seen: list[Message] = []
    before = len(march.ids)

    with ingest_session(workspace, actor="值班员") as ingestor:
        external = InboxWatcher(workspace.inbox, workspace.state, ingest_handler(ingestor),
                                settle_s=workspace.settings.watch.settle_seconds)
        external.start()
        try:

            async def scenario():
                app = make_app(workspace, watch=True)
                async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
                    await loaded(pilot, rows=before)
                    await wait_until(pilot, lambda: app.link_mode is LinkMode.FOLLOWING, "跟随已在运行的监视程序")
                    assert app.watcher_status[0] == "跟随其他监视程序"
                    assert "已有监视程序在运行" in app.watcher_status[2]

                    shutil.copy(march.april_file, workspace.inbox / march.april_file.name)
                    await wait_until(pilot, lambda: table(app).row_count == before + 1, "另一监视程序登记的文件出现")
                    newest = app.queue.get(shown_ids(app)[0])
                    assert newest is not None
                    assert newest.original_name == march.april_file.name
                    assert external.running  # still the only watcher on this inbox

            run(scenario())
        finally:
            assert external.stop(timeout=30)
    assert LinkMode.WATCHING not in link_modes(seen) and LinkMode.FOLLOWING in link_modes(seen)



def test_failing_files_turn_the_badge_red_until_they_are_taken(workspace, march):
    from datetime import datetime

    from themeday_office.tui.widgets.watcher_badge import WatcherBadge
    from themeday_office.watch import FailuresChanged

    async def scenario():
        app = make_app(workspace, watch=True)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot, rows=len(march.ids))
            await wait_until(pilot, lambda: app.link_mode is LinkMode.WATCHING, "本界面的监视启动")
            badge = app.screen.query_one(WatcherBadge)

            failing = FailuresChanged(at=datetime(2017, 3, 13, 9), failing=2, last_name="古荥镇.xlsx",
                                      last_reason="处理出错：database is locked")
            app.post_message(WatcherReport(failing))
            await wait_until(pilot, lambda: app.watcher_status[1] == "error", "标志变红")
            text, _, tip = app.watcher_status
            assert text == "收文出错 2 个文件" and "古荥镇.xlsx" in tip and "database is locked" in tip
            await pilot.pause()
            assert badge.has_class("-error") and not badge.has_class("-ok")

            app.post_message(WatcherReport(FailuresChanged(at=datetime(2017, 3, 13, 9, 1), failing=0,
                                                           last_name="", last_reason="")))
            await wait_until(pilot, lambda: app.watcher_status[1] == "ok", "恢复正常")
            assert "运行中" in app.watcher_status[0]
            await pilot.pause()
            assert badge.has_class("-ok")

    run(scenario())
