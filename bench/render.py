"""Document generation speed: a month's full batch (`themeday render --month 2017-03`) for a
district of 400 branches.

    python bench/render.py                  # 400 branches, March 2017
    python bench/render.py --branches 3000  # a bigger district
    python bench/render.py --pdf            # also time the LibreOffice PDF copies

The ledger is built once (cached under bench/out/) as bench/rollup.py builds it: the synthetic
district's roster (`make_district`), a year of every committee's monthly table recorded straight
through `Ledger.record` (about one committee in twenty files an adjustment, one table in twenty
is late, a branch in thirty did not meet), the quarters' summaries, plus three rejected files
with their messages (so the batch has 退回通知 too), and two committees' March tables sent back
and not sent again (so that on 3-25, past the 3-15 deadline, the batch has its 催报通知).

Prints: documents per kind, seconds for planning (rollup + drafts) and per document written,
and the top cProfile entries of the whole batch (where the time goes).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import io
import pstats
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import OUT
from bench.rollup import build

MONTH = "2017-03"


def ledger_for(branches: int) -> Path:
    """The cached ledger's state folder (built on first use)."""
    from themeday_office.ledger import CheckedFile, Ledger, StoredMessage

    state = OUT / f"render-{branches}-v2" / "state"  # v2: with two committees' March tables sent back
    if not (state / "ledger.sqlite3").is_file():
        shutil.rmtree(state.parent, ignore_errors=True)
        state.mkdir(parents=True)
        print(f"building the ledger ({branches} branches, 12 months)…", flush=True)
        build(state, branches)
        with Ledger.open(state, clock=lambda: datetime.datetime(2017, 3, 14, 10)) as ledger:
            for n in range(3):
                bad = CheckedFile(
                    sha256=f"bench-rejected-{n}",
                    original_name=f"退回{n}.xlsx",
                    inbox_path=f"退回{n}.xlsx",
                    size=0,
                    format="xlsx",
                    kind="monthly",
                    unit=f"退回单位{n}",
                    period=MONTH,
                    messages=[
                        StoredMessage(
                            "错误",
                            "attendance_over",
                            f"统计表!J{4 + i}",
                            f"统计表!J{4 + i}“实到人数”为 {30 + i}，大于应到人数 28",
                        )
                        for i in range(5)
                    ],
                )
                sub = ledger.record(bad, auto_accept=True, actor="bench")
                ledger.reject(sub.id, "bench", "实到人数大于应到人数")
            tables = sorted(ledger.submissions(kind="monthly", period=MONTH, state="accepted"), key=lambda s: s.id)
            for sub in tables[:2]:
                ledger.reject(sub.id, "bench", "未开展的支部没有填写原因")
    return state


def run_batch(state: Path, outbox: Path, pdf: bool) -> dict:
    from themeday_office.domain.period import Period
    from themeday_office.ledger import Ledger
    from themeday_office.render.documents import (
        DocumentDesk,
        Office,
        plan,
        render_all,
        write_pdfs,
    )
    from themeday_office.rollup import RollupInputs

    timings: dict = {}
    with Ledger.open(state) as ledger:
        office = Office()
        started = time.perf_counter()
        drafts = plan(office, ledger, RollupInputs.from_ledger(ledger), Period.parse(MONTH),
                      today=datetime.date(2017, 3, 25), outbox=outbox)
        timings["plan"] = time.perf_counter() - started
        desk = DocumentDesk(ledger, office, outbox)
        per_kind: dict[str, list[float]] = {}
        written = []
        for draft in drafts:
            t = time.perf_counter()
            (result,) = render_all(desk, [draft])
            assert result.path is not None, result.status  # a fresh ledger has no issued document to keep
            per_kind.setdefault(draft.kind, []).append(time.perf_counter() - t)
            written.append(result.path)
        timings["documents"] = per_kind
        timings["write"] = sum(sum(v) for v in per_kind.values())
        if pdf:
            t = time.perf_counter()
            write_pdfs(written)
            timings["pdf"] = time.perf_counter() - t
        timings["count"] = Counter(d.kind for d in drafts)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--branches", type=int, default=400)
    parser.add_argument("--pdf", action="store_true")
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    state = ledger_for(args.branches)
    outbox = state.parent / "outbox"
    shutil.rmtree(outbox, ignore_errors=True)
    run_batch(state, outbox, False)  # warm: imports, first numbers taken; later runs re-render drafts
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    t = run_batch(state, outbox, args.pdf)
    profile.disable()
    total = time.perf_counter() - started
    docs = sum(t["count"].values())
    print(f"{args.branches} branches, {MONTH}: {docs} documents "
          f"({', '.join(f'{k} {n}' for k, n in t['count'].items())}) in {total:.2f} s (profiled)")
    print(f"  plan (rollup + drafts): {t['plan']:.3f} s")
    for kind, secs in t["documents"].items():
        print(f"  {kind:9s} {len(secs):3d} × {sum(secs) / len(secs) * 1000:7.1f} ms per document")
    print(f"  all documents written: {t['write']:.3f} s, {t['write'] / docs * 1000:.1f} ms per document; "
          f"batch {total / docs * 1000:.1f} ms per document")
    if "pdf" in t:
        print(f"  PDF copies (one LibreOffice run): {t['pdf']:.2f} s, {t['pdf'] / docs:.2f} s per document")
    stream = io.StringIO()
    pstats.Stats(profile, stream=stream).sort_stats("cumulative").print_stats(args.top)
    print(stream.getvalue())
    stream = io.StringIO()
    pstats.Stats(profile, stream=stream).sort_stats("tottime").print_stats(args.top)
    print(stream.getvalue())


if __name__ == "__main__":
    main()
