"""Accept and reject, each with a reason asked in a modal, and what they write; opening the files."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.message import Message

from themeday_office.ledger import Ledger, State
from themeday_office.render.submitter import RETURN_FOLDER
from themeday_office.tui.dialogs.reason import ReasonDialog
from themeday_office.tui.messages import Decided, FileOpened, WorkFailed
from themeday_office.tui.screens.main import MainScreen
from themeday_office.tui.settings import TuiSettings
from themeday_office.tui.widgets.history_view import HistoryView
from themeday_office.tui.widgets.submission_summary import SubmissionSummary

from .conftest import CLERK, DECISION_TIME
from .pilot import (
    SIZE,
    ViewerRecorder,
    content_text,
    loaded,
    make_app,
    open_details,
    row_texts,
    run,
    table,
    wait_until,
)


@pytest.fixture(autouse=True)
def _both_backends(ledger_backend: str) -> str:
    """The clerk's decisions on the SQLite ledger and on a shared PostgreSQL one (tests/conftest.py)."""
    return ledger_backend


def test_accepting_a_file_with_errors_asks_for_a_reason_and_records_it(workspace, march):
    invalid = march.ids[march.invalid_monthly]

    async def scenario():
        app = make_app(workspace)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            table(app).move_cursor(row=table(app).get_row_index(str(invalid)))
            await pilot.press("f5")
            dialog = await wait_until(pilot, lambda: isinstance(app.screen, ReasonDialog) and app.screen, "理由对话框")
            assert dialog.required

            await pilot.press("enter")  # no reason: the dialog stays and says why
            assert app.screen is dialog
            assert "请写明理由" in str(dialog.query_one("#dialog-problem").render())

            await pilot.press(*"经电话核实实到人数无误")
            await pilot.press("enter")
            await wait_until(pilot, lambda: row_texts(app, invalid)[1] == "已通过", "收件箱中该行变为已通过")
            assert isinstance(app.screen, MainScreen)

    run(scenario())
    with Ledger.open(workspace.state) as ledger:
        assert ledger.get(invalid).state is State.ACCEPTED
        decision = ledger.events(invalid)[-1]
        assert (decision.action, decision.actor, decision.reason, decision.at) == (
            "accepted", CLERK, "经电话核实实到人数无误", DECISION_TIME)


def test_rejecting_from_the_details_writes_the_return_package_and_opens_it(workspace, march):
    short = march.ids[march.short_duration]
    seen: list[Message] = []
    viewer = ViewerRecorder()

    async def scenario():
        app = make_app(workspace, viewer=viewer)
        async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
            await loaded(pilot)
            screen = await open_details(pilot, short)
            await pilot.press("f6")
            dialog = await wait_until(pilot, lambda: isinstance(app.screen, ReasonDialog) and app.screen, "理由对话框")
            await pilot.press(*"活动时长不足请核实后重报", "enter")
            await wait_until(pilot, lambda: app.screen is screen and "已退回" in content_text(
                screen.query_one(SubmissionSummary)), "详情显示已退回")
            assert dialog.is_attached is False
            await wait_until(
                pilot, lambda: "退回包" in content_text(screen.query_one(SubmissionSummary)), "详情显示退回包"
            )
            history = content_text(screen.query_one(HistoryView))
            assert "退回" in history and "活动时长不足请核实后重报" in history

            await pilot.press("f8")  # 退回包
            await pilot.press("f7")  # 原表
            await wait_until(pilot, lambda: len(viewer.opened) == 2, "两个文件交给系统查看程序")

    run(scenario())
    decided = [m for m in seen if isinstance(m, Decided)]
    assert len(decided) == 1 and decided[0].action == "reject"
    package = decided[0].decision.package
    assert package is not None and package.parent == workspace.outbox / RETURN_FOLDER and package.is_file()
    notice = decided[0].decision.notice
    assert notice is not None and notice.is_file() and notice.parent == workspace.outbox / RETURN_FOLDER
    assert "〔2017〕1号" in notice.name and "退回" in notice.name
    with Ledger.open(workspace.state) as ledger:
        sub = ledger.get(short)
        assert sub.state is State.REJECTED
        assert ledger.events(short)[-1].reason == "活动时长不足请核实后重报"
        package_opened, original_opened = sorted(viewer.opened, key=lambda p: p != package)
        assert package_opened == package
        assert original_opened.read_bytes() == ledger.archive.get(sub.sha256)
        assert original_opened.name.endswith(march.short_duration)


