"""Checking speed: python-calamine's bare read vs. our full `check` vs. pandas + one pydantic model per row.

    python bench/check.py                          # 1,000 monthly reports of 60 rows, then 1,000 of 8 rows
    python bench/check.py --rows 60 --files 120    # a quick look at one size
    python bench/check.py --methods bare,ours      # only some methods (alternating runs of two versions)
    python bench/check.py --rounds 5               # each method 5 times in turn, reported by its best run

The files come from the synthetic generator (themeday_office.synthetic): for each of
files/12 small districts, the town committee that has exactly --rows branches sends its twelve
2017 monthly tables, each in a layout drawn for it (title rows, two-row headers, merged
cells, text or cell dates...), one in five with a planted mistake. They are generated once
under bench/out/check-monthly-<files>x<rows>/ with a manifest naming each file's district.

Each method runs in a fresh Python process, so its peak memory is its own:

  bare      python-calamine: open the bytes, every sheet's to_python(). Nothing checked.
  ours      the full check path with safety on: check_isolated(reader, data, name, env) with
            an IsolatedReader pool (checks and sniffing here; parsing, classifying, locating
            the table, the pydantic form model and the domain's checks against the district's
            roster in the child, which sends back only the result). One thread per pool worker;
            run with the default pool (two workers per core) and with one worker per core.
  stream    the same, as IsolatedReader.read_many (the pool reads ahead) + check_content.
  inproc    the same check path reading in this process (read_bytes): no isolation.
  floor     calamine's read plus one pydantic model per branch row of raw values, nothing else:
            not a way to check, but what any pydantic-per-row check costs at least.
  pandas    pandas.read_excel(engine="openpyxl") of every sheet, the header row found by its
            党支部名称 cell, one pydantic model per branch row. No roster, no checks.

Goals (issue 25): ours (the faster of ours and stream) <= 2.5x the bare read on 60-row reports and
<= 3x on 8-row ones; pandas >= 8x ours. Rosters and
the pool's start-up are made before the clock starts; reading the file from disk is inside it for
every method.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from themeday_office.ingest.environment import CheckEnvironment

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.common import measure_methods, peak_mb, workers_cpu_s, workers_peak_mb  # noqa: E402 - imported once sys.path names the repository

ROWS = (60, 8)  # the sizes measured by default: a large town's table and a small one's
# ours / bare at most, by rows per report (issue 25)
GOALS = {60: 2.5, 8: 3.0}
PANDAS_GOAL = 8.0
MONTHS = 12
SEED = 20170


# ---- the files ----------------------------------------------------------------------------------


def district_with(seed: int, rows: int):
    """A small district (five committees) whose town has exactly `rows` branches, and its size;
    None when no size gives this seed's town that many (its share jumps with the size)."""
    from themeday_office.synthetic import make_district

    for branches in range(rows * 2, rows * 3):
        district = make_district(seed=seed, branches=branches, committees=5, realistic_names=False)
        town = len(district.branches_of(district.committees[0].name))
        if town == rows:
            return district, branches
        if town > rows:
            return None
    return None


def generate(folder: Path, files: int, rows: int) -> None:
    """The files and manifest.json: [{file, seed, branches}], deterministic."""
    from themeday_office.domain.period import Period
    from themeday_office.synthetic import Layout, Mistake, month_of, write_monthly_xlsx

    manifest = folder / "manifest.json"
    if manifest.exists() and len(json.loads(manifest.read_text(encoding="utf-8"))) == files:
        return
    folder.mkdir(parents=True, exist_ok=True)
    mistakes = [Mistake.PRESENT_EXCEEDS_EXPECTED, Mistake.NOT_HELD, Mistake.SHORT_DURATION, Mistake.UNKNOWN_BRANCH,
                Mistake.LOW_ATTENDANCE, Mistake.DUPLICATE_BRANCH]
    entries: list[dict[str, str | int]] = []
    seed = SEED - 1
    while len(entries) < files:
        seed += 1
        if (found := district_with(seed, rows)) is None:
            continue
        district, branches = found
        town = district.committees[0].name
        for m in range(1, MONTHS + 1):
            if len(entries) == files:
                break
            rng = random.Random(f"{seed}/{m}")
            planted = [rng.choice(mistakes)] if rng.random() < 0.2 else []
            month = month_of(district, town, Period.of_month(2017, m), mistakes=planted, rng=rng)
            name = f"monthly-{len(entries):04d}.xlsx"
            write_monthly_xlsx(month, folder / name, layout=Layout.varied(rng))
            entries.append({"file": name, "seed": seed, "branches": branches})
    manifest.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")


