"""A real watcher on a temporary inbox, an ingest double, and bounded waits."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from themeday_office.watch import InboxWatcher, WatchEvent

from .ingest_double import IngestDouble

SETTLE_S = 0.2  # short for tests; the default is 1 s


def wait_for(condition: Callable[[], object], timeout: float = 10.0, what: str = "condition") -> None:
    """Poll `condition` until it holds; fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(0.02)


@dataclass
class Rig:
    root: Path
    inbox: Path
    state: Path
    ingest: IngestDouble
    events: list[WatchEvent] = field(default_factory=list)
    watchers: list[InboxWatcher] = field(default_factory=list)

    def watcher(self, **kwargs: object) -> InboxWatcher:
        """A started watcher on the inbox (stopped at teardown)."""
        kwargs.setdefault("settle_s", SETTLE_S)
        handle = kwargs.pop("handle", self.ingest)
        w = InboxWatcher(
            self.inbox, self.state, handle, on_event=self.events.append, **kwargs  # type: ignore[arg-type]
        )
        self.watchers.append(w)
        w.start()
        return w

    def of(self, kind: type[WatchEvent]) -> list[WatchEvent]:
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
    r = Rig(tmp_path, inbox, tmp_path / "state", IngestDouble(tmp_path / "archive", tmp_path / "results.txt"))
    yield r
    for w in r.watchers:
        assert w.stop(timeout=10), "watcher did not stop"
