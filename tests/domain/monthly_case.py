"""A clean March table for 古荥镇党委 (its three branches), to vary one thing at a time."""

from __future__ import annotations

from themeday_office.domain.checks import CheckContext, Outcome, check_monthly
from themeday_office.domain.forms import FormContext, MonthlyReport, parse_monthly
from themeday_office.domain.messages import Message

from .sheets import header, monthly_row

BRANCHES = {
    "大河村党支部": {"应到人数": 30, "实到人数": 28, "请假人数": 2},
    "八里庙村党支部": {"应到人数": 20, "实到人数": 18, "请假人数": 2},
    "古荥镇机关第一党支部": {"应到人数": 12, "实到人数": 12, "请假人数": 0},
}


def rows(on: str = "2017年3月10日", **per_branch: dict) -> list:
    """The three rows, held `on`; `per_branch` maps a branch name to label overrides for its row."""
    return [
        monthly_row(5 + i, name, **{"活动日期": on, **base, **per_branch.get(name, {})})
        for i, (name, base) in enumerate(BRANCHES.items())
    ]


def parsed(table: list, unit: str = "古荥镇党委", month: str = "2017年3月") -> tuple[MonthlyReport, list[Message]]:
    report, messages = parse_monthly(header(unit, month), table, FormContext(place="月报"))
    assert report is not None
    return report, messages


def run(
    ctx: CheckContext, table: list | None = None, unit: str = "古荥镇党委", month: str = "2017年3月"
) -> tuple[list[Message], Outcome]:
    """Parse and check; the parse messages come first, as ingest will show them."""
    report, messages = parsed(rows() if table is None else table, unit, month)
    return messages, check_monthly(report, ctx)