def load(folder: Path) -> list[tuple[Path, int, int]]:
    entries = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return [(folder / e["file"], e["seed"], e["branches"]) for e in entries]


def environments(entries: list[tuple[Path, int, int]]) -> dict[int, CheckEnvironment]:
    """Each district's check environment: its roster (in force from 2017-01-01), default rules."""
    from themeday_office.domain.roster import RosterHistory
    from themeday_office.ingest.environment import CheckEnvironment
    from themeday_office.synthetic import make_district

    envs: dict[int, CheckEnvironment] = {}
    for _path, seed, branches in entries:
        if seed not in envs:
            district = make_district(seed=seed, branches=branches, committees=5, realistic_names=False)
            envs[seed] = CheckEnvironment(rosters=RosterHistory([district.roster]))
    return envs


# ---- the methods --------------------------------------------------------------------------------


def bare_read(data: bytes) -> None:
    """python-calamine alone: open the bytes, every sheet's to_python(). The baseline of every ratio."""
    import io

    import python_calamine

    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python()
    book.close()


def run_bare(entries, workers: int) -> dict:
    started = time.perf_counter()
    for path, _, _ in entries:
        bare_read(path.read_bytes())
    return {"seconds": time.perf_counter() - started}


class Tally:
    """What the results said, kept as counts: a result is dropped once counted, as ingest drops
    it once the ledger has it (holding 1,000 results would measure memory, not checking)."""

    def __init__(self) -> None:
        self.rejected = self.rows = 0
        self.odd: list[str] = []

    def add(self, result) -> None:
        if result.kind != "monthly" or result.read_error:
            self.odd.append(f"{result.file}: {[m.text for m in result.messages][:2]}")
        self.rejected += not result.ok
        self.rows += len(result.rows)

    def figures(self) -> dict:
        if self.odd:
            raise SystemExit(f"unexpected results, e.g. {self.odd[:3]}")
        return {"rejected": self.rejected, "rows": self.rows}


def run_ours(entries, workers: int) -> dict:
    from concurrent.futures import ThreadPoolExecutor

    from themeday_office.ingest.check import WORKER_MODULES, check_isolated
    from themeday_office.readers import IsolatedReader

    envs = environments(entries)
    # As ingest and `themeday check` start theirs: the workers import the check before the first file.
    with IsolatedReader(workers=workers, preload=WORKER_MODULES) as reader:
        # Warm every worker: spawn and imports happen once per worker, not per file.
        with ThreadPoolExecutor(workers) as threads:
            list(threads.map(lambda e: reader.read_bytes(e[0].read_bytes(), e[0].name), entries[:workers]))

        def check(entry):
            path, seed, _ = entry
            return check_isolated(reader, path.read_bytes(), path.name, envs[seed])

        tally = Tally()
        cpu = time.process_time(), workers_cpu_s()
        started = time.perf_counter()
        with ThreadPoolExecutor(workers) as threads:
            for result in threads.map(check, entries):
                tally.add(result)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu[0], workers_cpu_s() - cpu[1]
        worker_mb = workers_peak_mb()
    return {"seconds": seconds, "worker_mb": worker_mb, "cpu": cpu, **tally.figures()}


