"""The spreadsheet templates: monthly table, year plan, adjustment filing, roster, themes.

Labels are exactly those of forms.md (a label the domain does not know is a bug caught
when the template is drawn). Header-block pairs sit five columns apart: the reader takes
the first text within four columns right of a label as its value, so a blank value must
not be followed closely by the next label.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.utils import get_column_letter, quote_sheetname

from themeday_office.domain.forms import (
    ADJUSTMENT_LABELS,
    MONTHLY_COLUMNS,
    MONTHLY_HEADER_LABELS,
    PLAN_COLUMNS,
    PLAN_HEADER_LABELS,
)
from themeday_office.domain.labels import Label, match_label
from themeday_office.domain.roster import (
    BRANCH_LABELS,
    BRANCH_SHEET,
    COMMITTEE_LABELS,
    COMMITTEE_SHEET,
    GROUP_LABELS,
    GROUP_SHEET,
    Branch,
)
from themeday_office.domain.themes_table import THEMES_COLUMNS
from themeday_office.domain.values.choices import ActivityMode, BranchType
from themeday_office.render.office_text import put
from themeday_office.render.submitter.xlsx_form import BOX, LABEL_FONT, LEFT, Field, FormBook

MODES = tuple(m.value for m in ActivityMode)
BRANCH_TYPES = tuple(t.value for t in BranchType)
COMMITTEE_CATEGORIES = ("镇", "街道", "区直机关", "开发区")
GENERIC_ROWS = 100  # rows drawn for a committee whose branches the template does not know
# Hints the plan and the monthly report give alike (one wording for the clerk in both templates).
THEME_NUMBER_HINT = "采用全区指导性主题的，填写其序号，多个用“、”分隔，如 1、4；自行设计的主题不填。"
MODE_HINT = "从下拉列表选择。联建共建的须填写联建单位。"
PARTNER_HINT = "开展方式为联建共建时必填。"

MONTHLY_SHEET, PLAN_SHEET, ADJUSTMENT_SHEET, THEMES_SHEET = "月报", "计划表", "备案表", "指导性主题"

_UNIT = Field("填报单位", hint="填写本单位全称，与组织名册一致，如 古荥镇党委。")
_FILLED_BY = Field("填报人")
_PHONE = Field("联系电话", hint="手机或办公电话。")
_FILLED_ON = Field("填报日期", "date", hint="如 2017-3-13。")


def _known(fields: Sequence[Field], labels: Sequence[Label]) -> Sequence[Field]:
    # The template must say exactly what the reader looks for.
    for field in fields:
        if match_label(field.label, labels) != field.label:
            raise ValueError(f"template label {field.label!r} is not a canonical label of its form")
    return fields


# ---- 月度开展情况统计表 ------------------------------------------------------------------------

def monthly_fields(branches: Sequence[Branch] = (), book: FormBook | None = None) -> list[Field]:
    branch = Field(
        "党支部名称", width=28, hint="填写组织名册中的党支部全称，每个党支部一行；本月未开展活动的支部也要填写。"
    )
    if branches and book is not None:
        branch = Field(
            "党支部名称", width=28, source=book.list_source([b.name for b in branches]),
            hint="已按组织名册列出本单位全部党支部，请勿增删或改名；本月未开展活动的支部在“未开展原因”栏说明。",
        )
    return list(
        _known(
            [
                Field("序号", "count", width=6),
                branch,
                Field(
                    "活动日期",
                    "date",
                    width=16,
                    hint="本月主题党日的日期，如 2017-3-10。本月未开展的不填，并在“未开展原因”栏说明。",
                ),
                Field("开始时间", "time", width=10, hint="如 8:30；下午 2 点半填 14:30。"),
                Field("结束时间", "time", width=10, hint="如 12:00。活动时长应不少于半天。"),
                Field("活动主题", width=32, hint="本次活动的主题。"),
                Field(
                    "指导性主题序号",
                    width=12,
                    hint=THEME_NUMBER_HINT,
                ),
                Field("开展方式", width=14, choices=MODES, hint=MODE_HINT),
                Field("联建单位", width=20, hint=PARTNER_HINT),
                Field("活动地点", width=20),
                Field("应到人数", "count", width=8, hint="本支部正式党员和预备党员人数；列席人员不计入。"),
                Field("实到人数", "count", width=8, hint="不得大于应到人数。"),
                Field("请假人数", "count", width=8, hint="实到人数加请假人数不得大于应到人数。"),
                Field(
                    "列席人数", "count", width=8, hint="入党积极分子、发展对象、流动党员等列席人数，不计入应到人数。"
                ),
                Field(
                    "科级以上领导干部参加人数",
                    "count",
                    width=12,
                    hint="以普通党员身份参加本支部活动的科级以上领导干部人数。",
                ),
                Field("未开展原因", width=24, hint="本月未开展活动的，说明原因。"),
                Field("备注", width=16),
            ],
            MONTHLY_COLUMNS,
        )
    )


def monthly_title(year: int | None) -> str:
    return f"{year}年　　月份“主题党日”活动开展情况统计表" if year else "“主题党日”活动开展情况统计表"


def monthly_workbook(year: int | None, committee: str | None = None, branches: Sequence[Branch] = ()) -> bytes:
    """The monthly table; for a committee, its branches listed one row each with 应到人数 filled in."""
    book = FormBook()
    ws = book.sheet(MONTHLY_SHEET)
    fields = monthly_fields(branches, book)
    width = len(fields)  # 17 columns, A..Q
    book.title(ws, monthly_title(year), width)
    month = Field("填报月份", hint="如 2017年3月。")
    _known([_UNIT, month, _FILLED_BY, _PHONE, _FILLED_ON], MONTHLY_HEADER_LABELS)
    book.pair(ws, 2, 2, (3, 6), _UNIT, committee)
    book.pair(ws, 2, 7, (8, 11), month)
    book.pair(ws, 2, 12, (13, 17), _FILLED_ON)
    book.pair(ws, 3, 2, (3, 6), _FILLED_BY)
    book.pair(ws, 3, 7, (8, 11), _PHONE)
    header = 4
    book.table(ws, fields, header, len(branches) or GENERIC_ROWS)
    col = {f.label: i for i, f in enumerate(fields, start=1)}
    for n, branch in enumerate(branches, start=1):
        row = header + n
        put(ws.cell(row, col["序号"]), n)
        put(ws.cell(row, col["党支部名称"]), branch.name)
        put(ws.cell(row, col["应到人数"]), branch.members)  # a hint: the roster's count, to be checked
    ws.freeze_panes = ws.cell(header + 1, 3).coordinate
    book.print_setup(ws, f"1:{header}")
    return book.to_bytes()


# ---- 年度计划表 --------------------------------------------------------------------------------

PLAN_FIELDS = _known(
    [
        Field("月份", width=8),
        Field(
            "活动日期",
            "date",
            width=16,
            hint="计划开展日期。全区主题党日为每月第二个星期五；调整日期的须在前后一周之内，届时报区委组织部备案。",
        ),
        Field("活动主题", width=40),
        Field(
            "指导性主题序号",
            width=12,
            hint=THEME_NUMBER_HINT,
        ),
        Field("开展方式", width=14, choices=MODES, hint=MODE_HINT),
        Field("联建单位", width=24, hint=PARTNER_HINT),
        Field("活动地点", width=24),
        Field("备注", width=16),
    ],
    PLAN_COLUMNS,
)


def plan_title(year: int | None) -> str:
    return f"{year}年“主题党日”活动计划表" if year else "“主题党日”活动计划表"


def plan_workbook(year: int | None) -> bytes:
    """The year plan: one row per month, the months written in."""
    book = FormBook()
    ws = book.sheet(PLAN_SHEET)
    book.title(ws, plan_title(year), len(PLAN_FIELDS))
    unit = Field("填报单位", hint="党(工)委或党建协作组全称。")
    year_field = Field("年度", "whole", hint="计划所属年度，如 2017。", low=2000, high=2099)
    _known([unit, year_field, _FILLED_BY, _PHONE, _FILLED_ON], PLAN_HEADER_LABELS)
    book.pair(ws, 2, 1, (2, 5), unit)
    book.pair(ws, 2, 6, (7, 8), year_field, year)
    book.pair(ws, 3, 1, (2, 5), _FILLED_BY)
    book.pair(ws, 3, 6, (7, 8), _PHONE)
    book.pair(ws, 4, 1, (2, 5), _FILLED_ON)
    header = 5
    book.table(ws, PLAN_FIELDS, header, 12)
    ws.column_dimensions["A"].width = 10  # wide enough for the header block's labels too
    for month in range(1, 13):
        put(ws.cell(header + month, 1), f"{month}月")
    ws.freeze_panes = ws.cell(header + 1, 2).coordinate
    book.print_setup(ws, f"1:{header}")
    return book.to_bytes()


# ---- 调整日期备案表 (the workbook variant) --------------------------------------------------------

ADJUSTMENT_FIELDS = _known([
    Field("申请单位", hint="本党(工)委全称，与组织名册一致。"),
    Field("调整月份", hint="如 2017年4月。"),
    Field("区定日期", "date", hint="本月全区主题党日日期（每月第二个星期五）。"),
    Field("调整后日期", "date", hint="须在区定日期前后一周之内；本单位所有党支部同日开展。"),
    Field("调整原因", hint="说明调整日期的特殊原因。"),
    Field("涉及支部", hint="全部党支部调整的填“全部”；部分支部的，写明支部名称，用“、”分隔。"),
    Field("联系人"),
    Field("联系电话", hint="手机或办公电话。"),
    Field("报备日期", "date", hint="如 2017-4-5。须在区定日期之前报备。"),
], ADJUSTMENT_LABELS)
ADJUSTMENT_TITLE = "主题党日活动调整日期备案表"


def adjustment_workbook() -> bytes:
    """The adjustment filing as label / value rows."""
    book = FormBook()
    ws = book.sheet(ADJUSTMENT_SHEET)
    book.title(ws, ADJUSTMENT_TITLE, 2)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 16, 56
    for row, field in enumerate(ADJUSTMENT_FIELDS, start=2):
        label = put(ws.cell(row, 1), field.label)
        label.font, label.border, label.alignment = LABEL_FONT, BOX, LEFT
        book.style_cells(ws, field, [ws.cell(row, 2)])
        ws.cell(row, 2).alignment = LEFT
        book.validate(ws, field, ws.cell(row, 2).coordinate)
        ws.row_dimensions[row].height = 48 if field.label in ("调整原因", "涉及支部") else 24
    book.print_setup(ws, "1:1", landscape=False)
    return book.to_bytes()


# ---- 组织名册 (the department's own) -------------------------------------------------------------

def roster_workbook() -> bytes:
    """The roster's three sheets; committee and group names picked from the other sheets."""
    book = FormBook()
    committees, branches, groups = book.sheet(COMMITTEE_SHEET), book.sheet(BRANCH_SHEET), book.sheet(GROUP_SHEET)
    committee_names = f"{quote_sheetname(COMMITTEE_SHEET)}!$A$2:$A$201"
    group_names = f"{quote_sheetname(GROUP_SHEET)}!$A$2:$A$51"
    sheets = (
        (
            committees,
            200,
            _known(
                [
                    Field("名称", width=36, hint="党(工)委全称，如 古荥镇党委。"),
                    Field(
                        "类别",
                        width=12,
                        choices=COMMITTEE_CATEGORIES,
                        strict=False,
                        hint="镇、街道、区直机关、开发区等；可从下拉列表选择，也可填写其他类别。",
                    ),
                    Field(
                        "所属协作组",
                        width=24,
                        source=group_names,
                        strict=False,
                        hint="区直机关或开发区所属的党建协作组。",
                    ),
                    Field("联系人", width=10),
                    Field("联系电话", width=16),
                ],
                COMMITTEE_LABELS,
            ),
        ),
        (
            branches,
            1000,
            _known(
                [
                    Field("支部名称", width=36, hint="党支部全称。"),
                    Field(
                        "所属党(工)委",
                        width=36,
                        source=committee_names,
                        hint="从下拉列表选择（列表来自“党(工)委”工作表）。",
                    ),
                    Field("支部类型", width=12, choices=BRANCH_TYPES, hint="从下拉列表选择。"),
                    Field("党员人数", "count", width=10, hint="正式党员和预备党员人数。"),
                    Field("书记", width=10),
                ],
                BRANCH_LABELS,
            ),
        ),
        (
            groups,
            50,
            _known(
                [
                    Field("协作组名称", width=26),
                    Field("牵头单位", width=24, source=committee_names, strict=False, hint="从下拉列表选择。"),
                    Field("成员单位", width=60, hint="党(工)委名称，用“、”分隔。"),
                    Field("联建镇(街道)", width=30, hint="与本协作组联建的镇、街道党(工)委名称，用“、”分隔。"),
                ],
                GROUP_LABELS,
            ),
        ),
    )
    for ws, rows, fields in sheets:
        book.table(ws, fields, 1, rows)
        ws.freeze_panes = "A2"
        book.print_setup(ws, "1:1", landscape=False)
    return book.to_bytes()


