"""A rollup as plain data (what `--json` prints): rates as fractions, with numerators,
denominators and the ledger ids behind every figure."""

from __future__ import annotations

from typing import Any

from themeday_office.rollup.figures import REPORT_COLUMNS
from themeday_office.rollup.month import MonthRollup
from themeday_office.rollup.quarter import QuarterRollup
from themeday_office.rollup.views import VIEWS, Rollup
from themeday_office.rollup.year import YearRollup


def rollup_data(r: Rollup, by: str = "committee") -> dict[str, Any]:
    """The figures of view `by` and of the district, with the period's notes."""
    if by not in VIEWS or by == "district":
        raise ValueError(f"unknown view {by!r}")
    out: dict[str, Any] = {
        "period": str(r.period),
        "period_zh": r.period.zh,
        "view": by,
        "view_zh": VIEWS[by],
        "rows": [{"key": key, "figures": _figures(tally, by)} for key, tally in r.views[by].items()],
        "district": _figures(r.district, "district"),
    }
    if isinstance(r, MonthRollup):
        out.update(_month_notes(r))
    elif isinstance(r, QuarterRollup):
        out["assessments"] = {c: a.as_json() for c, a in r.assessments.items()}
        out["months"] = [{"period": str(m.period), **_month_notes(m)} for m in r.months]
        out["missing_summaries"] = list(r.missing_summaries)
        out["late"] = [x.as_json() for x in r.late]
        out["unmatched"] = [x.as_json() for x in r.unmatched]
    elif isinstance(r, YearRollup):
        out["ratings"] = {c: x.as_json() for c, x in r.ratings.items()}
        out["plans"] = [p.as_json() for p in r.plans]
        out["missing_plans"] = list(r.missing_plans)
        out["late"] = [x.as_json() for x in r.late]
        out["unmatched"] = [x.as_json() for x in r.unmatched]
    return out


def _figures(tally, view: str) -> dict[str, Any]:
    return {k: f.as_json() for k, f in tally.figures.items() if view != "type" or k not in REPORT_COLUMNS}


def _month_notes(m: MonthRollup) -> dict[str, Any]:
    return {
        "roster_effective": m.roster_effective.isoformat() if m.roster_effective else None,
        "missing": list(m.missing),
        "late": [x.as_json() for x in m.late],
        "not_held": [x.as_json() for x in m.not_held],
        "unmatched": [x.as_json() for x in m.unmatched],
        "conflicts": [x.as_json() for x in m.conflicts],
    }
