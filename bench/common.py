"""Shared parts of the benchmarks: generated monthly reports, fresh-process measuring, peak memory."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"


def peak_mb(pid: int | str = "self") -> float:
    """Peak resident memory of a process (Linux VmHWM; elsewhere this process's ru_maxrss)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        return int(status.split("VmHWM:")[1].split()[0]) / 1024
    except (OSError, IndexError):
        if pid != "self":
            return 0.0
        try:
            import resource
        except ImportError:
            return 0.0
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def workers_peak_mb() -> float:
    """The largest peak RSS among this process's live children (the parser workers), 0 without any."""
    return max(
        (peak_mb(child.pid) for child in multiprocessing.active_children() if child.pid is not None), default=0.0
    )


def workers_cpu_s() -> float:
    """CPU seconds (user + system) spent so far by this process's live children (the parser
    workers), from /proc; 0 where there is no /proc."""
    total = 0.0
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    for child in multiprocessing.active_children():
        try:
            fields = Path(f"/proc/{child.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def children_peak_mb() -> float:
    """The largest peak RSS among this process's finished children (the parser workers)."""
    try:
        import resource
    except ImportError:
        return 0.0
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def synthetic_monthly(files: int, branches_per_committee: int = 60) -> tuple[Path, Path]:
    """`files` distinct monthly reports of committees with about 60 branches each, and their roster.

    Made with the synthetic district generator (valid against the roster, varied layouts);
    cached under bench/out/. Resubmissions of the same committee and month differ by seed.
    """
    import random

    from themeday_office.domain.period import Period
    from themeday_office.synthetic import Layout, make_district, month_of, write_monthly_xlsx, write_roster_xlsx

    folder = OUT / f"synthetic-monthly-{files}x{branches_per_committee}"
    roster = folder / "roster.xlsx"
    paths = [folder / f"m{i:04d}.xlsx" for i in range(files)]
    if roster.exists() and all(p.exists() for p in paths):
        return folder, roster
    folder.mkdir(parents=True, exist_ok=True)
    committees = 10
    district = make_district(seed=2017, branches=committees * branches_per_committee, committees=committees)
    write_roster_xlsx(district, roster)
    names = [c.name for c in district.committees]
    for i, path in enumerate(paths):
        rng = random.Random(i)
        month = Period.of_month(2017, i % 12 + 1)
        committee = names[(i // 12) % len(names)]
        cm = month_of(district, committee, month, rng=rng)
        write_monthly_xlsx(cm, path, layout=Layout.varied(rng))
    return folder, roster


def in_fresh_process(script: Path, method: str, *args: str, env: dict[str, str] | None = None) -> dict:
    """Run `script --measure METHOD ARGS` in a new interpreter (with `env` added to this one's
    environment); it prints one JSON line."""
    out = subprocess.run([sys.executable, str(script), "--measure", method, *args], check=True,
                         capture_output=True, text=True, env={**os.environ, **(env or {})})
    return json.loads(out.stdout.strip().splitlines()[-1])


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def table(rows: list[tuple[str, dict]], files: int, base: float) -> None:
    print(f"{'method':<34}{'seconds':>9}{'files/s':>10}{'x bare':>8}{'peak MB':>10}")
    for name, r in rows:
        print(f"{name:<34}{r['seconds']:>9.2f}{files / r['seconds']:>10.0f}{r['seconds'] / base:>8.2f}"
              f"{r.get('peak_mb', 0):>10.0f}")


def measure_methods(script: Path, folder: Path, runs: list[tuple[str, str, int]]) -> dict[str, dict]:
    """Run each (label, method, workers) of `script` in a fresh interpreter; label -> its JSON result."""
    results = {}
    for label, method, workers in runs:
        command = [sys.executable, str(script), "--measure", method, "--workers", str(workers), "--folder", str(folder)]
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        results[label] = json.loads(out.strip().splitlines()[-1])
    return results
