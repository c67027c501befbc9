"""月度开展情况统计表 cases: every layout of DESIGN.md §2, every value shape, every row of the
table "Data errors, compliance findings, and what counts" a monthly table can show.

Hand-made sheets (OPENPYXL) share one layout unless a case says otherwise:

    row 1   title, merged A1:Q1
    row 2   填报单位 | 新城街道党工委 | | 填报月份 | 2017年3月 | | 填报人 | 王丽 | | 联系电话 | 13803710001
    row 3   the header, forms.md's columns in order (FORMS_COLUMNS)
    row 4+  one row per branch of 新城街道党工委 (XC_BRANCHES), held on 2017-03-10, 8:30-12:00

so a branch's cells are at A..Q of row 4 + its index: 党支部名称 B, 活动日期 C, 开始时间 D,
结束时间 E, 活动主题 F, 指导性主题序号 G, 开展方式 H, 联建单位 I, 活动地点 J, 应到人数 K, 实到人数 L,
请假人数 M, 列席人数 N, 科级以上领导干部参加人数 O, 未开展原因 P, 备注 Q.
"""

from __future__ import annotations

from datetime import date, time

from tests.corpus.build import SheetSpec, book_of, minimal_xlsx, sheet_xml_edit, with_marker, xlsx_of
from tests.corpus.case import (
    DISTRICT,
    GENERATOR,
    GY,
    HAND_XML,
    JT,
    LIBREOFFICE,
    MARCH,
    OPENPYXL,
    XC,
    Registry,
    ok,
    rejected,
)  # fmt: skip
from tests.readers.craft import as_wps
from themeday_office.synthetic import Layout, Mistake, month_of, write_monthly_xls, write_monthly_xlsx

cases = Registry()

TITLE = "2017年3月份“主题党日”活动开展情况统计表"
# 新城街道党工委's branches and their members, as the roster has them (checked by make_corpus).
XC_BRANCHES = (
    ("新城街道机关党支部", 12), ("岗田社区党支部", 28), ("美庙社区党支部", 17), ("丰乐社区党支部", 32),
    ("岗塘社区党支部", 27), ("小岭社区党支部", 19), ("瑞寿社区党支部", 26),
)  # fmt: skip
FORMS_COLUMNS = (
    "序号", "党支部名称", "活动日期", "开始时间", "结束时间", "活动主题", "指导性主题序号", "开展方式", "联建单位",
    "活动地点", "应到人数", "实到人数", "请假人数", "列席人数", "科级以上领导干部参加人数", "未开展原因", "备注",
)  # fmt: skip
BLOCK = ["填报单位", XC, None, "填报月份", "2017年3月", None, "填报人", "王丽", None, "联系电话", "13803710001"]
PARTNER = "区直机关第一党建协作组"  # the group 新城街道党工委 pairs with


def xc_row(i: int, **changes: object) -> dict[str, object]:
    """Branch `i` of 新城街道党工委 as a perfect row, with `changes` by label."""
    name, members = XC_BRANCHES[i]
    row: dict[str, object] = {
        "序号": i + 1, "党支部名称": name, "活动日期": date(2017, 3, 10), "开始时间": time(8, 30),
        "结束时间": time(12, 0), "活动主题": "为老年人义务理发", "指导性主题序号": 2, "开展方式": "支部单独开展",
        "联建单位": None, "活动地点": name.removesuffix("党支部") + "党群服务中心", "应到人数": members,
        "实到人数": members - 1, "请假人数": 1, "列席人数": 0, "科级以上领导干部参加人数": 0, "未开展原因": None,
        "备注": None,
    }  # fmt: skip
    row.update(changes)
    return row


def xc_rows(changes: dict[int, dict[str, object]] | None = None) -> list[dict[str, object]]:
    changes = changes or {}
    return [xc_row(i, **changes.get(i, {})) for i in range(len(XC_BRANCHES))]


