"""`themeday tui` in a real pseudo-terminal: files dropped into the inbox are ingested and shown,
tabs switch by keys every terminal delivers, and Ctrl+Q ends the program in any state.

These fail where in-process Pilot tests pass: under a terminal the app's sys.stderr has no
descriptor (the parser processes could not start), and the process must really end.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from themeday_office.ledger.store import DB_NAME

from .terminal import START_S, Terminal, themeday, wait_until

SIZES = [pytest.param((120, 34), id="120x34"), pytest.param((80, 24), id="80x24")]
# Ctrl+Q must end the app within 2 s; the margin is for a loaded CI machine (the old code hung).
QUIT_S = 2.0
QUIT_MARGIN_S = 2.0

# A text each tab shows and the others do not.
TAB_MARKS = {"inbox": "搜索：", "rollup": "主题党日汇总", "documents": "发文字号", "calendar": "全区主题党日",
             "roster": "生效日期"}


def ledger_names(root: Path) -> dict[str, str]:
    """original name -> state, as the ledger holds them now."""
    with closing(sqlite3.connect(f"file:{root / 'state' / DB_NAME}?mode=ro", uri=True, timeout=30)) as db:
        return dict(db.execute("SELECT original_name, state FROM submission").fetchall())


def watch_log(root: Path) -> str:
    log = root / "state" / "watch.log"
    return log.read_text(encoding="utf-8") if log.exists() else ""


@contextmanager
def ledger_held(root: Path) -> Iterator[None]:
    """Another program holds the ledger's write lock (a backup, another clerk's long decision):
    ingest waits on it, then fails with "database is locked"."""
    with closing(sqlite3.connect(root / "state" / DB_NAME, timeout=30, isolation_level=None)) as other:
        other.execute("BEGIN EXCLUSIVE")
        try:
            yield
        finally:
            other.execute("ROLLBACK")


def showing(tab: str):
    others = [mark for name, mark in TAB_MARKS.items() if name != tab]
    return lambda screen: TAB_MARKS[tab] in screen and not any(mark in screen for mark in others)


@pytest.fixture
def app_terminal(request, terminal_workspace):
    width, height = request.param
    terminal = Terminal(themeday("tui", "-w", str(terminal_workspace)), terminal_workspace,
                        width=width, height=height)
    yield terminal
    terminal.close()


@pytest.mark.slow
@pytest.mark.parametrize("app_terminal", SIZES, indirect=True)
def test_dropped_files_are_ingested_shown_and_the_app_quits(app_terminal, terminal_workspace, drops):
    term, root = app_terminal, terminal_workspace
    term.wait_for("运行中", timeout=START_S)  # the app's own watcher has started

    for report in drops.reports[:2]:
        shutil.copy(report, root / "inbox" / report.name)
    names = [r.name for r in drops.reports[:2]]
    wait_until(lambda: set(names) <= set(ledger_names(root)), "both files in the ledger")
    wait_until(lambda: not any((root / "inbox" / n).exists() for n in names), "the inbox emptied")
    screen = term.wait_for(lambda s: all(n in s for n in names))
    assert "已通过" in screen and "运行中" in screen
    assert "Traceback" not in watch_log(root)

    # Tabs by the keys every terminal delivers unchanged: digits (no input has focus) and Ctrl+PageUp/Down.
    for key, tab in (("2", "rollup"), ("C-NPage", "documents"), ("4", "calendar"), ("C-NPage", "roster"),
                     ("C-PPage", "calendar"), ("1", "inbox")):
        term.press_until(key, showing(tab))

    term.send("C-q")
    took = term.ended_within(QUIT_S + QUIT_MARGIN_S)
    assert took is not None, f"Ctrl+Q did not end the app; the screen:\n{term.screen()}"
    assert "Traceback" not in term.screen()  # what the terminal shows once the app has left


@pytest.mark.slow
@pytest.mark.parametrize("app_terminal", SIZES[1:], indirect=True)
def test_a_failing_ingest_turns_the_badge_red_then_the_file_is_taken(app_terminal, terminal_workspace, drops):
    term, root = app_terminal, terminal_workspace
    term.wait_for("运行中", timeout=START_S)

    # The lock is held longer than ingest waits for it: each attempt fails.
    report = drops.reports[0]
    with ledger_held(root):
        shutil.copy(report, root / "inbox" / report.name)
        screen = term.wait_for("收文出错", timeout=60)
        assert "运行中" not in screen

    wait_until(lambda: report.name in ledger_names(root), "the file taken once the lock is gone", timeout=120)
    term.wait_for(lambda s: "运行中" in s and report.name in s, timeout=30)
    log = watch_log(root)
    assert "错误" in log and log.count("Traceback") == 1  # the traceback once, however many retries

    term.send("C-q")
    assert term.ended_within(QUIT_S + QUIT_MARGIN_S) is not None


@pytest.mark.slow
@pytest.mark.parametrize("app_terminal", SIZES[:1], indirect=True)
def test_ctrl_q_ends_the_app_while_an_ingest_hangs(app_terminal, terminal_workspace, drops):
    term, root = app_terminal, terminal_workspace
    term.wait_for("运行中", timeout=START_S)

    report = drops.reports[1]
    with ledger_held(root):
        shutil.copy(report, root / "inbox" / report.name)
        # The watcher takes the file once it has settled, then waits on the lock inside ingest.
        _wait_until_taken(root / "inbox" / report.name)
        term.send("C-q")
        took = term.ended_within(QUIT_S + QUIT_MARGIN_S)
        assert took is not None, f"Ctrl+Q did not end the app during a hung ingest; the screen:\n{term.screen()}"

    # Nothing lost: the file is still in the inbox, or it was committed before the quit.
    assert (root / "inbox" / report.name).exists() or report.name in ledger_names(root)


def _wait_until_taken(path: Path) -> None:
    """Until the watcher has opened the file (its access time moves past its modification), then
    a moment for ingest to reach the lock. Where the file system keeps no access times, 3 s."""
    deadline = time.monotonic() + 3.0
    while time.monotonic() < deadline:
        st = os.stat(path)
        if st.st_atime_ns > st.st_mtime_ns:
            break
        time.sleep(0.05)
    time.sleep(0.5)
