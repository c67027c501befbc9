"""Return packages as workbooks drawn with openpyxl: the 错误清单 sheet first, the bad cells
filled and commented.

The submitter's own xlsx is marked by editing its parts (own_workbook.py), and an xls, ods or
WPS sheet is rebuilt as a new xlsx (converted_workbook.py); this is the way for an xlsx those
parts are laid out too oddly for (loaded whole, so only a small one), and for the list alone.
Marks left by an earlier package are cleared first, so a file returned twice shows only what
is wrong now.
"""

from __future__ import annotations

import io
import math
from collections import defaultdict

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from themeday_office.render.office_text import comment_text, put
from themeday_office.render.submitter.error_list import (
    FIX_THIS_WORKBOOK,
    FIX_UNREAD_FILE,
    ListedMessage,
    ReturnNotice,
)
from themeday_office.render.submitter.places import SheetCell
from themeday_office.render.submitter.xlsx_form import BOX, HEADER_FILL, LABEL_FONT

LIST_SHEET = "错误清单"
MARK_AUTHOR = "区委组织部审核"  # the comments' author: how a later package finds its own marks
ERROR_COLOUR, HINT_COLOUR = "FFC7CE", "FFEB9C"  # Excel's own "bad" and "neutral" fills
_FILLS = {True: PatternFill("solid", fgColor=ERROR_COLOUR), False: PatternFill("solid", fgColor=HINT_COLOUR)}
_WRAP = Alignment(vertical="top", wrap_text=True)


def open_own_workbook(data: bytes) -> openpyxl.Workbook | None:
    """The submitter's xlsx as openpyxl reads it, or None when openpyxl cannot.

    openpyxl refuses some files Excel and the kit's reader open (unusual styles, odd
    relationships) and raises many kinds of exception doing so; the package then falls
    back to a workbook rebuilt from what the reader saw.
    """
    try:
        return openpyxl.load_workbook(io.BytesIO(data), keep_vba=False, keep_links=False)
    except Exception:  # noqa: BLE001 - see above
        return None


def annotate_workbook(book: openpyxl.Workbook, notice: ReturnNotice) -> bytes:
    """The submitter's own workbook with its bad cells marked and the 错误清单 sheet first.

    Formulas stay formulas: openpyxl drops their cached results, but it also tells Excel
    and WPS to recalculate on opening, and a submitter opens the file to fix it.
    """
    if LIST_SHEET in book.sheetnames:
        book.remove(book[LIST_SHEET])  # the list of an earlier return: replaced below
    for ws in book.worksheets:
        _clear_marks(ws)
    found = mark_cells(book, notice.messages, {ws.title: ws.title for ws in book.worksheets})
    add_error_list(book, notice, found, FIX_THIS_WORKBOOK)
    return _save(book)


def error_list_workbook(notice: ReturnNotice) -> bytes:
    """A workbook of the 错误清单 alone: for files the kit could not read."""
    book = openpyxl.Workbook()
    book.remove(book.worksheets[0])  # the new workbook's default sheet
    add_error_list(book, notice, {}, FIX_UNREAD_FILE)
    return _save(book)


# ---- marks --------------------------------------------------------------------------------------


def mark_cells(book: openpyxl.Workbook, messages: tuple[ListedMessage, ...],
               titles: dict[str, str]) -> dict[int, str]:
    """Fill and comment every cell a message points at; message number -> `sheet!cell` marked.

    `titles` maps sheet names as the places spell them to the book's sheet titles.
    """
    by_cell: dict[tuple[str, int, int], list[ListedMessage]] = defaultdict(list)
    for m in messages:
        target = m.target
        if isinstance(target, SheetCell) and target.sheet in titles:
            ws = book[titles[target.sheet]]
            row, col = _merge_origin(ws, target.row, target.col)
            by_cell[(ws.title, row, col)].append(m)
    found: dict[int, str] = {}
    for (title, row, col), ms in by_cell.items():
        ws = book[title]
        cell = ws.cell(row, col)
        cell.fill = _FILLS[any(m.is_error for m in ms)]
        text = "\n".join(f"{m.severity}：{m.text}" for m in ms)
        if cell.comment is not None and cell.comment.author != MARK_AUTHOR:
            text += f"\n——原批注：{cell.comment.text}"
        lines = sum(math.ceil(max(len(line), 1) / 16) for line in text.split("\n"))
        cell.comment = Comment(comment_text(text), MARK_AUTHOR, height=max(60, 18 * lines), width=260)
        for m in ms:
            found[m.number] = f"{quote_sheetname(title)}!{cell.coordinate}"
    return found


def _merge_origin(ws: Worksheet, row: int, col: int) -> tuple[int, int]:
    # A merged range holds its value and comment in its top-left cell only.
    for rng in ws.merged_cells.ranges:
        if rng.min_row <= row <= rng.max_row and rng.min_col <= col <= rng.max_col:
            return rng.min_row, rng.min_col
    return row, col


def _clear_marks(ws: Worksheet) -> None:
    ours = {ERROR_COLOUR, HINT_COLOUR}
    for cell in list(ws._cells.values()):  # only the cells that exist; iter_rows would create the rest
        if cell.comment is not None and cell.comment.author == MARK_AUTHOR:
            cell.comment = None
            if cell.fill.fill_type == "solid" and str(cell.fill.fgColor.rgb)[-6:] in ours:
                cell.fill = PatternFill(fill_type=None)


# ---- the list ------------------------------------------------------------------------------------


def add_error_list(book: openpyxl.Workbook, notice: ReturnNotice, found: dict[int, str], advice: str) -> Worksheet:
    """The 错误清单 as the first, active sheet; a place that was marked links to its cell."""
    ws = book.create_sheet(LIST_SHEET, 0)
    for other in book.worksheets[1:]:
        other.sheet_view.tabSelected = False
    book.active = 0
    ws.sheet_view.tabSelected = True
    for letter, width in zip("ABCD", (6, 8, 18, 90), strict=False):
        ws.column_dimensions[letter].width = width
    put(ws.cell(1, 1), LIST_SHEET).font = Font(name="黑体", size=16)
    row = 2
    for label, value in notice.intro():
        put(ws.cell(row, 1), f"{label}：").font = LABEL_FONT
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=4)
        put(ws.cell(row, 3), value).alignment = _WRAP
        row += 1
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
    put(ws.cell(row, 1), advice).alignment = _WRAP
    ws.row_dimensions[row].height = 48
    header = row + 2
    for col, text in enumerate(("序号", "级别", "位置", "说明"), start=1):
        cell = put(ws.cell(header, col), text)
        cell.font, cell.fill, cell.border = LABEL_FONT, HEADER_FILL, BOX
    for offset, m in enumerate(notice.messages, start=1):
        r = header + offset
        put(ws.cell(r, 1), m.number)
        put(ws.cell(r, 2), m.severity).fill = _FILLS[m.is_error]
        place = put(ws.cell(r, 3), m.place or "（全文件）")
        if m.number in found:
            place.hyperlink = Hyperlink(ref=place.coordinate, location=found[m.number])
            place.font = Font(color="0563C1", underline="single")
        put(ws.cell(r, 4), m.text)
        for col in range(1, 5):
            ws.cell(r, col).border = BOX
            ws.cell(r, col).alignment = _WRAP
    if not notice.messages:
        put(ws.cell(header + 1, 4), "审核时未发现问题；退回原因见上方“退回理由”。")
    ws.freeze_panes = ws.cell(header + 1, 1)
    return ws


# ---- helpers -------------------------------------------------------------------------------------


def _save(book: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