def run_stream(entries, workers: int) -> dict:
    from themeday_office.ingest.check import CheckResult, check_content, read_error_message
    from themeday_office.readers import IsolatedReader, ReadError

    envs = environments(entries)
    seeds = {path: seed for path, seed, _ in entries}
    with IsolatedReader(workers=workers) as reader:
        list(reader.read_many([path for path, _, _ in entries[:workers]]))  # warm every worker
        tally = Tally()
        cpu = time.process_time(), workers_cpu_s()
        started = time.perf_counter()
        # The pool reads ahead in its threads while this one checks what has been read.
        for path, content in reader.read_many([path for path, _, _ in entries]):
            if isinstance(content, ReadError):
                tally.add(CheckResult(file=path.name, messages=[read_error_message(content)], read_error=content.code))
            else:
                tally.add(check_content(content, path.name, envs[seeds[path]]))
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu[0], workers_cpu_s() - cpu[1]
        worker_mb = workers_peak_mb()
    return {"seconds": seconds, "worker_mb": worker_mb, "cpu": cpu, **tally.figures()}


def run_inproc(entries, workers: int) -> dict:
    from themeday_office.ingest.check import check_bytes

    envs = environments(entries)
    tally = Tally()
    started = time.perf_counter()
    for path, seed, _ in entries:
        tally.add(check_bytes(path.read_bytes(), path.name, envs[seed]))
    return {"seconds": time.perf_counter() - started, **tally.figures()}


def run_pandas(entries, workers: int) -> dict:
    from datetime import date, datetime
    from datetime import time as clock

    import pandas
    from pydantic import BaseModel, ValidationError, field_validator

    class BranchRow(BaseModel):
        """What a hand-written importer would model: the branch's row, typed."""

        branch: str
        held_on: date | None = None
        start: clock | None = None
        end: clock | None = None
        time_range: str | None = None
        theme: str | None = None
        mode: str | None = None
        partner: str | None = None
        location: str | None = None
        expected: int | None = None
        present: int | None = None
        excused: int | None = None
        reason: str | None = None

        @field_validator("held_on", mode="before")
        @classmethod
        def _day(cls, value):
            if isinstance(value, datetime):
                return value.date()
            if isinstance(value, str):
                return datetime.strptime(
                    value.replace("年", "-").replace("月", "-").replace("日", "").replace(".", "-"), "%Y-%m-%d"
                ).date()
            return value

        @field_validator("expected", "present", "excused", mode="before")
        @classmethod
        def _count(cls, value):
            if isinstance(value, str):
                return int(value.translate(str.maketrans("０１２３４５６７８９", "0123456789")).rstrip("人"))
            return value

    fields = {"党支部名称": "branch", "活动日期": "held_on", "开始时间": "start", "结束时间": "end",
              "活动时间": "time_range", "活动主题": "theme", "开展方式": "mode", "联建单位": "partner",
              "活动地点": "location", "应到": "expected", "实到": "present", "请假": "excused",
              "应到人数": "expected", "实到人数": "present", "请假人数": "excused", "未开展原因": "reason"}

    def label(text) -> str:
        return str(text).replace("\n", "").replace("（人）", "").strip() if isinstance(text, str) else ""

    started = time.perf_counter()
    rows = invalid = 0
    for path, _, _ in entries:
        for frame in pandas.read_excel(path, sheet_name=None, header=None, engine="openpyxl").values():
            values = frame.astype(object).where(frame.notna(), None).values.tolist()
            head = next((i for i, row in enumerate(values[:20]) if "党支部名称" in map(label, row)), None)
            if head is None:
                continue
            columns = {c: fields[label(v)] for c, v in enumerate(values[head]) if label(v) in fields}
            below = values[head + 1] if head + 1 < len(values) else []
            columns.update({c: fields[label(v)] for c, v in enumerate(below) if label(v) in fields})
            for row in values[head + 1:]:
                data = {name: row[c] for c, name in columns.items() if row[c] is not None}
                if not isinstance(data.get("branch"), str) or data["branch"].startswith(("合计", "填报人")):
                    continue
                data = {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items()}
                try:
                    BranchRow(**data)
                    rows += 1
                except (ValidationError, ValueError):
                    invalid += 1
    return {"seconds": time.perf_counter() - started, "rows": rows, "invalid": invalid}


