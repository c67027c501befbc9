"""Filling the kit's templates the way a committee would, with valid data (for the round trip).

Each filler finds cells by their labels, never by position, so a template that moved a
column is still filled correctly and a template that lost a label fails here loudly.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import date, time

import docx
import openpyxl

from themeday_office.domain.calendar import DistrictCalendar
from themeday_office.domain.roster import Branch
from themeday_office.domain.themes import bundled_themes
from themeday_office.synthetic import SyntheticDistrict

Value = str | int | date | time  # what a fill writes into a form's cell
MARCH_DAY = date(2017, 3, 10)  # the district date of March 2017


def _book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _save(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def label_cells(ws, rows: range) -> dict[str, tuple[int, int]]:
    """Label text -> (row, col) of the cells in `rows` holding text."""
    return {
        str(ws.cell(r, c).value): (r, c)
        for r in rows
        for c in range(1, ws.max_column + 1)
        if isinstance(ws.cell(r, c).value, str)
    }


def set_pairs(ws, rows: range, values: Mapping[str, Value]) -> None:
    """Write each value into the cell right of its label (a header-block or label/value form)."""
    found = label_cells(ws, rows)
    for label, value in values.items():
        r, c = found[label]
        ws.cell(r, c + 1).value = value


def header_columns(ws, row: int) -> dict[str, int]:
    return {str(ws.cell(row, c).value): c for c in range(1, ws.max_column + 1) if ws.cell(row, c).value}


def monthly_row(branch: Branch) -> dict[str, Value]:
    present = max(branch.members - 1, 0)
    return {
        "党支部名称": branch.name,
        "活动日期": MARCH_DAY,
        "开始时间": time(8, 30),
        "结束时间": time(12, 0),
        "活动主题": "学习贯彻全面从严治党要求",
        "开展方式": "支部单独开展",
        "活动地点": "党员活动室",
        "应到人数": branch.members,
        "实到人数": present,
        "请假人数": branch.members - present,
        "列席人数": 0,
        "科级以上领导干部参加人数": 0,
    }


def fill_monthly(data: bytes, committee: str, branches: tuple[Branch, ...], *, header_row: int = 4,
                 changes: dict[str, dict[str, Value]] | None = None) -> bytes:
    """The monthly table for `committee`: every branch held on the district date.
    `changes`: branch name -> values overriding its row (to plant a mistake)."""
    book = _book(data)
    ws = book.worksheets[0]
    set_pairs(ws, range(2, header_row), {"填报单位": committee, "填报月份": "2017年3月", "填报人": "张三",
                                         "联系电话": "0371-63000000", "填报日期": date(2017, 3, 13)})
    cols = header_columns(ws, header_row)
    for n, branch in enumerate(branches, start=1):
        values = {**monthly_row(branch), "序号": n, **(changes or {}).get(branch.name, {})}
        for label, value in values.items():
            ws.cell(header_row + n, cols[label]).value = value
    return _save(book)


def fill_plan(data: bytes, committee: str) -> bytes:
    book = _book(data)
    ws = book.worksheets[0]
    set_pairs(ws, range(2, 5), {"填报单位": committee, "填报人": "张三", "联系电话": "0371-63000000",
                                "填报日期": date(2016, 12, 20)})
    cols = header_columns(ws, 5)
    calendar = DistrictCalendar()
    for month in range(1, 13):
        row = 5 + month
        assert ws.cell(row, cols["月份"]).value == f"{month}月"
        ws.cell(row, cols["活动日期"]).value = calendar.district_date(2017, month)
        ws.cell(row, cols["活动主题"]).value = f"{month}月主题党日：学习党章党规"
        ws.cell(row, cols["开展方式"]).value = "支部单独开展"
        ws.cell(row, cols["活动地点"]).value = "党员活动室"
    return _save(book)


ADJUSTMENT: dict[str, str | date] = {
    "调整月份": "2017年4月",
    "区定日期": date(2017, 4, 14),
    "调整后日期": date(2017, 4, 13),
    "调整原因": "4月14日全镇迎接上级检查",
    "涉及支部": "全部",
    "联系人": "李四",
    "联系电话": "0371-63000000",
    "报备日期": date(2017, 4, 5),
}


def fill_adjustment_xlsx(data: bytes, committee: str) -> bytes:
    book = _book(data)
    ws = book.worksheets[0]
    set_pairs(ws, range(1, ws.max_row + 1), {"申请单位": committee, **ADJUSTMENT})
    return _save(book)


def fill_roster(data: bytes, district: SyntheticDistrict) -> bytes:
    book = _book(data)
    for ws, rows in zip(
        book.worksheets, (district.committee_rows, district.branch_rows, district.group_rows), strict=False
    ):
        cols = header_columns(ws, 1)
        for r, row in enumerate(rows, start=2):
            for label, value in row.items():
                ws.cell(r, cols[label]).value = value
    return _save(book)


def fill_themes(data: bytes) -> bytes:
    book = _book(data)
    ws = book.worksheets[0]
    cols = header_columns(ws, 2)
    row = 3
    for month in bundled_themes()[2017].months:
        for number, item in enumerate(month.items, start=1):
            ws.cell(row, cols["月份"]).value = month.month
            ws.cell(row, cols["日期"]).value = month.day if number == 1 else None
            ws.cell(row, cols["序号"]).value = number
            ws.cell(row, cols["活动内容"]).value = item
            row += 1
    return _save(book)


# ---- Word ---------------------------------------------------------------------------------------


def _doc(data: bytes):
    return docx.Document(io.BytesIO(data))


def _save_doc(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def set_table_values(document, values: dict[str, str]) -> None:
    """Write each value into the cell after its label cell (merged cells counted once)."""
    filled = set()
    for row in document.tables[0].rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                cells.append(cell)
        for label_cell, value_cell in zip(cells[::2], cells[1::2], strict=False):
            label = label_cell.text.strip()
            if label in values:
                value_cell.text = values[label]
                filled.add(label)
    assert filled == set(values), f"labels not found: {set(values) - filled}"


def record_values(committee: str, branch: Branch) -> dict[str, str]:
    present = max(branch.members - 1, 0)
    return {
        "党支部名称": branch.name,
        "所属党(工)委": committee,
        "活动日期": "2017年3月10日",
        "活动时间": "8:30—12:00",
        "活动地点": "党员活动室",
        "活动主题": "学习贯彻全面从严治党要求",
        "开展方式": "支部单独开展",
        "主持人": "王五",
        "记录人": "赵六",
        "应到人数": str(branch.members),
        "实到人数": str(present),
        "请假人数": str(branch.members - present),
        "缺席人员及原因": "无",
        "列席人员": "无",
        "参加的科级以上领导干部": "无",
        "活动内容": "集中学习，交流发言，开展志愿服务。",
    }


def fill_record(data: bytes, committee: str, branch: Branch, **changes: str) -> bytes:
    document = _doc(data)
    set_table_values(document, {**record_values(committee, branch), **changes})
    return _save_doc(document)


def fill_adjustment_docx(data: bytes, committee: str) -> bytes:
    document = _doc(data)
    shown = {k: v if isinstance(v, str) else f"{v.year}年{v.month}月{v.day}日" for k, v in ADJUSTMENT.items()}
    set_table_values(document, {"申请单位": committee, **shown})
    return _save_doc(document)


def fill_summary(data: bytes, committee: str) -> bytes:
    document = _doc(data)
    paragraphs = document.paragraphs
    paragraphs[0].runs[0].text = f"{committee}2017年第一季度“主题党日”活动开展情况总结"
    for p in paragraphs:
        text = p.text
        if text.startswith("（") and text.endswith("）") and "单位名称" not in text:
            p.runs[0].text = "本季度各党支部均按时开展主题党日活动。"
        elif text == "（单位名称）":
            p.runs[0].text = committee
        elif text.endswith("年  月  日"):
            p.runs[0].text = "2017年4月5日"
    return _save_doc(document)
