"""Value parsers for the shapes real forms take (DESIGN.md §3).

Each parser takes a raw cell value and returns the typed value, None for a blank
cell, or raises `ValueProblem` whose reason completes a Chinese message naming the
label and the raw value (built by the form layer, which knows both).
"""

from themeday_office.domain.values.choices import (
    ActivityMode,
    BranchScope,
    BranchType,
    parse_branch_type,
    parse_item_numbers,
    parse_mode,
    parse_scope,
)
from themeday_office.domain.values.counts import parse_count
from themeday_office.domain.values.dates import parse_date, parse_month, parse_month_number
from themeday_office.domain.values.raw import Raw, RawValue, ValueProblem, display, is_blank
from themeday_office.domain.values.text import fold, parse_text, squeeze, zh_number
from themeday_office.domain.values.times import ActivityTime, parse_time, parse_time_range

__all__ = [
    "ActivityMode",
    "ActivityTime",
    "BranchScope",
    "BranchType",
    "Raw",
    "RawValue",
    "ValueProblem",
    "display",
    "fold",
    "is_blank",
    "parse_branch_type",
    "parse_count",
    "parse_date",
    "parse_item_numbers",
    "parse_mode",
    "parse_month",
    "parse_month_number",
    "parse_scope",
    "parse_text",
    "parse_time",
    "parse_time_range",
    "squeeze",
    "zh_number",
]
