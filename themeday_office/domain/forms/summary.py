"""季度总结报告: free prose; unit and quarter from the title (or a 报送单位 line), date at the end."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from pydantic import BaseModel, ConfigDict

from themeday_office.domain.codes import message
from themeday_office.domain.forms.context import FormContext
from themeday_office.domain.forms.header import settle_period, title_quarter, title_unit
from themeday_office.domain.messages import Message
from themeday_office.domain.period import Period
from themeday_office.domain.values.dates import parse_date
from themeday_office.domain.values.raw import RawValue, ValueProblem
from themeday_office.domain.values.text import squeeze

# The usual sections and the words their headings use.
SECTIONS: dict[str, tuple[str, ...]] = {
    "基本情况": ("基本情况", "开展情况", "总体情况", "活动情况"),
    "主要做法": ("主要做法", "做法", "经验", "特色", "成效"),
    "存在问题": ("存在问题", "存在的问题", "问题", "不足"),
    "下步打算": ("下步打算", "下一步", "打算", "努力方向", "工作计划"),
}
_HEADING = re.compile(r"^[一二三四五六七八九十]+[、.]")
_UNIT_LINE = re.compile(r"^(?:报送单位|填报单位|单位)[:]?(.+)$")
_HEAD_WORDS = 12  # a numbered heading's words; the body after it may mention 问题 too
_BARE_HEADING_MAX = 10


class SummaryReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    unit: str  # as written in the title or the 报送单位 line
    period: Period  # a quarter
    title: str | None = None
    sections: tuple[str, ...] = ()  # the usual sections found, in SECTIONS order
    dated: date | None = None  # the date at the end
    paragraphs: tuple[str, ...] = ()
    place: str = ""
    unit_place: str = ""


def parse_summary(
    paragraphs: Sequence[RawValue], context: FormContext = FormContext()
) -> tuple[SummaryReport | None, list[Message]]:
    """Build a summary from its paragraphs (places like `第3段`); None without a unit or a quarter."""
    out: list[Message] = []
    # As written: matching below folds and squeezes on its own, the model keeps the clerk's punctuation.
    texts = [(str(p.value).strip(), p.place) for p in paragraphs if p.value is not None and str(p.value).strip()]
    if not texts:
        out.append(message("form_empty", context.place, what="内容"))
        return None, out
    title, title_place = next(((t, pl) for t, pl in texts[:3] if "总结" in t), texts[0])

    unit, unit_place = None, ""
    for text, place in texts[:6]:
        if m := _UNIT_LINE.match(squeeze(text)):
            unit, unit_place = m.group(1), place
            break
    if unit is None and (unit := title_unit(title)) is not None:
        unit_place = title_place
    if unit is None:
        out.append(message("unit_missing", context.place, label="报送单位"))

    found = [(q, "标题", title_place)] if (q := title_quarter(title)) is not None else []
    period = settle_period(found, context.period, out)
    if period is not None and period.kind != "quarter":
        period = None
    if period is None:
        out.append(message("period_missing", context.place, what="季度", label="标题"))
    if unit is None or period is None:
        return None, out

    report = SummaryReport(
        unit=unit,
        period=period,
        title=title,
        sections=_sections([t for t, _ in texts if t != title]),
        dated=_date_at_end([t for t, _ in texts]),
        paragraphs=tuple(t for t, _ in texts),
        place=context.place,
        unit_place=unit_place,
    )
    return report, out


def _sections(texts: list[str]) -> tuple[str, ...]:
    # A heading is a numbered paragraph (一、基本情况。…: look at its first words) or a short bare line.
    heads = []
    for text in texts:
        s = squeeze(text)
        if m := _HEADING.match(s):
            heads.append(re.split(r"[。:;]", s[m.end() :])[0][:_HEAD_WORDS])
        elif len(s) <= _BARE_HEADING_MAX:
            heads.append(s)
    return tuple(section for section, words in SECTIONS.items() if any(w in h for h in heads for w in words))


def _date_at_end(texts: list[str]) -> date | None:
    for text in reversed(texts[-3:]):
        try:
            if (d := parse_date(text)) is not None:
                return d
        except ValueProblem:
            continue
    return None
