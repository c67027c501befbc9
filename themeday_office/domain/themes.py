"""The year's guiding themes (全区指导性主题): one numbered list of items per month.

The seed's 2017 table is bundled; other years come from the workspace, as the kit's
own data format (a mapping, read from TOML by the workspace layer) or, later, from
the `themes` xlsx form.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import ErrorDetails

from themeday_office.domain.themes_2017 import THEMES_2017


class ThemesError(ValueError):
    """A themes table that cannot be used; the message is for the clerk."""


class MonthThemes(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    month: int = Field(ge=1, le=12)
    day: date | None = Field(None, alias="date")
    items: tuple[str, ...] = Field(min_length=1)

    @field_validator("items")
    @classmethod
    def _no_blank_items(cls, items: tuple[str, ...]) -> tuple[str, ...]:
        cleaned = tuple(i.strip() for i in items)
        if any(not i for i in cleaned):
            raise ValueError("主题条目不能为空")
        return cleaned

    def item(self, number: int) -> str | None:
        """Item by its 1-based number as printed in the table, or None."""
        return self.items[number - 1] if 1 <= number <= len(self.items) else None


class YearThemes(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    year: int = Field(ge=2000, le=2100)
    months: tuple[MonthThemes, ...] = Field(alias="month")

    @model_validator(mode="after")
    def _consistent(self) -> YearThemes:
        seen: set[int] = set()
        for m in self.months:
            if m.month in seen:
                raise ValueError(f"{m.month}月重复出现")
            seen.add(m.month)
            if m.day is not None and (m.day.year, m.day.month) != (self.year, m.month):
                raise ValueError(f"{m.month}月的日期{m.day.isoformat()}不在{self.year}年{m.month}月")
        return self

    def month(self, month: int) -> MonthThemes | None:
        return self._by_month.get(month)

    @functools.cached_property
    def _by_month(self) -> dict[int, MonthThemes]:
        # Asked for every row of every table: a lookup, not a scan of the year.
        return {m.month: m for m in self.months}

    @classmethod
    def from_mapping(cls, data: dict[str, Any], source: str = "") -> YearThemes:
        """Build from the kit's data format; raises ThemesError with a Chinese message."""
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            where = f"{source}：" if source else ""
            problems = "；".join(_describe(e) for e in exc.errors())
            raise ThemesError(f"{where}指导性主题表有误：{problems}") from None


def _describe(error: ErrorDetails) -> str:
    loc = error.get("loc", ())
    parts = []
    for i, key in enumerate(loc):
        following = loc[i + 1] if i + 1 < len(loc) else None
        if key == "month" and isinstance(following, int):
            parts.append(f"第{following + 1}个月份条目")
        elif isinstance(key, str) and key != "month":
            parts.append({"items": "items（主题条目）", "date": "date（日期）", "year": "year（年份）"}.get(key, key))
        elif key == "month" and i + 1 == len(loc):
            parts.append("month（月份）")
    msg = error.get("msg", "")
    msg = msg.removeprefix("Value error, ")
    return f"{'·'.join(parts) or '表'}：{_MSG_ZH.get(error.get('type', ''), msg)}"


_MSG_ZH = {
    "missing": "缺少此项",
    "int_parsing": "应为整数",
    "date_from_datetime_parsing": "应为日期，如 2018-01-12",
    "date_parsing": "应为日期，如 2018-01-12",
    "date_type": "应为日期，如 2018-01-12",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
    "too_short": "至少要有一条",
    "extra_forbidden": "不认识的项目",
    "string_type": "应为文字",
    "tuple_type": "应为列表",
}


def bundled_themes() -> dict[int, YearThemes]:
    """The tables shipped with the kit: the seed's 2017 table."""
    months = tuple(MonthThemes(month=m, date=d, items=items) for m, d, items in THEMES_2017)
    return {2017: YearThemes(year=2017, month=months)}
