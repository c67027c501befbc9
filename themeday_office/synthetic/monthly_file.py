"""月度开展情况统计表: a committee's month drawn as its clerk lays it out (see `Layout`)."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from themeday_office.synthetic.activities import BranchDay, CommitteeMonth
from themeday_office.synthetic.layout import ATTENDANCE, COUNT_LABELS, Layout
from themeday_office.synthetic.legacy_xls import xls_bytes
from themeday_office.synthetic.mistakes import Mistake, PlantedMistake
from themeday_office.synthetic.sheet import Sheet, Value, save_xlsx
from themeday_office.synthetic.wording import clock, dotted_date, full_width, time_range, zh_date, zh_month

# Where each row mistake shows: the column whose cell a reader would point at.
_MISTAKE_COLUMN = {
    Mistake.DUPLICATE_BRANCH: "党支部名称",
    Mistake.UNKNOWN_BRANCH: "党支部名称",
    Mistake.PRESENT_EXCEEDS_EXPECTED: "实到人数",
    Mistake.ATTENDANCE_EXCEEDS_EXPECTED: "请假人数",
    Mistake.PARTNER_MISSING: "联建单位",
    Mistake.REASON_MISSING: "未开展原因",
    Mistake.EXPECTED_DIFFERS: "应到人数",
    Mistake.NOT_HELD: "未开展原因",
    Mistake.UNFILED_DATE: "活动日期",
    Mistake.SHORT_DURATION: "活动时间",
    Mistake.LOW_ATTENDANCE: "实到人数",
}
_WIDTHS = {"党支部名称": 26, "活动主题": 30, "联建单位": 20, "活动地点": 22, "未开展原因": 24, "备注": 16}
INSTRUCTIONS = (
    "填表说明",
    "1. 每个党支部填写一行，党支部名称与组织名册一致；",
    "2. 本月未开展活动的党支部，活动日期不填，在“未开展原因”栏说明原因；",
    "3. 开展方式填写“联建共建”或“支部单独开展”，联建共建的须填写联建单位；",
    "4. 应到人数为本支部正式党员和预备党员人数，列席人员不计入应到人数；",
    "5. 请于全区主题党日后5日内报区委组织部。",
)


def title(month: CommitteeMonth) -> str:
    return f"{month.period.year}年{month.period.number}月份“主题党日”活动开展情况统计表"


def monthly_sheets(month: CommitteeMonth, layout: Layout) -> tuple[list[Sheet], list[PlantedMistake]]:
    """The workbook's sheets, and where each planted mistake landed."""
    columns = layout.columns()
    col = {label: i for i, label in enumerate(columns, start=1)}
    time_col = col.get("活动时间") or col["开始时间"]
    sheet = Sheet(layout.sheet_name, title_rows=1)
    planted: list[PlantedMistake] = []
    width = len(columns)

    sheet.add([title(month)])
    if layout.merged_title:
        sheet.merge(1, 1, 1, width)
    month_place = _header_block(sheet, month, layout, width)
    if Mistake.WRONG_PERIOD in month.mistakes:
        planted.append(PlantedMistake(Mistake.WRONG_PERIOD, None, month_place))

    first_header = _table_header(sheet, columns, layout)
    for label, i in col.items():
        sheet.widths[i] = _WIDTHS.get(label, 9 if label in COUNT_LABELS else 12)

    for n, day in enumerate(month.rows, start=1):
        r = sheet.add([_value(label, day, n, layout) for label in columns])
        for m in sorted(day.mistakes, key=list(Mistake).index):
            marked = _MISTAKE_COLUMN.get(m)
            if marked is None:
                continue
            c = time_col if marked == "活动时间" else col[marked]
            planted.append(PlantedMistake(m, day.branch.name, sheet.place(r, c)))
    for branch in month.missing:
        planted.append(PlantedMistake(Mistake.MISSING_BRANCH, branch.name, sheet.name))

    if layout.totals_row:
        totals: list[Value] = [None] * width
        totals[col["党支部名称"] - 1] = "合计"
        for label in COUNT_LABELS:
            totals[col[label] - 1] = sum(getattr(d, _FIELD[label]) or 0 for d in month.rows)
        sheet.add(totals)
    if layout.signature:
        sheet.add([])
        sheet.add(
            [f"填报人：{month.filled_by}　　　　审核人：{month.committee.contact or ''}　　　　联系电话：{month.phone}"]
        )
    sheet.header_rows = tuple(range(first_header, first_header + (2 if layout.grouped_header else 1)))

    sheets = [sheet]
    if layout.instructions_sheet:
        sheets.insert(0, Sheet("填表说明", rows=[[line] for line in INSTRUCTIONS], widths={1: 80}))
    return sheets, planted


