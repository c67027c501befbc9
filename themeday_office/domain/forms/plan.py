"""年度计划表: a committee's (or cooperation group's) plan, one row per month."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date

from pydantic import BaseModel, ConfigDict

from themeday_office.domain.codes import message
from themeday_office.domain.forms.context import FormContext
from themeday_office.domain.forms.fields import Fields, is_footer, is_footer_row, year_hint
from themeday_office.domain.forms.header import HEADER_LABELS, Header, settle_period, title_text, title_unit, title_year
from themeday_office.domain.forms.monthly import clean_unit
from themeday_office.domain.labels import Label, canonical
from themeday_office.domain.messages import Message
from themeday_office.domain.period import Period
from themeday_office.domain.values.choices import ActivityMode, parse_item_numbers, parse_mode
from themeday_office.domain.values.dates import parse_date, parse_month_number
from themeday_office.domain.values.raw import Raw, RawValue, ValueProblem, is_blank
from themeday_office.domain.values.text import parse_note, parse_text, squeeze

PLAN_HEADER_LABELS = (*HEADER_LABELS, Label("年度", aliases=("计划年度", "填报年度")))
PLAN_COLUMNS = (
    Label("月份", required=True, aliases=("月", "活动月份")),
    Label("活动日期", required=True, aliases=("日期", "计划日期", "计划活动日期")),
    Label("活动主题", required=True, aliases=("主题",)),
    Label("指导性主题序号", aliases=("指导性主题", "主题序号", "指导主题序号")),
    Label("开展方式", required=True, aliases=("活动方式", "开展形式")),
    Label("联建单位", aliases=("联建共建单位", "共建单位")),
    Label("活动地点", aliases=("地点",)),
    Label("备注"),
)

_YEAR = re.compile(r"^(\d{4})(?:年度?)?$")


class PlanRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    month: int
    planned_on: date | None = None
    theme: str | None = None
    theme_items: tuple[int, ...] = ()
    mode: ActivityMode | None = None
    partner: str | None = None
    location: str | None = None
    remarks: str | None = None
    places: dict[str, str] = {}
    unreadable: tuple[str, ...] = ()

    def place(self, *labels: str) -> str:
        for label in (*labels, "月份"):
            if self.places.get(label):
                return self.places[label]
        return ""


class PlanForm(BaseModel):
    model_config = ConfigDict(frozen=True)

    unit: str  # a 党(工)委 or a 党建协作组, as written
    period: Period  # the year planned for
    header: Header
    title: str | None = None
    place: str = ""
    unit_place: str = ""
    rows: tuple[PlanRow, ...] = ()


def parse_plan(
    header: Mapping[str, RawValue],
    rows: Sequence[Mapping[str, RawValue]],
    context: FormContext = FormContext(),
) -> tuple[PlanForm | None, list[Message]]:
    """Build a year plan from its header block and month rows; None without a unit or a year."""
    out: list[Message] = []
    hf = Fields(canonical(header, PLAN_HEADER_LABELS), out, context.place)
    title = title_text(context.title)
    title_place = context.title.place if context.title else context.place
    head = Header(
        unit=clean_unit(hf.get("填报单位", parse_text)),
        filled_by=hf.get("填报人", parse_text),
        phone=hf.get("联系电话", parse_text),
        filled_on=hf.get("填报日期", parse_date),
    )
    unit, unit_place = head.unit, hf.place("填报单位")
    if unit is None and title:
        unit, unit_place = title_unit(title), title_place
    if unit is None:
        out.append(message("unit_missing", context.place, label="填报单位"))

    table = [canonical(r, PLAN_COLUMNS) for r in rows]
    columns = {label for r in table for label in r}
    if table:
        for label in PLAN_COLUMNS:
            if label.required and label.name not in columns:
                out.append(message("label_missing", context.place, label=label.name))

    found: list[tuple[Period, str, str]] = []
    if (stated := hf.get("年度", _parse_year)) is not None:
        found.append((Period.of_year(stated), "年度", hf.place("年度")))
    if title and (from_title := title_year(title)) is not None:
        found.append((Period.of_year(from_title), "标题", title_place))
    period = settle_period(found, context.period, out)
    if period is None:
        # A plan without a title still dates its rows: 2017年1月13日.
        hint = year_hint(*(r["活动日期"].value for r in table if "活动日期" in r))
        period = Period.of_year(hint) if hint else None
    if period is None:
        out.append(message("period_missing", context.place, what="年度", label="年度"))
    if unit is None or period is None or (table and "月份" not in columns and "活动日期" not in columns):
        return None, out

    parsed = [row for cells in table if (row := _row(cells, period.year, context, out)) is not None]
    if not parsed:
        out.append(message("form_empty", context.place, what="月份的计划"))
    plan = PlanForm(
        unit=unit,
        period=period,
        header=head,
        title=title,
        place=context.place,
        unit_place=unit_place,
        rows=tuple(parsed),
    )
    return plan, out


def _parse_year(value: Raw) -> int | None:
    if is_blank(value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        return int(value)
    m = _YEAR.match(squeeze(str(value)))
    if not m:
        raise ValueProblem("无法识别为年度（可写作 2017 或 2017年）")
    return int(m.group(1))


def _row(cells: dict[str, RawValue], year: int, context: FormContext, out: list[Message]) -> PlanRow | None:
    f = Fields(cells, out, context.place)
    if all(f.blank(label) for label in cells) or is_footer(f.raw("月份")) or is_footer_row(cells):
        return None
    month = f.get("月份", parse_month_number)
    planned = f.get("活动日期", parse_date, year=year)
    if month is None and planned is not None:
        month = planned.month
    if month is None:
        if "月份" not in f.failed:
            out.append(message("value_missing", f.place("月份"), label="月份"))
        return None
    return PlanRow(
        month=month,
        planned_on=planned,
        theme=f.get("活动主题", parse_text),
        theme_items=f.get("指导性主题序号", parse_item_numbers) or (),
        mode=f.get("开展方式", parse_mode),
        partner=f.get("联建单位", parse_note),
        location=f.get("活动地点", parse_text),
        remarks=f.get("备注", parse_text),
        places=f.places(),
        unreadable=tuple(sorted(f.failed)),
    )
