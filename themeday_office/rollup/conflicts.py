"""Files that contradict each other: a committee's 月报 against its branches' 活动记录表, its
调整日期备案 and its 年度计划, for the same month.

Found here, in one pure function (`find_conflicts`), from the ledger's accepted, current rows:
the records', filings' and plans' `FormRow`s and the monthly tables as counted — by the rollup,
which passes the tables it counted (so no row is decoded twice), or made from the stored monthly
rows (`tables_of`) when one submission's conflicts are asked for (`office.conflicts`: `show`,
the app's details); `rollup.inputs.read_evidence` fetches the rows. A conflict is information:
the monthly tables' figures still count.

- record vs monthly, per branch: held or not (a record always says held; the table says not held,
  or leaves the branch out), the date, 应到 / 实到 / 请假, the theme (compared without spaces
  and punctuation). A value missing on either side is no contradiction.
- adjustment vs monthly: a branch the filing covers met on another date than the filed one
  (one conflict per filing and date, naming the branches).
- plan vs monthly: the committee's plan has no row for a month its table shows held.

Only rows that name a roster branch take part (an unmatched row counts nowhere), and of two
current tables of one committee and month, the newer one (as in the rollup).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from themeday_office.domain.forms.kinds import FormKind
from themeday_office.domain.values.text import squeeze
from themeday_office.ledger import FormRow

KINDS = (FormKind.MONTHLY, FormKind.RECORD, FormKind.ADJUSTMENT, FormKind.PLAN)

# kind -> the field it is about, as the forms label it
FIELDS: dict[str, str] = {
    "held": "是否开展",
    "date": "活动日期",
    "expected": "应到人数",
    "present": "实到人数",
    "excused": "请假人数",
    "theme": "活动主题",
    "adjustment_date": "活动日期",
    "plan_month": "计划月份",
}
# Short names of the forms inside a sentence.
SHORT: dict[str, str] = {"monthly": "统计表", "record": "记录表", "adjustment": "备案表", "plan": "计划表"}
_BRANCHES_NAMED = 3  # more than this: 甲、乙、丙等N个党支部


@dataclass(frozen=True)
class Evidence:
    """What conflicts are found in: accepted, current rows (records, filings, plans; monthly rows
    when no counted tables are given), and each submission's file name."""

    rows: tuple[FormRow, ...] = ()
    names: Mapping[int, str] = field(default_factory=dict)

    def only(self, ids: Iterable[int]) -> Evidence:
        keep = frozenset(ids)
        return Evidence(tuple(r for r in self.rows if r.submission_id in keep),
                        {k: v for k, v in self.names.items() if k in keep})


@dataclass(frozen=True)
class Side:
    """One file of a conflicting pair and what it states."""

    submission: int
    form: str  # FormKind value
    name: str  # the file's name as received
    value: str  # in words, read after the form's name: 2017年3月10日, 28人, “重温入党誓词”, 未开展

    @property
    def label(self) -> str:
        """月度开展情况统计表（编号 15“古荥3月.xlsx”）"""
        return f"{FormKind(self.form).zh}（编号 {self.submission}“{self.name}”）"

    def as_json(self) -> dict[str, Any]:
        return {"submission": self.submission, "form": self.form, "name": self.name, "value": self.value}


@dataclass(frozen=True)
class Conflict:
    """A committee's monthly report and another of its files that disagree on one field."""

    kind: str  # a key of FIELDS
    period: str  # the month, 2017-03
    committee: str
    branches: tuple[str, ...]  # () for the plan: it is the committee's
    monthly: Side
    other: Side

    @property
    def field(self) -> str:
        return FIELDS[self.kind]

    @property
    def subject(self) -> str:
        """Whom it is about: a branch, a few branches, or the committee."""
        if not self.branches:
            return self.committee
        if len(self.branches) > _BRANCHES_NAMED:
            return f"{'、'.join(self.branches[:_BRANCHES_NAMED])}等{len(self.branches)}个党支部"
        return "、".join(self.branches)

    def involves(self, submission: int) -> bool:
        return submission in (self.monthly.submission, self.other.submission)

    @property
    def text(self) -> str:
        """The conflict from neither side, for the rollup's list: 古荥镇党委大河村党支部的主题党日活动记录表
        （编号 3“…”）与月度开展情况统计表（编号 2“…”）“活动日期”不一致：记录表2017年3月9日，统计表2017年3月10日"""
        return (f"{self._who}的{self.other.label}与{self.monthly.label}“{self.field}”不一致："
                f"{SHORT[self.other.form]}{self.other.value}，{SHORT[self.monthly.form]}{self.monthly.value}")

    @property
    def brief(self) -> str:
        """A few words for the bulletin: 古荥镇党委大河村党支部的主题党日活动记录表与统计表“活动日期”不一致."""
        return f"{self._who}的{FormKind(self.other.form).zh}与统计表“{self.field}”不一致"

    @property
    def _who(self) -> str:
        return self.committee + (self.subject if self.branches else "")

    def seen_from(self, submission: int) -> str:
        """The conflict as one of its two files shows it, naming the other file: 大河村党支部“活动日期”与
        月度开展情况统计表（编号 2“古荥3月.xlsx”）不一致：本文件2017年3月9日，该表2017年3月10日"""
        mine, theirs = ((self.monthly, self.other) if submission == self.monthly.submission
                        else (self.other, self.monthly))
        return f"{self.subject}“{self.field}”与{theirs.label}不一致：本文件{mine.value}，该表{theirs.value}"

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "field": self.field,
            "period": self.period,
            "committee": self.committee,
            "branches": list(self.branches),
            "monthly": self.monthly.as_json(),
            "other": self.other.as_json(),
            "text": self.text,
        }


