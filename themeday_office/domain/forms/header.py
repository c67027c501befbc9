"""The header block above a form's table, and what a title says about unit and period."""

from __future__ import annotations

import re
from datetime import date

from pydantic import BaseModel, ConfigDict

from themeday_office.domain.codes import message
from themeday_office.domain.labels import Label
from themeday_office.domain.messages import Message
from themeday_office.domain.period import Period
from themeday_office.domain.values.raw import RawValue
from themeday_office.domain.values.text import fold, small_number, squeeze

HEADER_LABELS = (
    Label("填报单位", aliases=("单位", "报送单位", "填报单位名称", "申报单位")),
    Label("填报人", aliases=("填表人", "经办人")),
    Label("联系电话", aliases=("电话", "联系方式")),
    Label("填报日期", aliases=("填表日期", "报送日期")),
)

_TITLE_MONTH = re.compile(r"(\d{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月")
_TITLE_QUARTER = re.compile(r"(\d{4})年度?第?([一二三四1-4])季度")
_TITLE_YEAR = re.compile(r"(\d{4})年")
_BEFORE_YEAR = re.compile(r"^(.*?)(?:\d{4}年|[“\"]?主题党日)")


class Header(BaseModel):
    """填报单位, 填报人, 联系电话, 填报日期 as written."""

    model_config = ConfigDict(frozen=True)

    unit: str | None = None
    filled_by: str | None = None
    phone: str | None = None
    filled_on: date | None = None


def title_month(title: str) -> Period | None:
    m = _TITLE_MONTH.search(squeeze(title))
    if not m:
        return None
    month = small_number(m.group(2))
    return Period.of_month(int(m.group(1)), month) if 1 <= month <= 12 else None


def title_quarter(title: str) -> Period | None:
    m = _TITLE_QUARTER.search(squeeze(title))
    return Period.of_quarter(int(m.group(1)), small_number(m.group(2))) if m else None


def title_year(title: str) -> int | None:
    m = _TITLE_YEAR.search(squeeze(title))
    return int(m.group(1)) if m else None


def title_unit(title: str) -> str | None:
    """The unit a title names before its year (or 主题党日): 惠济区古荥镇党委2017年… -> 惠济区古荥镇党委."""
    m = _BEFORE_YEAR.match(fold(title))
    unit = m.group(1).strip(" “”\"") if m else ""
    return unit or None


def settle_period(
    found: list[tuple[Period, str, str]],
    expected: Period | None,
    out: list[Message],
) -> Period | None:
    """The form's period from its sources — (period, label, place), most authoritative first.

    Disagreeing sources, or a period other than the one expected, are errors: the file
    cannot be trusted to be about the period it claims.
    """
    if not found:
        return expected
    period, label, place = found[0]
    for other, other_label, _ in found[1:]:
        if other != period:
            out.append(
                message(
                    "period_inconsistent", place, label=label, found=period, source=other_label, expected=other
                )
            )
    if expected is not None and expected != period:
        out.append(
            message("period_inconsistent", place, label=label, found=period, source="应报期间", expected=expected)
        )
    return period


def title_text(title: RawValue | None) -> str | None:
    if title is None or title.value is None:
        return None
    return str(title.value).strip() or None
