"""Reporting periods: a month (`2017-03`), a quarter (`2017Q1`) or a year (`2017`).

`str(period)` is the canonical spelling the CLI prints and the ledger stores;
`Period.parse` reads exactly those spellings back.
"""

from __future__ import annotations

import calendar as _stdcal
import functools
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from pydantic_core import core_schema

PeriodKind = Literal["month", "quarter", "year"]

_QUARTER_ZH = {1: "一", 2: "二", 3: "三", 4: "四"}
_MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER_RE = re.compile(r"^(\d{4})[Qq]([1-4])$")
_YEAR_RE = re.compile(r"^(\d{4})$")


@dataclass(frozen=True)
class Period:
    """A month, quarter or year. Build with `of_month`, `of_quarter`, `of_year` or `parse`."""

    year: int
    kind: PeriodKind
    number: int = 0  # month 1-12 or quarter 1-4; 0 for a year

    def __post_init__(self) -> None:
        limits = {"month": (1, 12), "quarter": (1, 4), "year": (0, 0)}
        lo, hi = limits[self.kind]
        if not lo <= self.number <= hi:
            raise ValueError(f"期间有误：{self.year}年 {self.kind} {self.number}")

    @classmethod
    def of_month(cls, year: int, month: int) -> Period:
        return cls(year, "month", month)

    @classmethod
    def of_quarter(cls, year: int, quarter: int) -> Period:
        return cls(year, "quarter", quarter)

    @classmethod
    def of_year(cls, year: int) -> Period:
        return cls(year, "year", 0)

    @classmethod
    def containing(cls, day: date, kind: PeriodKind = "month") -> Period:
        if kind == "month":
            return cls.of_month(day.year, day.month)
        if kind == "quarter":
            return cls.of_quarter(day.year, (day.month - 1) // 3 + 1)
        return cls.of_year(day.year)

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read `2017-03`, `2017Q1` or `2017`; raise ValueError with a Chinese message otherwise."""
        s = text.strip()
        if m := _MONTH_RE.match(s):
            month = int(m.group(2))
            if 1 <= month <= 12:
                return cls.of_month(int(m.group(1)), month)
        elif m := _QUARTER_RE.match(s):
            return cls.of_quarter(int(m.group(1)), int(m.group(2)))
        elif m := _YEAR_RE.match(s):
            return cls.of_year(int(m.group(1)))
        raise ValueError(f"无法识别的期间“{text}”：应写作 2017-03（月）、2017Q1（季度）或 2017（年）")

    @property
    def month(self) -> int | None:
        return self.number if self.kind == "month" else None

    @property
    def quarter(self) -> int | None:
        if self.kind == "quarter":
            return self.number
        if self.kind == "month":
            return (self.number - 1) // 3 + 1
        return None

    # Cached: the checks ask every row whether its date falls in the period (a frozen dataclass
    # keeps them in its __dict__, outside the fields that compare and hash).
    @functools.cached_property
    def start(self) -> date:
        if self.kind == "month":
            return date(self.year, self.number, 1)
        if self.kind == "quarter":
            return date(self.year, 3 * self.number - 2, 1)
        return date(self.year, 1, 1)

    @functools.cached_property
    def end(self) -> date:
        last_month = {"month": self.number, "quarter": 3 * self.number, "year": 12}[self.kind]
        return date(self.year, last_month, _stdcal.monthrange(self.year, last_month)[1])

    def months(self) -> tuple[Period, ...]:
        """The month periods this period is made of, in order."""
        first, last = self.start.month, self.end.month
        return tuple(Period.of_month(self.year, m) for m in range(first, last + 1))

    def contains(self, item: date | Period) -> bool:
        if isinstance(item, Period):
            return self.start <= item.start and item.end <= self.end
        return self.start <= item <= self.end

    @property
    def zh(self) -> str:
        """How clerks write it: 2017年3月, 2017年第一季度, 2017年."""
        if self.kind == "month":
            return f"{self.year}年{self.number}月"
        if self.kind == "quarter":
            return f"{self.year}年第{_QUARTER_ZH[self.number]}季度"
        return f"{self.year}年"

    def __str__(self) -> str:
        if self.kind == "month":
            return f"{self.year}-{self.number:02d}"
        if self.kind == "quarter":
            return f"{self.year}Q{self.number}"
        return f"{self.year}"

    # Stored and printed as its canonical string, so form models round-trip through JSON.
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls._coerce,
            serialization=core_schema.plain_serializer_function_ser_schema(str),
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        return {"type": "string", "examples": ["2017-03", "2017Q1", "2017"]}

    @classmethod
    def _coerce(cls, value: Any) -> Period:
        if isinstance(value, Period):
            return value
        if isinstance(value, str):
            return cls.parse(value)
        raise ValueError("期间应写作 2017-03、2017Q1 或 2017")
