"""The terminal app's time to first paint, with an empty ledger and with 10,000 submissions.

    python bench/tui.py                      # 0 and 10,000 submissions, 3 runs each
    python bench/tui.py --submissions 50000  # also a bigger ledger
    python bench/tui.py --no-watch           # without the app's own inbox watcher

Each run is a fresh interpreter, so the clock includes importing Textual and the kit, as a
clerk starting `themeday` waits for them. "First paint" is the moment the queue shows the
ledger's newest rows on screen (for an empty ledger: the empty queue with its count); the
rest of a long ledger is added in chunks after it. Goal (issue 12): < 2 s with 10,000.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # before any import below: a clerk waits for those too

import argparse  # noqa: E402 - after STARTED: the clock includes these imports
import asyncio  # noqa: E402 - after STARTED: the clock includes these imports
import json  # noqa: E402 - after STARTED: the clock includes these imports
import statistics  # noqa: E402 - after STARTED: the clock includes these imports
import sys  # noqa: E402 - after STARTED: the clock includes these imports
import tempfile  # noqa: E402 - after STARTED: the clock includes these imports
from pathlib import Path  # noqa: E402 - after STARTED: the clock includes these imports

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import in_fresh_process, peak_mb  # noqa: E402 - imported once sys.path names the repository

SIZE = (120, 36)
GOAL_S = 2.0
RUNS = 3


def build_ledger(root: Path, count: int) -> None:
    """A workspace whose ledger holds `count` submissions (one in seven with an error).

    Written in one transaction, as the members of one archive, instead of `count` fsync'd
    commits: the queue reads them like any others, and the ledger is built in a second.
    """
    from themeday_office.ledger import CheckedFile, Ledger, StoredMessage
    from themeday_office.workspace import Workspace, init_workspace

    init_workspace(root)
    workspace = Workspace.open(root)
    units = [f"第{i}党委" for i in range(60)]
    members = [
        CheckedFile(
            sha256=f"{i:064x}",
            original_name=f"{units[i % 60]}2017年{i % 12 + 1}月统计表（{i}）.xlsx",
            inbox_path=f"m{i}.xlsx",
            size=20_000,
            format="xlsx",
            kind="monthly",
            unit=f"{units[i % 60]}{i}",
            period=f"2017-{i % 12 + 1:02d}",
            messages=[StoredMessage("错误", "x", "月报!L5", "月报!L5 实到人数大于应到人数")] if i % 7 == 0 else [],
        )
        for i in range(count)
    ]
    with Ledger.open(workspace.state) as ledger:
        if members:
            ledger.record(CheckedFile(sha256="f" * 64, original_name="全年报表.zip", inbox_path="全年报表.zip", size=1,
                                      format="zip"), auto_accept=True, members=members)


def measure(root: Path, watch: bool) -> dict:
    """In this fresh process: start the app on `root`, time the first paint and the full queue."""
    from themeday_office.tui.app import ThemedayApp
    from themeday_office.tui.widgets.queue_table import QueueTable
    from themeday_office.workspace import Workspace

    imported = time.perf_counter() - STARTED
    app = ThemedayApp(Workspace.open(root), run_watcher=watch)
    result: dict = {"imports_s": imported}

    async def run() -> None:
        async with app.run_test(size=SIZE) as pilot:
            table = app.main_screen.query_one(QueueTable)
            while app.ledger is None or (len(app.queue) and not table.row_count):
                await asyncio.sleep(0.002)
            # The screen update that draws those rows: not pilot.pause(), which waits for the
            # whole ledger to be added, chunk after chunk.
            painted = asyncio.Event()

            def paint() -> None:
                result.setdefault("first_paint_s", time.perf_counter() - STARTED)
                painted.set()

            app.call_after_refresh(paint)
            await painted.wait()
            while table.filling:
                await asyncio.sleep(0.005)
            await pilot.pause()
            result["all_rows_s"] = time.perf_counter() - STARTED
            result["rows"] = table.row_count

    asyncio.run(run())
    result["peak_mb"] = peak_mb()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--submissions", type=int, action="append", help="ledger sizes (default: 0 and 10000)")
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--no-watch", action="store_true", help="without the app's own inbox watcher")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, watch=not args.no_watch)))
        return

    sizes = args.submissions or [0, 10_000]
    script = Path(__file__)
    watch = [] if not args.no_watch else ["--no-watch"]
    print(f"first paint of `themeday tui` at {SIZE[0]}x{SIZE[1]}, {args.runs} fresh processes each, "
          f"{'without' if args.no_watch else 'with'} the app's own watcher")
    print(f"{'submissions':>12}{'imports s':>11}{'first paint s':>15}{'all rows s':>12}{'peak MB':>9}")
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for count in sizes:
            root = Path(tmp) / f"ws-{count}"
            build_ledger(root, count)
            runs = [in_fresh_process(script, str(root), *watch) for _ in range(args.runs)]
            paint = statistics.median(r["first_paint_s"] for r in runs)
            if count >= 10_000:
                worst = max(worst, paint)
            print(f"{count:>12,}{statistics.median(r['imports_s'] for r in runs):>11.2f}{paint:>15.2f}"
                  f"{statistics.median(r['all_rows_s'] for r in runs):>12.2f}{max(r['peak_mb'] for r in runs):>9.0f}")
            assert all(r["rows"] == count + (1 if count else 0) for r in runs), runs  # the archive row too
    if worst:
        print(f"median first paint with >= 10,000 submissions: {worst:.2f} s (goal < {GOAL_S:g} s)")


if __name__ == "__main__":
    main()
