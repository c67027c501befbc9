"""The watch layer: files dropped into the inbox -> one ingest call per finished file.

Events from watchdog are hints; a periodic rescan is the truth, the observer is
replaced when it dies, stalls or loses its folder, and one lock keeps a second
watcher off the same inbox. Ingest is a plain callback, so this layer knows nothing
of forms or the ledger.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from themeday_office.lazy_exports import lazy_exports

# Each name, the module that defines it, loaded on first use: `themeday check` uses is_ignored
# alone and needs no watchdog (issue 25).
WHERE = {
    "console_line": "themeday_office.watch.console",
    "run_forever": "themeday_office.watch.console",
    "EntrySkipped": "themeday_office.watch.events",
    "FailuresChanged": "themeday_office.watch.events",
    "FileDeferred": "themeday_office.watch.events",
    "FileDone": "themeday_office.watch.events",
    "IgnoredCountChanged": "themeday_office.watch.events",
    "ObserverRestarted": "themeday_office.watch.events",
    "OutageEnded": "themeday_office.watch.events",
    "OutageStarted": "themeday_office.watch.events",
    "WatchEvent": "themeday_office.watch.events",
    "is_ignored": "themeday_office.watch.ignore",
    "WatcherBusy": "themeday_office.watch.lock",
    "Verdict": "themeday_office.watch.outcome",
    "WatchOutcome": "themeday_office.watch.outcome",
    "count_ignored": "themeday_office.watch.scan",
    "InboxWatcher": "themeday_office.watch.watcher",
    "WatchStatus": "themeday_office.watch.watcher",
}

if TYPE_CHECKING:
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

__getattr__ = lazy_exports(__name__, WHERE)

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