def table(columns, rows: list[dict[str, object]]) -> list[list[object]]:
    """The header row and data rows; a column is a label, or (header text, label) when written
    otherwise, or (header text, None) for a column no form has (its values keyed by the text)."""
    pairs = [(c, c) if isinstance(c, str) else c for c in columns]
    head = [text for text, _ in pairs]
    return [head] + [[row.get(label if label else text) for text, label in pairs] for row in rows]


def standard(rows: list[dict[str, object]], columns=FORMS_COLUMNS, *, block=BLOCK, name: str = "月报") -> SheetSpec:
    sheet = SheetSpec(name, merges=["A1:Q1"])
    sheet.add([TITLE], block, *table(columns, rows))
    return sheet


def generated(tools, committee: str, layout: Layout, mistakes=(), writer=write_monthly_xlsx, suffix=".xlsx") -> bytes:
    return tools.written(writer, month_of(DISTRICT, committee, MARCH, mistakes=mistakes), suffix=suffix, layout=layout)


# ---- perfect files and the generator's layouts ----------------------------------------------


@cases.add("monthly-perfect.xlsx", GENERATOR, ("perfect monthly: whole model asserted", "header block label | value"),
           ok("monthly", JT, "2017-03", compliant=2))
def _(tools):
    return generated(tools, JT, Layout.plain())


@cases.add("monthly-layout-grouped-header.xlsx", GENERATOR,
           ("two-row header under merged 参加人数", "header cells with line breaks and （人）", "序号 and 备注 columns",
            "merged title", "time text 8:30"),
           ok("monthly", XC, "2017-03", compliant=7))
def _(tools):
    layout = Layout(sheet_name="统计表", merged_title=True, sequence=True, remarks=True, units=True,
                    line_breaks=True, grouped_header=True, time_cells=False)
    return generated(tools, XC, layout)


@cases.add("monthly-layout-inline-header.xlsx", GENERATOR,
           ("填报单位：…（盖章） in one cell", "columns reordered (counts first)", "one 活动时间 column 8:30—12:00",
            "date text 2017年3月10日", "合计 row", "signature line under the table"),
           ok("monthly", XC, "2017-03", compliant=7))
def _(tools):
    layout = Layout(sheet_name="月报", merged_title=True, header_inline=True, order="counts_first", time_range=True,
                    dash="—", date_style="text", totals_row=True, signature=True)
    return generated(tools, XC, layout)


@cases.add("monthly-layout-instructions-sheet.xlsx", GENERATOR,
           ("a 填表说明 sheet before the data sheet", "columns reordered (place early)", "date 2017.3.10",
            "range 8:30至12:00", "full-width counts ３０"),
           ok("monthly", XC, "2017-03", compliant=7))
def _(tools):
    layout = Layout(sheet_name="主题党日", instructions_sheet=True, order="place_early", date_style="dotted",
                    full_width_counts=True, time_range=True, dash="至", sequence=True)
    return generated(tools, XC, layout)


@cases.add("monthly-legacy-ours.xls", GENERATOR, ("Excel 97-2003 .xls (BIFF8) read without LibreOffice",),
           ok("monthly", XC, "2017-03", compliant=7))
def _(tools):
    return generated(tools, XC, Layout(merged_title=True), writer=write_monthly_xls, suffix=".xls")


# ---- layouts drawn cell by cell ---------------------------------------------------------------


