"""A real watcher on a temporary inbox, an ingest double, a clock the test moves, and bounded waits.

Timing rules are tested on a ManualClock: the watcher takes every decision (settled yet?
retry due?) from its clock, the test moves the clock and lets the watcher's loop run, and
asserts on what was decided at which clock time. Wall time only bounds the waits.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest

from themeday_office.watch import InboxWatcher, WatchEvent

from .ingest_double import IngestDouble

SETTLE_S = 0.2  # short for tests; the default is 1 s
E = TypeVar("E", bound=WatchEvent)


class ManualClock:
    """A monotonic clock that stands still until the test moves it."""

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += seconds


def wait_for(condition: Callable[[], object], timeout: float = 10.0, what: str = "condition") -> None:
    """Poll `condition` until it holds; fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(0.02)


def rescanned(watcher: InboxWatcher) -> None:
    """Force a full rescan and wait until it has happened."""
    before = watcher.status().scans
    watcher.request_rescan()
    wait_for(lambda: watcher.status().scans > before, what="a rescan")


@dataclass
class Rig:
    root: Path
    inbox: Path
    state: Path
    ingest: IngestDouble
    clock: ManualClock  # for watchers started with clock=rig.clock; the ingest double records its time
    events: list[WatchEvent] = field(default_factory=list)
    watchers: list[InboxWatcher] = field(default_factory=list)

    def watcher(self, **kwargs: Any) -> InboxWatcher:
        """A started watcher on the inbox (stopped at teardown)."""
        kwargs.setdefault("settle_s", SETTLE_S)
        handle = kwargs.pop("handle", self.ingest)
        w = InboxWatcher(self.inbox, self.state, handle, on_event=self.events.append, **kwargs)
        self.watchers.append(w)
        w.start()
        return w

    def tick(self, watcher: InboxWatcher, seconds: float = 0.0) -> None:
        """Move the clock by `seconds`, then wait until the watcher has settled its files at the new time."""
        self.clock.advance(seconds)
        # A rescan is part of one loop step, before the step settles files. The step that makes
        # the second rescan started after the first one's step had ended, and that step read
        # the clock after it had moved: every decision due by the new time has been taken.
        rescanned(watcher)
        rescanned(watcher)

    def tick_until(self, watcher: InboxWatcher, condition: Callable[[], object], step: float,
                   limit: float = 600.0, what: str = "condition") -> None:
        """Tick `step` seconds at a time until `condition` holds; fail after `limit` seconds of clock time."""
        start = self.clock()
        while not condition():
            if self.clock() - start > limit:
                pytest.fail(f"no {what} after {limit:g} s on the watcher's clock")
            self.tick(watcher, step)

    def of(self, kind: type[E]) -> list[E]:
        return [e for e in list(self.events) if isinstance(e, kind)]

    def names_handled(self) -> list[str]:
        return [name for name, _ in self.ingest.calls]

    def log(self) -> str:
        path = self.state / "watch.log"
        return path.read_text(encoding="utf-8") if path.exists() else ""


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[Rig]:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    clock = ManualClock()
    double = IngestDouble(tmp_path / "archive", tmp_path / "results.txt", clock=clock)
    r = Rig(tmp_path, inbox, tmp_path / "state", double, clock)
    yield r
    for w in r.watchers:
        assert w.stop(timeout=10), "watcher did not stop"


@pytest.fixture(autouse=True)
def _both_backends(ledger_backend: str) -> str:
    """Every watcher test runs on the SQLite ledger and on a shared PostgreSQL one (tests/conftest.py)."""
    return ledger_backend
