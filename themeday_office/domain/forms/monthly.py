"""月度开展情况统计表: one row per branch of the reporting committee, under a header block."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from themeday_office.domain.codes import message
from themeday_office.domain.forms.activity import (
    ACTIVITY_LABELS,
    TIME_LABEL,
    Activity,
    activity_values,
    has_time_columns,
)
from themeday_office.domain.forms.clean_rows import CleanRows, canonical_rows
from themeday_office.domain.forms.context import FormContext
from themeday_office.domain.forms.fields import Fields, is_footer
from themeday_office.domain.forms.header import (
    HEADER_LABELS,
    Header,
    settle_period,
    title_month,
    title_text,
    title_unit,
    title_year,
)
from themeday_office.domain.labels import Label, canonical
from themeday_office.domain.messages import Message
from themeday_office.domain.period import Period
from themeday_office.domain.values.counts import parse_count
from themeday_office.domain.values.dates import parse_date, parse_month
from themeday_office.domain.values.raw import RawValue, TableRow, ValueProblem
from themeday_office.domain.values.text import fold, parse_text

MONTHLY_HEADER_LABELS = (
    *HEADER_LABELS,
    Label("填报月份", aliases=("月份", "统计月份", "报送月份", "活动月份")),
)
MONTHLY_COLUMNS = (
    Label("序号", aliases=("编号",)),
    *ACTIVITY_LABELS,
    Label("列席人数", aliases=("列席", "列席人员人数")),
    Label("科级以上领导干部参加人数", aliases=("科级以上干部参加人数", "科级以上领导干部", "科级以上领导干部人数")),
    Label("未开展原因", aliases=("未开展活动原因", "未开展原因说明", "原因")),
)


class MonthlyRow(Activity):
    """One branch's row."""

    seq: int | None = None
    observers: int | None = Field(None, ge=0)  # 列席人数: not counted in 应到
    cadres: int | None = Field(None, ge=0)  # 科级以上领导干部参加人数
    reason_not_held: str | None = None


class MonthlyReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    unit: str  # 填报单位 as written
    period: Period
    header: Header
    title: str | None = None
    place: str = ""
    unit_place: str = ""
    rows: tuple[MonthlyRow, ...] = ()


def parse_monthly(
    header: Mapping[str, RawValue],
    rows: Sequence[Mapping[str, RawValue]],
    context: FormContext = FormContext(),
) -> tuple[MonthlyReport | None, list[Message]]:
    """Build the monthly report from its header block and table rows (labels as found).

    A column counts as present when any row has its label. Only what the form cannot be
    read without (unit, month, the branch column) returns None; a bad value leaves that
    field empty and adds a message, so a clerk can still accept the rest.
    """
    out: list[Message] = []
    hf = Fields(canonical(header, MONTHLY_HEADER_LABELS), out, context.place)
    title = title_text(context.title)
    title_place = context.title.place if context.title else context.place
    year = (title_year(title) if title else None) or (context.period.year if context.period else None)

    head = Header(
        unit=clean_unit(hf.get("填报单位", parse_text)),
        filled_by=hf.get("填报人", parse_text),
        phone=hf.get("联系电话", parse_text),
        filled_on=hf.get("填报日期", parse_date, year=year),
    )
    unit, unit_place = head.unit, hf.place("填报单位")
    if unit is None and title:
        unit, unit_place = title_unit(title), title_place
    if unit is None:
        out.append(message("unit_missing", context.place, label="填报单位"))

    found: list[tuple[Period, str, str]] = []
    if (stated := hf.get("填报月份", parse_month, year=year)) is not None:
        found.append((stated, "填报月份", hf.place("填报月份")))
    if title and (from_title := title_month(title)) is not None:
        found.append((from_title, "标题", title_place))
    period = settle_period(found, context.period, out)
    if period is None and "填报月份" not in hf.failed:
        out.append(message("period_missing", context.place, what="月份", label="填报月份"))

    table = canonical_rows(rows, MONTHLY_COLUMNS)
    columns = {label for r in table for label in (r.columns.labels if type(r) is TableRow else r)}
    if table:
        for label in MONTHLY_COLUMNS:
            if label.required and label.name not in columns:
                out.append(message("label_missing", context.place, label=label.name))
        if not has_time_columns(columns):
            out.append(message("label_missing", context.place, label=TIME_LABEL))
    if unit is None or period is None or (table and "党支部名称" not in columns):
        return None, out

    clean = CleanRows(_OWN_FIELDS, period.year, context.working_hours)
    parsed = [row for cells in table if (row := clean.row(cells) or _row(cells, period, context, out)) is not None]
    if not parsed:
        out.append(message("form_empty", context.place, what="党支部"))
    # The rows go in as their fields: the report validates the whole table in one native call,
    # where a model per row costs a call from Python each.
    report = MonthlyReport(
        unit=unit,
        period=period,
        header=head,
        title=title,
        place=context.place,
        unit_place=unit_place,
        rows=parsed,
    )
    return report, out


def clean_unit(unit: str | None) -> str | None:
    """A unit as written, without the （盖章） that forms print after it."""
    if unit is None:
        return None
    text = fold(unit)
    for mark in ("(盖章)", "(章)", "盖章"):
        text = text.replace(mark, "")
    return text.strip() or None


def _lenient_count(value: object) -> int | None:
    # 序号 only orders rows; a strange one is not worth a message.
    try:
        return parse_count(value)  # type: ignore[arg-type]
    except ValueProblem:
        return None


# The monthly row's own fields besides an activity's, for CleanRows; as _row reads them.
_OWN_FIELDS = (
    ("seq", "序号", _lenient_count),
    ("observers", "列席人数", parse_count),
    ("cadres", "科级以上领导干部参加人数", parse_count),
    ("reason_not_held", "未开展原因", parse_text),
)


def _row(
    cells: Mapping[str, RawValue], period: Period, context: FormContext, out: list[Message]
) -> dict[str, Any] | None:
    """One branch's row as MonthlyRow's fields (validated with the whole table), None for a row
    that is not a branch's: blank, a totals or signature line, a template's numbered empty row."""
    for cell in cells.values():
        first = cell[0]  # the first filled cell, left to right
        if first is not None and (first.__class__ is not str or first.strip()):
            break
    else:
        return None
    f = Fields(cells, out, context.place)
    branch = parse_text(f.raw("党支部名称"))
    if is_footer(branch) or is_footer(first):
        return None
    if branch is None:
        if all(f.blank(label) for label in cells if label != "序号"):
            return None  # a numbered but empty row of a template
        out.append(message("value_missing", f.place("党支部名称"), label="党支部名称"))
        return None
    values: dict[str, Any] = {"branch": branch}
    values.update(activity_values(f, period.year, context.working_hours))
    values["seq"] = _lenient_count(f.raw("序号"))
    values["observers"] = f.get("列席人数", parse_count)
    values["cadres"] = f.get("科级以上领导干部参加人数", parse_count)
    values["reason_not_held"] = f.get("未开展原因", parse_text)
    values["places"] = f.places()
    values["unreadable"] = tuple(sorted(f.failed))
    return values

