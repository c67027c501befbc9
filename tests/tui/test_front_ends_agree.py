"""The command line and the app decide through one office function, so they agree where they once
did not (issue 21): a .zip container is neither accepted nor rejected, and a rejection whose
退回通知 fails stands, with a warning, in both."""

from __future__ import annotations

import zipfile

import pytest

from themeday_office.cli import main
from themeday_office.ledger import Ledger, State, Submission
from themeday_office.office import decide
from themeday_office.tui.dialogs.reason import ReasonDialog
from themeday_office.tui.messages import Decided, WorkFailed
from themeday_office.tui.screens.main import MainScreen

from .pilot import SIZE, loaded, make_app, run, table, wait_until


@pytest.fixture(autouse=True)
def _both_backends(ledger_backend: str) -> str:
    """The clerk's decisions on the SQLite ledger and on a shared PostgreSQL one (tests/conftest.py)."""
    return ledger_backend


def _cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _zip_of_two_reports(workspace, march) -> Submission:
    """A .zip of two files ingested by `themeday ingest` (state 已拆包)."""
    pack = workspace.inbox / "打包.zip"
    with zipfile.ZipFile(pack, "w") as zf:
        zf.write(march.april_file, march.april_file.name)
        zf.writestr("说明.txt", "4月报表，请查收。")
    assert main(["ingest", "-w", str(workspace.root)]) == 0
    with Ledger.open(workspace.state) as ledger:
        [container] = [s for s in ledger.submissions() if s.original_name == "打包.zip"]
        assert container.state is State.UNPACKED and len(ledger.members(container.id)) == 2
        return container


def test_a_zip_container_is_accepted_by_neither_front_end(workspace, march, capsys):
    sub = _zip_of_two_reports(workspace, march)
    container, refused = sub.id, decide.refusal("accept", sub)
    assert f"编号 {container}" in refused and "已拆包" in refused and "不能通过" in refused
    capsys.readouterr()

    code, _, err = _cli(capsys, "accept", str(container), "--reason", "核实", "-w", str(workspace.root))
    assert code == 2 and refused in err

    async def scenario():
        app = make_app(workspace)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            queue = table(app)
            queue.move_cursor(row=queue.get_row_index(str(container)))
            await pilot.press("f5")
            await wait_until(pilot, lambda: any(n.message == refused for n in app._notifications), "拒绝通过的提示")
            assert isinstance(app.screen, MainScreen) and not isinstance(app.screen, ReasonDialog)

    run(scenario())
    with Ledger.open(workspace.state) as ledger:
        sub = ledger.get(container)
        assert sub.state is State.UNPACKED and not sub.current
        assert [e.action for e in ledger.events(container)].count("accepted") == 0


def test_a_failed_return_notice_leaves_the_rejection_standing_in_both(workspace, march, capsys, monkeypatch):
    import themeday_office.render.documents.returns as returns

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(returns, "write_return_notice", disk_full)
    by_cli, by_app = march.ids[march.short_duration], march.ids[march.invalid_monthly]

    code, out, _ = _cli(capsys, "reject", str(by_cli), "--reason", "请核实", "-w", str(workspace.root))
    assert code == 0 and "已退回" in out and "退回包" in out
    assert "文件已退回，但未能生成退回通知" in out

    seen: list = []

    async def scenario():
        app = make_app(workspace)
        async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
            await loaded(pilot)
            queue = table(app)
            queue.move_cursor(row=queue.get_row_index(str(by_app)))
            await pilot.press("f6")
            await wait_until(pilot, lambda: isinstance(app.screen, ReasonDialog), "理由对话框")
            await pilot.press(*"请核实", "enter")
            await wait_until(pilot, lambda: any(isinstance(m, (Decided, WorkFailed)) for m in seen), "退回的结果")

    run(scenario())
    assert not [m for m in seen if isinstance(m, WorkFailed)]  # not 未能退回: the rejection stands
    [decided] = [m for m in seen if isinstance(m, Decided)]
    d = decided.decision
    assert d.action == "reject" and d.submission.state is State.REJECTED
    assert d.package is not None and d.package.is_file() and d.notice is None
    assert [w.split("：")[0] for w in d.warnings] == ["文件已退回，但未能生成退回通知"]
    with Ledger.open(workspace.state) as ledger:
        assert ledger.get(by_cli).state is State.REJECTED and ledger.get(by_app).state is State.REJECTED
