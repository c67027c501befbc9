"""How clerks write dates, months and times in the forms."""

from __future__ import annotations

from datetime import date, time

from themeday_office.domain.period import Period

_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def zh_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def dotted_date(d: date) -> str:
    return f"{d.year}.{d.month}.{d.day}"


def zh_month(p: Period) -> str:
    return f"{p.year}年{p.number}月"


def clock(t: time) -> str:
    """8:30, 14:30 — no leading zero, as typed."""
    return f"{t.hour}:{t.minute:02d}"


def time_range(segments: tuple[tuple[time, time], ...], dash: str = "-") -> str:
    return "、".join(f"{clock(s)}{dash}{clock(e)}" for s, e in segments)


def full_width(text: str) -> str:
    """Digits as a Chinese input method in full-width mode types them: 30 -> ３０."""
    return text.translate(_FULL_WIDTH)