@cases.add(
    "monthly-title-rows-extra-columns.xlsx",
    OPENPYXL,
    (
        "two rows above the title, header on row 6, table from column B",
        "填报单位 label merged, value two cells right",
        "填报月份：… in the same cell next to label | value pairs",
        "extra columns 联系人 and 党员总数",
        "header variants: spaces, line breaks, *, （人）, (人), 【】, a bracketed hint",
    ),
    ok("monthly", XC, "2017-03", compliant=7),
)
def _(tools):
    columns = [
        ("序 号", "序号"), ("【党支部名称】", "党支部名称"), ("联系人", None), ("活动\n日期", "活动日期"),
        ("开始\n时间", "开始时间"), ("结束\n时间", "结束时间"), ("*活动主题", "活动主题"),
        ("开展方式（联建共建/支部单独开展）", "开展方式"), "联建单位", ("活 动 地 点", "活动地点"),
        ("应到人数（人）", "应到人数"), ("实到人数(人)", "实到人数"), ("请假\n人数", "请假人数"), ("党员总数", None),
        "备注",
    ]  # fmt: skip
    rows = xc_rows()
    for row in rows:
        row["联系人"], row["党员总数"] = "王丽", row["应到人数"]
    sheet = SheetSpec("月报", merges=["B3:P3", "B4:C4"])
    sheet.add(
        ["", "附件2"],
        [],
        [None, TITLE],
        [
            None,
            "填报单位（盖章）",
            None,
            None,
            XC,
            None,
            None,
            "填报月份：2017年3月",
            None,
            "填报日期",
            date(2017, 3, 13),
        ],
        [],
    )
    for values in table(columns, rows):
        sheet.add([None, *values])
    return xlsx_of(book_of(sheet))


@cases.add("monthly-merged-data-cells.xlsx", OPENPYXL,
           ("data cells merged down the table: one 活动日期, times, 活动主题, 指导性主题序号 and 开展方式 for all",),
           ok("monthly", XC, "2017-03", compliant=7))
def _(tools):
    sheet = standard(xc_rows())
    sheet.merges += [f"{col}4:{col}10" for col in "CDEFGH"]
    return xlsx_of(book_of(sheet))


@cases.add("monthly-footer-rows.xlsx", OPENPYXL,
           ("合计 in the 序号 column", "signature spread over three cells", "注： line", "blank row before them"),
           ok("monthly", XC, "2017-03", compliant=7))
def _(tools):
    sheet = standard(xc_rows())
    sheet.add(
        ["合计", None, None, None, None, None, None, None, None, None, 161, 154, 7],
        [],
        ["填报人：王丽", None, None, None, None, "审核人：赵刚", None, None, None, "联系电话：13803710001"],
        ["注：本表由各党(工)委于主题党日后5日内报区委组织部。"],
    )
    return xlsx_of(book_of(sheet))


@cases.add(
    "monthly-trailing-blank-rows.xlsx",
    HAND_XML,
    ("390 formatted empty rows after the table", "cells holding only spaces", "a branch name with spaces around"),
    ok("monthly", XC, "2017-03", compliant=7),
)
def _(tools):
    data = xlsx_of(book_of(standard(xc_rows({1: {"党支部名称": " 岗田社区党支部 "}}))))

    def pad(xml: str) -> str:
        blank = '<row r="11"><c r="B11" t="inlineStr"><is><t xml:space="preserve">   </t></is></c></row>'
        blank += '<row r="12"><c r="F12" t="inlineStr"><is><t xml:space="preserve">\u3000</t></is></c></row>'
        styled = "".join(f'<row r="{r}" ht="20" customHeight="1"><c r="A{r}" s="1"/><c r="Q{r}" s="1"/></row>'
                         for r in range(13, 401))
        xml = xml.replace("</sheetData>", blank + styled + "</sheetData>")
        return xml.replace('<dimension ref="A1:Q10"/>', '<dimension ref="A1:Q400"/>')

    return sheet_xml_edit(data, "xl/worksheets/sheet1.xml", pad)


@cases.add("monthly-hand-inline-strings.xlsx", HAND_XML,
           ("a minimal writer's package: inline strings, no shared strings, dates and times as styled serials",
            "填报月份 as a formula with its cached text", "merged title"),
           ok("monthly", XC, "2017-03", compliant=7))
def _(tools):
    block: list[object] = list(BLOCK)
    block[4] = ('TEXT(DATE(2017,3,1),"yyyy年m月")', "2017年3月")
    rows: list[list[object]] = [[TITLE], block, *table(FORMS_COLUMNS, xc_rows())]
    return minimal_xlsx([("月报", rows, ["A1:Q1"])])


@cases.add("monthly-marker-retitled.xlsx", OPENPYXL,
           ("the kit's template marker (custom property) on a retitled file", "title without year or 统计表"),
           ok("monthly", XC, "2017-03", compliant=7))
