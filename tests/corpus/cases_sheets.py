"""The other spreadsheets: year plans, adjustment filings sent as xlsx, and the roster itself."""

from __future__ import annotations

from datetime import date

from tests.corpus.build import SheetSpec, book_of, xlsx_of
from tests.corpus.case import APRIL, DISTRICT, GENERATOR, GY, LIBREOFFICE, OPENPYXL, XC, Registry, ok, rejected
from themeday_office.synthetic import month_of, plan_of, write_adjustment_xlsx, write_plan_xlsx, write_roster_xlsx

cases = Registry()

PLAN_ARRIVED = date(2016, 12, 20)  # before the 12-30 deadline
ZONE_GROUP = "开发区党建协作组"


@cases.add("roster.xlsx", GENERATOR, ("the department's own roster: a table to import, not a submission",),
           ok("roster", "", "", compliant=0, messages=(("department_table", "", "themeday roster import"),)))
def _(tools):
    return tools.written(write_roster_xlsx, DISTRICT, suffix=".xlsx")


# ---- year plans -----------------------------------------------------------------------------


@cases.add("plan-perfect.xlsx", GENERATOR, ("perfect plan: whole model asserted", "填报单位：… 填报人：… in one row"),
           ok("plan", XC, "2017", compliant=0), arrived=PLAN_ARRIVED)
def _(tools):
    return tools.written(write_plan_xlsx, plan_of(DISTRICT, XC, 2017), suffix=".xlsx")


@cases.add("plan-group.xlsx", GENERATOR, ("a cooperation group's plan: every month 联建共建 with its towns",),
           ok("plan", ZONE_GROUP, "2017", compliant=0), arrived=PLAN_ARRIVED)
def _(tools):
    return tools.written(write_plan_xlsx, plan_of(DISTRICT, ZONE_GROUP, 2017), suffix=".xlsx")


@cases.add("plan-lo-resaved.xlsx", LIBREOFFICE, ("a plan saved by LibreOffice",),
           ok("plan", GY, "2017", compliant=0), arrived=PLAN_ARRIVED)
def _(tools):
    return tools.lo.convert(
        tools.written(write_plan_xlsx, plan_of(DISTRICT, GY, 2017), suffix=".xlsx"), ".xlsx", "xlsx"
    )


@cases.add(
    "plan-variants-errors.xlsx",
    OPENPYXL,
    (
        "月份 as 1, 2月, 三月, 4月份",
        "dates as cells, text, 3月10日, 2017.4.14",
        "开展方式 merged over four months",
        "a month missing",
        "a month twice",
        "a date moved within the week (提示) and beyond it (错误)",
        "联建共建 without 联建单位",
        "arrived after 12-30",
    ),
    rejected(
        "plan",
        XC,
        "2017",
        ("plan_month_missing", "计划表", "5月"),
        ("plan_month_duplicate", "计划表!A9", "另见计划表!A8"),
        ("plan_date_adjusted", "计划表!B10", "须报区委组织部备案"),
        ("plan_date_outside_window", "计划表!B11"),
        ("partner_missing", "计划表!F13"),
        findings=(("late_arrival", ""),),
    ),
)
def _(tools):
    theme = "学习贯彻党的十八届六中全会精神"
    months = [
        (1, date(2017, 1, 13)), ("2月", "2017年2月10日"), ("三月", "3月10日"), ("4月份", "2017.4.14"),
        ("6月", date(2017, 6, 9)), ("6月", date(2017, 6, 9)), ("7月", date(2017, 7, 18)), ("8月", date(2017, 8, 25)),
        ("9月", date(2017, 9, 8)), ("10月", date(2017, 10, 13)), ("11月", date(2017, 11, 10)),
        ("12月", date(2017, 12, 8)),
    ]  # fmt: skip
    sheet = SheetSpec("计划表", merges=["A1:H1", "E4:E7"])
    sheet.add(
        ["2017年“主题党日”活动计划表"],
        ["填报单位：新城街道党工委（盖章）", None, None, None, "填报日期：2016年12月20日"],
        ["月份", "活动日期", "活动主题", "指导性主题序号", "开展方式", "联建单位", "活动地点", "备注"],
    )
    for k, (month, day) in enumerate(months):
        mode = "支部单独开展" if k == 0 else None if k < 4 else "联建共建" if month == "10月" else "支部单独开展"
        sheet.add([month, day, theme, None, mode, None, "新城街道党群服务中心"])
    sheet.add([], ["填报人：王丽", None, None, "联系电话：13803710001"])
    return xlsx_of(book_of(sheet))


# ---- adjustment filings as workbooks ----------------------------------------------------------


@cases.add("adjustment-perfect.xlsx", GENERATOR, ("perfect adjustment sent as a workbook of label | value rows",),
           ok("adjustment", XC, "2017-04", compliant=0))
def _(tools):
    adjustment = month_of(DISTRICT, XC, APRIL, adjusted=True).adjustment
    return tools.written(write_adjustment_xlsx, adjustment, suffix=".xlsx")


@cases.add("adjustment-lo.xls", LIBREOFFICE,
           ("adjustment as an .xls saved by LibreOffice", "four columns: two label | value pairs a row",
            "labels in merged cells", "涉及支部 a 、 list"),
           ok("adjustment", GY, "2017-04", compliant=0))
def _(tools):
    sheet = SheetSpec("备案表", merges=["A1:F1", "A2:B2", "A3:B3", "A4:B4", "A5:B5", "C5:F5", "A6:B6", "C6:F6"])
    sheet.add(
        ["主题党日活动调整日期备案表"],
        ["申请单位", None, GY, "调整月份", "2017年4月"],
        ["区定日期", None, "2017年4月14日", "调整后日期", "2017年4月18日"],
        ["联系人", None, "李娜", "联系电话", "0371-63331234"],
        ["调整原因", None, "当日组织党员参加全区集中培训"],
        ["涉及支部", None, "大河村党支部、古荥村党支部"],
        ["报备日期", None, "2017年4月7日"],
    )
    return tools.lo.convert(xlsx_of(book_of(sheet)), ".xlsx", "xls")