# ---- 年度指导性主题 -----------------------------------------------------------------------------

THEMES_FIELDS = _known([
    Field("月份", "whole", width=8, hint="1 到 12。", low=1, high=12),
    Field("日期", "date", width=16, hint="该月全区主题党日日期，如 2017-1-13；每月填在第一项即可。"),
    Field("序号", "whole", width=8, hint="该月主题的序号，从 1 起。", low=1, high=99),
    Field("活动内容", width=64, hint="一行一项主题。"),
], THEMES_COLUMNS)


def themes_title(year: int | None) -> str:
    return f"{year}年“主题党日”活动指导性主题" if year else "“主题党日”活动指导性主题"


def themes_workbook(year: int | None) -> bytes:
    book = FormBook()
    ws = book.sheet(THEMES_SHEET)
    book.title(ws, themes_title(year), len(THEMES_FIELDS))
    book.table(ws, THEMES_FIELDS, 2, 120)
    ws.freeze_panes = "A3"
    book.print_setup(ws, "1:2", landscape=False)
    return book.to_bytes()


def column_of(fields: Sequence[Field], label: str) -> str:
    """The column letter of a label in a table drawn from `fields` (for tests and fillers)."""
    return get_column_letter(1 + [f.label for f in fields].index(label))


__all__ = [
    "ADJUSTMENT_FIELDS",
    "ADJUSTMENT_TITLE",
    "PLAN_FIELDS",
    "THEMES_FIELDS",
    "adjustment_workbook",
    "column_of",
    "monthly_fields",
    "monthly_title",
    "monthly_workbook",
    "plan_title",
    "plan_workbook",
    "roster_workbook",
    "themes_title",
    "themes_workbook",
]
