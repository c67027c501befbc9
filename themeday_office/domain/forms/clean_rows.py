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

from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from themeday_office.domain.forms.activity import ACTIVITY_FIELDS
from themeday_office.domain.forms.fields import is_footer
from themeday_office.domain.labels import Label, canonical
from themeday_office.domain.rules import WorkingHours
from themeday_office.domain.values.counts import parse_count
from themeday_office.domain.values.dates import parse_date
from themeday_office.domain.values.raw import RawValue, TableColumns, TableRow, ValueProblem
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
        self.plans: dict[tuple[str, ...], _Plan] = {}
        self.last: tuple[TableColumns | None, _Plan] = (None, _Plan(None, (), ()))

    def row(self, cells: Mapping[str, RawValue]) -> dict[str, Any] | None:
        """The row's fields (those of `Activity` and the form's own), or None: leave it to the row parser."""
        row = cells if type(cells) is TableRow else None  # not isinstance: an ABC check per row
        if row is not None:
            plan, values = self._plan(row.columns), row.raw_values
        else:
            plan, values = self._plan(TableColumns(tuple(cells), ())), [cell[0] for cell in cells.values()]
        for first in values:  # the first filled cell, left to right
            if first is not None and (first.__class__ is not str or first.strip()):
                break
        else:
            return None
        branch = parse_text(values[plan.branch]) if plan.branch is not None else None
        if branch is None or is_footer(branch) or is_footer(first):
            return None
        fields: dict[str, Any] = {"branch": branch}
        options = self.options
        for field, i, parser, memo in plan.fields:
            if i is None or (value := values[i]) is None:
                fields[field] = None
                continue
            if parser is parse_count and value.__class__ is int and value >= 0:
                fields[field] = value  # parse_count's own first case: a count cell as Excel keeps it
                continue
            entry = memo.get(value)
            if entry is None or entry[0] is not value.__class__:
                try:
                    found = parser(value, **options[parser]) if parser in options else parser(value)
                except ValueProblem:
                    found = _UNREADABLE
                memo[value] = entry = (value.__class__, found)
            if entry[1] is _UNREADABLE:
                return None
            fields[field] = entry[1]
        fields["theme_items"] = fields["theme_items"] or ()
        time = self._time(*(values[i] if i is not None else None for i in plan.times))
        if time is _UNREADABLE:
            return None
        fields["time"] = time
        fields["places"] = row.places() if row is not None else {label: cell[1] for label, cell in cells.items()}
        fields["unreadable"] = ()
        return fields

    def _plan(self, columns: TableColumns) -> _Plan:
        """Where each field's value sits in a row of these columns, worked out once per table."""
        if columns is self.last[0]:
            return self.last[1]  # a table's rows share one TableColumns
        key = columns.labels
        plan = self.plans.get(key)
        if plan is None:
            index = columns.index
            plan = self.plans[key] = _Plan(
                index.get("党支部名称"),
                tuple((field, index.get(label), parser, self.memos[field]) for field, label, parser in self.fields),
                tuple(index.get(label) for label in ("活动时间", "开始时间", "结束时间")),
            )
        self.last = (columns, plan)
        return plan

    def _time(self, one: Any, start: Any, end: Any) -> Any:
        """activity._time for a clean row (活动时间, 开始时间, 结束时间): an ActivityTime or None, else _UNREADABLE."""
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


class _Plan(NamedTuple):
    branch: int | None  # where 党支部名称 is in a row's values
    fields: tuple[tuple[str, int | None, Callable[..., Any], dict[object, tuple[type, Any]]], ...]
    times: tuple[int | None, ...]  # 活动时间, 开始时间, 结束时间


def canonical_rows(rows: Sequence[Mapping[str, RawValue]], labels: Sequence[Label]) -> list[Mapping[str, RawValue]]:
    """`canonical` for each row; a reader's TableRow already keyed by the labels' own names stays as
    it is (its columns are looked at once per table), so its cells are not made one by one."""
    named: dict[int, bool] = {}  # id(TableColumns) -> keyed by the labels' own names; the rows keep them alive
    out: list[Mapping[str, RawValue]] = []
    for row in rows:
        if type(row) is TableRow:
            as_is = named.get(id(row.columns))
            if as_is is None:
                keys = row.columns.labels
                as_is = named[id(row.columns)] = tuple(canonical(dict.fromkeys(keys), labels)) == keys
            if as_is:
                out.append(row)
                continue
        out.append(canonical(row, labels))
    return out


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())  # raw.is_blank, inlined
