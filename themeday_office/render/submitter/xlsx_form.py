"""Drawing a fill-in form in a workbook: title, header block, table, formats, hints, dropdowns.

Everything a submitter types goes into a cell that already knows what it takes: a date
format, an input hint shown when the cell is selected (a data-validation prompt), and,
where the form allows only some values, a dropdown. Dropdown items are written inline
when short; long lists go to a hidden sheet, because an inline list longer than 255
characters makes Excel report the file as corrupt.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from openpyxl import Workbook
from openpyxl.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from themeday_office.render.office_text import cell_text, put, sheet_title

DATE_FORMAT = 'yyyy"年"m"月"d"日"'
TIME_FORMAT = "h:mm"
COUNT_FORMAT = "0"
TEXT_FORMAT = "@"

CHOICES_SHEET = "选项"
INLINE_LIST_MAX = 255  # Excel's limit for a list written into the validation itself
PROMPT_MAX, PROMPT_TITLE_MAX = 255, 32  # longer prompts are cut or refused by Excel

# Excel serial numbers: dates 2000-01-01 .. 2099-12-31, times 0:00 .. 23:59.
_FIRST_DAY, _LAST_DAY = "36526", "73050"
_LAST_MINUTE = "0.999305555555556"

TITLE_FONT = Font(name="黑体", size=16)
LABEL_FONT = Font(name="宋体", size=11, bold=True)
BODY_FONT = Font(name="宋体", size=11)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_THIN = Side(style="thin", color="808080")
BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center", wrap_text=True)


@dataclass(frozen=True)
class Field:
    """What one column (or one value cell) of a form takes."""

    label: str
    kind: str = "text"  # text | date | time | count | whole
    hint: str = ""  # the input prompt
    choices: tuple[str, ...] = ()  # a dropdown
    strict: bool = True  # refuse values outside `choices` (else only inform)
    source: str = ""  # a ready dropdown source (a range of another sheet) instead of `choices`
    width: float = 12
    low: int = 0  # for `whole`: the allowed range
    high: int = 0


class FormBook:
    """A workbook being drawn as a form, with its dropdown lists."""

    def __init__(self) -> None:
        self.book = Workbook()
        self.book.remove(self.book.worksheets[0])  # the new workbook's default sheet
        self._choices: Worksheet | None = None
        self._lists: dict[tuple[str, ...], str] = {}

    def sheet(self, name: str) -> Worksheet:
        ws = self.book.create_sheet(sheet_title(name, self.book.sheetnames))
        ws.sheet_view.zoomScale = 100
        return ws

    # ---- dropdowns ----------------------------------------------------------------------

    def list_source(self, items: Sequence[str]) -> str:
        """The validation source of a dropdown of `items`: inline, or a hidden-sheet range."""
        items = tuple(cell_text(i) for i in items)
        inline = ",".join(items)
        if len(inline) + 2 <= INLINE_LIST_MAX and not any("," in i or '"' in i for i in items):
            return f'"{inline}"'
        if items not in self._lists:
            if self._choices is None:
                self._choices = self.book.create_sheet(CHOICES_SHEET)
                self._choices.sheet_state = "hidden"
            column = len(self._lists) + 1
            for row, item in enumerate(items, start=1):
                put(self._choices.cell(row, column), item)
            letter = get_column_letter(column)
            self._lists[items] = f"{quote_sheetname(CHOICES_SHEET)}!${letter}$1:${letter}${len(items)}"
        return self._lists[items]

    # ---- validations and formats ----------------------------------------------------------

    def validate(self, ws: Worksheet, field: Field, cells: str) -> None:
        """Give `cells` (a range like `C5:C104`) the field's hint, dropdown or value rule."""
        dv = _validation(self, field)
        if dv is not None:
            ws.add_data_validation(dv)
            dv.add(cells)

    def style_cells(self, ws: Worksheet, field: Field, cells: Iterable[Cell | MergedCell]) -> None:
        fmt = {"date": DATE_FORMAT, "time": TIME_FORMAT, "count": COUNT_FORMAT, "whole": COUNT_FORMAT}.get(
            field.kind, TEXT_FORMAT
        )
        align = CENTRED if field.kind != "text" else LEFT
        for cell in cells:
            cell.number_format = fmt
            cell.font, cell.border, cell.alignment = BODY_FONT, BOX, align

    # ---- the parts of a form ------------------------------------------------------------

    def title(self, ws: Worksheet, text: str, width: int, row: int = 1) -> None:
        put(ws.cell(row, 1), text)
        ws.cell(row, 1).font, ws.cell(row, 1).alignment = TITLE_FONT, CENTRED
        if width > 1:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        ws.row_dimensions[row].height = 36

    def pair(self, ws: Worksheet, row: int, label_col: int, value_cols: tuple[int, int], field: Field,
             value: object = None) -> None:
        """A header-block pair: a label cell and its (merged) value cell with the field's rules."""
        label = put(ws.cell(row, label_col), field.label)
        label.font, label.alignment = LABEL_FONT, RIGHT
        first, last = value_cols
        if last > first:
            ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
        cell = ws.cell(row, first)
        if value is not None:
            put(cell, value)
        self.style_cells(ws, field, [ws.cell(row, c) for c in range(first, last + 1)])
        cell.alignment = LEFT
        self.validate(ws, field, cell.coordinate)
        ws.row_dimensions[row].height = 30

    def table(self, ws: Worksheet, fields: Sequence[Field], header_row: int, rows: int) -> None:
        """Column headers at `header_row` and `rows` formatted, validated rows under them."""
        for col, field in enumerate(fields, start=1):
            cell = put(ws.cell(header_row, col), field.label)
            cell.font, cell.fill, cell.border, cell.alignment = LABEL_FONT, HEADER_FILL, BOX, CENTRED
            ws.column_dimensions[get_column_letter(col)].width = field.width
        ws.row_dimensions[header_row].height = 42
        if rows <= 0:
            return
        first, last = header_row + 1, header_row + rows
        for r in range(first, last + 1):
            ws.row_dimensions[r].height = 20  # room to read and to print
        for col, field in enumerate(fields, start=1):
            letter = get_column_letter(col)
            self.style_cells(ws, field, (ws.cell(r, col) for r in range(first, last + 1)))
            self.validate(ws, field, f"{letter}{first}:{letter}{last}")

    def print_setup(self, ws: Worksheet, header_rows: str, landscape: bool = True) -> None:
        ws.print_title_rows = header_rows
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        fit = ws.sheet_properties.pageSetUpPr
        assert fit is not None  # openpyxl gives every new worksheet its page setup properties
        fit.fitToPage = True

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.book.save(out)
        return out.getvalue()


