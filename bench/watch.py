"""Benchmark the watch layer: drop-to-committed latency and burst drain time.

    python bench/watch.py [--files 200] [--rate 10] [--settle 1.0] [--polling]

A steady stream (`--rate` files per second) measures the latency from the moment a
file is complete in the inbox to the moment the ingest stand-in has committed it
(median, p95): once written in place (on Linux the close-after-write event shortens
the wait) and once renamed in from a sibling folder (no close event, as on Windows:
the full settle time applies). A burst of the same number of files dropped at once measures the
time until the last is committed. The stand-in does what costs time in real
ingest apart from parsing: read, hash, an fsync'd record, unlink.
Goal (issue 8): at 10 files/s, median <= settle + 150 ms and p95 <= settle + 500 ms.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from themeday_office.watch import InboxWatcher, Verdict, WatchOutcome

FILE_BYTES = 20_000  # a typical monthly table


class CommitClock:
    """The ingest stand-in: records when each file was committed."""

    def __init__(self, ledger: Path) -> None:
        self.ledger = ledger
        self.committed: dict[str, float] = {}
        self.done = threading.Condition()

    def __call__(self, path: Path) -> WatchOutcome:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        with open(self.ledger, "a", encoding="utf-8") as f:
            f.write(f"{digest} {path.name}\n")
            f.flush()
            os.fsync(f.fileno())
        path.unlink()
        with self.done:
            self.committed[path.name] = time.monotonic()
            self.done.notify_all()
        return WatchOutcome(Verdict.PASSED)

    def wait_for(self, count: int, timeout: float) -> None:
        with self.done:
            if not self.done.wait_for(lambda: len(self.committed) >= count, timeout):
                raise SystemExit(f"only {len(self.committed)} of {count} files committed in {timeout:g} s")


def drop(inbox: Path, name: str, via: Path | None = None) -> float:
    """Write a file into the inbox, or write it in `via` and rename it in (no close event then)."""
    target = (via or inbox) / name
    target.write_bytes(name.encode() * (FILE_BYTES // len(name.encode())))
    if via is not None:
        os.replace(target, inbox / name)
    return time.monotonic()


def steady(inbox: Path, clock: CommitClock, prefix: str, files: int, rate: float, via: Path | None) -> list[float]:
    """Latencies of `files` files dropped at `rate` per second, sorted."""
    clock.committed.clear()
    dropped: dict[str, float] = {}
    start = time.monotonic()
    for i in range(files):
        time.sleep(max(0.0, start + i / rate - time.monotonic()))
        name = f"{prefix}-{i:04d}.xlsx"
        dropped[name] = drop(inbox, name, via)
    clock.wait_for(files, timeout=60 + files / rate)
    return sorted(clock.committed[n] - t for n, t in dropped.items())


def summary(label: str, latencies: list[float], settle: float) -> str:
    median = statistics.median(latencies)
    p95 = latencies[max(0, int(round(0.95 * len(latencies))) - 1)]
    ok = median <= settle + 0.150 and p95 <= settle + 0.500
    return (
        f"  {label:<34} median {median * 1000:6.0f} ms  p95 {p95 * 1000:6.0f} ms  max {latencies[-1] * 1000:6.0f} ms"
        f"  goal {'met' if ok else 'MISSED'}"
    )


def run(mode: str, *, files: int, rate: float, settle: float, polling: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-watch-") as tmp:
        root = Path(tmp)
        inbox = root / "inbox"
        inbox.mkdir()
        clock = CommitClock(root / "ledger.txt")
        watcher = InboxWatcher(inbox, root / "state", clock, settle_s=settle, polling=polling)
        watcher.start()
        try:
            written = steady(inbox, clock, "written", files, rate, None)
            outside = root / "outside"
            outside.mkdir()
            moved = steady(inbox, clock, "moved", files, rate, outside)

            clock.committed.clear()
            first = time.monotonic()
            for i in range(files):
                drop(inbox, f"burst-{i:04d}.xlsx")
            clock.wait_for(files, timeout=120)
            drain = max(clock.committed.values()) - first
        finally:
            watcher.stop()

    print(f"{mode}: settle {watcher.settle_s:g} s, {files} files; goal median <= settle+150 ms, p95 <= settle+500 ms")
    print(summary(f"written in place, {rate:g}/s", written, watcher.settle_s))
    print(summary(f"renamed in (no close event), {rate:g}/s", moved, watcher.settle_s))
    print(f"  {'burst, all at once':<34} drained in {drain:.2f} s ({files / drain:.0f} files/s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--rate", type=float, default=10.0, help="files per second in the steady stream")
    parser.add_argument("--settle", type=float, default=1.0, help="settle time in seconds")
    parser.add_argument("--polling", action="store_true", help="also run in polling mode (settle >= 2 s)")
    args = parser.parse_args()
    run("native", files=args.files, rate=args.rate, settle=args.settle, polling=False)
    if args.polling:
        run("polling", files=args.files, rate=args.rate, settle=args.settle, polling=True)


if __name__ == "__main__":
    main()
