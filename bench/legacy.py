"""Legacy formats through LibreOffice: one-shot `soffice --convert-to` runs against the resident
instance (readers/resident.py), for .doc/.wps/.et conversions and for PDF copies.

    python bench/legacy.py                 # 16 files of each kind, 3 alternating rounds
    python bench/legacy.py --files 40 --rounds 5
    python bench/legacy.py --no-check      # skip the `themeday check` processes

Files (cached under bench/out/legacy-N/): the synthetic district's activity records (python-docx)
saved as .doc by LibreOffice, the same .doc relabelled the way WPS labels its own (.wps), and
monthly reports saved as .xls relabelled as WPS spreadsheets (.et; the readers convert an .et
only when calamine cannot read it, but its conversion is the same call). The records' .docx stand
in for the documents `themeday render --pdf` copies.

Each measurement is a fresh interpreter, so the resident side pays its start (a fresh profile)
in its first file; one-shot is THEMEDAY_LIBREOFFICE_RESIDENT=0. Rounds alternate which side runs
first (2 cores shared with whatever else runs). Printed per round and as the best of the rounds:
- convert: every file through `readers.libreoffice.convert` (what `check`/`ingest` call);
- pdf: `write_pdfs` for the N documents: one-shot per document (a run each, as for single
  files), the one-shot batch (one run for all, how copies were made before), the resident;
- check: `themeday check` on the N .doc files as a whole process (the issue's 21.6 s vs 17.9 s).
Goal: the resident at <= 0.25x one-shot for conversions and for PDF copies. Tests never assert
timings; this is run by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import OUT, in_fresh_process

KINDS = {"doc": ("DOC", "docx"), "wps": ("WPS", "docx"), "et": ("ET", "xlsx")}
GOAL = 0.25


def make_files(count: int) -> Path:
    """`count` .doc, .wps, .et files and the records' .docx, cached under bench/out/."""
    folder = OUT / f"legacy-{count}"
    if all(len(list(folder.glob(f"*.{kind}"))) == count for kind in (*KINDS, "docx")):
        return folder
    from tests.readers.craft import as_wps
    from themeday_office.domain.period import Period
    from themeday_office.readers import find_soffice
    from themeday_office.synthetic import make_district, month_of, write_monthly_xls, write_record_docx

    soffice = find_soffice()
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    district = make_district(seed=2017, branches=max(400, count * 4))
    days, sheets = [], []
    for committee in district.committees:
        for number in (1, 2, 3):
            month = month_of(district, committee.name, Period.of_month(2017, number), rng=random.Random(number))
            days += [(day, month) for day in month.truth if day.held][:2]
            sheets.append(month)
    for n in range(count):
        day, month = days[n % len(days)]
        write_record_docx(day, month, folder / f"r{n:03d}.docx")
        write_monthly_xls(sheets[n % len(sheets)], folder / f"m{n:03d}.xls")
    with tempfile.TemporaryDirectory(prefix="themeday-bench-legacy-") as work:
        subprocess.run([str(soffice), f"-env:UserInstallation={Path(work).as_uri()}/profile", "--headless",
                        "--norestore", "--convert-to", "doc", "--outdir", str(folder),
                        *map(str, sorted(folder.glob("r*.docx")))], check=True, capture_output=True, timeout=600)
    for n in range(count):
        (folder / f"r{n:03d}.wps").write_bytes(as_wps((folder / f"r{n:03d}.doc").read_bytes()))
        (folder / f"m{n:03d}.et").write_bytes(as_wps((folder / f"m{n:03d}.xls").read_bytes()))
        (folder / f"m{n:03d}.xls").unlink()
    return folder


def measure_convert(folder: Path) -> dict:
    from themeday_office.readers import FileFormat
    from themeday_office.readers.libreoffice import convert

    out: dict = {}
    started = time.perf_counter()
    for kind, (fmt, target) in KINDS.items():
        files = sorted(folder.glob(f"*.{kind}"))
        t = time.perf_counter()
        for path in files:
            t_file = time.perf_counter()
            assert convert(path.read_bytes(), FileFormat[fmt], target, 120.0)
            if not out:
                out["first"] = time.perf_counter() - t_file
        out[kind] = time.perf_counter() - t
    out["seconds"] = time.perf_counter() - started
    return out