def _(tools):
    sheet = standard(xc_rows())
    sheet.rows[0] = ["新城街道党工委主题党日活动情况"]
    return xlsx_of(with_marker(book_of(sheet), "monthly:1"))


# ---- value shapes -----------------------------------------------------------------------------


@cases.add(
    "monthly-values-dates.xlsx",
    OPENPYXL,
    (
        "dates 2017年3月10日, 2017.3.10, 2017/3/10, 3月10日, Excel serial 42804, date cell, 2017年3月10日（星期五）",
        "填报日期 2017.3.13",
    ),
    ok("monthly", XC, "2017-03", compliant=7),
)
def _(tools):
    shapes = ("2017年3月10日", "2017.3.10", "2017/3/10", "3月10日", 42804, date(2017, 3, 10), "2017年3月10日（星期五）")
    block = BLOCK + [None, "填报日期", "2017.3.13"]
    return xlsx_of(book_of(standard(xc_rows({i: {"活动日期": d} for i, d in enumerate(shapes)}), block=block)))


@cases.add("monthly-values-times.xlsx", OPENPYXL,
           ("start/end 8:30, 8：30, 上午8:30, 下午2:30–下午6:00, time cells, day fractions 0.354…, 8点30分",),
           ok("monthly", XC, "2017-03", compliant=7))
def _(tools):
    shapes = (("8:30", "12:00"), ("8：30", "12：00"), ("上午8:30", "12:00"), ("下午2:30", "下午6:00"),
              (time(8, 30), time(12, 0)), (0.3541666666666667, 0.5), ("8点30分", "12点"))
    return xlsx_of(book_of(standard(xc_rows({i: {"开始时间": s, "结束时间": e} for i, (s, e) in enumerate(shapes)}))))


@cases.add("monthly-values-time-ranges.xlsx", OPENPYXL,
           ("活动时间 8:30-12:00, 8：30—12：00, 8:30至12:00, 上午, 下午, 全天, 下午2:30-6:00",),
           ok("monthly", XC, "2017-03", compliant=7))
def _(tools):
    shapes = ("8:30-12:00", "8：30—12：00", "8:30至12:00", "上午", "下午", "全天", "下午2:30-6:00")
    columns = [c for c in FORMS_COLUMNS if c not in ("开始时间", "结束时间")]
    columns.insert(3, "活动时间")
    rows = xc_rows({i: {"活动时间": s} for i, s in enumerate(shapes)})
    sheet = standard(rows, columns)
    sheet.merges = ["A1:P1"]
    return xlsx_of(book_of(sheet))


@cases.add(
    "monthly-values-counts-modes.xlsx",
    OPENPYXL,
    (
        "counts １２, 28人, 16名, 27.0, blank, 无",
        "开展方式 联建, 单独开展, 党组织联建共建活动, 共建, 独立开展, 自行开展",
        "指导性主题序号 1、4 / 第2项 / 3 / 1,2 / 2-4 / 二",
    ),
    ok("monthly", XC, "2017-03", compliant=7),
)
def _(tools):
    changes: dict[int, dict[str, object]] = {
        0: {"应到人数": "１２", "实到人数": "１１", "请假人数": "１", "开展方式": "联建", "联建单位": PARTNER,
            "指导性主题序号": "1、4"},
        1: {"应到人数": "28人", "实到人数": "27人", "请假人数": "1人", "开展方式": "单独开展",
            "指导性主题序号": "第2项"},
        2: {"实到人数": "16名", "请假人数": None, "开展方式": "党组织联建共建活动", "联建单位": PARTNER,
            "指导性主题序号": 3},
        3: {"列席人数": "无", "科级以上领导干部参加人数": None, "开展方式": "共建", "联建单位": PARTNER,
            "指导性主题序号": "1,2"},
        4: {"应到人数": 27.0, "实到人数": 26.0, "请假人数": 1.0, "开展方式": "独立开展", "指导性主题序号": "2-4"},
        5: {"请假人数": "无", "实到人数": 18, "开展方式": "自行开展", "指导性主题序号": None},
        6: {"指导性主题序号": "二"},
    }  # fmt: skip
    return xlsx_of(book_of(standard(xc_rows(changes))))


