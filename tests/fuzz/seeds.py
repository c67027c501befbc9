"""The real files mutations start from: the check corpus, the readers' LibreOffice-saved fixtures,
and a month and a quarter of the synthetic district's submissions (xlsx, xls, docx, zip)."""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "corpus"
READER_FIXTURES = REPO / "tests" / "fixtures" / "readers"
_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".et", ".ods", ".docx", ".doc", ".odt", ".zip"}
# Larger files mutate no differently and cost more per input.
_MAX_BYTES = 64 * 1024
# The kinds each synthetic month brings; a few of each is variety enough.
_SYNTHETIC_PER_KIND = 3


@functools.lru_cache(maxsize=1)
def seeds() -> tuple[tuple[str, bytes], ...]:
    """(name, bytes) of every seed, in a fixed order (a run is made again from its numbers)."""
    found = [
        (path.name, path.read_bytes())
        for folder in (CORPUS, READER_FIXTURES)
        for path in sorted(folder.iterdir())
        if path.suffix.lower() in _SUFFIXES and path.stat().st_size <= _MAX_BYTES
    ]
    found += synthetic_seeds()
    return tuple(found)


def synthetic_seeds() -> list[tuple[str, bytes]]:
    """What the synthetic generator writes for a small district: monthly reports (xlsx and xls,
    varied layouts), records, adjustments, plans, summaries and a zip of submissions."""
    from themeday_office.domain.period import Period
    from themeday_office.synthetic import (
        make_district,
        make_period_submissions,
        month_of,
        plan_of,
        summary_of,
        write_monthly_xls,
        write_plan_xlsx,
        write_summary_docx,
    )
    from themeday_office.synthetic.submissions import write_zip

    district = make_district(seed=7, branches=40)
    march = Period.of_month(2017, 3)
    out: list[tuple[str, bytes]] = []
    with tempfile.TemporaryDirectory(prefix="themeday-fuzz-seeds-") as folder:
        root = Path(folder)
        files = make_period_submissions(district, march, root / "month", seed=1, record_sample=1)
        kinds: dict[str, int] = {}
        for generated in files:
            kind = f"{generated.kind}{generated.path.suffix}"
            if kinds.get(kind, 0) < _SYNTHETIC_PER_KIND:
                kinds[kind] = kinds.get(kind, 0) + 1
                out.append((f"synthetic-{generated.path.name}", generated.path.read_bytes()))
        committee = district.committees[0].name
        months = [month_of(district, committee, Period.of_month(2017, m)) for m in (1, 2, 3)]
        write_monthly_xls(months[2], root / "monthly.xls")
        write_plan_xlsx(plan_of(district, committee, 2017), root / "plan.xlsx")
        write_summary_docx(summary_of(district, months), root / "summary.docx")
        write_zip([(name, data) for name, data in out[:3]], root / "pack.zip", gbk_names=True)
        for name in ("monthly.xls", "plan.xlsx", "summary.docx", "pack.zip"):
            out.append((f"synthetic-{name}", (root / name).read_bytes()))
    return out