def run_floor(entries, workers: int) -> dict:
    """A floor, not a method: calamine's read, the header row found by its 党支部名称 cell, and one
    pydantic model per branch row holding the raw values as they came (no label variants, no
    Chinese dates, times or counts, no roster, no checks, no JSON, no isolation). What any
    pydantic-per-row check costs at least, for judging the goals."""
    import io
    from datetime import date, datetime
    from datetime import time as clock

    import python_calamine
    from pydantic import BaseModel

    Raw = str | int | float | datetime | date | clock | None

    class RawRow(BaseModel):
        branch: str
        cells: dict[str, Raw]

    started = time.perf_counter()
    rows = 0
    for path, _, _ in entries:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes()))
        for name in book.sheet_names:
            values = book.get_sheet_by_name(name).to_python()
            head = next((i for i, row in enumerate(values[:20]) if "党支部名称" in row), None)
            if head is None:
                continue
            labels = [str(v).strip() for v in values[head]]
            at = labels.index("党支部名称")
            for row in values[head + 1:]:
                if at < len(row) and isinstance(row[at], str) and row[at]:
                    RawRow(
                        branch=row[at], cells={k: (v if v != "" else None) for k, v in zip(labels, row, strict=False)}
                    )
                    rows += 1
        book.close()
    return {"seconds": time.perf_counter() - started, "rows": rows}


METHODS = {
    "bare": run_bare,
    "floor": run_floor,
    "ours": run_ours,
    "stream": run_stream,
    "inproc": run_inproc,
    "pandas": run_pandas,
}


