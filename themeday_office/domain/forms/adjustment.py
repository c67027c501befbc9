"""调整日期备案表: a committee moves its month's Theme Party Day and files the new date."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from pydantic import BaseModel, ConfigDict

from themeday_office.domain.codes import message
from themeday_office.domain.forms.context import FormContext
from themeday_office.domain.forms.fields import Fields, year_hint
from themeday_office.domain.forms.header import settle_period
from themeday_office.domain.forms.monthly import clean_unit
from themeday_office.domain.labels import Label, canonical
from themeday_office.domain.messages import Message
from themeday_office.domain.period import Period
from themeday_office.domain.values.choices import BranchScope, parse_scope
from themeday_office.domain.values.dates import parse_date, parse_month
from themeday_office.domain.values.raw import RawValue
from themeday_office.domain.values.text import parse_text

ADJUSTMENT_LABELS = (
    Label("申请单位", required=True, aliases=("填报单位", "单位", "申请单位名称", "报备单位")),
    Label("调整月份", required=True, aliases=("月份", "活动月份")),
    Label("区定日期", aliases=("全区主题党日日期", "原定日期", "原日期", "全区统一日期", "区定活动日期")),
    Label("调整后日期", required=True, aliases=("调整日期", "调整后活动日期", "拟调整日期", "调整后的日期")),
    Label("调整原因", required=True, aliases=("原因", "调整理由", "调整事由")),
    Label("涉及支部", aliases=("涉及党支部", "涉及的党支部", "调整支部")),
    Label("联系人"),
    Label("联系电话", aliases=("电话",)),
    Label("报备日期", aliases=("填报日期", "申请日期", "报送日期")),
)


class AdjustmentForm(BaseModel):
    model_config = ConfigDict(frozen=True)

    unit: str  # 申请单位 as written
    period: Period  # the month whose district date is moved
    district_date: date | None = None  # 区定日期 as written (checked against the calendar)
    new_date: date | None = None
    reason: str | None = None
    scope: BranchScope | None = None  # None: not filled in
    contact: str | None = None
    phone: str | None = None
    filed_on: date | None = None
    place: str = ""
    places: dict[str, str] = {}
    unreadable: tuple[str, ...] = ()

    def place_of(self, label: str) -> str:
        return self.places.get(label) or self.place


def parse_adjustment(
    cells: Mapping[str, RawValue], context: FormContext = FormContext()
) -> tuple[AdjustmentForm | None, list[Message]]:
    """Build an adjustment from its label -> value cells; None without a unit or a month."""
    out: list[Message] = []
    known = canonical(cells, ADJUSTMENT_LABELS)
    for label in ADJUSTMENT_LABELS:
        if label.required and label.name not in known:
            out.append(message("label_missing", context.place, label=label.name))
    f = Fields(known, out, context.place)

    # 4月14日 without a year takes it from the context or any other date on the form.
    year = (context.period.year if context.period else None) or year_hint(
        f.raw("调整月份"), f.raw("区定日期"), f.raw("调整后日期"), f.raw("报备日期")
    )
    unit = clean_unit(f.get("申请单位", parse_text))
    if unit is None and "申请单位" in known:
        out.append(message("value_missing", f.place("申请单位"), label="申请单位"))
    district = f.get("区定日期", parse_date, year=year)
    new_date = f.get("调整后日期", parse_date, year=year)

    found: list[tuple[Period, str, str]] = []
    if (stated := f.get("调整月份", parse_month, year=year)) is not None:
        found.append((stated, "调整月份", f.place("调整月份")))
    elif district is not None:
        found.append((Period.containing(district), "区定日期", f.place("区定日期")))
    period = settle_period(found, context.period, out)
    if period is None and "调整月份" not in f.failed:
        out.append(message("period_missing", context.place, what="月份", label="调整月份"))
    if unit is None or period is None:
        return None, out

    form = AdjustmentForm(
        unit=unit,
        period=period,
        district_date=district,
        new_date=new_date,
        reason=f.get("调整原因", parse_text),
        scope=f.get("涉及支部", parse_scope),
        contact=f.get("联系人", parse_text),
        phone=f.get("联系电话", parse_text),
        filed_on=f.get("报备日期", parse_date, year=year),
        place=context.place,
        places=f.places(),
        unreadable=tuple(sorted(f.failed)),
    )
    return form, out