# ---- finding them ------------------------------------------------------------------------------

@dataclass(frozen=True)
class MonthTable:
    """A committee's counted monthly table for a month: each roster branch's counted row, either
    as the ledger stores it (a dict: `tables_of`) or as the rollup validated it (a `MonthlyRow`)."""

    submission: int
    period: str
    committee: str
    rows: Mapping[str, Any]

    @property
    def key(self) -> tuple[str, str]:
        return (self.period, self.committee)


_KIND_ORDER = {k: i for i, k in enumerate(FIELDS)}


def find_conflicts(evidence: Evidence, tables: Iterable[MonthTable] | None = None) -> tuple[Conflict, ...]:
    """Every conflict between the monthly tables and the records, filings and plans among the
    evidence's rows, ordered by month, committee, branch and field. The tables are the rollup's
    counted ones when it passes them, else made from the evidence's monthly rows (`tables_of`)."""
    by_kind: dict[str, list[FormRow]] = defaultdict(list)
    for row in evidence.rows:
        by_kind[row.kind].append(row)
    counted = {t.key: t for t in (tables if tables is not None else tables_of(by_kind[FormKind.MONTHLY.value]))}
    if not counted:
        return ()
    names = evidence.names
    out: list[Conflict] = []
    out += _record_conflicts(counted, by_kind[FormKind.RECORD.value], names)
    out += _adjustment_conflicts(counted, by_kind[FormKind.ADJUSTMENT.value], names)
    out += _plan_conflicts(counted, by_kind[FormKind.PLAN.value], names)
    out.sort(key=lambda c: (c.period, c.committee, c.branches, _KIND_ORDER[c.kind], c.other.submission))
    return tuple(out)


def tables_of(rows: Iterable[FormRow]) -> list[MonthTable]:
    """The counted tables in stored monthly rows: of two current tables of one committee and month
    the newer one, and in it each branch's first row that names a roster branch (as the rollup counts)."""
    out: dict[tuple[str, str], MonthTable] = {}
    for row in rows:  # ordered by submission id, then by row
        key = (row.period, row.committee)
        table = out.get(key)
        if table is None or table.submission < row.submission_id:  # the newer table counts
            table = out[key] = MonthTable(row.submission_id, row.period, row.committee, {})
        elif table.submission != row.submission_id:
            continue
        if row.data.get("matched", True) and row.branch not in table.rows:
            assert isinstance(table.rows, dict)  # made just above
            table.rows[row.branch] = row.data
    return list(out.values())


