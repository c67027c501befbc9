"""Checks: pure functions from a parsed form plus the roster in force, the calendar, the
adjustments on file and the arrival date, to messages (错误 / 提示) and findings.

Rollups call them again on stored forms, so a finding always reflects the adjustments
filed by then.
"""

from themeday_office.domain.checks.adjustment import check_adjustment
from themeday_office.domain.checks.context import CheckContext, Outcome
from themeday_office.domain.checks.monthly import check_monthly
from themeday_office.domain.checks.plan import check_plan
from themeday_office.domain.checks.record import check_record
from themeday_office.domain.checks.summary import check_summary

__all__ = [
    "CheckContext",
    "Outcome",
    "check_adjustment",
    "check_monthly",
    "check_plan",
    "check_record",
    "check_summary",
]