# ---- what the checks find ----------------------------------------------------------------------


@cases.add("monthly-missing-column.xlsx", OPENPYXL, ("required column missing: named in the message",),
           rejected("monthly", XC, "2017-03", ("label_missing", "月报", "表中缺少“实到人数”"), compliant=7))
def _(tools):
    return xlsx_of(book_of(standard(xc_rows(), [c for c in FORMS_COLUMNS if c != "实到人数"])))


@cases.add("monthly-errors-figures.xlsx", GENERATOR,
           ("实到 > 应到", "实到 + 请假 > 应到", "联建共建 without 联建单位", "not held without a reason"),
           rejected("monthly", GY, "2017-03",
                    ("reason_missing", "月报!P4"), ("partner_missing", "月报!I11"),
                    ("present_exceeds_expected", "月报!L17", "“实到人数”为 24，大于应到人数 23"),
                    ("attendance_exceeds_expected", "月报!M18", "实到人数 36 加请假人数 4 为 40，大于应到人数 38"),
                    findings=(("not_held", "月报!P4"),), compliant=14))
def _(tools):
    mistakes = {Mistake.PRESENT_EXCEEDS_EXPECTED, Mistake.ATTENDANCE_EXCEEDS_EXPECTED, Mistake.PARTNER_MISSING,
                Mistake.REASON_MISSING}
    return generated(tools, GY, Layout(sheet_name="月报", merged_title=True, sequence=True), mistakes)


@cases.add("monthly-errors-branches.xlsx", GENERATOR,
           ("a branch missing", "a branch listed twice", "a misspelt branch with the closest names suggested"),
           rejected("monthly", GY, "2017-03",
                    ("branch_unknown", "统计表!A11", "您是否要填：郑州嘉禾信息技术有限公司党支部"),
                    ("branch_duplicate", "统计表!A18", "另见统计表!A17"),
                    ("branch_missing", "统计表", "郑州嘉禾信息技术有限公司党支部"),
                    ("branch_missing", "统计表", "源店幼儿园党支部"), compliant=13))
def _(tools):
    mistakes = {Mistake.MISSING_BRANCH, Mistake.DUPLICATE_BRANCH, Mistake.UNKNOWN_BRANCH}
    layout = Layout(sheet_name="统计表", merged_title=True, header_inline=True, remarks=True)
    return generated(tools, GY, layout, mistakes)


@cases.add("monthly-branch-other-committee.xlsx", OPENPYXL,
           ("a branch of another committee", "联建共建 with 联建单位 written 无"),
           rejected("monthly", XC, "2017-03",
                    ("partner_missing", "月报!I4"),
                    ("branch_other_committee", "月报!B10", "属于古荥镇党委"),
                    ("branch_missing", "月报", "瑞寿社区党支部"), compliant=6))
def _(tools):
    rows = xc_rows({0: {"开展方式": "联建共建", "联建单位": "无"}, 6: {"党支部名称": "大河村党支部"}})
    return xlsx_of(book_of(standard(rows)))


@cases.add("monthly-findings.xlsx", GENERATOR,
           ("not held, with its reason", "held on an unfiled date", "below the duration threshold", "low attendance",
            "应到 differs from the roster (提示)", "date text, one 活动时间 column"),
           ok("monthly", GY, "2017-03", compliant=13, messages=(("expected_differs_from_roster", "主题党日!I17"),),
              findings=(("short_duration", "主题党日!C4"), ("held_on_unfiled_date", "主题党日!B11"),
                        ("low_attendance", "主题党日!J12"), ("not_held", "主题党日!N18"))))
def _(tools):
    mistakes = {Mistake.NOT_HELD, Mistake.UNFILED_DATE, Mistake.SHORT_DURATION, Mistake.LOW_ATTENDANCE,
                Mistake.EXPECTED_DIFFERS}
    return generated(tools, GY, Layout(sheet_name="主题党日", time_range=True, dash="—", date_style="text"), mistakes)


