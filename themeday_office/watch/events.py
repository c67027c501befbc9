"""What the watcher reports to a UI, one small frozen value per happening.

Listeners are called on the watcher's own thread: a Textual app posts a message
from the callback and does nothing else there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from themeday_office.watch.outcome import WatchOutcome


@dataclass(frozen=True, kw_only=True)
class WatchEvent:
    at: datetime


@dataclass(frozen=True, kw_only=True)
class FileDone(WatchEvent):
    """Ingest returned a verdict for a file."""

    path: Path
    name: str  # relative to the inbox, with / separators
    outcome: WatchOutcome


@dataclass(frozen=True, kw_only=True)
class FileDeferred(WatchEvent):
    """A file is still in the inbox after ingest (locked, busy, or ingest failed): retried later."""

    path: Path
    name: str
    reason: str
    retry_in: float


@dataclass(frozen=True, kw_only=True)
class EntrySkipped(WatchEvent):
    """A link or a special file in the inbox, left where it is and never read; sent once per entry."""

    path: Path
    name: str
    reason: str  # 不处理链接文件 / 不处理特殊文件


@dataclass(frozen=True, kw_only=True)
class FailuresChanged(WatchEvent):
    """How many files fail to be ingested now, and the newest failure (the UI's red badge).

    Sent after every attempt on which ingest raised, and whenever the set of such files
    shrinks (a file ingested after all, taken out of the inbox, or no longer watched).
    """

    failing: int  # files whose last ingest attempt raised and which are still in the inbox
    last_name: str  # the newest failure's file name relative to the inbox ("" when failing == 0)
    last_reason: str  # one line for the clerk, e.g. "处理出错：ValueError: …" ("" when failing == 0)


@dataclass(frozen=True, kw_only=True)
class IgnoredCountChanged(WatchEvent):
    """The number of ignored files in the inbox (lock, temporary, hidden, empty) changed."""

    count: int


@dataclass(frozen=True, kw_only=True)
class ObserverRestarted(WatchEvent):
    reason: str


@dataclass(frozen=True, kw_only=True)
class OutageStarted(WatchEvent):
    reason: str


@dataclass(frozen=True, kw_only=True)
class OutageEnded(WatchEvent):
    seconds: float


@dataclass(frozen=True)
class WatchStatus:
    """A snapshot for a status bar or `themeday ledger`."""

    running: bool
    polling: bool
    pending: int
    ignored: int
    handled: int
    restarts: int
    scans: int
    outage_since: datetime | None
    failing: int = 0  # files whose last ingest attempt raised and which are still in the inbox
