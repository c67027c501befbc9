"""Activity times: `8:30`, `上午8:30`, `下午2:30`, ranges like `8：30—12：00`, and `上午`/`下午`/`全天` alone.

`上午`, `下午` and `全天` without times mean the district's working hours (settings), so
a half day counts as the half day the district works; times given always win.
"""

from __future__ import annotations

import functools
import math
import re
from datetime import date, datetime, time

from pydantic import BaseModel, ConfigDict, field_validator

from themeday_office.domain.rules import WorkingHours
from themeday_office.domain.values.raw import Raw, ValueProblem, is_blank
from themeday_office.domain.values.text import squeeze

_MARK = r"(上午|早上|早晨|中午|下午|傍晚|晚上)?"
# 8:30, 8:30:00, 8点, 8点30, 8点30分, 8点半, 8时30分
_TIME = re.compile(_MARK + r"(\d{1,2})(?:(?::|点|时|\.)(\d{1,2}|半)?分?(?::\d{2})?)?")
# All a cell may say besides 上午/下午/全天 when it gives no times: 上午半天, 全天(一整天).
_HALF_DAY_NOISE = re.compile(r"上午|下午|全天|半天|一天|整天|[一整()、和]")
# Words allowed around explicit times: `全天(8:30-17:30)` — the times win over the word.
_FRAME = re.compile(r"^[()]*(?:上午|下午|全天|半天|一天)?[()]*$")
_RANGE_SEP = re.compile(r"^(?:-+|—+|–+|~+|至|到)$")
_LIST_SEP = re.compile(r"^[、,;]?$")
_AFTERNOON = {"下午", "傍晚", "晚上"}
_SERIAL_FLOOR = 30000  # 1982 as an Excel serial: a larger number is a date-time cell

TIME_HINT = "无法识别为时间（可写作 8:30 或 下午2:30）"
RANGE_HINT = "无法识别为活动时间（可写作 8:30-12:00，或只写 上午、下午、全天）"


class ActivityTime(BaseModel):
    """When an activity ran: one or more (start, end) segments; `全天` is a morning and an afternoon."""

    model_config = ConfigDict(frozen=True)

    segments: tuple[tuple[time, time], ...]

    # A field validator, not a model one: pydantic runs a model's "after" validator again on every
    # instance a row carries into its table's validation; a field's runs only when it is built.
    @field_validator("segments")
    @classmethod
    def _ordered(cls, segments: tuple[tuple[time, time], ...]) -> tuple[tuple[time, time], ...]:
        if not segments:
            raise ValueError("活动时间至少要有一段")
        for start, end in segments:
            if end <= start:
                raise ValueError(f"结束时间{end:%H:%M}不晚于开始时间{start:%H:%M}")
        return segments

    @classmethod
    def between(cls, start: time, end: time) -> ActivityTime:
        return _between(cls, start, end)

    @property
    def start(self) -> time:
        return self.segments[0][0]

    @property
    def end(self) -> time:
        return self.segments[-1][1]

    @functools.cached_property  # asked by several checks per row; one object serves many rows
    def hours(self) -> float:
        """Total duration in hours, to the minute."""
        minutes = sum((e.hour * 60 + e.minute) - (s.hour * 60 + s.minute) for s, e in self.segments)
        return round(minutes / 60, 2)

    def __str__(self) -> str:
        return "、".join(f"{s:%H:%M}-{e:%H:%M}" for s, e in self.segments)


@functools.lru_cache(maxsize=1024)
def _between(cls: type[ActivityTime], start: time, end: time) -> ActivityTime:
    # Frozen, so one object per (start, end) serves every row of a table that shares it.
    return cls(segments=((start, end),))


