"""Files seen in the inbox but not yet handed to ingest, and when each one is finished.

Pure bookkeeping: the caller stats files and passes in the clock, so the rules can
be tested without waiting. A file is finished when its size and mtime have not
changed for the settle time, or for a shorter time after the writer closed it. Where
closes are reported (inotify), a file written to and not closed since is still open in
its writer: it waits longer, so a copy that pauses past the settle time is not taken
half-written (up to OPEN_WRITER_MAX_S, for a program that never lets go of a file).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from themeday_office.watch.scan import Signature

RETRY_FIRST_S = 2.0  # a file ingest left in place (or failed on) is retried after this, doubling
# The cap: a clerk who fixed the cause (closed the program holding the file, repaired the
# installation) sees the file go through within a minute, and a file that fails for good
# costs one ingest call a minute, which is nothing next to a retry loop.
RETRY_MAX_S = 60.0
OPEN_RETRY_FIRST_S = 0.5  # a file still locked by its writer
OPEN_RETRY_MAX_S = 30.0
OPEN_WRITER_MAX_S = 30.0  # how long a file still open for writing waits while it does not change
PLACEHOLDER_RECHECK_S = 15.0  # an empty placeholder is looked at again this often (ignore.is_placeholder)


def close_settle_for(settle_s: float) -> float:
    """How long a file must stay unchanged after its writer closed it (Linux close-after-write)."""
    # Short enough to matter, long enough for a writer that closes and reopens at once.
    return min(settle_s, max(0.25, settle_s / 4))


class Readiness(Enum):
    READY = "ready"
    WAIT = "wait"
    GONE = "gone"
    EMPTY = "empty"  # an empty placeholder: kept, looked at again until it grows or is left empty for good


@dataclass
class PendingFile:
    path: Path
    first_seen: float
    stable_since: float
    due: float  # when to look at it again
    signature: Signature | None = None  # None until first looked at
    closed: bool = False  # the writer closed it after its last change
    writing: bool = False  # written to, and no close reported since
    attempts: int = 0  # ingest calls that left the file where it was
    retry_at: float = 0.0
    open_failures: int = 0


class PendingFiles:
    def __init__(self, settle_s: float, close_settle_s: float, open_writer_s: float = 0.0) -> None:
        self.settle_s = settle_s
        self.close_settle_s = min(close_settle_s, settle_s)
        # How long a file open in its writer waits; 0 where closes are not reported (no such files).
        self.open_writer_s = max(open_writer_s, settle_s) if open_writer_s else settle_s
        self._files: dict[Path, PendingFile] = {}

    def __len__(self) -> int:
        return len(self._files)

    def __contains__(self, path: Path) -> bool:
        return path in self._files

    def note(self, path: Path, now: float, *, closed: bool = False, written: bool = False) -> None:
        """An observer hint: look at the file at the next chance."""
        pending = self._files.get(path)
        if pending is None:
            self._files[path] = PendingFile(path, first_seen=now, stable_since=now, due=now, closed=closed,
                                            writing=written)
            return
        pending.due = min(pending.due, now)
        # A write after a close means the writer came back: the close no longer vouches for the file.
        pending.closed = closed
        pending.writing = written or (pending.writing and not closed)

    def recheck(self, path: Path, now: float) -> None:
        """Look at a known file again soon (it may have gone)."""
        pending = self._files.get(path)
        if pending is not None:
            pending.due = min(pending.due, now)

    def found(self, path: Path, signature: Signature, now: float) -> bool:
        """A scan listed the file; returns True if it was not known before."""
        pending = self._files.get(path)
        if pending is None:
            self._files[path] = PendingFile(
                path, first_seen=now, stable_since=now, due=now + self.settle_s, signature=signature
            )
            return True
        if pending.signature != signature:
            pending.due = min(pending.due, now)
        return False

    def forget(self, path: Path) -> None:
        self._files.pop(path, None)

    def next_due(self) -> float | None:
        return min((p.due for p in self._files.values()), default=None)

    def due(self, now: float) -> list[Path]:
        """Paths to look at now, oldest first."""
        ready = [p for p in self._files.values() if p.due <= now]
        ready.sort(key=lambda p: (p.due, p.first_seen))
        return [p.path for p in ready]

    def observe(self, path: Path, signature: Signature | None, now: float, *, placeholder: bool = False) -> Readiness:
        """Record what a stat of `path` showed and say whether it is finished. An empty file that is
        still a `placeholder` (ignore.is_placeholder) waits, looked at again every PLACEHOLDER_RECHECK_S;
        one that is not settles as any file."""
        pending = self._files[path]
        if signature is None:
            del self._files[path]
            return Readiness.GONE
        if signature.size == 0 and placeholder:
            # Kept in the book (a scan would otherwise report it as a file the observer missed).
            pending.due = now + PLACEHOLDER_RECHECK_S
            return Readiness.EMPTY
        if signature != pending.signature:
            pending.signature = signature
            pending.stable_since = now
            pending.attempts = 0  # new content: whatever ingest said before is moot
            pending.retry_at = 0.0
            pending.open_failures = 0
        wait = self.close_settle_s if pending.closed else self.open_writer_s if pending.writing else self.settle_s
        ready_at = max(pending.stable_since + wait, pending.retry_at)
        if now >= ready_at:
            return Readiness.READY
        pending.due = ready_at
        return Readiness.WAIT

    def blocked(self, path: Path, now: float) -> float:
        """The finished-looking file could not be opened (its writer holds it); returns the delay."""
        pending = self._files[path]
        pending.open_failures += 1
        delay = backoff(OPEN_RETRY_FIRST_S, OPEN_RETRY_MAX_S, pending.open_failures)
        pending.due = now + delay
        return delay

    def defer(self, path: Path, signature: Signature, now: float) -> float:
        """Ingest left the unchanged file in place: retry later, never in a hot loop; returns the delay."""
        pending = self._files[path]
        pending.attempts += 1
        delay = backoff(RETRY_FIRST_S, RETRY_MAX_S, pending.attempts)
        pending.signature = signature
        pending.retry_at = pending.due = now + delay
        pending.closed = False
        return delay


def backoff(first: float, cap: float, tries: int) -> float:
    """The delay after the `tries`-th failed try: `first`, doubling, never over `cap`."""
    # The exponent is bounded: a file failing for days would otherwise make 2 ** n too big for a float.
    return min(first * 2.0 ** min(max(tries - 1, 0), 32), cap)
