"""The watch layer: files dropped into the inbox -> one ingest call per finished file.

Events from watchdog are hints; a periodic rescan is the truth, the observer is
replaced when it dies, stalls or loses its folder, and one lock keeps a second
watcher off the same inbox. Ingest is a plain callback, so this layer knows nothing
of forms or the ledger.
"""

from themeday_office.watch.console import console_line, run_forever
from themeday_office.watch.events import (
    EntrySkipped,
    FailuresChanged,
    FileDeferred,
    FileDone,
    IgnoredCountChanged,
    ObserverRestarted,
    OutageEnded,
    OutageStarted,
    WatchEvent,
)
from themeday_office.watch.ignore import is_ignored
from themeday_office.watch.lock import WatcherBusy
from themeday_office.watch.outcome import Verdict, WatchOutcome
from themeday_office.watch.scan import count_ignored
from themeday_office.watch.watcher import InboxWatcher, WatchStatus

__all__ = [
    "EntrySkipped",
    "FailuresChanged",
    "FileDeferred",
    "FileDone",
    "IgnoredCountChanged",
    "InboxWatcher",
    "ObserverRestarted",
    "OutageEnded",
    "OutageStarted",
    "Verdict",
    "WatchEvent",
    "WatchOutcome",
    "WatchStatus",
    "WatcherBusy",
    "console_line",
    "count_ignored",
    "is_ignored",
    "run_forever",
]