def parse_time(value: Raw) -> time | None:
    """One time of day, or None for a blank cell."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, bool) or isinstance(value, date):
        raise ValueProblem(TIME_HINT)
    if isinstance(value, (int, float)):
        return _from_number(value)
    m = _TIME.fullmatch(squeeze(str(value)))
    if not m:
        raise ValueProblem(TIME_HINT)
    return _clock(m.group(1), m.group(2), m.group(3))


def parse_time_range(value: Raw, hours: WorkingHours | None = None) -> ActivityTime | None:
    """An activity's time span, or None for a blank cell.

    Accepts `8:30-12:00`, `8：30—12：00`, `8:30至12:00`, `下午2:30-5:30` (the 下午 carries over),
    several ranges separated by `、`, and `上午` / `下午` / `全天` alone.
    """
    if is_blank(value):
        return None
    hours = hours or WorkingHours()
    if isinstance(value, (time, datetime)) or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        raise ValueProblem("只有一个时间，缺少结束时间（可写作 8:30-12:00）")
    if not isinstance(value, str):
        raise ValueProblem(RANGE_HINT)
    s = squeeze(value)
    tokens = list(_TIME.finditer(s))
    if not tokens:
        return _half_days(s, hours)
    return _ranges(s, tokens)


def _ranges(s: str, tokens: list[re.Match[str]]) -> ActivityTime:
    if not (_FRAME.match(s[: tokens[0].start()]) and _FRAME.match(s[tokens[-1].end() :])):
        raise ValueProblem(RANGE_HINT)
    if len(tokens) % 2:
        raise ValueProblem("缺少结束时间（可写作 8:30-12:00）")
    segments = []
    for first, second in zip(tokens[::2], tokens[1::2], strict=False):
        if not _RANGE_SEP.match(s[first.end() : second.start()]):
            raise ValueProblem(RANGE_HINT)
        start = _clock(first.group(1), first.group(2), first.group(3))
        # `下午2:30-5:30`: the end inherits the start's afternoon unless it says otherwise.
        end_mark = second.group(1) or (first.group(1) if first.group(1) in _AFTERNOON else None)
        end = _clock(end_mark, second.group(2), second.group(3))
        if end <= start:
            raise ValueProblem(f"结束时间{end:%H:%M}不晚于开始时间{start:%H:%M}")
        segments.append((start, end))
    for prev_end, nxt in zip(tokens[1::2], tokens[2::2], strict=False):
        if not _LIST_SEP.match(s[prev_end.end() : nxt.start()]):
            raise ValueProblem(RANGE_HINT)
    return ActivityTime(segments=tuple(segments))


def _half_days(s: str, hours: WorkingHours) -> ActivityTime:
    if _HALF_DAY_NOISE.sub("", s):
        raise ValueProblem(RANGE_HINT)
    morning = (hours.morning_start, hours.morning_end)
    afternoon = (hours.afternoon_start, hours.afternoon_end)
    if "全天" in s or "一天" in s or ("上午" in s and "下午" in s):
        return ActivityTime(segments=(morning, afternoon))
    if "上午" in s:
        return ActivityTime(segments=(morning,))
    if "下午" in s:
        return ActivityTime(segments=(afternoon,))
    raise ValueProblem(RANGE_HINT)


def _clock(mark: str | None, hour_text: str, minute_text: str | None) -> time:
    hour = int(hour_text)
    minute = 30 if minute_text == "半" else int(minute_text or 0)
    if mark in _AFTERNOON and hour < 12:
        hour += 12
    elif mark == "中午" and hour < 11:  # 中午1点 is 13:00
        hour += 12
    if hour > 23 or minute > 59:
        raise ValueProblem(f"时间{hour_text}:{minute_text or '00'}不存在")
    return time(hour, minute)


def _from_number(value: int | float) -> time:
    number = float(value)
    if not math.isfinite(number):  # a cell holding inf, nan or 1e400: no time of day
        raise ValueProblem(TIME_HINT)
    if 0 <= number < 1 or number >= _SERIAL_FLOOR:
        # Excel keeps a time as a fraction of a day; a date-time serial carries it after the point.
        minutes = round((number % 1) * 24 * 60)
        if minutes >= 24 * 60 or (number >= 1 and number % 1 == 0):
            raise ValueProblem(TIME_HINT)
        return time(minutes // 60, minutes % 60)
    if 1 <= number < 24:
        # A number cell typed as 8 or 8.30: hours, and minutes after the point as clerks write them.
        hour, minute = int(number), round((number % 1) * 100)
        if minute > 59:
            raise ValueProblem(TIME_HINT)
        return time(hour, minute)
    raise ValueProblem(TIME_HINT)
