"""`themeday rollup (--month 2017-03 | --quarter 2017Q1 | --year 2017) [--by committee|type|group] [--json]
[--xlsx FILE]`: a period's figures on screen, as JSON, or as a formatted workbook."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from themeday_office.cli.console import make_console
from themeday_office.domain.period import Period
from themeday_office.domain.scoring import Grade
from themeday_office.office.rollup import figure_text
from themeday_office.rollup import (
    COLUMN,
    DISTRICT,
    VIEWS,
    Column,
    MonthRollup,
    QuarterRollup,
    Rollup,
    Tally,
    YearRollup,
    rollup_data,
)
from themeday_office.rollup.figures import shown_columns

BY = {"committee": "党(工)委", "type": "支部类型", "group": "协作组"}
GRADE_STYLE = {Grade.EXCELLENT: "bold green", Grade.GOOD: "green", Grade.FAIR: "yellow", Grade.POOR: "bold red"}
_QUARTER_ZH = "一二三四"
# A terminal is often 80 columns wide: the figures are split over narrow tables (the xlsx and
# --json carry every column in one place).
_ACTIVITY = ("branches", "reported", "held", "not_held", "held_rate", "on_time_rate", "duration_rate",
             "attendance_rate")
_DETAIL = ("excused", "observers", "cadres", "joint", "guiding", "own", "reports", "reporting_rate", "summaries")
# Two-line headers keep the numeric columns narrow: a CJK character is two columns wide.
_HEADER = {
    "branches": "支部数", "reported": "已报\n支部", "held": "已开展", "not_held": "未开展", "held_rate": "开展率",
    "on_time_rate": "按时\n开展率", "duration_rate": "时长\n达标率", "attendance_rate": "参与率", "excused": "请假",
    "observers": "列席", "cadres": "科级以上\n干部", "joint": "联建\n共建", "guiding": "指导性\n主题",
    "own": "自主\n主题", "reports": "报送", "reporting_rate": "按时\n报送率", "summaries": "季度\n总结",
    "summary": "总结\n得分率", "score": "得分",
}  # fmt: skip
_ASSESSMENT = ("held_rate", "on_time_rate", "attendance_rate", "duration_rate", "reporting_rate", "summary", "score")


_KINDS = {"month": ("月份", "2017-03"), "quarter": ("季度", "2017Q1"), "year": ("年度", "2017")}


def _period(kind: str):
    def parse(text: str) -> Period:
        try:
            period = Period.parse(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
        if period.kind != kind:
            what, example = _KINDS[kind]
            raise argparse.ArgumentTypeError(f"“{text}”不是{what}，应写作 {example}")
        return period

    return parse


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("rollup", parents=[common], help="汇总：按月、季度或年度统计开展情况，季度考核与年度评定")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--month", type=_period("month"), metavar="月份", help="按月汇总，如 2017-03")
    which.add_argument("--quarter", type=_period("quarter"), metavar="季度", help="按季度汇总并考核，如 2017Q1")
    which.add_argument("--year", type=_period("year"), metavar="年度", help="按年度汇总、对照计划并评定等次，如 2017")
    p.add_argument("--by", choices=tuple(BY), default="committee", metavar="分组",
                   help="按 committee（党(工)委，默认）、type（支部类型）或 group（协作组）分组")
    p.add_argument("--json", action="store_true", help="以 JSON 输出（比率为小数，附分子、分母和台账编号）")
    p.add_argument("--xlsx", type=Path, metavar="文件", help="同时写出 Excel 汇总表（每种分组一个工作表，附图表）")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from themeday_office.cli import open_workspace
    from themeday_office.office import system_clock
    from themeday_office.office.rollup import export_rollup, rollup_view

    console = make_console()
    workspace = open_workspace(args)
    view = rollup_view(workspace, system_clock, args.month or args.quarter or args.year)
    if not view.ready:
        for sentence in view.sentences:
            console.print(escape(sentence))
        return 1
    result = view.rollup
    assert isinstance(result, Rollup)  # a ready view carries the period's rollup
    exported = export_rollup(workspace, system_clock, view, args.xlsx) if args.xlsx else None
    if exported is not None and exported.problem:
        make_console(stderr=True).print(f"[bold red]错误[/]：{escape(exported.problem)}")
        return 1
    if args.json:
        print(json.dumps(rollup_data(result, args.by), ensure_ascii=False, indent=2))
        return 0
    show(console, result, args.by)
    for sentence in exported.sentences if exported is not None else ():
        console.print(escape(sentence))
    return 0


# ---- the screen ----------------------------------------------------------------------------


def show(console: Console, r: Rollup, by: str) -> None:
    shown = {c.key for c in shown_columns(r.period.kind, by)}
    view = VIEWS[by]
    console.print(_table(r, by, f"{r.period.zh}主题党日开展情况（{view}）", [k for k in _ACTIVITY if k in shown]))
    console.print(_table(r, by, f"{r.period.zh}参加人员、开展方式、主题与报送（{view}）",
                         [k for k in _DETAIL if k in shown]))
    if isinstance(r, (QuarterRollup, YearRollup)) and by == "committee":
        console.print(_table(r, by, f"{r.period.zh}考核（满分 100）", list(_ASSESSMENT), grades=True))
    if isinstance(r, MonthRollup):
        _month_notes(console, r)
    elif isinstance(r, QuarterRollup):
        _quarter_notes(console, r)
    elif isinstance(r, YearRollup):
        _year_notes(console, r, by)


def _table(r: Rollup, by: str, title: str, keys: list[str], *, grades: bool = False) -> Table:
    columns = [COLUMN[k] for k in keys]
    table = Table(title=title, header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 0, 0, 1))
    table.add_column(BY[by], min_width=10, overflow="fold")
    for c in columns:
        table.add_column(_HEADER.get(c.key, c.zh), justify="right", no_wrap=True)
    ratings = r.ratings if grades and isinstance(r, YearRollup) else None  # explained grades
    if grades:
        table.add_column("等次", justify="center", min_width=4)
    if ratings is not None:
        table.add_column("说明", overflow="fold")
    rows = [*r.views[by].items(), (DISTRICT, r.district)]
    for i, (key, tally) in enumerate(rows):
        if grades and key == DISTRICT:
            continue  # the district is not assessed
        cells = [escape(key), *(_cell(c, tally) for c in columns)]
        if grades:
            cells.append(_grade(r, key))
        if ratings is not None:
            cells.append(escape("；".join(ratings[key].rating.reasons)) if key in ratings else "")
        table.add_row(*cells, style="bold" if key == DISTRICT else None, end_section=i == len(rows) - 2)
    return table


def _cell(c: Column, tally: Tally) -> str:
    return figure_text(tally.get(c.key), c)


def _grade(r: Rollup, key: str) -> str:
    if isinstance(r, QuarterRollup) and key in r.assessments:
        g = r.assessments[key].grade
    elif isinstance(r, YearRollup) and key in r.ratings:
        g = r.ratings[key].grade
    else:
        return ""
    return f"[{GRADE_STYLE[g]}]{g.value}[/]"


def _list(console: Console, title: str, items: list[str]) -> None:
    if items:
        console.print(f"[bold]{title}[/]（{len(items)}）：" + "；".join(items))


def _month_notes(console: Console, m: MonthRollup) -> None:
    if m.roster_effective is None:
        console.print(f"[yellow]{m.period.zh}没有生效的组织名册，本月未统计。[/]")
    _list(console, "未报送", [escape(c) for c in m.missing])
    _list(console, "逾期报送", [escape(f"{x.unit}{x.form}（{x.received_on:%m-%d}收到，逾期{x.days}天）")
                                for x in m.late])
    _list(console, "未开展的党支部", [escape(f"{x.committee} {x.branch}：{x.reason if x.listed else f'（{x.reason}）'}")
                                    for x in m.not_held])
    _list(console, "附注：未计入的行", [escape(f"{x.unit} {x.place}“{x.written}”：{x.why}") for x in m.unmatched])


def _quarter_notes(console: Console, q: QuarterRollup) -> None:
    months = "，".join(f"{m.period.number}月 {figure_text(m.district['held_rate'])}" for m in q.months)
    console.print(f"全区逐月开展率：{months}")
    _list(console, "月报未报送", [escape(f"{m.period.number}月 {c}") for m in q.months for c in m.missing])
    _list(console, "季度总结未报送", [escape(c) for c in q.missing_summaries])
    _list(console, "逾期报送", [escape(f"{x.unit}{x.form}（{x.period}，逾期{x.days}天）") for x in q.late])
    _list(console, "附注：未计入的行", [escape(f"{x.unit}“{x.written}”：{x.why}") for x in q.unmatched])


def _year_notes(console: Console, y: YearRollup, by: str) -> None:
    if by == "committee":
        grades = Table(title=f"{y.period.zh}各季度考核等次", header_style="bold")
        grades.add_column("党(工)委", no_wrap=True)
        for q in range(4):
            grades.add_column(f"第{_QUARTER_ZH[q]}季度", justify="center")
        grades.add_column("全年得分", justify="right")
        grades.add_column("按得分", justify="center")
        grades.add_column("评定", justify="center")
        for c, rating in y.ratings.items():
            cells = [f"[{GRADE_STYLE[g]}]{g.value}[/]" if (g := rating.quarters.get(q)) else "" for q in range(1, 5)]
            grades.add_row(escape(c), *cells, f"{rating.score.numerator:.2f}", rating.rating.earned.value,
                           f"[{GRADE_STYLE[rating.grade]}]{rating.grade.value}[/]")
        console.print(grades)
    plans = Table(title=f"{y.period.zh}计划与开展（上行：计划日期；下行：已开展/支部数）", header_style="bold")
    plans.add_column("单位", no_wrap=True)
    plans.add_column("计划")
    for m in range(1, 13):
        plans.add_column(f"{m}月", justify="center")
    for p in y.plans:
        if p.submission is None:
            status = "不需报送" if p.is_group else "[red]未报送[/]"
        else:
            status = f"[yellow]逾期{p.late_days}天[/]" if p.late_days else "按时"
        cells = [
            f"{m.planned_on:%m-%d}\n{m.held.numerator}/{m.held.denominator}" if m.planned_on
            else f"\n{m.held.numerator}/{m.held.denominator}"
            for m in p.months
        ]
        plans.add_row(escape(p.unit), status, *cells)
    console.print(plans)
    _list(console, "未报送年度计划", [escape(c) for c in y.missing_plans])
    _list(console, "计划逾期报送", [escape(f"{x.unit}（逾期{x.days}天）") for x in y.late])
    _list(console, "附注：未计入", [escape(f"{x.unit}：{x.why}") for x in y.unmatched])