def measure_pdf(folder: Path, each: bool) -> dict:
    from themeday_office.render.documents import write_pdfs

    with tempfile.TemporaryDirectory(prefix="themeday-bench-pdf-") as work:
        docs = [Path(shutil.copy(path, work)) for path in sorted(folder.glob("r*.docx"))]
        started = time.perf_counter()
        if each:
            for doc in docs:
                write_pdfs([doc])
        else:
            write_pdfs(docs)
        seconds = time.perf_counter() - started
        assert all(doc.with_suffix(".pdf").is_file() for doc in docs)
    return {"seconds": seconds}


def measure_check(folder: Path) -> dict:
    files = [str(p) for p in sorted(folder.glob("*.doc"))]
    with tempfile.TemporaryDirectory(prefix="themeday-bench-ws-") as workspace:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "themeday_office", "--workspace", workspace, "check", *files],
                       capture_output=True, check=False, timeout=1200)
        return {"seconds": time.perf_counter() - started}


def measure(method: str, folder: Path) -> dict:
    if method == "convert":
        return measure_convert(folder)
    if method in ("pdf", "pdf-each"):
        return measure_pdf(folder, each=method == "pdf-each")
    return measure_check(folder)


def side(method: str, folder: Path, resident: bool) -> dict:
    env = {"THEMEDAY_LIBREOFFICE_RESIDENT": "1" if resident else "0"}
    return in_fresh_process(Path(__file__), method, "--folder", str(folder), env=env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=16, help="files of each kind (default 16)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-check", action="store_true", help="skip the `themeday check` processes")
    parser.add_argument("--measure", choices=["convert", "pdf", "pdf-each", "check"], help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.folder)))
        return
    folder = make_files(args.files)
    n = args.files
    print(f"{n} files of each kind in {folder}; {args.rounds} rounds, sides alternating; cores: {os.cpu_count()}")
    runs: dict[str, list[float]] = {}
    for r in range(args.rounds):
        # (label, method, resident): in round r the order flips, so neither side always runs second.
        plan = [("convert one-shot", "convert", False), ("convert resident", "convert", True),
                ("pdf one-shot each", "pdf-each", False), ("pdf one-shot batch", "pdf", False),
                ("pdf resident", "pdf", True)]
        if not args.no_check:
            plan += [("check one-shot", "check", False), ("check resident", "check", True)]
        if r % 2:
            plan.reverse()
        line = []
        for label, method, resident in plan:
            result = side(method, folder, resident)
            runs.setdefault(label, []).append(result["seconds"])
            if label == "convert resident":
                runs.setdefault("resident first file (start included)", []).append(result["first"])
            line.append(f"{label} {result['seconds']:.2f}")
        print(f"round {r + 1}: " + ", ".join(line), flush=True)
    best = {label: min(values) for label, values in runs.items()}
    print(f"\n{'best of rounds':<40}{'seconds':>9}{'per file':>10}")
    for label, seconds in best.items():
        count = 1 if label.startswith("resident first") else 3 * n if label.startswith("convert") else n
        print(f"{label:<40}{seconds:>9.2f}{seconds / count:>10.3f}")
    print()
    # (what, new, old, a goal of the issue): ratios within each round, so both sides saw one load.
    ratios = [("conversions (.doc/.wps/.et)", "convert resident", "convert one-shot", True),
              ("PDF copies vs one-shot each", "pdf resident", "pdf one-shot each", True),
              ("PDF copies vs the one-shot batch", "pdf resident", "pdf one-shot batch", False)]
    if not args.no_check:
        ratios.append(("themeday check of the .doc files", "check resident", "check one-shot", False))
    for what, new, old, goal in ratios:
        pairs = [a / b for a, b in zip(runs[new], runs[old], strict=True)]
        verdict = f" (goal <= {GOAL}: {'met' if max(pairs) <= GOAL else 'not met'})" if goal else ""
        print(f"{what:<36} resident / one-shot = {min(pairs):.3f}-{max(pairs):.3f} per round{verdict}")


if __name__ == "__main__":
    main()
