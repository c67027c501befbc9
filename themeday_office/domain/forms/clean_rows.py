"""A table's rows read value by value in one loop, for the rows whose every cell reads cleanly.

A committee's table has a row per branch, and its columns repeat their values (the month's
date, 09:00-11:30, 联建共建, small counts): each distinct value of a column is parsed once per
table, and a clean row is built from those results without a parsing call per cell. A row that
is not plainly a branch's (blank, a totals line, no branch name), or holds a value that cannot be
read, or a time that ends before it starts, is left to the form's own row parser, which reads it
cell by cell and says why, in the same words and order as ever. `tests/domain/test_clean_rows.py`
holds both ways to the same result over generated tables with planted mistakes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from themeday_office.domain.forms.activity import ACTIVITY_FIELDS
from themeday_office.domain.forms.fields import is_footer
from themeday_office.domain.rules import WorkingHours
from themeday_office.domain.values.dates import parse_date
from themeday_office.domain.values.raw import RawValue, ValueProblem
from themeday_office.domain.values.text import parse_text
from themeday_office.domain.values.times import ActivityTime, parse_time, parse_time_range

_UNREADABLE = object()  # a memo's mark for a value its parser refused

Fields = tuple[tuple[str, str, Callable[..., Any]], ...]


class CleanRows:
    """One table's parsed values, remembered per column and value, and the rows built from them."""

    def __init__(self, fields: Fields, year: int | None, hours: WorkingHours) -> None:
        self.fields = (*ACTIVITY_FIELDS, *fields)
        self.options: dict[Callable[..., Any], dict[str, Any]] = {parse_date: {"year": year}}
        self.hours = hours
        # field -> value -> (the value's class, what its parser gave): 1, 1.0 and True are equal keys
        self.memos: dict[str, dict[object, tuple[type, Any]]] = {field: {} for field, _, _ in self.fields}
        self.memos["time"], self.memos["start"], self.memos["end"] = {}, {}, {}

    def row(self, cells: Mapping[str, RawValue]) -> dict[str, Any] | None:
        """The row's fields (those of `Activity` and the form's own), or None: leave it to the row parser."""
        for filled in cells.values():
            first = filled[0]  # the first filled cell, left to right
            if first is not None and (first.__class__ is not str or first.strip()):
                break
        else:
            return None
        name = cells.get("党支部名称")
        branch = parse_text(name[0]) if name is not None else None
        if branch is None or is_footer(branch) or is_footer(first):
            return None
        values: dict[str, Any] = {"branch": branch}
        memos, options = self.memos, self.options
        for field, label, parser in self.fields:
            cell = cells.get(label)
            if cell is None or (value := cell[0]) is None:
                values[field] = None
                continue
            memo = memos[field]
            entry = memo.get(value)
            if entry is None or entry[0] is not value.__class__:
                try:
                    found = parser(value, **options[parser]) if parser in options else parser(value)
                except ValueProblem:
                    found = _UNREADABLE
                memo[value] = entry = (value.__class__, found)
            if entry[1] is _UNREADABLE:
                return None
            values[field] = entry[1]
        values["theme_items"] = values["theme_items"] or ()
        time = self._time(cells)
        if time is _UNREADABLE:
            return None
        values["time"] = time
        values["places"] = {label: cell[1] for label, cell in cells.items()}
        values["unreadable"] = ()
        return values

    def _time(self, cells: Mapping[str, RawValue]) -> Any:
        """activity._time for a clean row: its ActivityTime or None, else _UNREADABLE."""
        one, start, end = (_raw(cells, label) for label in ("活动时间", "开始时间", "结束时间"))
        if not _blank(one):
            return self._read("time", one, parse_time_range)
        start_blank, end_blank = _blank(start), _blank(end)
        if start_blank and end_blank:
            return None
        if start_blank or end_blank:
            return self._read("time", end if start_blank else start, parse_time_range)
        first, last = self._read("start", start, parse_time), self._read("end", end, parse_time)
        if first is _UNREADABLE or last is _UNREADABLE:
            return _UNREADABLE
        if first is None or last is None:
            return None
        if last <= first:
            return _UNREADABLE  # the row parser's message says it ends too early
        return ActivityTime.between(first, last)

    def _read(self, field: str, value: Any, parser: Callable[..., Any]) -> Any:
        memo = self.memos[field]
        entry = memo.get(value)
        if entry is None or entry[0] is not value.__class__:
            try:
                found = parser(value, hours=self.hours) if parser is parse_time_range else parser(value)
            except ValueProblem:
                found = _UNREADABLE
            memo[value] = entry = (value.__class__, found)
        return entry[1]


def _raw(cells: Mapping[str, RawValue], label: str) -> Any:
    cell = cells.get(label)
    return cell[0] if cell is not None else None


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())  # raw.is_blank, inlined