def tables_needed(evidence: Evidence, tables: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """Of the (month, committee) keys of current monthly tables, those a conflict can involve given
    the evidence's records, filings and plans: the rest need not be read."""
    keys = set(tables)
    out: set[tuple[str, str]] = set()
    planned: dict[tuple[str, str], set[int]] = defaultdict(set)
    for row in evidence.rows:
        if row.kind == FormKind.PLAN.value:
            if isinstance(month := row.data.get("month"), int):
                planned[(row.period, row.committee)].add(month)
        elif row.kind == FormKind.RECORD.value and not row.committee:
            out |= {k for k in keys if k[0] == row.period}  # found by its branch in any table
        elif row.kind in (FormKind.RECORD.value, FormKind.ADJUSTMENT.value):
            out.add((row.period, row.committee))
    for period, committee in keys:
        year, _, month = period.partition("-")
        months = planned.get((year, committee))
        if months is not None and month.isdigit() and int(month) not in months:
            out.add((period, committee))
    return out & keys


def _side(kind: FormKind, submission: int, names: Mapping[int, str], value: str) -> Side:
    return Side(submission, kind.value, names.get(submission, ""), value)


def _record_conflicts(
    tables: dict[tuple[str, str], MonthTable], rows: list[FormRow], names: Mapping[int, str]
) -> list[Conflict]:
    out: list[Conflict] = []
    for row in rows:
        record = row.data.get("record") or {}
        held_on = _day(record.get("held_on"))  # always there: a record without a date is not stored
        table = _table_of(tables, row) if row.data.get("matched", True) else None
        if table is None or held_on is None:
            continue
        for kind, monthly_value, record_value in _differences(table.rows.get(row.branch), record, held_on):
            out.append(Conflict(kind, row.period, table.committee, (row.branch,),
                                _side(FormKind.MONTHLY, table.submission, names, monthly_value),
                                _side(FormKind.RECORD, row.submission_id, names, record_value)))
    return out


def _value(listed: Any, key: str) -> Any:
    """A field of a counted row, stored (a dict) or validated (a model)."""
    return listed.get(key) if isinstance(listed, Mapping) else getattr(listed, key, None)


def _differences(listed: Any, record: dict[str, Any], held_on: date) -> list[tuple[str, str, str]]:
    """(kind, the table's value, the record's value) for each field the two disagree on."""
    if listed is None:
        return [("held", "未列该支部", f"已开展（{zh_day(held_on)}）")]
    out: list[tuple[str, str, str]] = []
    if "活动日期" not in (_value(listed, "unreadable") or ()):  # an unreadable date is nothing to compare
        monthly_on = _day(_value(listed, "held_on"))
        if monthly_on is None:
            out.append(("held", "未开展", f"已开展（{zh_day(held_on)}）"))
        elif monthly_on != held_on:
            out.append(("date", zh_day(monthly_on), zh_day(held_on)))
    for kind in ("expected", "present", "excused"):
        a, b = _value(listed, kind), record.get(kind)
        if a is not None and b is not None and a != b:
            out.append((kind, f"{a}人", f"{b}人"))
    a, b = _value(listed, "theme"), record.get("theme")
    if a and b and _theme_key(a) != _theme_key(b):
        out.append(("theme", f"“{a}”", f"“{b}”"))
    return out


def _table_of(tables: dict[tuple[str, str], MonthTable], row: FormRow) -> MonthTable | None:
    """The committee's table a record belongs to; when the record named no committee, the one
    table of its month that lists its branch."""
    if row.committee:
        return tables.get((row.period, row.committee))
    hits = [t for t in tables.values() if t.period == row.period and row.branch in t.rows]
    return hits[0] if len(hits) == 1 else None


def _adjustment_conflicts(
    tables: dict[tuple[str, str], MonthTable], rows: list[FormRow], names: Mapping[int, str]
) -> list[Conflict]:
    filings: dict[tuple[str, str], list[tuple[int, date, frozenset[str] | None]]] = defaultdict(list)
    for row in rows:
        new_date = _day(row.data.get("new_date"))
        if new_date is None:
            continue
        branches = row.data.get("branches")
        filings[(row.period, row.committee)].append(
            (row.submission_id, new_date, None if branches is None else frozenset(branches)))
    out: list[Conflict] = []
    for (period, committee), filed in filings.items():
        table = tables.get((period, committee))
        if table is None:
            continue
        differing: dict[tuple[int, date, date], list[str]] = defaultdict(list)
        for branch, listed in table.rows.items():
            held_on = _day(_value(listed, "held_on"))
            covering = [f for f in filed if f[2] is None or branch in f[2]]
            if held_on is None or not covering or any(f[1] == held_on for f in covering):
                continue
            sid, new_date, _ = max(covering, key=lambda f: f[0])  # the latest filing
            differing[(sid, new_date, held_on)].append(branch)
        for (sid, new_date, held_on), branches in differing.items():
            out.append(Conflict("adjustment_date", period, committee, tuple(branches),
                                _side(FormKind.MONTHLY, table.submission, names, zh_day(held_on)),
                                _side(FormKind.ADJUSTMENT, sid, names, zh_day(new_date))))
    return out


def _plan_conflicts(
    tables: dict[tuple[str, str], MonthTable], rows: list[FormRow], names: Mapping[int, str]
) -> list[Conflict]:
    plans: dict[tuple[str, str], tuple[int, set[int]]] = {}
    for row in rows:  # ordered by submission id: the newest plan of a unit wins
        key = (row.period, row.committee)
        plan = plans.get(key)
        if plan is None or plan[0] < row.submission_id:
            plan = plans[key] = (row.submission_id, set())
        elif plan[0] != row.submission_id:
            continue
        if isinstance(month := row.data.get("month"), int):
            plan[1].add(month)
    out: list[Conflict] = []
    for (period, committee), table in tables.items():
        year, _, month = period.partition("-")
        plan = plans.get((year, committee))
        if plan is None or not month.isdigit() or int(month) in plan[1]:
            continue
        held = sum(1 for listed in table.rows.values() if _value(listed, "held_on"))
        if held:
            out.append(Conflict("plan_month", period, committee, (),
                                _side(FormKind.MONTHLY, table.submission, names, f"已开展（{held}个党支部）"),
                                _side(FormKind.PLAN, plan[0], names, f"未列{int(month)}月")))
    return out


# ---- values --------------------------------------------------------------------------------------

def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def zh_day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


_PUNCTUATION = re.compile(r"[\W_]+")  # CJK characters are word characters; quotes and marks are not


def _theme_key(text: str) -> str:
    """A theme as compared: full-width folded, without spaces, quotes or other punctuation."""
    return _PUNCTUATION.sub("", squeeze(text))
