"""`themeday watch` in a real pseudo-terminal: it takes dropped files, says so in Chinese, and
Ctrl+C ends it without a traceback."""

from __future__ import annotations

import shutil

import pytest

from .terminal import START_S, Terminal, themeday, wait_until
from .test_tui import ledger_names, watch_log


@pytest.mark.slow
@pytest.mark.parametrize("size", [(120, 34), (80, 24)], ids=["120x34", "80x24"])
def test_watch_takes_dropped_files_and_stops_on_ctrl_c(size, terminal_workspace, drops):
    root = terminal_workspace
    width, height = size
    term = Terminal(themeday("watch", "-w", str(root)), root, width=width, height=height)
    try:
        term.wait_for("监视", timeout=START_S)
        wait_until(lambda: "开始监视收件箱" in watch_log(root), "the watcher to start")
        report = drops.reports[2]
        shutil.copy(report, root / "inbox" / report.name)
        wait_until(lambda: ledger_names(root).get(report.name) == "accepted", "the file accepted in the ledger")
        screen = term.wait_for(report.name)
        assert "已通过" in screen
        assert not (root / "inbox" / report.name).exists()

        term.send("C-c")
        assert term.ended_within(10) is not None, f"Ctrl+C did not end the watcher; the screen:\n{term.screen()}"
        assert "Traceback" not in term.screen()
    finally:
        term.close()
    assert "Traceback" not in watch_log(root)
    assert "停止监视收件箱" in watch_log(root)
