"""What a branch reports about one Theme Party Day, shared by the monthly table and the record."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypedDict

from pydantic import BaseModel, ConfigDict, Field

from themeday_office.domain.codes import message
from themeday_office.domain.forms.fields import Fields
from themeday_office.domain.labels import Label
from themeday_office.domain.rules import WorkingHours
from themeday_office.domain.values.choices import ActivityMode, parse_item_numbers, parse_mode
from themeday_office.domain.values.counts import parse_count
from themeday_office.domain.values.dates import parse_date
from themeday_office.domain.values.raw import display
from themeday_office.domain.values.text import parse_note, parse_text
from themeday_office.domain.values.times import ActivityTime, parse_time, parse_time_range

# The labels both forms share; `活动时间` may instead be two columns 开始时间 / 结束时间.
ACTIVITY_LABELS = (
    Label("党支部名称", required=True, aliases=("支部名称", "党组织名称", "党支部", "支部")),
    Label("活动日期", required=True, aliases=("开展日期", "活动开展日期", "日期")),
    Label("活动时间", aliases=("时间", "活动时段", "起止时间", "活动起止时间")),
    Label("开始时间", aliases=("起始时间",)),
    Label("结束时间", aliases=("终止时间",)),
    Label("活动主题", required=True, aliases=("主题",)),
    Label("指导性主题序号", aliases=("指导性主题", "主题序号", "指导主题序号", "指导性主题编号")),
    Label("开展方式", required=True, aliases=("活动方式", "开展形式", "活动形式")),
    Label("联建单位", aliases=("联建共建单位", "共建单位")),
    Label("活动地点", aliases=("地点",)),
    Label("应到人数", required=True, aliases=("应到", "应参加人数", "应到党员人数", "应到会人数")),
    Label("实到人数", required=True, aliases=("实到", "实际参加人数", "参加人数", "实到党员人数", "实到会人数")),
    Label("请假人数", aliases=("请假",)),
    Label("备注"),
)
TIME_LABEL = "活动时间"  # named in messages when neither form of the times is there


class Activity(BaseModel):
    """One branch's activity as reported; every value may be missing, the checks say which must not."""

    model_config = ConfigDict(frozen=True)

    branch: str  # as written
    held_on: date | None = None  # None: not held
    time: ActivityTime | None = None
    theme: str | None = None
    theme_items: tuple[int, ...] = ()
    mode: ActivityMode | None = None
    partner: str | None = None
    location: str | None = None
    expected: int | None = Field(None, ge=0)
    present: int | None = Field(None, ge=0)
    excused: int | None = Field(None, ge=0)
    remarks: str | None = None
    places: dict[str, str] = {}  # every label the form had -> where its cell was, for messages
    unreadable: tuple[str, ...] = ()  # labels whose value could not be read (already reported)

    @property
    def held(self) -> bool:
        return self.held_on is not None

    def place(self, *labels: str) -> str:
        """The place of the first of `labels` the form had, else of the branch name."""
        for label in (*labels, "党支部名称"):
            if self.places.get(label):
                return self.places[label]
        return ""


def has_time_columns(labels: set[str]) -> bool:
    return "活动时间" in labels or "开始时间" in labels or "结束时间" in labels


class ActivityValues(TypedDict):
    """The fields of `Activity` that both forms read the same way (the keyword arguments it is built with)."""

    held_on: date | None
    time: ActivityTime | None
    theme: str | None
    theme_items: tuple[int, ...]
    mode: ActivityMode | None
    partner: str | None
    location: str | None
    expected: int | None
    present: int | None
    excused: int | None
    remarks: str | None


def activity_values(f: Fields, year: int | None, hours: WorkingHours) -> ActivityValues:
    """The shared fields of an activity, parsed from `f`."""
    return {
        "held_on": f.get("活动日期", parse_date, year=year),
        "time": _time(f, hours),
        "theme": f.get("活动主题", parse_text),
        "theme_items": f.get("指导性主题序号", parse_item_numbers) or (),
        "mode": f.get("开展方式", parse_mode),
        "partner": f.get("联建单位", parse_note),
        "location": f.get("活动地点", parse_text),
        "expected": f.get("应到人数", parse_count),
        "present": f.get("实到人数", parse_count),
        "excused": f.get("请假人数", parse_count),
        "remarks": f.get("备注", parse_text),
    }


# activity_values' fields once more, as (field, label, parser) for reading clean rows in one loop
# (forms.clean_rows); the time, read from one column or two, is not among them.
ACTIVITY_FIELDS: tuple[tuple[str, str, Callable[..., Any]], ...] = (
    ("held_on", "活动日期", parse_date),
    ("theme", "活动主题", parse_text),
    ("theme_items", "指导性主题序号", parse_item_numbers),
    ("mode", "开展方式", parse_mode),
    ("partner", "联建单位", parse_note),
    ("location", "活动地点", parse_text),
    ("expected", "应到人数", parse_count),
    ("present", "实到人数", parse_count),
    ("excused", "请假人数", parse_count),
    ("remarks", "备注", parse_text),
)


def _time(f: Fields, hours: WorkingHours) -> ActivityTime | None:
    # One column with a range, or two columns; a range typed into 开始时间 alone is read as a range.
    if not f.blank("活动时间"):
        return f.get("活动时间", parse_time_range, hours=hours)
    start_blank, end_blank = f.blank("开始时间"), f.blank("结束时间")
    if start_blank and end_blank:
        return None
    if start_blank or end_blank:
        label = "结束时间" if start_blank else "开始时间"
        return f.get(label, parse_time_range, hours=hours)
    start = f.get("开始时间", parse_time)
    end = f.get("结束时间", parse_time)
    if start is None or end is None:
        return None
    if end <= start:
        f.failed.add("结束时间")
        f.out.append(
            message(
                "value_invalid",
                f.place("结束时间"),
                label="结束时间",
                raw=display(f.raw("结束时间")),
                reason=f"不晚于开始时间{start:%H:%M}",
            )
        )
        return None
    return ActivityTime.between(start, end)
