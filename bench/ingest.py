"""Ingest speed: python-calamine's bare read vs. `themeday ingest`'s own code path vs. pandas + pydantic.

    python bench/ingest.py                # 1,000 distinct generated monthly reports, 60 branches each
    python bench/ingest.py --files 100    # a quick check
    python bench/ingest.py --ledger postgresql://clerk:pw@127.0.0.1/themeday_bench
                                          # also into a shared PostgreSQL ledger (an empty database)

The full ingest is what `themeday ingest` runs per file: hash, check in the isolated
parser (classify, parse, validate, safety checks), archive with fsync, commit to SQLite,
unlink from the inbox. With --ledger the same ingest also runs into that PostgreSQL ledger
(goal: >= 0.7x SQLite's throughput; each run empties the database's ledger tables first, so
give it a database of its own). Each method runs in a fresh process; peak memory is the main
process plus the largest parser worker. Goals (issue 25): ingest <= 3.5x the bare read; the
baseline >= 8x ours; peak memory < 300 MB.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import children_peak_mb, in_fresh_process, peak_mb, synthetic_monthly, table, workers_peak_mb


def run_bare(folder: Path) -> dict:
    import python_calamine

    paths = sorted(folder.glob("m*.xlsx"))
    started = time.perf_counter()
    for path in paths:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python()
        book.close()
    return {"seconds": time.perf_counter() - started}


def run_ingest(folder: Path) -> dict:
    from themeday_office.cli import main as themeday
    from themeday_office.cli.ingest_cmd import collect
    from themeday_office.ingest.session import ingest_session
    from themeday_office.workspace import Workspace, init_workspace

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ws"
        init_workspace(root)
        assert themeday(["roster", "import", str(folder / "roster.xlsx"), "--effective", "2017-01-01",
                         "-w", str(root)]) == 0
        workspace = Workspace.open(root)
        for path in sorted(folder.glob("m*.xlsx")):
            shutil.copy(path, workspace.inbox / path.name)
        files, _skipped = collect([], workspace.inbox)
        words: dict[str, int] = {}
        with ingest_session(workspace) as ingestor:
            ingestor.ingest(files[0])  # start the parser worker and load the roster once
            pids = processes_of(ingestor)
            cpu_before = cpu_seconds(pids)
            started = time.perf_counter()
            for outcome in ingestor.ingest_many(files[1:]):
                words[outcome.word] = words.get(outcome.word, 0) + 1
            seconds = (time.perf_counter() - started) * len(files) / (len(files) - 1)
            # Workers started during the run count from their start (all of their CPU).
            cpu = (cpu_seconds(processes_of(ingestor)) - cpu_before) * len(files) / (len(files) - 1)
            workers_mb = workers_peak_mb()  # while they run: a forkserver's children never reach RUSAGE_CHILDREN
        return {"seconds": seconds, "words": words, "peak_mb": peak_mb() + max(workers_mb, children_peak_mb()),
                "cpu": cpu}


def processes_of(ingestor) -> list[int]:
    """This process, its parser workers and, with a PostgreSQL ledger on this machine, the
    server process that serves its connection: the CPU an ingest costs the machine."""
    import os

    pids, pending = [], [os.getpid()]
    while pending:  # the workers may be a fork server's children
        pid = pending.pop()
        pids.append(pid)
        for task in Path(f"/proc/{pid}/task").iterdir():
            pending += [int(child) for child in (task / "children").read_text().split()]
    raw = getattr(ingestor.ledger._conn, "raw", None)
    if raw is not None:
        pids.append(int(raw.execute("SELECT pg_backend_pid()").fetchone()[0]))
    return pids


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of these processes so far (Linux /proc; a server on another machine is
    not counted)."""
    import os

    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def run_pandas(folder: Path) -> dict:
    import pandas
    from pydantic import BaseModel

    class Row(BaseModel):
        branch: str
        held_on: str | None = None
        expected: int | None = None
        present: int | None = None
        excused: int | None = None

    started = time.perf_counter()
    for path in sorted(folder.glob("m*.xlsx")):
        sheets = pandas.read_excel(path, sheet_name=None, header=None, engine="openpyxl")
        for frame in sheets.values():
            for values in frame.itertuples(index=False):
                cells = [v for v in values if isinstance(v, (str, int, float)) and v == v]
                if len(cells) >= 5 and isinstance(cells[1], str):
                    Row(branch=str(cells[1]), held_on=str(cells[2]))
    return {"seconds": time.perf_counter() - started}


