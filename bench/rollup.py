"""Rollup speed: one quarter's full rollup vs. reading the same rows out of the ledger.

    python bench/rollup.py                    # a city: 30,000 branches x 12 months
    python bench/rollup.py --branches 3000    # a quick check

The ledger is written once (cached under bench/out/): the synthetic district's roster,
then twelve months of every committee's monthly table as the ingest pipeline stores
them (rows recorded straight through `Ledger.record`; generating and reading 360,000
xlsx rows would measure ingest, not rollup), with the quarter's summaries and some
adjustments, one late report in twenty, a branch in thirty not held.

All measurements run on that one database file, each in a fresh interpreter, alternated
round by round so none gets a warmer cache:
  read      the ledger's rows for the quarter (monthly tables, summaries, filings, the roster
            version) through `Ledger.current_rows`, decoded — what any consumer pays;
  read raw  the same rows as stored JSON text, undecoded (`Ledger.current_row_json`): the
            floor, shown so the ratio can be judged against it too;
  rollup    `themeday rollup --quarter`'s work: the rosters built, every row validated from
            its JSON into the domain's model and its findings recomputed, all views, scores
            and grades.
Goal: rollup <= 3x read. Figures: median seconds, the ratios, peak memory.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import OUT, in_fresh_process, peak_mb

QUARTER = "2017Q1"
YEAR = 2017
_PLACES = (
    "序号", "党支部名称", "活动日期", "活动时间", "活动主题", "指导性主题序号", "开展方式", "联建单位",
    "活动地点", "应到人数", "实到人数", "请假人数", "列席人数", "科级以上领导干部参加人数", "未开展原因",
)  # fmt: skip


def build(state: Path, branches: int) -> dict:
    """Write the year into a fresh ledger at `state`; what was written."""
    from themeday_office.domain.adjustments import FiledAdjustment
    from themeday_office.domain.calendar import DistrictCalendar
    from themeday_office.domain.forms.monthly import MonthlyRow
    from themeday_office.domain.period import Period
    from themeday_office.domain.values.choices import ActivityMode
    from themeday_office.domain.values.times import ActivityTime
    from themeday_office.ledger import CheckedFile, EncodedRow, FormRow, Ledger
    from themeday_office.synthetic import make_district

    district = make_district(seed=2017, branches=branches)
    calendar = DistrictCalendar()
    now = [datetime(2016, 12, 20, 9)]
    rng = random.Random(2017)
    written = {"rows": 0, "submissions": 0}
    morning = ActivityTime.between(clock(8, 30), clock(12, 0))
    short = ActivityTime.between(clock(9, 0), clock(11, 0))
    with Ledger.open(state, clock=lambda: now[0]) as ledger:
        roster = {"committees": list(district.committee_rows), "branches": list(district.branch_rows),
                  "groups": list(district.group_rows)}
        ledger.add_roster_version(date(YEAR, 1, 1), "组织名册.xlsx", "bench-roster", roster)

        def record(kind: str, unit: str, period: str, rows: list[FormRow | EncodedRow], on: date) -> None:
            now[0] = datetime.combine(on, clock(10))
            sha = f"bench-{kind}-{unit}-{period}"
            ledger.record(CheckedFile(sha256=sha, original_name=f"{sha}.xlsx", inbox_path=f"{sha}.xlsx", size=0,
                                      format="xlsx", kind=kind, unit=unit, period=period, rows=rows),
                          auto_accept=True, actor="bench")
            written["rows"] += len(rows)
            written["submissions"] += 1

        for month in range(1, 13):
            period = Period.of_month(YEAR, month)
            district_date = calendar.district_date(YEAR, month)
            for c in district.committees:
                day = district_date
                if rng.random() < 0.05:  # a filed adjustment to the Wednesday before
                    day = district_date - timedelta(days=2)
                    adjustment = FiledAdjustment(committee=c.name, period=period, new_date=day)
                    record("adjustment", c.name, str(period), [FormRow(0, "adjustment", c.name, "", str(period),
                                                                       adjustment.model_dump(mode="json"))],
                           district_date - timedelta(days=5))
                rows: list[FormRow | EncodedRow] = []
                for seq, b in enumerate(district.branches_of(c.name), start=1):
                    places = {label: f"Sheet1!{chr(65 + i)}{seq + 3}" for i, label in enumerate(_PLACES)}
                    if rng.random() < 1 / 30:
                        row = MonthlyRow(branch=b.name, seq=seq, expected=b.members, places=places,
                                         reason_not_held="支部书记外出参加培训，下月补开")
                    else:
                        excused = rng.choice((0, 0, 1, 1, 2))
                        row = MonthlyRow(
                            branch=b.name, seq=seq, places=places,
                            held_on=day if rng.random() > 0.02 else day + timedelta(days=3),
                            time=morning if rng.random() > 0.05 else short,
                            theme="学习贯彻党的十八届六中全会精神", theme_items=(1,) if rng.random() < 0.8 else (),
                            mode=ActivityMode.SOLO, location=f"{b.name.removesuffix('党支部')}会议室",
                            expected=b.members, present=max(0, b.members - excused), excused=excused,
                            observers=rng.choice((0, 0, 1, 2)), cadres=rng.choice((0, 1)),
                        )
                    data = row.model_dump(mode="json")
                    data["matched"] = True
                    rows.append(FormRow(0, "monthly", c.name, b.name, str(period), data))
                late = rng.random() < 0.05
                record("monthly", c.name, str(period), rows, district_date + timedelta(days=8 if late else 3))
            if month % 3 == 0:
                quarter = Period.of_quarter(YEAR, month // 3)
                for c in district.committees:
                    summary = {"unit": c.name, "period": str(quarter), "title": f"{c.name}{quarter.zh}总结",
                               "sections": ["基本情况", "主要做法", "存在问题", "下步打算"], "dated": None}
                    record("summary", c.name, str(quarter), [FormRow(0, "summary", c.name, "", str(quarter), summary)],
                           quarter.end + timedelta(days=5))
    return {**written, "committees": len(district.committees), "branches": len(district.roster.branches)}


def measure_read(state: Path) -> dict:
    from themeday_office.domain.period import Period
    from themeday_office.ledger import Ledger

    started = time.perf_counter()
    rows = 0
    with Ledger.open(state) as ledger:
        rows += sum(len(data["branches"]) for *_, data in ledger.roster_versions())
        rows += len(ledger.current_rows_of_kind("adjustment"))
        for month in Period.parse(QUARTER).months():  # a month at a time, as the rollup reads them
            rows += len(ledger.current_rows("monthly", [str(month)]))
        rows += len(ledger.current_rows("summary", [QUARTER]))
    return {"seconds": time.perf_counter() - started, "rows": rows, "peak_mb": peak_mb()}


def measure_read_raw(state: Path) -> dict:
    from themeday_office.domain.period import Period
    from themeday_office.ledger import Ledger

    started = time.perf_counter()
    rows = 0
    with Ledger.open(state) as ledger:
        rows += sum(len(data["branches"]) for *_, data in ledger.roster_versions())
        rows += len(ledger.current_rows_of_kind("adjustment"))
        for month in Period.parse(QUARTER).months():
            rows += len(ledger.current_row_json("monthly", [str(month)]))
        rows += len(ledger.current_row_json("summary", [QUARTER]))
    return {"seconds": time.perf_counter() - started, "rows": rows, "peak_mb": peak_mb()}


def measure_rollup(state: Path) -> dict:
    from themeday_office.domain.period import Period
    from themeday_office.ledger import Ledger
    from themeday_office.rollup import RollupInputs, rollup_quarter

    started = time.perf_counter()
    with Ledger.open(state) as ledger:
        inputs = RollupInputs.from_ledger(ledger)
        roster_at = time.perf_counter()
        q = rollup_quarter(inputs, Period.parse(QUARTER))
    seconds = time.perf_counter() - started
    grades: dict[str, int] = {}
    for a in q.assessments.values():
        grades[a.grade.value] = grades.get(a.grade.value, 0) + 1
    return {
        "seconds": seconds,
        "inputs_seconds": roster_at - started,  # rosters and filings: what a month's rollup also pays
        "held_rate": q.district["held_rate"].rate,
        "grades": grades,
        "peak_mb": peak_mb(),
    }


METHODS = {"read": measure_read, "raw": measure_read_raw, "rollup": measure_rollup}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--branches", type=int, default=30_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--measure", choices=sorted(METHODS), help=argparse.SUPPRESS)
    parser.add_argument("--state", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(METHODS[args.measure](args.state), ensure_ascii=False))
        return

    state = OUT / f"rollup-{args.branches}" / "state"
    done = state.parent / "built.json"
    if not done.exists():
        if state.exists():
            import shutil

            shutil.rmtree(state)  # a build that did not finish
        t = time.perf_counter()
        built = build(state, args.branches)
        built["build_seconds"] = round(time.perf_counter() - t, 1)
        done.write_text(json.dumps(built, ensure_ascii=False))
    built = json.loads(done.read_text())
    db = state / "ledger.sqlite3"
    print(f"ledger: {built['branches']} branches in {built['committees']} committees, {built['submissions']} "
          f"submissions, {built['rows']} rows, {db.stat().st_size / 2**20:.0f} MB "
          f"(built in {built['build_seconds']} s)")

    script = Path(__file__)
    runs: dict[str, list[dict]] = {"read": [], "raw": [], "rollup": []}
    for _ in range(args.rounds):  # alternated, each in a fresh process, on the same database file
        for method, results in runs.items():
            results.append(in_fresh_process(script, method, "--state", str(state)))
    median = {m: statistics.median(r["seconds"] for r in results) for m, results in runs.items()}
    peak = {m: max(r["peak_mb"] for r in results) for m, results in runs.items()}
    inputs = statistics.median(r["inputs_seconds"] for r in runs["rollup"])
    print(f"{'':<40}{'seconds':>9}{'peak MB':>10}")
    print(f"{'read the quarter rows (decoded)':<40}{median['read']:>9.2f}{peak['read']:>10.0f}")
    print(f"{'read the quarter rows (raw JSON)':<40}{median['raw']:>9.2f}{peak['raw']:>10.0f}")
    print(f"{'rollup the quarter':<40}{median['rollup']:>9.2f}{peak['rollup']:>10.0f}")
    print(f"{'  of which rosters and filings':<40}{inputs:>9.2f}")
    first = runs["rollup"][0]
    print(f"rollup / read = {median['rollup'] / median['read']:.2f}x (goal <= 3x); "
          f"rollup / raw read = {median['rollup'] / median['raw']:.2f}x; rounds: {args.rounds}; "
          f"district 开展率 {first['held_rate']:.1%}; grades {first['grades']}")


if __name__ == "__main__":
    main()
