"""One ingest at a time per ledger: an OS file lock in the state folder.

Two runs ingesting the same inbox would both read a file, and the second commit would
fail on the ledger's unique hash. So every ingest takes this lock: `themeday ingest` for
its whole run (waiting, with a message, while another run has it), the watcher for one
file at a time (never waiting: a busy lock defers the file, so the watcher's loop and its
stop() are never stuck behind a long run). The operating system drops the lock when its
holder dies, so a killed run never blocks the next.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

LOCK_NAME = "ingest.lock"
OTHER_RUN = "另一个收文程序正在处理收件箱"


class IngestLock:
    """Re-entrant within one object (an ingest run that calls itself), exclusive across processes."""

    def __init__(self, state_dir: Path) -> None:
        self.path = Path(state_dir) / LOCK_NAME
        # Not thread-local: ingest_many's checking threads run under the run's hold.
        self._lock = FileLock(self.path, thread_local=False)

    def try_acquire(self) -> bool:
        """Take the lock if it is free (or already ours); release() once for each True."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire(blocking=False)
        except Timeout:
            return False
        return True

    def release(self) -> None:
        self._lock.release()

    @contextmanager
    def held(self, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
        """Hold the lock for a block, waiting for another run to finish (`on_wait` tells the clerk once)."""
        if not self.try_acquire():
            if on_wait is not None:
                on_wait()
            self._lock.acquire()
        try:
            yield
        finally:
            self._lock.release()
