"""How a task opens the workspace's ledger: its own connection, stamped by the task's clock.

Each task opens and closes the ledger itself instead of borrowing a front end's, so a task
means the same from a one-shot command and from the app, and the ledger's backend is chosen
in one place from the workspace.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from themeday_office.ledger import Ledger
from themeday_office.office import Clock

if TYPE_CHECKING:
    from themeday_office.workspace import Workspace

NO_LEDGER = "还没有台账：请先用 themeday roster import 导入组织名册，再用 themeday ingest 收文。"
NO_ROSTER = "台账中没有组织名册，无法汇总。请先用 themeday roster import 导入。"


def open_ledger(workspace: Workspace, clock: Clock) -> Ledger:
    """The workspace's ledger, created when there is none yet (a task that records something)."""
    return Ledger.open(workspace.state, clock, url=workspace.settings.ledger.url)


def existing_ledger(workspace: Workspace, clock: Clock) -> Ledger | None:
    """The workspace's ledger if one was ever created; None creates nothing (a task that reads)."""
    # Ledger.open_existing takes no clock, and what a task writes into an existing ledger (a
    # document's rendering, say) must carry the task's time: look, then open with the clock.
    probe = Ledger.open_existing(workspace.state, url=workspace.settings.ledger.url)
    if probe is None:
        return None
    probe.close()
    return open_ledger(workspace, clock)
