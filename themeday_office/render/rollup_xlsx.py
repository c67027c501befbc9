"""A rollup as a formatted workbook: one sheet per view, the notes, and a bar chart.

Every sheet has a title row, a styled header row and frozen panes; rates are real numbers
in a percent format, so a clerk can sort and sum them. Text a submitter wrote (a branch
name, a reason) goes through `office_text.put`: it can begin with =, +, - or @ and hold
control characters, yet it is written as text that Excel opens, never as a formula.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from themeday_office.render.office_text import put, sheet_title
from themeday_office.render.outbox_file import write_atomically
from themeday_office.rollup import (
    DISTRICT,
    VIEWS,
    Column,
    MonthRollup,
    QuarterRollup,
    Rollup,
    Tally,
    Unmatched,
    YearRollup,
)
from themeday_office.rollup.figures import shown_columns

PERCENT = "0.0%"
SCORE = "0.00"
DATE = "yyyy-mm-dd"

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="9C1F1F")  # the red of the department's documents, darkened
_TOTAL_FONT = Font(bold=True)
_TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
_TITLE_FONT = Font(bold=True, size=14)
_THIN = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_QUARTER_ZH = "一二三四"


def write_rollup_xlsx(r: Rollup, path: Path) -> Path:
    """Write `r` to `path` (xlsx), whole or not at all; returns the path. OutboxWriteError (its
    message in Chinese) when the file cannot be written."""
    book = Workbook()
    book.remove(book.worksheets[0])  # the new workbook's default sheet
    committee_sheet = None
    for view in ("committee", "type", "group"):
        ws = _view_sheet(book, r, view)
        if view == "committee":
            committee_sheet = ws
    if committee_sheet is not None and r.views["committee"]:
        _chart(book, r, committee_sheet)
    if isinstance(r, MonthRollup):
        _month_notes(book, r)
    elif isinstance(r, QuarterRollup):
        _quarter_sheets(book, r)
    elif isinstance(r, YearRollup):
        _year_sheets(book, r)
    out = io.BytesIO()
    book.save(out)
    return write_atomically(Path(path), out.getvalue())


# ---- the views ---------------------------------------------------------------------------


def _view_sheet(book: Workbook, r: Rollup, view: str) -> Worksheet:
    # (header, value of a row, number format) for every column after the unit's name.
    specs: list[tuple[str, Any, str | None]] = [
        (c.zh, lambda key, tally, c=c: _value(c, tally), _format(c)) for c in shown_columns(r.period.kind, view)
    ]
    if any(c.key == "attendance_rate" for c in shown_columns(r.period.kind, view)):
        specs += [
            ("实到合计", lambda key, tally: tally["attendance_rate"].numerator, "0"),
            ("应到合计", lambda key, tally: tally["attendance_rate"].denominator, "0"),
        ]
    if view == "committee":
        specs += [(h, lambda key, tally, fn=fn: fn(key), None) for h, fn in _assessment_headers(r)]
    headers = [VIEWS[view].removeprefix("按"), *(h for h, _, _ in specs)]
    ws = _sheet(book, VIEWS[view], f"{r.period.zh}主题党日开展情况（{VIEWS[view]}）", headers)
    formats = [None, *(fmt for _, _, fmt in specs)]
    for key, tally in [*r.views[view].items(), (DISTRICT, r.district)]:
        _row(ws, [key, *(get(key, tally) for _, get, _ in specs)], formats, total=key == DISTRICT)
    _widths(ws, [24] + [40 if h == "说明" else 11 for h, _, _ in specs])
    return ws


def _assessment_headers(r: Rollup) -> list[tuple[str, Any]]:
    if isinstance(r, QuarterRollup):
        return [("等次", lambda c: r.assessments[c].grade.value if c in r.assessments else None)]
    if isinstance(r, YearRollup):
        cols: list[tuple[str, Any]] = [
            (f"第{_QUARTER_ZH[q - 1]}季度", lambda c, q=q: _quarter_grade(r, c, q)) for q in range(1, 5)
        ]
        cols += [
            ("按得分等次", lambda c: r.ratings[c].rating.earned.value if c in r.ratings else None),
            ("年度等次", lambda c: r.ratings[c].grade.value if c in r.ratings else None),
            ("说明", lambda c: "；".join(r.ratings[c].rating.reasons) if c in r.ratings else None),
        ]
        return cols
    return []


def _quarter_grade(r: YearRollup, committee: str, q: int) -> str | None:
    g = r.ratings[committee].quarters.get(q) if committee in r.ratings else None
    return g.value if g else None


def _value(c: Column, tally: Tally) -> Any:
    f = tally.get(c.key)
    if f is None:
        return None
    if c.ratio:
        return f"{_n(f.numerator)}/{_n(f.denominator)}" if f.denominator else "—"
    return f.rate if c.rate else f.numerator


def _n(x: int | float | None) -> str:
    return f"{x:g}" if isinstance(x, float) else str(x)


def _format(c: Column) -> str | None:
    if c.rate and not c.ratio:
        return PERCENT
    return SCORE if c.key == "score" else "0"


def _chart(book: Workbook, r: Rollup, data_sheet: Worksheet) -> None:
    """开展率 and 参与率 by committee, as a native Excel clustered bar chart."""
    headers = [c.value for c in data_sheet[2]]
    first, last = 3, 2 + len(r.views["committee"])  # committees only, not the district row
    chart = BarChart()
    chart.type = "col"
    chart.grouping = "clustered"
    title = f"{r.period.zh}各党(工)委开展率与参与率"
    chart.title = title
    chart.y_axis.title = "比率"
    chart.y_axis.number_format = "0%"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.x_axis.delete = chart.y_axis.delete = False  # some openpyxl versions hide both axes by default
    chart.height = 9
    # openpyxl takes any number of cm; types-openpyxl types ChartBase.width as int.
    chart.width = max(16, 1.2 * (last - first + 1))  # type: ignore[assignment]
    for label in ("开展率", "参与率"):
        col = headers.index(label) + 1
        chart.add_data(Reference(data_sheet, min_col=col, min_row=2, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(data_sheet, min_col=1, min_row=first, max_row=last))
    ws = book.create_sheet(sheet_title("图表", book.sheetnames))
    put(ws["A1"], title)
    ws["A1"].font = _TITLE_FONT
    ws.add_chart(chart, "A3")


# ---- notes and the period's own sheets ----------------------------------------------------


def _month_notes(book: Workbook, m: MonthRollup, prefix: str = "") -> None:
    ws = _sheet(book, f"{prefix}未报送与逾期", f"{m.period.zh}未报送与逾期报送",
                ["单位", "报表", "情况", "收文日期", "报送期限", "逾期天数", "台账编号"])
    for unit in m.missing:
        _row(ws, [unit, "月度开展情况统计表", "未报送", None, None, None, None])
    for late in m.late:
        _row(ws, [late.unit, late.form, "逾期报送", late.received_on, late.deadline, late.days, late.submission],
             [None, None, None, DATE, DATE, "0", "0"])
    _widths(ws, [24, 20, 10, 12, 12, 10, 10])
    ws = _sheet(book, f"{prefix}未开展支部", f"{m.period.zh}未开展的党支部", ["党(工)委", "党支部", "原因", "台账编号"])
    for gap in m.not_held:
        reason = gap.reason if gap.listed else f"（{gap.reason}）"
        _row(ws, [gap.committee, gap.branch, reason, gap.submission], [None, None, None, "0"])
    _widths(ws, [24, 30, 50, 10])
    ws = _sheet(book, f"{prefix}附注", f"{m.period.zh}附注：已通过文件中未计入的行",
                ["单位", "所填名称", "位置", "原因", "台账编号"])
    for note in m.unmatched:
        _row(ws, [note.unit, note.written, note.place, note.why, note.submission], [None, None, None, None, "0"])
    _widths(ws, [24, 30, 14, 60, 10])


def _quarter_sheets(book: Workbook, q: QuarterRollup) -> None:
    ws = _sheet(book, "逐月开展率", f"{q.period.zh}各党(工)委逐月开展率",
                ["党(工)委", *(f"{m.period.number}月" for m in q.months), "季度"])
    for c, tally in [*q.views["committee"].items(), (DISTRICT, q.district)]:
        values = [c, *(_rate(m, c) for m in q.months), tally["held_rate"].rate]
        _row(ws, values, [None] + [PERCENT] * (len(q.months) + 1), total=c == DISTRICT)
    _widths(ws, [24] + [10] * (len(q.months) + 1))
    ws = _sheet(book, "报送情况", f"{q.period.zh}未报送与逾期报送",
                ["单位", "报表", "期间", "情况", "收文日期", "报送期限", "逾期天数", "台账编号"])
    for m in q.months:
        for unit in m.missing:
            _row(ws, [unit, "月度开展情况统计表", m.period.zh, "未报送", None, None, None, None])
    for unit in q.missing_summaries:
        _row(ws, [unit, "季度总结报告", q.period.zh, "未报送", None, None, None, None])
    for late in q.late:
        _row(ws, [late.unit, late.form, late.period, "逾期报送", late.received_on, late.deadline, late.days,
                  late.submission],
             [None, None, None, None, DATE, DATE, "0", "0"])
    _widths(ws, [24, 20, 12, 10, 12, 12, 10, 10])
    ws = _sheet(book, "未开展支部", f"{q.period.zh}未开展的党支部", ["月份", "党(工)委", "党支部", "原因", "台账编号"])
    for m in q.months:
        for gap in m.not_held:
            reason = gap.reason if gap.listed else f"（{gap.reason}）"
            _row(ws, [m.period.zh, gap.committee, gap.branch, reason, gap.submission],
                 [None, None, None, None, "0"])
    _widths(ws, [12, 24, 30, 50, 10])
    _unmatched_sheet(book, q.period.zh, q.unmatched)


def _year_sheets(book: Workbook, y: YearRollup) -> None:
    headers = ["单位", "计划报送"] + [f"{m}月计划" for m in range(1, 13)] + [f"{m}月开展率" for m in range(1, 13)]
    ws = _sheet(book, "计划与开展", f"{y.period.zh}计划与开展情况（逐月）", headers)
    for p in y.plans:
        status = "未报送" if p.submission is None else (f"逾期{p.late_days}天" if p.late_days else "按时")
        if p.is_group and p.submission is None:
            status = "不需报送"  # never counted missing: see rollup.year
        planned = [m.planned_on for m in p.months]
        rates = [m.held.rate for m in p.months]
        _row(ws, [p.unit, status, *planned, *rates], [None, None] + [DATE] * 12 + [PERCENT] * 12)
    _widths(ws, [26, 10] + [11] * 24)
    ws = _sheet(book, "未报送计划", f"{y.period.zh}未报送年度计划的党(工)委", ["党(工)委"])
    for c in y.missing_plans:
        _row(ws, [c])
    _widths(ws, [30])
    quarters = [f"第{q}季度" for q in _QUARTER_ZH]
    ws = _sheet(book, "逐季等次", f"{y.period.zh}各季度考核",
                ["党(工)委", *(f"{q}得分" for q in quarters), *(f"{q}等次" for q in quarters)])
    for c in y.ratings:
        scores = [q.assessments[c].score.numerator if c in q.assessments else None for q in y.quarters]
        grades = [q.assessments[c].grade.value if c in q.assessments else None for q in y.quarters]
        _row(ws, [c, *scores, *grades], [None] + [SCORE] * 4 + [None] * 4)
    _widths(ws, [24] + [12] * 8)
    _unmatched_sheet(book, y.period.zh, y.unmatched)


def _unmatched_sheet(book: Workbook, period_zh: str, notes: Sequence[Unmatched]) -> None:
    ws = _sheet(book, "附注", f"{period_zh}附注：已通过文件中未计入的行",
                ["单位", "所填名称", "位置", "原因", "台账编号"])
    for x in notes:
        _row(ws, [x.unit, x.written, x.place, x.why, x.submission], [None, None, None, None, "0"])
    _widths(ws, [24, 30, 14, 60, 10])


def _rate(m: MonthRollup, committee: str) -> float | None:
    tally = m.views["committee"].get(committee) if committee != DISTRICT else m.district
    return tally["held_rate"].rate if tally is not None else None


# ---- cells -------------------------------------------------------------------------------


def _sheet(book: Workbook, name: str, title: str, headers: list[str]) -> Worksheet:
    ws = book.create_sheet(sheet_title(name, book.sheetnames))
    put(ws.cell(row=1, column=1), title).font = _TITLE_FONT
    if len(headers) > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    for col, text in enumerate(headers, start=1):
        cell = put(ws.cell(row=2, column=col), text)
        cell.font, cell.fill, cell.alignment, cell.border = _HEADER_FONT, _HEADER_FILL, _CENTRE, _BORDER
    ws.row_dimensions[2].height = 32
    ws.freeze_panes = "B3"  # the title, the header and the unit column stay in view
    # Printed as clerks file it: landscape, one page wide, the header row on every page.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "2:2"
    return ws


def _row(ws: Worksheet, values: list[Any], formats: list[str | None] | None = None, *, total: bool = False) -> None:
    r = ws.max_row + 1
    for col, value in enumerate(values, start=1):
        cell = ws.cell(row=r, column=col)
        put(cell, value)
        fmt = formats[col - 1] if formats and col - 1 < len(formats) else None
        if fmt and isinstance(value, (int, float, date)):
            cell.number_format = fmt
        cell.border = _BORDER
        if total:
            cell.font, cell.fill = _TOTAL_FONT, _TOTAL_FILL


def _widths(ws: Worksheet, widths: Sequence[float]) -> None:
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
