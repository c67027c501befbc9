"""Form models (one per form in forms.md) and their builders from raw labelled cells.

Each `parse_*` takes what a reader found — label -> `RawValue` (value and place) — and
returns the model (None only when the form cannot be identified: no unit, no period)
and the messages about it. Labels may be any known variant; see each form's label list.
"""

from themeday_office.domain.forms.activity import ACTIVITY_LABELS, Activity
from themeday_office.domain.forms.adjustment import ADJUSTMENT_LABELS, AdjustmentForm, parse_adjustment
from themeday_office.domain.forms.context import FormContext
from themeday_office.domain.forms.header import HEADER_LABELS, Header
from themeday_office.domain.forms.kinds import FormKind
from themeday_office.domain.forms.monthly import (
    MONTHLY_COLUMNS,
    MONTHLY_HEADER_LABELS,
    MonthlyReport,
    MonthlyRow,
    parse_monthly,
)
from themeday_office.domain.forms.plan import PLAN_COLUMNS, PLAN_HEADER_LABELS, PlanForm, PlanRow, parse_plan
from themeday_office.domain.forms.record import RECORD_LABELS, ActivityRecord, RecordForm, parse_record
from themeday_office.domain.forms.summary import SECTIONS, SummaryReport, parse_summary

__all__ = [
    "ACTIVITY_LABELS",
    "ADJUSTMENT_LABELS",
    "HEADER_LABELS",
    "MONTHLY_COLUMNS",
    "MONTHLY_HEADER_LABELS",
    "PLAN_COLUMNS",
    "PLAN_HEADER_LABELS",
    "RECORD_LABELS",
    "SECTIONS",
    "Activity",
    "ActivityRecord",
    "AdjustmentForm",
    "FormContext",
    "FormKind",
    "Header",
    "MonthlyReport",
    "MonthlyRow",
    "PlanForm",
    "PlanRow",
    "RecordForm",
    "SummaryReport",
    "parse_adjustment",
    "parse_monthly",
    "parse_plan",
    "parse_record",
    "parse_summary",
]