def _checked(text: str, limit: int, what: str) -> str:
    # A programming error, not a clerk's: the wording lives in this package.
    if len(text) > limit:
        raise ValueError(f"{what} longer than {limit} characters: {text!r}")
    return text


def _validation(book: FormBook, field: Field) -> DataValidation | None:
    kinds = {
        "count": dict(type="whole", operator="greaterThanOrEqual", formula1="0"),
        "whole": dict(type="whole", operator="between", formula1=str(field.low), formula2=str(field.high)),
        "date": dict(type="date", operator="between", formula1=_FIRST_DAY, formula2=_LAST_DAY),
        "time": dict(type="time", operator="between", formula1="0", formula2=_LAST_MINUTE),
    }
    errors = {
        "count": "请填写不小于 0 的整数。",
        "whole": f"请填写 {field.low} 到 {field.high} 之间的整数。",
        "date": "请填写日期，如 2017-3-10（显示为 2017年3月10日）。",
        "time": "请填写时间，如 8:30。",
    }
    options: dict = {}
    error = ""
    style: Literal["stop", "warning", "information"] = "stop"
    if field.choices or field.source:
        options = dict(type="list", formula1=field.source or book.list_source(field.choices))
        error = "请从下拉列表中选择" + (f"：{'、'.join(field.choices)}。" if field.choices else "。")
        if len(error) > PROMPT_MAX:
            error = "请从下拉列表中选择。"
        style = "stop" if field.strict else "information"
    elif field.kind in kinds:
        options, error = kinds[field.kind], errors[field.kind]
        # Dates and times typed as text (2017年3月10日, 上午) are still read by the kit: warn only.
        style = "warning" if field.kind in ("date", "time") else "stop"
    if not options and not field.hint:
        return None
    dv = DataValidation(allow_blank=True, **options)
    if field.hint:
        dv.showInputMessage = True
        dv.promptTitle = _checked(field.label, PROMPT_TITLE_MAX, "prompt title")
        dv.prompt = _checked(field.hint, PROMPT_MAX, "prompt")
    if error:
        dv.showErrorMessage = True
        dv.errorStyle = style
        dv.errorTitle = _checked(field.label, PROMPT_TITLE_MAX, "error title")
        dv.error = _checked(error, PROMPT_MAX, "error message")
    return dv
