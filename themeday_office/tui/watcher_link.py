"""The app's link to the inbox watcher: run one, or follow the one another process runs.

`WatcherLink.start` runs it on a thread of its own (a daemon: the app can quit while an
ingest hangs, and the ledger's crash safety covers the abandoned file). It never touches
the UI: everything it learns goes through `report` (the app wraps it into a posted
message), and the watcher's own events reach the same callback on the watcher's thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from themeday_office.watch import InboxWatcher, WatcherBusy, WatchEvent

# How often a following app tries to take over an inbox whose watcher has stopped.
TAKEOVER_S = 5.0
HEALTH_S = 0.5  # how often a running watcher is checked for an unexpected stop


class LinkMode(Enum):
    STARTING = "starting"
    WATCHING = "watching"  # this app's own watcher runs
    FOLLOWING = "following"  # another process watches; the app reads the ledger it writes
    OFF = "off"  # the clerk turned the app's watcher off; the app reads the ledger
    FAILED = "failed"  # the watcher could not start or stopped; retried


@dataclass(frozen=True)
class LinkState:
    mode: LinkMode
    detail: str = ""  # Chinese, for the clerk


Report = Callable[[LinkState | WatchEvent], None]


class WatcherLink:
    """Runs an InboxWatcher with the real ingest for `workspace`, or learns another one runs."""

    def __init__(self, workspace, report: Report, *, actor: str | None = None) -> None:
        self.workspace = workspace
        self.report = report
        self.actor = actor
        self.stop_requested = threading.Event()
        self.stopped = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Run the link on its own daemon thread."""
        self._thread = threading.Thread(target=self.run, name="themeday-watcher-link", daemon=True)
        self._thread.start()

    def stop(self, timeout: float | None = None) -> bool:
        """Ask the run loop to stop; True once it has (the file being ingested finishes first)."""
        self.stop_requested.set()
        return self.stopped.wait(timeout)

    def run(self) -> None:
        try:
            while not self.stop_requested.is_set():
                self._one_attempt()
                self.stop_requested.wait(TAKEOVER_S)
        finally:
            self.stopped.set()

    def _one_attempt(self) -> None:
        # Deferred: the ingest stack (pydantic models, readers) loads on the worker thread,
        # not before the first paint.
        from themeday_office.ingest.session import ingest_session
        from themeday_office.watch.ingest_handler import ingest_handler

        workspace, rules = self.workspace, self.workspace.settings.watch
        try:
            workspace.inbox.mkdir(parents=True, exist_ok=True)
            with ingest_session(workspace, actor=self.actor) as ingestor:
                watcher = InboxWatcher(
                    workspace.inbox, workspace.state, ingest_handler(ingestor),
                    settle_s=rules.settle_seconds, polling=rules.polling, rescan_s=rules.rescan_seconds,
                    on_event=self.report,
                )
                try:
                    watcher.start()
                except WatcherBusy as busy:
                    self.report(LinkState(LinkMode.FOLLOWING, str(busy)))
                    return
                self.report(LinkState(LinkMode.WATCHING, "轮询模式" if watcher.polling else ""))
                try:
                    while not self.stop_requested.wait(HEALTH_S):
                        if not watcher.running:
                            self.report(
                                LinkState(LinkMode.FAILED, "监视程序意外停止，详情见状态文件夹中的 watch.log；稍后重试")
                            )
                            return
                finally:
                    watcher.stop()
        except Exception as exc:  # noqa: BLE001 - the clerk sees why, the app goes on reading the ledger
            self.report(LinkState(LinkMode.FAILED, f"无法启动收件箱监视：{exc}"))
