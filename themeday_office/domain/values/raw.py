"""A cell's raw value as a reader found it, and the problem raised when it cannot be parsed."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime, time
from typing import Any, NamedTuple

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


class TableColumns:
    """The labelled columns of one table as a reader found them: each label's place prefix
    (`月报!L`), a row's places being the prefix and the row's number."""

    __slots__ = ("index", "labels", "prefixes")

    def __init__(self, labels: tuple[str, ...], prefixes: tuple[str, ...]) -> None:
        self.labels = labels
        self.prefixes = prefixes
        self.index = {label: i for i, label in enumerate(labels)}


class TableRow(Mapping[str, RawValue]):
    """One row of a table as label -> RawValue, holding only its values and its number: a table
    hands over a row per branch, and the places are wanted for few of its cells (messages) and
    once per row (the row's places), so a RawValue is made only when a cell is asked for."""

    __slots__ = ("columns", "number", "raw_values")

    def __init__(self, columns: TableColumns, raw_values: list[Raw], number: str) -> None:
        self.columns = columns
        self.raw_values = raw_values  # in the order of columns.labels
        self.number = number  # the row's number as a clerk reads it: "5"

    def __getitem__(self, label: str) -> RawValue:
        i = self.columns.index[label]
        return RawValue(self.raw_values[i], self.columns.prefixes[i] + self.number)

    def get(self, label: str, default: object = None) -> Any:
        i = self.columns.index.get(label)
        if i is None:
            return default
        return RawValue(self.raw_values[i], self.columns.prefixes[i] + self.number)

    def __iter__(self) -> Iterator[str]:
        return iter(self.columns.labels)

    def __len__(self) -> int:
        return len(self.columns.labels)

    def places(self) -> dict[str, str]:
        """label -> place of each of the row's cells."""
        number = self.number
        return dict(zip(self.columns.labels, [prefix + number for prefix in self.columns.prefixes], strict=True))