@cases.add("monthly-late.xlsx", GENERATOR, ("arrived after the deadline (finding, accepted)",),
           ok("monthly", XC, "2017-03", compliant=7, findings=(("late_arrival", ""),)), arrived=date(2017, 3, 20))
def _(tools):
    return generated(tools, XC, Layout(merged_title=True, sequence=True))


@cases.add("monthly-wrong-period.xlsx", GENERATOR,
           ("填报月份 inconsistent with the title: judged as the month it states",),
           rejected("monthly", XC, "2017-02",
                    ("period_inconsistent", "Sheet1!E2", "“填报月份”为2017年2月，与标题的2017年3月不一致"),
                    *(("date_outside_period", f"Sheet1!B{r}") for r in range(4, 11)),
                    findings=(*(("held_on_unfiled_date", f"Sheet1!B{r}") for r in range(4, 11)), ("late_arrival", ""))))
def _(tools):
    return generated(tools, XC, Layout.plain(), {Mistake.WRONG_PERIOD})


@cases.add("monthly-unknown-unit.xlsx", OPENPYXL, ("填报单位 not in the roster, the closest suggested",),
           rejected("monthly", "新成街道党工委", "2017-03", ("unit_unknown", "月报!B2", "您是否要填：新城街道党工委")))
def _(tools):
    block = list(BLOCK)
    block[1] = "新成街道党工委"
    return xlsx_of(book_of(standard(xc_rows(), block=block)))


@cases.add("monthly-no-unit.xlsx", OPENPYXL, ("no 填报单位 and a title that names none",),
           rejected("monthly", "", "", ("unit_missing", "月报", "请填写“填报单位”")))
def _(tools):
    return xlsx_of(book_of(standard(xc_rows(), block=["填报月份", "2017年3月"])))


@cases.add("monthly-value-problems.xlsx", OPENPYXL,
           ("unreadable date, count, time, 开展方式", "negative count", "a held row without 实到人数"),
           rejected("monthly", XC, "2017-03",
                    ("value_invalid", "月报!C4", "“活动日期”为“三月十日”"),
                    ("value_invalid", "月报!L5", "“实到人数”为“约27人”"),
                    ("value_invalid", "月报!E6", "不晚于开始时间08:30"),
                    ("value_invalid", "月报!H7", "应为“联建共建”或“支部单独开展”"),
                    ("count_negative", "月报!M8"),
                    ("value_missing", "月报!L9", "“实到人数”未填写"),
                    ("value_invalid", "月报!K10", "“应到人数”为“二十六”"), compliant=6))
def _(tools):
    changes: dict[int, dict[str, object]] = {
        0: {"活动日期": "三月十日"}, 1: {"实到人数": "约27人"}, 2: {"结束时间": "8:00"}, 3: {"开展方式": "其他"},
        4: {"请假人数": -2}, 5: {"实到人数": None}, 6: {"应到人数": "二十六"},
    }  # fmt: skip
    return xlsx_of(book_of(standard(xc_rows(changes))))


@cases.add(
    "monthly-hints.xlsx",
    OPENPYXL,
    ("提示 only: held with a 未开展原因, cadres > present, unknown guiding item, 12-hour activity, 应到 ≠ roster",),
    ok(
        "monthly",
        XC,
        "2017-03",
        compliant=7,
        messages=(
            ("held_with_reason", "月报!P4"),
            ("cadres_exceed_present", "月报!O5"),
            ("theme_item_unknown", "月报!G6", "“指导性主题序号”中的 12 不在3月的指导性主题中（共 9 项）"),
            ("duration_unusual", "月报!D7", "活动时长 12 小时"),
            ("expected_differs_from_roster", "月报!K8", "“应到人数”为 26，组织名册中该支部党员 27 人"),
        ),
    ),
)
def _(tools):
    changes: dict[int, dict[str, object]] = {
        0: {"未开展原因": "因故推迟，已补开"}, 1: {"科级以上领导干部参加人数": 40}, 2: {"指导性主题序号": "12"},
        3: {"开始时间": time(8, 0), "结束时间": time(20, 0)}, 4: {"应到人数": 26, "实到人数": 25},
    }  # fmt: skip
    return xlsx_of(book_of(standard(xc_rows(changes))))


