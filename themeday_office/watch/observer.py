"""The watchdog observer on the inbox. It only turns events into hints on a queue.

Hints are not trusted: the watcher stats every file itself and rescans the inbox.
The observer can die or go deaf (watchdog issue #1065: a polling emitter stops for
good when a share drops, while the observer thread stays alive), so it is built so
that it can be thrown away and replaced whole.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from watchdog.events import (
    DirDeletedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

# How often the polling observer lists the inbox: short enough to add little to the 2 s settle
# time, cheap enough for an inbox folder of a few hundred files on a share.
POLL_INTERVAL_S = 0.25
JOIN_TIMEOUT_S = 3.0

# Everything else (opened, closed-without-write, attrib, directory modified) is noise:
# ingest's own reads would otherwise come back as hints about the file it is reading.
_EVENT_TYPES: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileClosedEvent,
    FileMovedEvent,
    FileDeletedEvent,
    DirDeletedEvent,
]


class HintKind(Enum):
    CHANGED = "changed"  # created or moved in
    WRITTEN = "written"  # its content written to: the writer may still hold it open
    CLOSED = "closed"  # closed after writing (inotify only)
    GONE = "gone"  # deleted or moved away
    INBOX_GONE = "inbox_gone"  # the watched folder itself was deleted; the emitter has stopped


@dataclass(frozen=True)
class Hint:
    kind: HintKind
    path: Path
    at: float  # the watcher's clock (time.monotonic by default) when the observer reported it


class _HintSink(FileSystemEventHandler):
    """Runs on the observer thread: enqueue and return, never raise (that would kill the thread)."""

    def __init__(self, inbox: Path, hints: queue.Queue[object], clock: Callable[[], float]) -> None:
        self._inbox = os.fspath(inbox)
        self._hints = hints
        self._clock = clock

    def dispatch(self, event: FileSystemEvent) -> None:
        try:
            now = self._clock()
            src = os.fsdecode(event.src_path)
            if event.is_directory:
                if event.event_type == "deleted" and src == self._inbox:
                    self._hints.put(Hint(HintKind.INBOX_GONE, Path(src), now))
                return
            if isinstance(event, FileMovedEvent):
                self._hints.put(Hint(HintKind.GONE, Path(src), now))
                if event.dest_path:
                    self._hints.put(Hint(HintKind.CHANGED, Path(os.fsdecode(event.dest_path)), now))
            elif isinstance(event, FileDeletedEvent):
                self._hints.put(Hint(HintKind.GONE, Path(src), now))
            elif isinstance(event, FileClosedEvent):
                self._hints.put(Hint(HintKind.CLOSED, Path(src), now))
            elif isinstance(event, FileModifiedEvent):
                self._hints.put(Hint(HintKind.WRITTEN, Path(src), now))
            else:
                self._hints.put(Hint(HintKind.CHANGED, Path(src), now))
        except Exception:  # noqa: BLE001 - a lost hint is caught by the next rescan
            pass


def _identity(st: os.stat_result) -> tuple[int, int]:
    return (st.st_dev, st.st_ino)


class InboxObserver:
    """One watchdog observer at a time on the inbox; start() again replaces it."""

    def __init__(
        self, inbox: Path, hints: queue.Queue[object], *, polling: bool, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.inbox = inbox
        self.polling = polling
        self._clock = clock  # the watcher's: hint times and started_at are compared with its own
        self._sink = _HintSink(inbox, hints, clock)
        self._observer: BaseObserver | None = None
        self._identity: tuple[int, int] | None = None
        self.started_at = 0.0

    def start(self) -> None:
        """Start watching; raises OSError when the inbox cannot be watched."""
        self.stop()
        self._identity = _identity(os.stat(self.inbox))
        observer: BaseObserver = PollingObserver(timeout=POLL_INTERVAL_S) if self.polling else Observer()
        observer.name = "themeday-watch-observer"
        try:
            observer.schedule(self._sink, os.fspath(self.inbox), recursive=True, event_filter=_EVENT_TYPES)
            observer.start()
        except BaseException:
            _stop_quietly(observer)
            raise
        self._observer = observer
        self.started_at = self._clock()

    def stop(self) -> None:
        observer, self._observer = self._observer, None
        if observer is not None:
            _stop_quietly(observer)

    @property
    def running(self) -> bool:
        return self._observer is not None

    @property
    def reports_closes(self) -> bool:
        """Whether a writer's close is reported (inotify): a file written to and not yet closed
        is then known to be still open for writing."""
        # watchdog types its platform observer as a callable protocol; at run time it is a class.
        return not self.polling and getattr(Observer, "__name__", "") == "InotifyObserver"

    def fault(self, st: os.stat_result) -> str | None:
        """Why this observer cannot be trusted any more, given a fresh stat of the inbox; None if healthy."""
        observer = self._observer
        if observer is None:
            return "监视未在运行"
        if not observer.is_alive():
            return "监视线程已停止"
        emitters = list(observer.emitters)
        if not emitters or not all(e.is_alive() for e in emitters):
            return "监视线程已停止（事件源已退出）"
        # A native observer watches the folder object, not its name: a folder replaced under
        # the same name leaves it watching the old one. Polling observers go by name.
        if not self.polling and st.st_ino and _identity(st) != self._identity:
            return "收件箱文件夹已被替换"
        return None


def _stop_quietly(observer: BaseObserver) -> None:
    try:
        observer.stop()
        if observer.is_alive() and observer is not threading.current_thread():
            # A thread stuck on a dead share may never return; it is a daemon, leave it.
            observer.join(JOIN_TIMEOUT_S)
    except Exception:  # noqa: BLE001 - a broken observer is being thrown away anyway
        pass
