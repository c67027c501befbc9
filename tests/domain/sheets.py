"""Build raw labelled cells the way the readers will hand them over: label -> RawValue with a place."""

from __future__ import annotations

from collections.abc import Mapping

from themeday_office.domain.values import Raw, RawValue

MONTHLY_COLUMNS = [
    "序号", "党支部名称", "活动日期", "活动时间", "活动主题", "指导性主题序号", "开展方式", "联建单位",
    "活动地点", "应到人数", "实到人数", "请假人数", "列席人数", "科级以上领导干部参加人数", "未开展原因", "备注",
]


def cells(sheet: str, row: int, values: Mapping[str, Raw], columns: list[str] | None = None) -> dict[str, RawValue]:
    """One table row: each label's value with a place like 月报!C5 (column by position in `columns`)."""
    columns = columns or list(values)
    return {
        label: RawValue(value, f"{sheet}!{chr(ord('A') + columns.index(label))}{row}")
        for label, value in values.items()
    }


def monthly_row(row: int, branch: str | None, **values: Raw) -> dict[str, RawValue]:
    """A held row by default (the district date 2017-03-10, 8:30-12:00, 28 of 30); keywords override by label."""
    data: dict[str, Raw] = {
        "序号": row - 4,
        "党支部名称": branch,
        "活动日期": "2017年3月10日",
        "活动时间": "8:30-12:00",
        "活动主题": "开展“学雷锋比奉献”活动",
        "指导性主题序号": "1",
        "开展方式": "支部单独开展",
        "联建单位": None,
        "活动地点": "村委会",
        "应到人数": 30,
        "实到人数": 28,
        "请假人数": 2,
        "列席人数": 0,
        "科级以上领导干部参加人数": 0,
        "未开展原因": None,
        "备注": None,
    }
    data.update(values)
    return cells("月报", row, data, MONTHLY_COLUMNS)


def not_held_row(row: int, branch: str, reason: str | None) -> dict[str, RawValue]:
    return monthly_row(
        row, branch, 活动日期=None, 活动时间=None, 活动主题=None, 指导性主题序号=None, 开展方式=None,
        活动地点=None, 应到人数=None, 实到人数=None, 请假人数=None, 未开展原因=reason,
    )


def header(unit: str = "古荥镇党委", month: str = "2017年3月") -> dict[str, RawValue]:
    return {"填报单位": RawValue(unit, "月报!B2"), "填报月份": RawValue(month, "月报!F2")}


def labelled(prefix: str, values: Mapping[str, Raw]) -> dict[str, RawValue]:
    """Label/value cells of a Word table: places 表格1 第N行."""
    return {label: RawValue(value, f"{prefix} 第{i}行") for i, (label, value) in enumerate(values.items(), start=1)}
