"""主题党日活动记录表: one branch's record of one activity, a Word table of label/value cells."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict

from themeday_office.domain.codes import message
from themeday_office.domain.forms.activity import (
    ACTIVITY_LABELS,
    TIME_LABEL,
    Activity,
    activity_values,
    has_time_columns,
)
from themeday_office.domain.forms.context import FormContext
from themeday_office.domain.forms.fields import Fields, year_hint
from themeday_office.domain.labels import Label, canonical
from themeday_office.domain.messages import Message
from themeday_office.domain.period import Period
from themeday_office.domain.values.raw import RawValue
from themeday_office.domain.values.text import parse_text

RECORD_LABELS = (
    *ACTIVITY_LABELS,
    Label("所属党(工)委", aliases=("所属党委", "所属党工委", "党(工)委")),
    Label("主持人"),
    Label("记录人"),
    Label("缺席人员及原因", aliases=("缺席人员", "缺席人员及缺席原因")),
    Label("列席人员", aliases=("列席人员名单",)),
    Label("参加的科级以上领导干部", aliases=("参加的科级以上干部", "科级以上领导干部", "参加活动的科级以上领导干部")),
    Label("活动内容", aliases=("内容", "活动内容记录", "主要内容")),
)


# How the record form lays out its label/value pairs, row by row; a lone pair's value spans the row.
# The kit's template and the synthetic district both draw the table from this.
RECORD_LAYOUT: tuple[tuple[str, ...], ...] = (
    ("党支部名称",),
    ("所属党(工)委",),
    ("活动日期", "活动时间"),
    ("活动地点",),
    ("活动主题",),
    ("开展方式", "联建单位"),
    ("主持人", "记录人"),
    ("应到人数", "实到人数"),
    ("请假人数", "缺席人员及原因"),
    ("列席人员",),
    ("参加的科级以上领导干部",),
    ("活动内容",),
    ("备注",),
)


class ActivityRecord(Activity):
    """The record's own fields; names of people are kept as written."""

    committee: str | None = None  # 所属党(工)委 as written
    host: str | None = None
    recorder: str | None = None
    absentees: str | None = None
    observers: str | None = None  # 列席人员
    cadres: str | None = None  # 参加的科级以上领导干部
    content: str | None = None


class RecordForm(BaseModel):
    model_config = ConfigDict(frozen=True)

    period: Period  # the month of the activity
    record: ActivityRecord
    place: str = ""


def parse_record(
    cells: Mapping[str, RawValue], context: FormContext = FormContext()
) -> tuple[RecordForm | None, list[Message]]:
    """Build a record from its label -> value cells (places like `表格1 第3行`).

    The record is about a held activity, so without a branch or a readable date it is
    not a record at all: the result is None.
    """
    out: list[Message] = []
    known = canonical(cells, RECORD_LABELS)
    for label in RECORD_LABELS:
        if label.required and label.name not in known:
            out.append(message("label_missing", context.place, label=label.name))
    if not has_time_columns(set(known)):
        out.append(message("label_missing", context.place, label=TIME_LABEL))
    f = Fields(known, out, context.place)

    branch = f.get("党支部名称", parse_text)
    if branch is None and "党支部名称" in known:
        out.append(message("value_missing", f.place("党支部名称"), label="党支部名称"))
    year = (context.period.year if context.period else None) or year_hint(f.raw("活动日期"))
    values = activity_values(f, year, context.working_hours)
    if values["held_on"] is None and "活动日期" in known and "活动日期" not in f.failed:
        out.append(message("value_missing", f.place("活动日期"), label="活动日期"))
    if branch is None or values["held_on"] is None:
        return None, out

    record = ActivityRecord(
        branch=branch,
        committee=f.get("所属党(工)委", parse_text),
        host=f.get("主持人", parse_text),
        recorder=f.get("记录人", parse_text),
        absentees=f.get("缺席人员及原因", parse_text),
        observers=f.get("列席人员", parse_text),
        cadres=f.get("参加的科级以上领导干部", parse_text),
        content=f.get("活动内容", parse_text),
        places=f.places(),
        unreadable=tuple(sorted(f.failed)),
        **values,
    )
    # The month the activity belongs to; a date outside it is the checks' business (it needs the calendar).
    assert record.held_on is not None  # a record without a date returned above
    period = context.period or Period.containing(record.held_on)
    return RecordForm(period=period, record=record, place=context.place), out
