"""Return packages of a large report: `themeday reject` against `themeday ingest` of the same file.

    python bench/returns.py                 # a 5,000-row x 200-column monthly report
    python bench/returns.py --rows 1000     # a quick check
    python bench/returns.py --xls           # the same report saved as .xls by LibreOffice

The report is within the default [limits] (10,000 rows, 200 columns) and has a few mistakes, so
the return package marks cells. Both commands run as real `themeday` processes in a fresh
workspace; each is measured from a process of its own, so one's peak memory cannot hide in the
other's. Reported per command: wall time, the peak resident memory of its largest process
(getrusage of the waited-for children: the command and its parser or package process) and the
peak of the whole process tree together (sampled from /proc every 20 ms). Goal: reject within
2x ingest in time and in memory.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import OUT, children_peak_mb, peak_mb

COMMITTEE = "古荥镇党委"
MONTHLY_COLUMNS = (
    "序号", "党支部名称", "活动日期", "活动时间", "活动主题", "指导性主题序号", "开展方式", "联建单位",
    "应到人数", "实到人数", "请假人数", "列席人数", "科级以上领导干部参加人数", "未开展原因",
)  # fmt: skip
WRONG_EVERY = 100  # one row in a hundred says more were present than expected: an error to mark


def branch(n: int) -> str:
    return f"古荥镇第{n:04d}党支部"


def make_files(rows: int, columns: int) -> tuple[Path, Path]:
    """The roster (one town with `rows` branches) and its monthly report, cached under bench/out/."""
    from openpyxl import Workbook

    folder = OUT / f"returns-{rows}x{columns}"
    roster, report = folder / "roster.xlsx", folder / f"{COMMITTEE}2017年3月统计表.xlsx"
    if roster.exists() and report.exists():
        return roster, report
    folder.mkdir(parents=True, exist_ok=True)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("党(工)委")
    sheet.append(["名称", "类别", "所属协作组"])
    sheet.append([COMMITTEE, "镇", None])
    sheet = book.create_sheet("党支部")
    sheet.append(["支部名称", "所属党(工)委", "支部类型", "党员人数"])
    for n in range(1, rows + 1):
        sheet.append([branch(n), COMMITTEE, "农村", 30])
    book.create_sheet("协作组").append(["协作组名称", "成员单位", "联建镇(街道)"])
    book.save(roster)

    book = Workbook(write_only=True)
    sheet = book.create_sheet("统计表")
    extra = [f"备注{c}" for c in range(1, columns - len(MONTHLY_COLUMNS) + 1)]
    sheet.append(["2017年3月份“主题党日”活动开展情况统计表"])
    sheet.append(["填报单位", COMMITTEE, "填报月份", "2017年3月", "填报人", "王敏", "联系电话", "0371-63580000"])
    sheet.append([*MONTHLY_COLUMNS, *extra])
    for n in range(1, rows + 1):
        present = 31 if n % WRONG_EVERY == 0 else 28
        sheet.append([
            n, branch(n), date(2017, 3, 10), "8:30-12:00", "学习贯彻党的十八届六中全会精神", "1", "支部单独开展", None,
            30, present, 2, 0, 0, None, *((n * 7 + c) % 1000 for c in range(len(extra))),
        ])
    book.save(report)
    return roster, report


def as_xls(report: Path) -> Path:
    """The report saved as Excel 97-2003 by LibreOffice, cached beside it."""
    target = report.with_suffix(".xls")
    if not target.exists():
        with tempfile.TemporaryDirectory() as profile:
            subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", "xls",
                            "--outdir", str(report.parent), str(report)], check=True, capture_output=True, timeout=600)
    return target


def sampled_tree_peak(pid: int, stop: threading.Event, peak: list[float]) -> None:
    """The largest sum of resident memory over `pid` and its descendants (peak[0]), and the largest
    peak of one descendant (peak[1], its VmHWM: parser workers are a forkserver's children, whose
    usage never reaches the command's RUSAGE_CHILDREN), sampled until `stop`."""
    while not stop.is_set():
        total = 0
        for p in [pid, *_descendants(pid)]:
            try:
                total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
                if p != pid:
                    peak[1] = max(peak[1], peak_mb(p))
            except (OSError, IndexError, ValueError):
                pass
        peak[0] = max(peak[0], total / 1024 / 1024)
        stop.wait(0.02)


def _descendants(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        parent = queue.pop()
        try:
            children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        except OSError:
            continue
        found += [int(c) for c in children]
        queue += [int(c) for c in children]
    return found


def measure(command: list[str]) -> dict:
    """Run one `themeday` command; its wall time, largest process's peak and the tree's peak."""
    stop, peak = threading.Event(), [0.0, 0.0]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = threading.Thread(target=sampled_tree_peak, args=(process.pid, stop, peak), daemon=True)
    sampler.start()
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{out}\n{err}")
    return {"seconds": seconds, "largest_mb": max(peak[1], children_peak_mb()), "tree_mb": peak[0], "out": out}


def themeday(*args: str) -> list[str]:
    return [sys.executable, "-m", "themeday_office", *args]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--columns", type=int, default=200)
    parser.add_argument("--xls", action="store_true", help="the report as .xls (needs LibreOffice)")
    parser.add_argument("--measure", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:  # one command, from a process of its own (its children's peak is its own)
        print(json.dumps(measure(args.measure), ensure_ascii=False))
        return
    t = time.perf_counter()
    roster, report = make_files(args.rows, args.columns)
    if args.xls:
        report = as_xls(report)
    print(f"{args.rows} x {args.columns} report ({report.suffix}), {report.stat().st_size / 1e6:.1f} MB "
          f"(made or found in {time.perf_counter() - t:.1f} s)")
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp) / "ws"
        subprocess.run(themeday("init", str(ws)), check=True, capture_output=True)
        subprocess.run(themeday("roster", "import", str(roster), "--effective", "2017-01-01", "-w", str(ws)),
                       check=True, capture_output=True)
        shutil.copy(report, ws / "inbox" / report.name)
        results = {}
        for what, command in (("ingest", themeday("ingest", "-w", str(ws))),
                              ("reject", themeday("reject", "1", "--reason", "实到人数有误", "-w", str(ws)))):
            out = subprocess.run([sys.executable, __file__, "--measure", *command], check=True,
                                 capture_output=True, text=True)
            results[what] = json.loads(out.stdout.strip().splitlines()[-1])
        packages = list((ws / "outbox" / "退回").glob("*"))
        package_mb = packages[0].stat().st_size / 1e6 if packages else 0.0
    print(f"{'':8} {'wall s':>8} {'largest MB':>11} {'tree MB':>8}")
    for what, r in results.items():
        print(f"{what:8} {r['seconds']:8.2f} {r['largest_mb']:11.0f} {r['tree_mb']:8.0f}")
    i, r = results["ingest"], results["reject"]
    print(f"reject / ingest: time {r['seconds'] / i['seconds']:.2f}x, largest process "
          f"{r['largest_mb'] / i['largest_mb']:.2f}x, tree {r['tree_mb'] / i['tree_mb']:.2f}x (goal <= 2x)")
    print(f"return package: {packages[0].name if packages else 'none'} ({package_mb:.1f} MB)")
    print(r["out"].strip().splitlines()[-2:] if r["out"].strip() else "")


if __name__ == "__main__":
    main()
