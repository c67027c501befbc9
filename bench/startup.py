"""Start-up: what a clerk waits for on every command (issue 25). Whole processes, best of N.

    python bench/startup.py            # best of 5
    python bench/startup.py --runs 9

Prints: `themeday --help`; `themeday check one.xlsx` (an 8-row monthly report, in a workspace with
its roster) against a bare python-calamine read of the same file as a whole process; and the
import time of the program's entry module. Goals: --help <= 0.15 s; the check <= 10x the bare read.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import synthetic_monthly

BARE = """
import sys, python_calamine
book = python_calamine.CalamineWorkbook.from_path(sys.argv[1])
for name in book.sheet_names:
    book.get_sheet_by_name(name).to_python()
"""


def best(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder, roster = synthetic_monthly(1, branches_per_committee=8)
    report = sorted(folder.glob("m*.xlsx"))[0]
    themeday = [sys.executable, "-m", "themeday_office"]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ws"
        subprocess.run([*themeday, "init", str(root)], check=True, capture_output=True)
        subprocess.run([*themeday, "roster", "import", str(roster), "--effective", "2017-01-01", "-w", str(root)],
                       check=True, capture_output=True)
        help_s = best([*themeday, "--help"], args.runs)
        check_s = best([*themeday, "check", str(report), "-w", str(root)], args.runs)
    bare_s = best([sys.executable, "-c", BARE, str(report)], args.runs)
    python_s = best([sys.executable, "-c", "pass"], args.runs)
    imports = subprocess.run([sys.executable, "-X", "importtime", "-c", "import themeday_office.cli"],
                             capture_output=True, text=True).stderr.splitlines()
    cli_us = int(imports[-1].split("|")[1]) if imports else 0
    print(f"python itself (-c pass)          {python_s:6.3f} s")
    print(f"themeday --help                  {help_s:6.3f} s   (goal <= 0.15 s)")
    print(f"bare calamine read, as a process {bare_s:6.3f} s")
    print(f"themeday check one.xlsx          {check_s:6.3f} s   = {check_s / bare_s:.1f}x the bare read (goal <= 10x)")
    print(f"import themeday_office.cli       {cli_us / 1e6:6.3f} s")


if __name__ == "__main__":
    main()