@cases.add("monthly-empty-table.xlsx", OPENPYXL, ("a header and no branch rows (only a signature line)",),
           rejected("monthly", XC, "2017-03", ("form_empty", "月报", "表中没有填写任何党支部"),
                    *(("branch_missing", "月报", name) for name, _ in XC_BRANCHES)))
def _(tools):
    sheet = standard([])
    sheet.add([], ["填报人：王丽"])
    return xlsx_of(book_of(sheet))


@cases.add("monthly-formula-uncached.xlsx", OPENPYXL,
           ("formulas saved without their values (a script's output)",),
           rejected("monthly", XC, "2017-03",
                    *(("formula_uncached", f"月报!L{r}", f"（=K{r}-M{r}）") for r in range(4, 11)),
                    *(("formula_uncached", f"月报!{c}11") for c in "KLM"), compliant=7))
def _(tools):
    return xlsx_of(book_of(formula_sheet()))


def formula_sheet() -> SheetSpec:
    rows = xc_rows({i: {"实到人数": f"=K{4 + i}-M{4 + i}"} for i in range(len(XC_BRANCHES))})
    sheet = standard(rows)
    sheet.add([None, "合计", None, None, None, None, None, None, None, None, "=SUM(K4:K10)", "=SUM(L4:L10)",
               "=SUM(M4:M10)"])
    return sheet


@cases.add("monthly-formula-cached-lo.xlsx", LIBREOFFICE,
           ("the same formulas once LibreOffice has saved their values", "合计 in the 党支部名称 column"),
           ok("monthly", XC, "2017-03", compliant=7))
def _(tools):
    return tools.lo.convert(xlsx_of(book_of(formula_sheet())), ".xlsx", "xlsx")


# ---- saved by LibreOffice ---------------------------------------------------------------------


@cases.add("monthly-lo.xls", LIBREOFFICE, ("Excel 97-2003 .xls as LibreOffice saves it", "two-row grouped header"),
           ok("monthly", XC, "2017-03", compliant=7))
def _(tools):
    layout = Layout(sheet_name="统计表", merged_title=True, grouped_header=True, units=True, sequence=True)
    return tools.lo.convert(generated(tools, XC, layout), ".xlsx", "xls")


@cases.add("monthly-lo.ods", LIBREOFFICE, ("OpenDocument spreadsheet", "填报单位：… in one cell", "8:30-12:00 ranges"),
           ok("monthly", XC, "2017-03", compliant=7))
def _(tools):
    layout = Layout(sheet_name="月报", merged_title=True, header_inline=True, time_range=True, date_style="dotted")
    return tools.lo.convert(generated(tools, XC, layout), ".xlsx", "ods")


@cases.add("monthly-lo-resaved.xlsx", LIBREOFFICE,
           ("LibreOffice's own xlsx (shared strings, its styles and merges)", "instructions sheet, grouped header",
            "合计 and signature rows"),
           ok("monthly", GY, "2017-03", compliant=15))
def _(tools):
    layout = Layout(sheet_name="主题党日", merged_title=True, instructions_sheet=True, grouped_header=True,
                    line_breaks=True, totals_row=True, signature=True, sequence=True)
    return tools.lo.convert(generated(tools, GY, layout), ".xlsx", "xlsx")



@cases.add("monthly-wps.et", LIBREOFFICE, ("a WPS 表格 .et (an .xls-compatible file WPS labels as its own)",),
           ok("monthly", XC, "2017-03", compliant=7))
def _(tools):
    layout = Layout(sheet_name="月报", merged_title=True, header_inline=True, remarks=True)
    return as_wps(tools.lo.convert(generated(tools, XC, layout), ".xlsx", "xls"))
