"""Rollups: accepted, current submissions -> figures by committee, branch type, group and district.

    inputs = RollupInputs.from_ledger(ledger, RollupRules.of(workspace))
    march = rollup(inputs, Period.parse("2017-03"))
    march.cell("committee", "古荥镇党委", "held_rate").rate
    march.trace("district", "全区", "on_time_rate")   # the ledger ids behind the cell

Findings are recomputed from the stored rows (see `month`), never copied from ingest
time. Reads the ledger only through `Ledger`; knows nothing of ingest or rendering.
"""

from __future__ import annotations

from themeday_office.domain.period import Period
from themeday_office.rollup.conflicts import Conflict, Evidence, find_conflicts
from themeday_office.rollup.data import rollup_data
from themeday_office.rollup.figures import COLUMN, COLUMNS, REPORT_COLUMNS, Column, Figure, Tally
from themeday_office.rollup.inputs import Filing, RollupInputs, RollupRules, StoredReport, read_evidence
from themeday_office.rollup.month import MonthRollup, rollup_month
from themeday_office.rollup.notes import LateReport, NotHeld, Unmatched
from themeday_office.rollup.quarter import Assessment, QuarterRollup, rollup_quarter
from themeday_office.rollup.views import DISTRICT, VIEWS, Rollup
from themeday_office.rollup.year import PlannedMonth, UnitPlan, YearRating, YearRollup, rollup_year


def rollup(inputs: RollupInputs, period: Period) -> MonthRollup | QuarterRollup | YearRollup:
    """The rollup of a month, a quarter or a year."""
    if period.kind == "month":
        return rollup_month(inputs, period)
    if period.kind == "quarter":
        return rollup_quarter(inputs, period)
    return rollup_year(inputs, period)


__all__ = [
    "COLUMN",
    "COLUMNS",
    "DISTRICT",
    "REPORT_COLUMNS",
    "VIEWS",
    "Assessment",
    "Column",
    "Conflict",
    "Evidence",
    "Figure",
    "Filing",
    "LateReport",
    "MonthRollup",
    "NotHeld",
    "PlannedMonth",
    "QuarterRollup",
    "Rollup",
    "RollupInputs",
    "RollupRules",
    "StoredReport",
    "Tally",
    "UnitPlan",
    "Unmatched",
    "find_conflicts",
    "YearRating",
    "YearRollup",
    "rollup",
    "rollup_data",
    "rollup_month",
    "rollup_quarter",
    "rollup_year",
    "read_evidence",
]
