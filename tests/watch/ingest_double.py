"""A test double of ingest, idempotent and crash-safe the way the real one must be.

Each call archives the file's bytes under their SHA-256 (temp file + fsync +
os.replace), records the hash in results.txt only once the archive is durable and
only if it is not recorded yet (the real ledger dedupes by hash too), then removes
the file from the inbox. A kill between any two steps leaves a state from which the
next call ends up with exactly one archive entry and one record.

Run as a module it is a whole watcher process, for the SIGKILL and signal tests:
    python -m tests.watch.ingest_double INBOX STATE ARCHIVE RESULTS SETTLE_S RESCAN_S
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from themeday_office.watch import InboxWatcher, Verdict, WatchOutcome, run_forever


class IngestDouble:
    def __init__(self, archive: Path, results: Path, clock: Callable[[], float] = time.monotonic) -> None:
        self.archive = archive
        self.results = results
        archive.mkdir(parents=True, exist_ok=True)
        self.clock = clock
        self.calls: list[tuple[str, float]] = []  # (name, clock()) of every call
        self._lock = threading.Lock()

    def __call__(self, path: Path) -> WatchOutcome:
        self.calls.append((path.name, self.clock()))
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        target = self.archive / digest
        if not target.exists():
            tmp = self.archive / f".{digest}.tmp"
            with open(tmp, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, target)
            _fsync_dir(self.archive)
        with self._lock:
            recorded = digest in self.recorded()
            if not recorded:
                # One short write: a killed process never leaves half a line.
                # surrogateescape: a name that is not UTF-8 is written as the bytes it was.
                with open(self.results, "a", encoding="utf-8", errors="surrogateescape") as f:
                    f.write(f"{digest} {path.name}\n")
                    f.flush()
                    os.fsync(f.fileno())
        path.unlink()
        return WatchOutcome(Verdict.DUPLICATE if recorded else Verdict.PASSED)

    def recorded(self) -> list[str]:
        """Hashes in results.txt, in order, repeats included."""
        try:
            lines = self.results.read_text(encoding="utf-8", errors="surrogateescape").splitlines()
        except FileNotFoundError:
            return []
        return [line.split(" ", 1)[0] for line in lines if line]

    def archived(self) -> set[str]:
        return {p.name for p in self.archive.iterdir() if not p.name.startswith(".")}

    def content(self, data: bytes) -> bytes | None:
        """The archived bytes for `data`'s hash, if archived."""
        target = self.archive / hashlib.sha256(data).hexdigest()
        return target.read_bytes() if target.exists() else None


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a directory to fsync it; os.replace is durable enough there
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def main(argv: list[str]) -> int:
    inbox, state, archive, results = (Path(a) for a in argv[:4])
    settle_s, rescan_s = float(argv[4]), float(argv[5])
    watcher = InboxWatcher(inbox, state, IngestDouble(archive, results), settle_s=settle_s, rescan_s=rescan_s)
    return run_forever(watcher, lambda line: print(line, flush=True))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
