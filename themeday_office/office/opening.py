"""How a task opens the workspace's ledger: its own connection, stamped by the task's clock.

Each task opens and closes the ledger itself instead of borrowing a front end's, so a task
means the same from a one-shot command and from the app, and the ledger's backend is chosen
in one place from the workspace.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from themeday_office.ledger import Ledger, LedgerError
from themeday_office.office import Clock

if TYPE_CHECKING:
    from themeday_office.workspace import Workspace

NO_LEDGER = "还没有台账：请先用 themeday roster import 导入组织名册，再用 themeday ingest 收文。"
NO_ROSTER = "台账中没有组织名册，无法汇总。请先用 themeday roster import 导入。"


def open_ledger(workspace: Workspace, clock: Clock) -> Ledger:
    """The workspace's ledger, created when there is none yet (a task that records something)."""
    return Ledger.open(workspace.state, clock, url=workspace.settings.ledger.url)


def open_ledger_when_reachable(workspace: Workspace, clock: Clock, *, told: Callable[[str], object],
                               stopped: Callable[[], bool], wait_s: float = 5.0) -> Ledger | None:
    """The workspace's ledger. A shared ledger whose server does not answer is tried again every
    `wait_s` (the clerk `told` once per distinct problem) until it answers, or None once `stopped()`.
    A desk's own SQLite ledger is not retried: its problems do not go away by waiting."""
    said = ""
    while True:
        try:
            return open_ledger(workspace, clock)
        except LedgerError as error:
            if not workspace.settings.ledger.url:
                raise
            if str(error) != said:
                said = str(error)
                told(f"{said}；每 {wait_s:g} 秒自动重试")
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            if stopped():
                return None
            time.sleep(0.1)


def existing_ledger(workspace: Workspace, clock: Clock) -> Ledger | None:
    """The workspace's ledger if one was ever created; None creates nothing (a task that reads)."""
    # Ledger.open_existing takes no clock, and what a task writes into an existing ledger (a
    # document's rendering, say) must carry the task's time: look, then open with the clock.
    probe = Ledger.open_existing(workspace.state, url=workspace.settings.ledger.url)
    if probe is None:
        return None
    probe.close()
    return open_ledger(workspace, clock)