def test_the_details_show_the_return_package_even_when_the_rejection_was_read_first(workspace, march, monkeypatch):
    """The app reads the ledger's changes on its own; when it reads the rejection (and shows the
    details again) before the package is written, the decision's end still shows the package."""
    import time

    import themeday_office.render.submitter as submitter

    short = march.ids[march.short_duration]
    write_package = submitter.on_rejected
    app = make_app(workspace)

    def summary_text() -> str:
        return content_text(app.screen.query_one(SubmissionSummary))

    def read_first_then_write(*args, **kwargs):
        app.call_from_thread(app.refresh_queue)  # the poll that comes at the worst moment
        deadline = time.monotonic() + 30
        while "已退回" not in app.call_from_thread(summary_text):
            assert time.monotonic() < deadline, "the rejection was never read"
            time.sleep(0.05)
        return write_package(*args, **kwargs)

    monkeypatch.setattr(submitter, "on_rejected", read_first_then_write)

    async def scenario():
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            screen = await open_details(pilot, short)
            await pilot.press("f6")
            await wait_until(pilot, lambda: isinstance(app.screen, ReasonDialog), "理由对话框")
            await pilot.press(*"请核实", "enter")
            await wait_until(pilot, lambda: app.screen is screen and "退回包" in summary_text(), "详情显示退回包")

    run(scenario())


def test_refusals_and_worker_errors_become_notices_not_crashes(workspace, march):
    accepted = march.ids[march.short_duration]
    invalid = march.ids[march.invalid_monthly]
    seen: list[Message] = []

    def broken_viewer(path: Path) -> bool:
        raise PermissionError(13, "Permission denied", str(path))

    async def scenario():
        # The ledger is looked at only every 10 s here, so the queue still shows the old state below.
        app = make_app(workspace, settings=TuiSettings(refresh_seconds=10), viewer=broken_viewer)
        async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
            await loaded(pilot)
            queue = table(app)
            queue.move_cursor(row=queue.get_row_index(str(accepted)))
            await pilot.press("f5")  # already accepted: told so, no dialog
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)

            with Ledger.open(workspace.state) as other:  # someone else decides first
                other.accept(invalid, "李四", "已核实")
            queue.move_cursor(row=queue.get_row_index(str(invalid)))
            await pilot.press("f5", *"同意", "enter")
            await wait_until(pilot, lambda: any(isinstance(m, WorkFailed) for m in seen), "台账拒绝时给出提示")

            await pilot.press("f7")
            await wait_until(pilot, lambda: sum(isinstance(m, WorkFailed) for m in seen) == 2, "打开失败时给出提示")
            assert app.is_running and isinstance(app.screen, MainScreen)

    run(scenario())
    failures = [m for m in seen if isinstance(m, WorkFailed)]
    # Decided on the 待处理 the queue showed: the clerk learns who decided first (issue 23).
    assert failures[0].title == "未能通过"
    assert "已由 李四 于" in failures[0].text and "请刷新后再处理" in failures[0].text
    assert failures[1].title == "无法打开文件" and "没有权限" in failures[1].text
    assert not any(isinstance(m, Decided) for m in seen)


def test_without_a_viewer_the_clerk_gets_the_path(workspace, march):
    seen: list[Message] = []

    async def scenario():
        app = make_app(workspace, viewer=ViewerRecorder(available=False))
        async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
            await loaded(pilot)
            await pilot.press("f7")
            await wait_until(pilot, lambda: any(isinstance(m, FileOpened) for m in seen), "原表副本")

    run(scenario())
    opened = next(m for m in seen if isinstance(m, FileOpened))
    assert not opened.opened and opened.path.is_file() and opened.path.is_relative_to(workspace.state)
