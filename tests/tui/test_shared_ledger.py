"""The clerk's app on a ledger several desks share: the header says so, and what another desk
records or decides shows up in this desk's queue by itself (the app reads the ledger's new
events every refresh), and a decision on a state another desk changed is refused with who did it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from textual.widgets import Label

from tests.ledger.test_store import checked
from themeday_office.ledger import Ledger, State
from themeday_office.workspace import Workspace, init_workspace

from .pilot import SIZE, app_of, loaded, make_app, queued, run, shown_ids, wait_until

pytestmark = pytest.mark.postgresql_only


@pytest.fixture
def desk(ledger_backend: str, tmp_path: Path) -> Workspace:
    root = tmp_path / "desk"
    init_workspace(root)
    return Workspace.open(root)


def test_another_desks_files_and_decisions_show_up_and_a_stale_decision_is_refused(desk, tmp_path):
    other_desk = Ledger.open(tmp_path / "other-state", clock=lambda: datetime(2017, 3, 13, 10, 42))

    async def scenario() -> None:
        app = make_app(desk)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            header = app.main_screen.query_one("#shared-ledger", Label)
            assert "共享台账" in str(header.render())
            sub = other_desk.record(checked(1), auto_accept=False, actor="王芳")
            await wait_until(pilot, lambda: sub.id in shown_ids(app), "另一工位收的文件", timeout=10)
            assert queued(app, sub.id).state is State.VALID
            other_desk.reject(sub.id, "王芳", "应到人数填错")
            await wait_until(pilot, lambda: queued(app, sub.id).state is State.REJECTED, "另一工位的退回",
                             timeout=10)

            # This clerk decided on what the queue showed a moment before: 待处理.
            second = other_desk.record(checked(2), auto_accept=False, actor="王芳")
            await wait_until(pilot, lambda: second.id in shown_ids(app), "第二个文件", timeout=10)
            other_desk.accept(second.id, "王芳")  # the other desk is quicker
            app_of(pilot)._accept(second.id, "", State.VALID)
            await app.workers.wait_for_complete()
            await wait_until(pilot, lambda: any("已由 王芳 于 10:42 通过" in str(n.message)
                                                for n in app._notifications), "过时的决定被拒绝")
            events = [(e.action, e.actor) for e in other_desk.events(second.id)]
            assert events.count(("accepted", "王芳")) == 1 and all(a != "张三" for _, a in events)

    try:
        run(scenario())
    finally:
        other_desk.close()


def test_the_app_waits_for_a_ledger_server_that_is_down_and_opens_it_when_it_answers(desk, postgres):
    async def scenario() -> None:
        app = make_app(desk)
        postgres.pause()  # the app starts while the server is away
        try:
            async with app.run_test(size=SIZE) as pilot:
                try:
                    await wait_until(pilot, lambda: any("每 5 秒自动重试" in str(n.message)
                                                        for n in app._notifications), "连不上台账的提示", timeout=30)
                    assert "服务器没有运行" in "".join(str(n.message) for n in app._notifications)
                    assert app.ledger is None
                finally:
                    postgres.resume()
                await loaded(pilot)  # the queue shows the ledger once the server answers
                assert app.ledger is not None
        finally:
            postgres.resume_if_stopped()

    run(scenario())
