"""Small, hand-made submissions for rollup tests: real xlsx and docx files a clerk would receive.

Each writer takes plain values, so a test reads as the table it stands for and its figures
can be computed by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from openpyxl import Workbook

from themeday_office.domain.period import Period
from themeday_office.domain.roster import Committee
from themeday_office.domain.values.choices import ActivityMode
from themeday_office.synthetic import (
    Adjustment,
    QuarterSummary,
    write_adjustment_xlsx,
    write_summary_docx,
)
from themeday_office.synthetic.plans import PlannedMonth, YearPlan
from themeday_office.synthetic.workbook_forms import write_plan_xlsx

MONTHLY_COLUMNS = (
    "序号", "党支部名称", "活动日期", "活动时间", "活动主题", "指导性主题序号", "开展方式", "联建单位",
    "应到人数", "实到人数", "请假人数", "列席人数", "科级以上领导干部参加人数", "未开展原因",
)  # fmt: skip


@dataclass(frozen=True)
class Row:
    """One branch's row of a monthly table; `held_on=None` is a branch that did not meet."""

    branch: str
    held_on: date | None = None
    hours: str = "8:30-12:00"
    expected: int | None = None
    present: int | None = None
    excused: int = 0
    observers: int = 0
    cadres: int = 0
    items: str | None = "1"
    joint_with: str | None = None
    reason: str | None = None
    theme: str = "学习贯彻党的十八届六中全会精神"


def write_monthly(path: Path, unit: str, period: Period, rows: list[Row]) -> Path:
    """A 月度开展情况统计表: title, header block, one row per branch."""
    book = Workbook()
    ws = book.active
    assert ws is not None  # a new workbook opens on its one sheet
    ws.title = "统计表"
    ws.append([f"{period.year}年{period.number}月份“主题党日”活动开展情况统计表"])
    ws.append(
        [
            "填报单位",
            unit,
            "填报月份",
            f"{period.year}年{period.number}月",
            "填报人",
            "王敏",
            "联系电话",
            "0371-63580000",
        ]
    )
    ws.append(list(MONTHLY_COLUMNS))
    for n, r in enumerate(rows, start=1):
        held = r.held_on is not None
        ws.append(
            [
                n,
                r.branch,
                r.held_on,
                r.hours if held else None,
                r.theme if held else None,
                (r.items if held else None),
                (ActivityMode.JOINT if r.joint_with else ActivityMode.SOLO).value if held else None,
                r.joint_with if held else None,
                r.expected,
                r.present if held else None,
                r.excused if held else None,
                r.observers if held else None,
                r.cadres if held else None,
                r.reason,
            ]
        )
    for row in ws.iter_rows(min_row=4):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # a name a submitter typed, not a formula
            if isinstance(cell.value, (date, datetime)):
                cell.number_format = 'yyyy"年"m"月"d"日"'
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def write_adjustment(path: Path, committee: Committee, period: Period, district_date: date, new_date: date,
                     filed_on: date) -> Path:
    adjustment = Adjustment(
        committee=committee, period=period, district_date=district_date, new_date=new_date,
        reason="区定日期与全区重点工作督查时间冲突", branches="全部", contact="李娜", phone="0371-63581111",
        filed_on=filed_on, arrives=datetime.combine(filed_on, time(9)),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    write_adjustment_xlsx(adjustment, path)
    return path


def write_summary(path: Path, committee: Committee, quarter: Period, dated: date,
                  practices: tuple[str, ...] = ("强化组织领导，每月初研究部署。",)) -> Path:
    q = "一二三四"[quarter.number - 1]
    summary = QuarterSummary(
        committee=committee,
        period=quarter,
        title=f"{committee.name}{quarter.year}年第{q}季度“主题党日”活动开展情况总结",
        sections=(
            ("一、基本情况", ("本季度各党支部按时开展“主题党日”活动。",)),
            ("二、主要做法", practices),
            ("三、存在问题", ("个别支部活动形式较为单一。",)),
            ("四、下步打算", ("丰富活动载体，增强吸引力。",)),
        ),
        signed_by=committee.name,
        dated=dated,
        arrives=datetime.combine(dated, time(10)),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    write_summary_docx(summary, path)
    return path


def write_plan(path: Path, unit: str, year: int, days: dict[int, date], filed_on: date) -> Path:
    """A 年度计划表 with one row per month on the given dates."""
    months = tuple(
        PlannedMonth(month=m, day=days[m], theme="学习贯彻党的十八届六中全会精神", items=(), mode=ActivityMode.SOLO,
                     partner=None, location="党员活动室")
        for m in range(1, 13)
    )
    plan = YearPlan(unit=unit, year=year, months=months, filled_by="王敏", phone="13800000000",
                    arrives=datetime.combine(filed_on, time(9)))
    path.parent.mkdir(parents=True, exist_ok=True)
    write_plan_xlsx(plan, path)
    return path
