"""Parse a block of labelled raw cells value by value, turning every failure into a message."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any, TypeVar, cast

from themeday_office.domain.codes import message
from themeday_office.domain.messages import Message
from themeday_office.domain.values.choices import parse_item_numbers, parse_mode
from themeday_office.domain.values.counts import parse_count
from themeday_office.domain.values.dates import parse_date, parse_month
from themeday_office.domain.values.raw import Raw, RawValue, ValueProblem, display, is_blank
from themeday_office.domain.values.text import squeeze
from themeday_office.domain.values.times import parse_time, parse_time_range

T = TypeVar("T")

_YEAR_IN_TEXT = re.compile(r"(\d{4})\s*(?:年|[./\-]\d)")
# Lines under a table that readers may hand over as rows: totals and the signature block.
_FOOTERS = (
    "合计", "总计", "小计", "填报人", "填表人", "审核人", "制表人", "负责人", "单位负责人", "联系电话", "填报日期",
    "注:", "说明", "填表说明",
)  # fmt: skip


# Parsers whose results are worth remembering: pure functions of the value (and options) whose
# values repeat down a column (the month's date, 09:00-11:30, 联建共建, small counts). Free text
# is unique per row and cheap to parse, so it is not kept.
_MEMOS: dict[Callable[..., Any], dict[object, tuple[type, Any]]] = {
    parser: {} for parser in (parse_date, parse_month, parse_count, parse_time, parse_time_range, parse_mode,
                              parse_item_numbers)
}
_MEMO_LIMIT = 4096  # per parser


class Fields:
    """One row, or one label/value block, keyed by canonical labels."""

    def __init__(self, cells: Mapping[str, RawValue], out: list[Message], fallback_place: str = ""):
        self.cells = cells
        self.out = out
        self.fallback_place = fallback_place
        self.failed: set[str] = set()  # labels whose value could not be read

    def has(self, label: str) -> bool:
        return label in self.cells

    def raw(self, label: str) -> Raw:
        cell = self.cells.get(label)
        return cell.value if cell else None

    def blank(self, label: str) -> bool:
        return is_blank(self.raw(label))

    def place(self, label: str) -> str:
        cell = self.cells.get(label)
        return cell.place if cell and cell.place else self.fallback_place

    def places(self) -> dict[str, str]:
        """Every label the form had, with its cell's place ("" when the reader gave none)."""
        return {label: cell[1] for label, cell in self.cells.items()}  # RawValue: (value, place)

    def get(self, label: str, parser: Callable[..., T | None], **options: Any) -> T | None:
        """The parsed value, or None when blank, absent or unreadable (then a message is added)."""
        cell = self.cells.get(label)
        if cell is None or (value := cell[0]) is None:
            return None  # every parser reads an empty cell as nothing
        memo = _MEMOS.get(parser)
        if memo is None:
            try:
                return parser(value, **options)
            except ValueProblem as problem:
                self._failed(label, cell, problem)
                return None
        # Kept with the value's class: 1, 1.0 and True are equal keys but read differently.
        key = (value, *options.items()) if options else value
        entry = memo.get(key)
        if entry is not None and entry[0] is value.__class__:
            found = entry[1]
        else:
            try:
                found = parser(value, **options)
            except ValueProblem as problem:
                found = problem
            if len(memo) >= _MEMO_LIMIT:
                memo.clear()
            memo[key] = (value.__class__, found)
        if isinstance(found, ValueProblem):
            self._failed(label, cell, found)
            return None
        # The memo of `parser` holds only what `parser` returned (or the problem it raised).
        return cast("T | None", found)

    def _failed(self, label: str, cell: RawValue, problem: ValueProblem) -> None:
        self.failed.add(label)
        self.out.append(
            message(problem.code, self.place(label), label=label, raw=display(cell.value), reason=problem.reason)
        )


def year_hint(*values: Raw) -> int | None:
    """The first year written in any of these values (a date cell, or text like 2017年 / 2017.3)."""
    for value in values:
        if isinstance(value, (date, datetime)):
            return value.year
        if isinstance(value, str) and (m := _YEAR_IN_TEXT.search(value)):
            return int(m.group(1))
    return None


def is_footer(value: Raw) -> bool:
    """A totals or signature line under a table, not data."""
    if value.__class__ is not str:
        return isinstance(value, str) and squeeze(value).startswith(_FOOTERS)
    # Asked of every row's first cells: branch names, which recur in every month's table.
    found = _FOOTER_MEMO.get(value)
    if found is None:
        if len(_FOOTER_MEMO) >= _MEMO_LIMIT:
            _FOOTER_MEMO.clear()
        found = _FOOTER_MEMO[value] = squeeze(value).startswith(_FOOTERS)
    return found


_FOOTER_MEMO: dict[str, bool] = {}


def is_footer_row(cells: Mapping[str, RawValue]) -> bool:
    """A row whose first filled cell, left to right, is a totals or signature line: `合计` in the
    序号 column, or `填报人：… 审核人：…` spread over several columns under the table."""
    first = next((cell.value for cell in cells.values() if not is_blank(cell.value)), None)
    return is_footer(first)
