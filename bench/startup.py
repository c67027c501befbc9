"""Start-up: what a clerk waits for on every command (issue 25). Whole processes, best of N.

    python bench/startup.py            # best of 5
    python bench/startup.py --runs 9

Prints: `themeday --help`; `themeday check one.xlsx` (an 8-row monthly report, in a workspace with
its roster) against a bare python-calamine read of the same file as a whole process; and import
times: of the program's entry module, and of everything the check command's own process imports
(its parser process, forked from it, imports only the spreadsheet parser, beside it); -X importtime
slows what it measures, so that figure runs high. Goals: --help <= 0.15 s; the check <= 10x the
bare read.

The commands run in turn within each round, so a busy machine slows them alike; the figures are
the best round of each, with the median beside them. Python runs as installed, with its bytecode
caches written (PYTHONDONTWRITEBYTECODE is dropped for these runs).
"""

from __future__ import annotations

import argparse
import os
import statistics
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

# `themeday ARGS` with -X importtime for this process only: its parser processes would inherit the
# option and write to the same stream, so it is taken out of what they are started with.
IMPORTS_OF_A_RUN = """
import sys
sys._xoptions.pop("importtime", None)
from themeday_office.cli import run
sys.argv = ["themeday", *sys.argv[1:]]
run()
"""

ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def wall(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, capture_output=True, check=False, env=ENV)
    return time.perf_counter() - started


def rounds(commands: dict[str, list[str]], runs: int) -> dict[str, list[float]]:
    """Each command once per round, in turn; its times over all rounds."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for command in commands.values():
        wall(command)  # bytecode caches written, files in the page cache
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(wall(command))
    return times


def import_seconds(arguments: list[str]) -> float:
    """The time a process spends importing, after Python's own start-up (`site` and before)."""
    lines = subprocess.run(arguments, capture_output=True, text=True, env=ENV).stderr.splitlines()
    top: list[tuple[int, str]] = []  # (cumulative microseconds, module) of each import at the top level
    for line in lines:
        parts = line.split("|")
        if line.startswith("import time:") and len(parts) == 3 and parts[1].strip().isdigit():
            if not parts[2].startswith("  "):
                top.append((int(parts[1]), parts[2].strip()))
    names = [name for _, name in top]
    after_site = names.index("site") + 1 if "site" in names else 0
    return sum(us for us, _ in top[after_site:]) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder, roster = synthetic_monthly(1, branches_per_committee=8)
    report = sorted(folder.glob("m*.xlsx"))[0]
    python = sys.executable
    themeday = [python, "-m", "themeday_office"]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ws"
        subprocess.run([*themeday, "init", str(root)], check=True, capture_output=True)
        subprocess.run([*themeday, "roster", "import", str(roster), "--effective", "2017-01-01", "-w", str(root)],
                       check=True, capture_output=True)
        check = ["check", str(report), "-w", str(root)]
        times = rounds({
            "python": [python, "-c", "pass"],
            "help": [*themeday, "--help"],
            "bare": [python, "-c", BARE, str(report)],
            "check": [*themeday, *check],
        }, args.runs)
        check_imports = min(import_seconds([python, "-X", "importtime", "-c", IMPORTS_OF_A_RUN, *check])
                            for _ in range(args.runs))
    cli_imports = min(import_seconds([python, "-X", "importtime", "-c", "import themeday_office.cli"])
                      for _ in range(args.runs))
    best = {name: min(ts) for name, ts in times.items()}
    median = {name: statistics.median(ts) for name, ts in times.items()}

    def row(label: str, name: str, note: str = "") -> None:
        print(f"{label:<34}{best[name]:6.3f} s  (median {median[name]:.3f})  {note}".rstrip())

    row("python itself (-c pass)", "python")
    row("themeday --help", "help", "goal <= 0.15 s")
    row("bare calamine read, as a process", "bare")
    row("themeday check one.xlsx", "check",
        f"= {best['check'] / best['bare']:.1f}x the bare read (goal <= 10x)")
    print(f"{'import themeday_office.cli':<34}{cli_imports:6.3f} s")
    print(f"{'imports of themeday check':<34}{check_imports:6.3f} s  (its own process, under -X importtime)")


if __name__ == "__main__":
    main()