def measure(method: str, folder: Path, workers: int) -> None:
    """Child mode: run one method, print its figures as JSON."""
    from themeday_office.collector import collect_cycles_rarely

    collect_cycles_rarely()  # the collector setting of the themeday command, for every method alike
    result = METHODS[method](load(folder), workers)
    print(json.dumps({**result, "own_mb": peak_mb()}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--rows", type=int, nargs="+", default=list(ROWS), help="branch rows per report, one run each")
    parser.add_argument("--methods", help=f"comma-separated, of {','.join(METHODS)} (default: all)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="run every method this many times, in turn; each is reported by its best run")
    parser.add_argument("--stages", action="store_true",
                        help="where the check's time goes: ms of CPU per file, stage by stage, in one process")
    parser.add_argument("--measure", choices=sorted(METHODS), help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--generate", type=int, metavar="ROWS", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        generate(args.folder or folder_for(args.files, args.generate), args.files, args.generate)
        return
    if args.measure:
        measure(args.measure, args.folder or folder_for(args.files, ROWS[0]), args.workers)
        return
    if args.stages:
        from bench.check_stages import stages
        from themeday_office.collector import collect_cycles_rarely

        collect_cycles_rarely()
        for rows in args.rows:
            subprocess.run([sys.executable, __file__, "--generate", str(rows), "--files", str(args.files)], check=True)
            print(f"\n{rows}-row reports, ms of CPU per file (best of 5 over {min(args.files, 300)} files):")
            for what, ms in stages(folder_for(args.files, rows), rows):
                print(f"  {what:86} {ms:6.2f}")
        return
    methods = set(args.methods.split(",")) if args.methods else set(METHODS)
    if unknown := methods - set(METHODS):
        parser.error(f"unknown methods: {', '.join(sorted(unknown))}")
    if "bare" not in methods:
        parser.error("every ratio is to the bare read: include bare")
    summary = [compare(args.files, rows, methods, args.rounds) for rows in args.rows]
    if len(summary) > 1:
        print("\n" + "\n".join(summary))


def folder_for(files: int, rows: int) -> Path:
    return REPO / "bench" / "out" / f"check-monthly-{files}x{rows}"


def compare(files: int, rows: int, methods: set[str], rounds: int = 1) -> str:
    """Generate (once) and measure `files` reports of `rows` branch rows; prints the table, returns the goals' line.

    With `rounds` > 1 every method runs that many times, the methods in turn within a round, and
    each is reported by its best (fastest) run: on a shared machine other work only ever adds
    time, and the turns spread a slow spell over all methods alike. The per-round ratios of ours
    to the bare read are printed too, as the spread."""
    folder = folder_for(files, rows)
    t = time.perf_counter()
    # Generated in a child: a process keeps its peak memory, so the measuring ones must not be it.
    subprocess.run([sys.executable, __file__, "--generate", str(rows), "--files", str(files)], check=True)
    entries = load(folder)
    size_mb = sum(p.stat().st_size for p, _, _ in entries) / 1024 / 1024
    print(f"\n{len(entries)} files, {rows} branch rows each, {size_mb:.1f} MB "
          f"(generated/checked in {time.perf_counter() - t:.1f} s)")

    from themeday_office.readers.isolation import default_workers

    pool = default_workers()
    cores = os.cpu_count() or 1
    runs = [("python-calamine, bare read", "bare", 1),
            ("floor: calamine + pydantic per row", "floor", 1),
            (f"ours: check_isolated, IsolatedReader x{pool}", "ours", pool)]
    if cores != pool:
        # With the check in the workers, one worker per core can beat the default two per core.
        runs.append((f"ours: check_isolated, IsolatedReader x{cores}", "ours", cores))
    runs += [(f"ours: read_many x{pool} + check_content", "stream", pool),
             ("ours: check_bytes, in-process read", "inproc", 1)]
    if importlib.util.find_spec("pandas") and importlib.util.find_spec("openpyxl"):
        runs.append(("pandas(openpyxl) + pydantic per row", "pandas", 1))
    elif "pandas" in methods:
        print('note: pandas is not installed, so its baseline is skipped (bench only: "pip install pandas")')
    runs = [run for run in runs if run[1] in methods]

    rounds_run = [measure_methods(Path(__file__), folder, runs) for _ in range(max(1, rounds))]
    results = {label: min((r[label] for r in rounds_run), key=lambda r: r["seconds"]) for label, _, _ in runs}

    n = len(entries)
    bare = results["python-calamine, bare read"]["seconds"]
    print(f"{'method':38} {'seconds':>8} {'files/s':>8} {'x bare':>7} {'peak MB':>24}")
    for label, r in results.items():
        memory = f"{r['own_mb']:.0f}" + (f" + {r['worker_mb']:.0f} per worker" if "worker_mb" in r else "")
        print(f"{label:40} {r['seconds']:8.2f} {n / r['seconds']:8.0f} {r['seconds'] / bare:7.2f} {memory:>24}")
        if "cpu" in r:
            parent, workers = (seconds / n * 1000 for seconds in r["cpu"])
            print(f"{'':4}CPU per file: {parent:.2f} ms here + {workers:.2f} ms in the workers")
    pooled_labels = [label for label in results if "IsolatedReader" in label or "read_many" in label]
    pooled = [results[label] for label in pooled_labels]
    if not pooled:
        return f"{rows} rows: bare {bare / n * 1000:.3f} ms per file"
    ours = min(pooled, key=lambda r: r["seconds"])
    print(f"ours: {ours['rows']} branch rows stored, {ours['rejected']} files with 错误 (planted mistakes)")
    if len(rounds_run) > 1:
        spread = sorted(min(r[label]["seconds"] for label in pooled_labels) / r["python-calamine, bare read"]["seconds"]
                        for r in rounds_run)
        print(f"ours / bare per round: {', '.join(f'{x:.2f}' for x in spread)} (sorted; {len(spread)} rounds)")
    if (inproc := results.get("ours: check_bytes, in-process read")) is not None:
        # The check's own CPU spread over every core with no isolation, pipe or parent at all.
        bound = inproc["seconds"] / cores / bare
        print(f"no-overhead bound: the in-process check / {cores} cores = {bound:.2f}x the bare read")
    ratio = ours["seconds"] / bare
    goal = GOALS.get(rows)
    verdict = f" (goal <= {goal}x: {'met' if ratio <= goal else 'not met'})" if goal else ""
    line = (f"{rows} rows: ours {ratio:.2f}x bare{verdict}, {ours['seconds'] / n * 1000:.2f} vs "
            f"{bare / n * 1000:.2f} ms per file")
    if "pandas(openpyxl) + pydantic per row" in results:
        speedup = results["pandas(openpyxl) + pydantic per row"]["seconds"] / ours["seconds"]
        met = "met" if speedup >= PANDAS_GOAL else "not met"
        line += f"; pandas {speedup:.1f}x ours (goal >= {PANDAS_GOAL:g}x: {met})"
    line += f"; {cores} cores"
    print(line)
    return line


if __name__ == "__main__":
    main()