def write_monthly_xlsx(month: CommitteeMonth, path: Path, *, layout: Layout | None = None) -> list[PlantedMistake]:
    """Write the committee's monthly table; where its planted mistakes are (file-level ones aside)."""
    sheets, planted = monthly_sheets(month, layout or Layout.plain())
    save_xlsx(sheets, path)
    return planted


def write_monthly_xls(month: CommitteeMonth, path: Path, *, layout: Layout | None = None) -> list[PlantedMistake]:
    """The same table saved in the old Excel 97-2003 format."""
    sheets, planted = monthly_sheets(month, layout or Layout.plain())
    Path(path).write_bytes(xls_bytes(sheets))
    return planted


_FIELD = {
    "应到人数": "expected",
    "实到人数": "present",
    "请假人数": "excused",
    "列席人数": "observers",
    "科级以上领导干部参加人数": "cadres",
}


def _header_block(sheet: Sheet, month: CommitteeMonth, layout: Layout, width: int) -> str:
    """填报单位, 填报月份, 填报人, 联系电话, 填报日期 above the table; the place of 填报月份."""
    unit = month.committee.name + ("（盖章）" if layout.header_inline else "")
    filled_on: Value = (
        zh_date(month.filled_on) if layout.header_inline or layout.date_style != "cell" else month.filled_on
    )
    pairs = (
        ("填报单位", unit),
        ("填报月份", zh_month(month.header_period)),
        ("填报人", month.filled_by),
        ("联系电话", month.phone),
        ("填报日期", filled_on),
    )
    row: list[Value] = [None] * width
    step = max(2, width // len(pairs))
    month_col = 0
    for k, (label, value) in enumerate(pairs):
        c = 1 + k * step
        if layout.header_inline:
            row[c - 1] = f"{label}：{value}"
            at = c
        else:
            row[c - 1], row[c] = label, value
            at = c + 1
        if label == "填报月份":
            month_col = at
    r = sheet.add(row)
    return sheet.place(r, month_col)


def _table_header(sheet: Sheet, columns: list[str], layout: Layout) -> int:
    """The header row (two rows, with 参加人数 over the attendance, when grouped); its first row."""
    if not layout.grouped_header:
        return sheet.add([layout.header_text(label) for label in columns])
    top: list[Value] = []
    sub: list[Value] = []
    for label in columns:
        if label in ATTENDANCE:
            top.append("参加人数" if label == ATTENDANCE[0] else None)
            sub.append(layout.header_text(label, short=True))
        else:
            top.append(layout.header_text(label))
            sub.append(None)
    first = sheet.add(top)
    sheet.add(sub)
    for c, label in enumerate(columns, start=1):
        if label == ATTENDANCE[0]:
            sheet.merge(first, c, first, c + len(ATTENDANCE) - 1)
        elif label not in ATTENDANCE:
            sheet.merge(first, c, first + 1, c)
    return first


def _value(label: str, d: BranchDay, n: int, layout: Layout) -> Value:
    if label == "序号":
        return n
    if label == "党支部名称":
        return d.written_name
    if label == "活动日期":
        return _date(d.held_on, layout)
    if label in ("开始时间", "结束时间", "活动时间"):
        return _time(label, d, layout)
    if label == "指导性主题序号":
        if len(d.items) == 1:
            return d.items[0]
        return "、".join(str(i) for i in d.items) or None
    if label == "开展方式":
        return d.mode.value if d.mode else None
    if label in _FIELD:
        count = getattr(d, _FIELD[label])
        # A clerk in full-width mode types some counts as ３０: every third row here.
        if count is not None and layout.full_width_counts and n % 3 == 0:
            return full_width(str(count))
        return count
    return {
        "活动主题": d.theme,
        "联建单位": d.partner,
        "活动地点": d.location,
        "未开展原因": d.reason_not_held,
        "备注": d.remarks,
    }[label]


def _date(day: date | None, layout: Layout) -> Value:
    if day is None:
        return None
    if layout.date_style == "text":
        return zh_date(day)
    if layout.date_style == "dotted":
        return dotted_date(day)
    return day


def _time(label: str, d: BranchDay, layout: Layout) -> Value:
    if not d.segments:
        return None
    if label == "活动时间":
        if d.full_day:
            return "全天"
        return time_range(d.segments, layout.dash)
    t: time = d.segments[0][0] if label == "开始时间" else d.segments[-1][1]
    return t if layout.time_cells else clock(t)
