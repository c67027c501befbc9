"""A cell's raw value as a reader found it, and the problem raised when it cannot be parsed."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import NamedTuple

# What readers hand over: text, numbers (Excel dates arrive as serial numbers), date and time
# cells, or nothing.
Raw = str | int | float | date | datetime | time | None


class RawValue(NamedTuple):
    """A raw value and where it was found (`月报!L5`, `表格1 第3行`, `第2段`).

    A named tuple rather than a dataclass: a sheet hands over one per cell, and this is the
    cheapest immutable pair Python builds.
    """

    value: Raw
    place: str = ""


class ValueProblem(ValueError):
    """A value that cannot be read; `reason` is a Chinese clause that completes the message."""

    def __init__(self, reason: str, code: str = "value_invalid"):
        super().__init__(reason)
        self.reason = reason
        self.code = code


def is_blank(value: Raw) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def display(value: Raw) -> str:
    """A raw value as quoted back to the clerk: what they typed, not Python's repr."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))  # beyond that, 1e+308 says more than its 309 digits
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() != time(0) else value.date().isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()
