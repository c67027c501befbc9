"""A submission's parsed table as the clerk checks it: the values the kit read, bad cells marked.

Built from the rows the ledger stored (what the kit understood, not the raw sheet) and the
messages' places: a cell is marked when a message points at it or its value could not be
read. Monthly tables and plans are shown row by row; a record, a filing or a summary is
one item per line. No Textual here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from themeday_office.ledger import FormRow, StoredMessage

ERROR, HINT = "错误", "提示"
_WIDE_KINDS = {"monthly", "plan"}
_SHEET_ROW = re.compile(r"!\$?[A-Z]{1,3}\$?([0-9]+)$")

# Where each label the forms carry keeps its value in a stored row (the first field present).
LABEL_FIELDS: dict[str, tuple[str, ...]] = {
    "序号": ("seq",),
    "月份": ("month",),
    "党支部名称": ("branch",),
    "所属党(工)委": ("committee",),
    "活动日期": ("held_on", "planned_on"),
    "活动时间": ("time",),
    "开始时间": ("time",),
    "结束时间": ("time",),
    "活动主题": ("theme",),
    "指导性主题序号": ("theme_items",),
    "开展方式": ("mode",),
    "联建单位": ("partner",),
    "活动地点": ("location",),
    "主持人": ("host",),
    "记录人": ("recorder",),
    "应到人数": ("expected",),
    "实到人数": ("present",),
    "请假人数": ("excused",),
    "缺席人员及原因": ("absentees",),
    "列席人数": ("observers",),
    "列席人员": ("observers",),
    "科级以上领导干部参加人数": ("cadres",),
    "参加的科级以上领导干部": ("cadres",),
    "未开展原因": ("reason_not_held",),
    "活动内容": ("content",),
    "备注": ("remarks",),
}
# Rows without places (a filed adjustment, a summary): their fields in the clerk's words.
FIELD_LABELS: dict[str, str] = {
    "committee": "党(工)委",
    "unit": "报送单位",
    "title": "标题",
    "period": "期间",
    "new_date": "调整后日期",
    "branches": "涉及党支部",
    "sections": "包含部分",
    "dated": "落款日期",
}


@dataclass(frozen=True)
class PreviewCell:
    text: str
    mark: str = ""  # ERROR or HINT when a message points here


@dataclass(frozen=True)
class TablePreview:
    columns: tuple[str, ...]
    rows: tuple[tuple[PreviewCell, ...], ...]

    @property
    def marked(self) -> int:
        return sum(1 for row in self.rows for cell in row if cell.mark)


def table_preview(kind: str, rows: Sequence[FormRow], messages: Sequence[StoredMessage]) -> TablePreview | None:
    """The preview of a submission's stored rows, or None when it has none."""
    if not rows:
        return None
    marks = _marks(messages)
    flat = [_flatten(r.data) for r in rows]
    if not any(data.get("places") for data in flat):
        return _fields_preview(flat[0])
    if kind in _WIDE_KINDS:
        return _wide_preview(flat, marks)
    return _item_preview(flat[0], marks)


def _marks(messages: Sequence[StoredMessage]) -> dict[str, str]:
    marks: dict[str, str] = {}
    for m in messages:
        if m.place and marks.get(m.place) != ERROR:
            marks[m.place] = ERROR if m.severity == ERROR else HINT
    return marks


def _flatten(data: dict[str, Any]) -> dict[str, Any]:
    # A record keeps the branch's activity under "record" and the record's own items beside it.
    inner = data.get("record")
    return {**data, **inner} if isinstance(inner, dict) else data


def _wide_preview(rows: list[dict[str, Any]], marks: dict[str, str]) -> TablePreview:
    labels: dict[str, None] = {}
    for data in rows:
        labels.update(dict.fromkeys(label for label in data.get("places", {}) if label in LABEL_FIELDS))
    body = []
    for data in rows:
        places = data.get("places", {})
        unreadable = set(data.get("unreadable", ()))
        cells = [PreviewCell(_sheet_row(places))]
        for label in labels:
            mark = ERROR if label in unreadable else marks.get(places.get(label, ""), "")
            cells.append(PreviewCell(value_text(data, label), mark))
        body.append(tuple(cells))
    return TablePreview(("行", *labels), tuple(body))


def _item_preview(data: dict[str, Any], marks: dict[str, str]) -> TablePreview:
    places = data.get("places", {})
    unreadable = set(data.get("unreadable", ()))
    body = []
    for label, place in places.items():
        if label not in LABEL_FIELDS:
            continue
        mark = ERROR if label in unreadable else marks.get(place, "")
        body.append((PreviewCell(label), PreviewCell(value_text(data, label), mark), PreviewCell(place)))
    return TablePreview(("项目", "内容", "位置"), tuple(body))


def _fields_preview(data: dict[str, Any]) -> TablePreview:
    body = []
    for key, label in FIELD_LABELS.items():
        if key not in data:
            continue
        value = data[key]
        if key == "branches" and value is None:
            text = "全部党支部"
        else:
            text = _text(value)
        body.append((PreviewCell(label), PreviewCell(text), PreviewCell("")))
    return TablePreview(("项目", "内容", "位置"), tuple(body))


def _sheet_row(places: dict[str, str]) -> str:
    for place in places.values():
        if m := _SHEET_ROW.search(place):
            return m.group(1)
    return ""


def value_text(data: dict[str, Any], label: str) -> str:
    """The value stored for `label`, as the clerk would write it."""
    for name in LABEL_FIELDS.get(label, ()):
        if name not in data:
            continue
        value = data[name]
        if name == "time" and isinstance(value, dict):
            return _time_text(value, label)
        return _text(value)
    return ""


def _time_text(value: dict[str, Any], label: str) -> str:
    segments = [(str(a)[:5], str(b)[:5]) for a, b in value.get("segments", ())]
    if not segments:
        return ""
    if label == "开始时间":
        return segments[0][0]
    if label == "结束时间":
        return segments[-1][1]
    return "、".join(f"{a}-{b}" for a, b in segments)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (list, tuple)):
        return "、".join(_text(v) for v in value)
    return str(value)