METHODS = {"bare": run_bare, "ingest": run_ingest, "pandas": run_pandas}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--measure", choices=sorted(METHODS), help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--no-pandas", action="store_true", help="skip the pandas baseline")
    parser.add_argument("--ledger", metavar="URL", help="also ingest into this PostgreSQL ledger (emptied first)")
    parser.add_argument("--rounds", type=int, default=1,
                        help="with --ledger: alternate SQLite and PostgreSQL this many times, ratio per round")
    args = parser.parse_args()
    if args.measure:
        from themeday_office.collector import collect_cycles_rarely

        collect_cycles_rarely()  # the collector setting of the themeday command, for every method alike
        result = METHODS[args.measure](args.folder)
        result.setdefault("peak_mb", peak_mb())
        print(json.dumps(result, ensure_ascii=False))
        return
    t = time.perf_counter()
    folder, _ = synthetic_monthly(args.files)
    print(f"{args.files} monthly reports, 60 branches each (generated/checked in {time.perf_counter() - t:.1f} s)")
    script = Path(__file__)
    rows = [("python-calamine bare read", in_fresh_process(script, "bare", "--folder", str(folder)))]
    ours = in_fresh_process(script, "ingest", "--folder", str(folder), env={"THEMEDAY_LEDGER__URL": ""})
    rows.append(("themeday ingest (full protocol)", ours))
    shared = None
    if args.ledger:
        empty_ledger(args.ledger)
        shared = in_fresh_process(script, "ingest", "--folder", str(folder), env={"THEMEDAY_LEDGER__URL": args.ledger})
        rows.append(("themeday ingest, PostgreSQL ledger", shared))
    if not args.no_pandas:
        try:
            import pandas  # noqa: F401 - only whether it is installed

            rows.append(("pandas(openpyxl) + pydantic", in_fresh_process(script, "pandas", "--folder", str(folder))))
        except ImportError:
            print("pandas is not installed: `pip install pandas openpyxl` for the baseline")
    base = rows[0][1]["seconds"]
    table(rows, args.files, base)
    print(f"ingest outcomes: {ours['words']}")
    baseline = [r for name, r in rows if name.startswith("pandas")]
    if baseline:
        print(f"baseline / ingest = {baseline[0]['seconds'] / ours['seconds']:.1f}x (goal >= 8x)")
    print(f"ingest / bare = {ours['seconds'] / base:.2f}x (goal <= 3.5x); peak {ours['peak_mb']:.0f} MB (goal < 300)")
    if shared is not None:
        print(f"PostgreSQL / SQLite throughput = {ours['seconds'] / shared['seconds']:.2f}x (goal >= 0.7x); "
              f"outcomes {shared['words']}; CPU per file (this process, parser workers, server process) "
              f"{1000 * ours['cpu'] / args.files:.1f} / {1000 * shared['cpu'] / args.files:.1f} ms")
        if args.rounds > 1:
            alternate(script, folder, args.ledger, args.rounds, [ours["seconds"] / shared["seconds"]], args.files)


def alternate(script: Path, folder: Path, url: str, rounds: int, ratios: list[float], files: int) -> None:
    """More rounds of SQLite then PostgreSQL, back to back: a busy machine moves both alike."""
    for _ in range(rounds - 1):
        lite = in_fresh_process(script, "ingest", "--folder", str(folder), env={"THEMEDAY_LEDGER__URL": ""})
        empty_ledger(url)
        pg = in_fresh_process(script, "ingest", "--folder", str(folder), env={"THEMEDAY_LEDGER__URL": url})
        ratios.append(lite["seconds"] / pg["seconds"])
        print(f"  round {len(ratios)}: SQLite {lite['seconds']:.2f} s, PostgreSQL {pg['seconds']:.2f} s "
              f"= {ratios[-1]:.2f}x; CPU per file {1000 * lite['cpu'] / files:.1f} / {1000 * pg['cpu'] / files:.1f} ms")
    print(f"PostgreSQL / SQLite throughput over {rounds} rounds: {min(ratios):.2f}-{max(ratios):.2f}x, "
          f"median {sorted(ratios)[len(ratios) // 2]:.2f}x (goal >= 0.7x)")


def empty_ledger(url: str) -> None:
    """Drop the ledger's tables in the bench database, so each run starts from an empty ledger."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for table_name in ("original_chunk", "original", "claim", "doc_number", "document", "themes_version",
                           "roster_version", "attempt", "form_row", "event", "finding", "message", "submission",
                           "themeday_schema"):
            conn.execute(f"DROP TABLE IF EXISTS {table_name} CASCADE")


if __name__ == "__main__":
    main()
