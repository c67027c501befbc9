"""Reading speed: python-calamine's bare read vs. our reader (all safety checks on) vs. pandas.

    python bench/read.py                 # 1,000 generated monthly reports, 60 branch rows each
    python bench/read.py --files 100     # a quick check

Files are generated once (deterministic, openpyxl) under bench/out/monthly-<files>x<rows>/.
Each method runs in a fresh Python process so its peak memory is its own. Ours is
IsolatedReader.read_many: checks and sniffing in the caller, parsing in child processes with a
memory limit and a timeout. It is measured with its default pool (two workers per core, at most
four) and with one worker; the in-process read_bytes shows the cost of the checks alone.
Goal: ours <= 1.4x the bare read.
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
from datetime import date
from datetime import time as clock
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.common import measure_methods, peak_mb, workers_peak_mb  # noqa: E402 - imported once sys.path names the repository

HEADERS = [
    "序号", "党支部名称", "活动日期", "开始时间", "结束时间", "活动主题", "指导性主题序号", "开展方式",
    "联建单位", "活动地点", "应到人数", "实到人数", "请假人数", "列席人数", "科级以上领导干部参加人数",
    "未开展原因", "备注",
]
UNITS = ["古荥镇党委", "花园口镇党委", "新城街道党工委", "长兴路街道党工委", "迎宾路街道党工委", "大河路街道党工委"]
THEMES = ["学习党章党规", "重温入党誓词", "为民服务进社区", "三会一课专题学习", "观看警示教育片", "志愿服务活动"]
PLACES = ["党员活动室", "村委会议室", "社区服务中心", "爱国主义教育基地"]
SECOND_FRIDAYS = [
    date(2017, m, d)
    for m, d in [
        (1, 13),
        (2, 10),
        (3, 10),
        (4, 14),
        (5, 12),
        (6, 9),
        (7, 14),
        (8, 11),
        (9, 8),
        (10, 13),
        (11, 10),
        (12, 8),
    ]
]


def generate(folder: Path, files: int, rows: int) -> list[Path]:
    """Deterministic monthly reports: title, header block, header row, one row per branch."""
    import openpyxl
    from openpyxl.worksheet.worksheet import Worksheet

    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"monthly-{i:04d}.xlsx" for i in range(files)]
    if all(p.exists() for p in paths):
        return paths
    for i, path in enumerate(paths):
        rng = random.Random(i)
        unit = f"{UNITS[i % len(UNITS)]}{i // len(UNITS) + 1:03d}"
        day = SECOND_FRIDAYS[i % 12]
        book = openpyxl.Workbook()
        sheet = book.active
        assert isinstance(sheet, Worksheet)  # a new workbook's one sheet
        sheet.title = "月报"
        sheet["A1"] = f"2017年{day.month}月份“主题党日”活动开展情况统计表"
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
        sheet.append(["填报单位", unit, None, None, "填报月份", f"2017年{day.month}月"])
        sheet.append(["填报人", f"张{i % 100}", None, None, "联系电话", f"0371-6{i:07d}", None, "填报日期", day])
        sheet.append(HEADERS)
        for k in range(1, rows + 1):
            expected = rng.randint(8, 60)
            held = rng.random() > 0.05
            present = rng.randint(expected // 2, expected) if held else 0
            joint = rng.random() < 0.3
            sheet.append([
                k, f"{unit}第{k}党支部", day if held else None,
                clock(8, 30) if held else None, clock(12, 0) if held else None,
                rng.choice(THEMES) if held else None, "1、4" if held else None,
                ("联建共建" if joint else "支部单独开展") if held else None,
                f"协作组{rng.randint(1, 8)}" if joint and held else None,
                rng.choice(PLACES) if held else None,
                expected, present, min(expected - present, rng.randint(0, 3)) if held else 0,
                rng.randint(0, 4) if held else 0, rng.randint(0, 2) if held else 0,
                None if held else "因防汛任务顺延", None,
            ])
        book.save(path)
    return paths


def run_bare(paths: list[Path], workers: int) -> None:
    import python_calamine

    for path in paths:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python()
        book.close()


def run_ours(paths: list[Path], workers: int) -> dict[str, float]:
    from themeday_office.readers import IsolatedReader, ReadError

    started = time.perf_counter()
    with IsolatedReader(workers=workers) as reader:
        # Warm every worker: spawn and imports happen once per worker, not per file.
        list(reader.read_many(paths[:workers]))
        ready = time.perf_counter()
        failed = [path for path, result in reader.read_many(paths) if isinstance(result, ReadError)]
        done = time.perf_counter()
        worker_mb = workers_peak_mb()
    if failed:
        raise SystemExit(f"ours failed on {len(failed)} files, e.g. {failed[0]}")
    return {"startup_s": ready - started, "read_s": done - ready, "worker_mb": worker_mb}


def run_inprocess(paths: list[Path], workers: int) -> None:
    from themeday_office.readers import read_bytes

    for path in paths:
        read_bytes(path.read_bytes(), path.name)


def run_pandas(paths: list[Path], workers: int) -> None:
    import pandas

    for path in paths:
        pandas.read_excel(path, sheet_name=None, header=None, engine="openpyxl")


METHODS = {"bare": run_bare, "ours": run_ours, "inprocess": run_inprocess, "pandas": run_pandas}


def measure(method: str, folder: Path, workers: int) -> None:
    """Child mode: run one method, print seconds and peak memory as JSON."""
    paths = sorted(folder.glob("monthly-*.xlsx"))
    started = time.perf_counter()
    extra = METHODS[method](paths, workers) or {}
    seconds = extra.get("read_s", time.perf_counter() - started)
    print(json.dumps({"seconds": seconds, "own_mb": peak_mb(), **extra}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--rows", type=int, default=60)
    parser.add_argument("--measure", choices=sorted(METHODS), help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--generate", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        generate(REPO / "bench" / "out" / f"monthly-{args.files}x{args.rows}", args.files, args.rows)
        return
    if args.measure:
        measure(args.measure, args.folder, args.workers)
        return

    folder = REPO / "bench" / "out" / f"monthly-{args.files}x{args.rows}"
    t = time.perf_counter()
    # Generated in a child: a process keeps its peak memory across fork and exec, so the
    # measuring processes must not descend from one that ran openpyxl.
    subprocess.run(
        [sys.executable, __file__, "--generate", "--files", str(args.files), "--rows", str(args.rows)], check=True
    )
    paths = sorted(folder.glob("monthly-*.xlsx"))
    size_mb = sum(p.stat().st_size for p in paths) / 1024 / 1024
    print(f"{len(paths)} files, {args.rows} branch rows each, {size_mb:.1f} MB "
          f"(generated/checked in {time.perf_counter() - t:.1f} s)")

    from themeday_office.readers.isolation import default_workers

    pool = default_workers()  # imports the readers here; peaks are read per process, so no matter
    pooled = f"ours, IsolatedReader, {pool} workers (default)"
    runs = [("python-calamine, bare read", "bare", 1),
            ("ours, IsolatedReader, 1 worker", "ours", 1),
            (pooled, "ours", pool),
            ("ours, read_bytes in-process", "inprocess", 1)]
    if importlib.util.find_spec("pandas") and importlib.util.find_spec("openpyxl"):
        runs.append(('pandas.read_excel(engine="openpyxl")', "pandas", 1))
    else:
        print('note: pandas is not installed, so its baseline is skipped (bench only: "pip install pandas")')

    results = measure_methods(Path(__file__), folder, runs)

    bare = results["python-calamine, bare read"]["seconds"]
    print(f"\n{'method':42} {'seconds':>8} {'files/s':>8} {'x bare':>7} {'peak MB':>22}")
    for label, r in results.items():
        memory = f"{r['own_mb']:.0f}" + (f" + {r['worker_mb']:.0f} per worker" if "worker_mb" in r else "")
        print(
            f"{label:42} {r['seconds']:8.2f} {len(paths) / r['seconds']:8.0f} {r['seconds'] / bare:7.2f} {memory:>24}"
        )
    for label, r in results.items():
        if "startup_s" in r:
            print(f"  {label}: worker start-up {r['startup_s']:.2f} s once, not counted above")
    one = results["ours, IsolatedReader, 1 worker"]["seconds"] / bare
    many = results[pooled]["seconds"] / bare
    print(f"\ngoal ours <= 1.4x bare: {pool} workers (default) {many:.2f}x ({'met' if many <= 1.4 else 'not met'}); "
          f"1 worker {one:.2f}x, {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
