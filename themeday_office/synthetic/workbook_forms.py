"""The spreadsheet forms besides the monthly table: the year plan, the adjustment filing, the roster."""

from __future__ import annotations

from pathlib import Path

from themeday_office.domain.roster import BRANCH_SHEET, COMMITTEE_SHEET, GROUP_SHEET
from themeday_office.synthetic.activities import Adjustment
from themeday_office.synthetic.district import BRANCH_COLUMNS, COMMITTEE_COLUMNS, GROUP_COLUMNS, SyntheticDistrict
from themeday_office.synthetic.mistakes import PlantedMistake
from themeday_office.synthetic.plans import YearPlan
from themeday_office.synthetic.sheet import Sheet, Value, save_xlsx
from themeday_office.synthetic.word_forms import (
    ADJUSTMENT_ROW_NAMES,
    ADJUSTMENT_TITLE,
    adjustment_mistakes,
    adjustment_values,
)
from themeday_office.synthetic.wording import zh_date

PLAN_COLUMNS = ("月份", "活动日期", "活动主题", "指导性主题序号", "开展方式", "联建单位", "活动地点", "备注")
_PLAN_WIDTHS = {1: 8, 2: 16, 3: 40, 4: 12, 5: 14, 6: 24, 7: 24, 8: 12}


def plan_title(year: int) -> str:
    return f"{year}年“主题党日”活动计划表"


def write_plan_xlsx(plan: YearPlan, path: Path) -> None:
    """A committee's (or group's) 年度计划表: title, 填报单位 line, one row per month."""
    sheet = Sheet("计划表", widths=dict(_PLAN_WIDTHS), title_rows=1)
    sheet.add([plan_title(plan.year)])
    sheet.merge(1, 1, 1, len(PLAN_COLUMNS))
    sheet.add(
        [
            f"填报单位：{plan.unit}（盖章）",
            None,
            None,
            f"填报人：{plan.filled_by}",
            None,
            f"联系电话：{plan.phone}",
            f"填报日期：{zh_date(plan.filled_on)}",
        ]
    )
    sheet.header_rows = (sheet.add(list(PLAN_COLUMNS)),)
    for m in plan.months:
        items: Value = m.items[0] if len(m.items) == 1 else "、".join(map(str, m.items)) or None
        sheet.add([f"{m.month}月", m.day, m.theme, items, m.mode.value, m.partner, m.location, None])
    save_xlsx([sheet], path)


def write_adjustment_xlsx(adjustment: Adjustment, path: Path) -> list[PlantedMistake]:
    """The 调整日期备案表 as some committees send it: a workbook of label / value rows."""
    values = adjustment_values(adjustment)
    sheet = Sheet("备案表", widths={1: 16, 2: 48}, title_rows=1)
    sheet.add([ADJUSTMENT_TITLE])
    sheet.merge(1, 1, 1, 2)
    rows = {label: sheet.add([label, values[label]]) for label in ADJUSTMENT_ROW_NAMES}
    save_xlsx([sheet], path)
    return adjustment_mistakes(adjustment, lambda label: sheet.place(rows[label], 2))


def write_roster_xlsx(district: SyntheticDistrict, path: Path) -> None:
    """The department's 组织架构 workbook: sheets 党(工)委, 党支部, 协作组 with forms.md labels."""
    sheets = []
    for name, columns, rows, widths in (
        (COMMITTEE_SHEET, COMMITTEE_COLUMNS, district.committee_rows, (40, 10, 24, 10, 16)),
        (BRANCH_SHEET, BRANCH_COLUMNS, district.branch_rows, (36, 40, 10, 10, 10)),
        (GROUP_SHEET, GROUP_COLUMNS, district.group_rows, (26, 24, 80, 30)),
    ):
        sheet = Sheet(name, widths=dict(enumerate(widths, start=1)), header_rows=(1,))
        sheet.add(list(columns))
        for row in rows:
            sheet.add([row.get(label) for label in columns])
        sheets.append(sheet)
    save_xlsx(sheets, path)
