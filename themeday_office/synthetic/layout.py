"""How a committee's clerk lays out the monthly table: the variations real files show.

`Layout.plain()` is the simplest file (forms.md order, real date and time cells, no extras);
`Layout.varied(rng)` draws the variations a reader has to cope with. A committee keeps its
layout from month to month, as a clerk keeps last month's file.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal

DateStyle = Literal["cell", "text", "dotted"]
Order = Literal["forms", "counts_first", "place_early"]

COUNT_LABELS = ("应到人数", "实到人数", "请假人数", "列席人数", "科级以上领导干部参加人数")
ATTENDANCE = ("应到人数", "实到人数", "请假人数")  # under 参加人数 in a two-row header
_FORMS_ORDER = (
    "序号", "党支部名称", "活动日期", "开始时间", "结束时间", "活动时间", "活动主题", "指导性主题序号",
    "开展方式", "联建单位", "活动地点", *COUNT_LABELS, "未开展原因", "备注",
)  # fmt: skip
_ORDERS: dict[str, tuple[str, ...]] = {
    "forms": _FORMS_ORDER,
    "counts_first": (
        "序号", "党支部名称", *COUNT_LABELS, "活动日期", "开始时间", "结束时间", "活动时间", "活动主题",
        "指导性主题序号", "开展方式", "联建单位", "活动地点", "未开展原因", "备注",
    ),
    "place_early": (
        "序号", "党支部名称", "活动日期", "开始时间", "结束时间", "活动时间", "活动地点", "开展方式", "联建单位",
        "活动主题", "指导性主题序号", *COUNT_LABELS, "未开展原因", "备注",
    ),
}  # fmt: skip
_BROKEN = {
    "指导性主题序号": "指导性主题\n序号",
    "科级以上领导干部参加人数": "科级以上领导干部\n参加人数",
    "应到人数": "应到\n人数",
    "实到人数": "实到\n人数",
    "请假人数": "请假\n人数",
    "列席人数": "列席\n人数",
    "未开展原因": "未开展\n原因",
}


@dataclass(frozen=True)
class Layout:
    sheet_name: str = "Sheet1"
    merged_title: bool = False
    header_inline: bool = False  # `填报单位：古荥镇党委` in one cell, not label and value side by side
    sequence: bool = False  # a 序号 column
    remarks: bool = False  # a 备注 column
    time_range: bool = False  # one 活动时间 column (`8:30-12:00`), not 开始时间 / 结束时间
    dash: str = "-"  # between the times of a range
    order: Order = "forms"
    units: bool = False  # 应到人数（人）
    line_breaks: bool = False  # 应到\n人数
    grouped_header: bool = False  # two header rows, 参加人数 merged over 应到 / 实到 / 请假
    date_style: DateStyle = "cell"
    time_cells: bool = True  # real time cells (else text `8:30`); only with separate time columns
    full_width_counts: bool = False  # some counts typed as ３０
    totals_row: bool = False  # 合计
    signature: bool = False  # 填报人：… 审核人：… under the table
    instructions_sheet: bool = False  # a 填表说明 sheet before the data

    @classmethod
    def plain(cls) -> Layout:
        return cls()

    @classmethod
    def varied(cls, rng: random.Random) -> Layout:
        time_range = rng.random() < 0.4
        return cls(
            sheet_name=rng.choice(("Sheet1", "统计表", "月报", "主题党日")),
            merged_title=rng.random() < 0.8,
            header_inline=rng.random() < 0.5,
            sequence=rng.random() < 0.7,
            remarks=rng.random() < 0.5,
            time_range=time_range,
            dash=rng.choice(("-", "-", "—", "～", "至")),
            order=rng.choice(("forms", "forms", "counts_first", "place_early")),
            units=rng.random() < 0.3,
            line_breaks=rng.random() < 0.3,
            grouped_header=rng.random() < 0.3,
            date_style=rng.choice(("cell", "cell", "text", "dotted")),
            time_cells=not time_range and rng.random() < 0.6,
            full_width_counts=rng.random() < 0.2,
            totals_row=rng.random() < 0.3,
            signature=rng.random() < 0.4,
            instructions_sheet=rng.random() < 0.15,
        )

    def columns(self) -> list[str]:
        """The table's columns, by canonical label, left to right."""
        skip = {"开始时间", "结束时间"} if self.time_range else {"活动时间"}
        if not self.sequence:
            skip.add("序号")
        if not self.remarks:
            skip.add("备注")
        return [label for label in _ORDERS[self.order] if label not in skip]

    def header_text(self, label: str, *, short: bool = False) -> str:
        """A column's header as this clerk writes it; `short`: under a 参加人数 group (应到, 实到, 请假)."""
        text = label.removesuffix("人数") if short else label
        if self.line_breaks and not short:
            text = _BROKEN.get(label, text)
        if self.units and label in COUNT_LABELS:
            text += "（人）"
        return text
