"""A file's name against its content: the month and the unit a submitter's file name states.

Submitters name files by hand, often by copying last month's file: "古荥镇党委2017年4月统计表.xlsx"
then holds March. The content decides; the clerk gets a 提示 naming both. A name that states no
month (or year, quarter) and no unit says nothing, and neither does a name that states the
content's own among others ("2017年1-3月", "区直机关工委区教体局党委…"). Dates with a day
("2017年4月5日报送") are when a file was sent, not what it reports, and are left out.

Pure: the name as text, the content's period and unit, the roster in force.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from themeday_office.domain.codes import message
from themeday_office.domain.messages import Message
from themeday_office.domain.period import Period
from themeday_office.domain.roster import Roster
from themeday_office.domain.roster.names import branch_key, committee_stem, name_key
from themeday_office.domain.values.text import fold

_ZH_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
               "十一": 11, "十二": 12}
_NUM = r"(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_YEAR = r"(?<!\d)(20\d\d)"
_TO = r"\s*[-~—–至到、]\s*"

# Dates with a day: removed before months are read (a file sent on 4月5日 may well report March).
_DATES = (
    re.compile(_YEAR + r"\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]"),
    re.compile(_YEAR + r"\s*[-_./]\s*\d{1,2}\s*[-_./]\s*\d{1,2}(?!\d)"),
    re.compile(_YEAR + r"(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)"),
    re.compile(r"(?<!\d)\d{1,2}\s*月\s*\d{1,2}\s*[日号]"),
    re.compile(r"[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}[日号]"),
)
_YEAR_MONTHS = (
    re.compile(_YEAR + r"\s*年\s*" + _NUM + r"(?:" + _TO + _NUM + r")?\s*月"),
    re.compile(_YEAR + r"\s*[-_.]\s*(1[0-2]|0?[1-9])(?!\d)"),
    re.compile(_YEAR + r"(0[1-9]|1[0-2])(?!\d)"),
)
# A month without a year; 一 after these characters is a word (统一月报), not January.
_MONTHS = re.compile(r"(?<![\d年])" + _NUM + r"(?:" + _TO + _NUM + r")?\s*月")
_NOT_JANUARY = "统唯同单逐万之第"
_QUARTERS = (
    re.compile(r"(?:" + _YEAR + r"\s*年?\s*)?第?\s*([1-4一二三四])\s*季度"),
    re.compile(r"(?:" + _YEAR + r"\s*[-_]?\s*)?(?<![a-z])q([1-4])(?!\d)"),
)
_YEARS = re.compile(_YEAR + r"(?!\d)")


@dataclass(frozen=True)
class Mention:
    """A period a file name states: `year` None for a month written without its year (4月份)."""

    kind: str  # "month", "quarter" or "year"
    year: int | None
    number: int
    text: str  # as the 提示 names it: 2017年4月, 4月, 2017年第二季度, 2016年

    def agrees(self, period: Period) -> bool:
        if self.year is not None and self.year != period.year:
            return False
        if self.kind == "year":
            return True
        if self.kind == "quarter":
            return period.quarter == self.number
        return period.month == self.number


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _ZH_NUMBERS[text]


def _cut(text: str, match: re.Match[str]) -> str:
    """`text` with the match blanked out, so that a later pattern does not read it again."""
    return text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]


def _months(year: int | None, first: str, last: str | None) -> list[Mention]:
    lo, hi = _number(first), _number(last) if last else _number(first)
    numbers = range(lo, hi + 1) if lo <= hi else (lo, hi)
    return [Mention("month", year, n, f"{year}年{n}月" if year else f"{n}月") for n in numbers if 1 <= n <= 12]


def stated_periods(name: str) -> list[Mention]:
    """The months, quarters and years a file name states, in that order of kind."""
    text = fold(stem(name)).lower()
    for pattern in _DATES:
        while m := pattern.search(text):
            text = _cut(text, m)
    found: list[Mention] = []
    for pattern in _YEAR_MONTHS:
        while m := pattern.search(text):
            groups = m.groups()
            found += _months(int(groups[0]), groups[1], groups[2] if len(groups) > 2 else None)
            text = _cut(text, m)
    while m := _MONTHS.search(text):
        january = _number(m.group(1)) == 1 and not m.group(1).isdigit()
        if not (january and m.start() > 0 and text[m.start() - 1] in _NOT_JANUARY):
            found += _months(None, m.group(1), m.group(2))
        text = _cut(text, m)
    for pattern in _QUARTERS:
        while m := pattern.search(text):
            year, number = m.group(1), _number(m.group(2))
            zh = "一二三四"[number - 1]
            found.append(Mention("quarter", int(year) if year else None, number,
                                 f"{year}年第{zh}季度" if year else f"第{zh}季度"))
            text = _cut(text, m)
    for m in _YEARS.finditer(text):
        found.append(Mention("year", int(m.group(1)), 0, f"{m.group(1)}年"))
    return found


def stem(name: str) -> str:
    """The file's own name: no folders (nor the .zip a member came in), no extension."""
    base = re.split(r"[/\\]", name)[-1]
    head, dot, ext = base.rpartition(".")
    extension = dot and head and 1 <= len(ext) <= 5 and ext.isalnum() and not ext.isdigit()
    return head if extension else base


def period_clash(name: str, period: Period) -> Message | None:
    """A 提示 when the name states a period and none of what it states is the content's.

    A monthly form is compared by month (else by year), a quarterly summary by quarter (else by
    year), a yearly plan by year only: a plan named for the month it was sent in is not a clash.
    """
    stated = stated_periods(name)
    levels = {"month": ("month", "year"), "quarter": ("quarter", "year"), "year": ("year",)}[period.kind]
    for kind in levels:
        said = [m for m in stated if m.kind == kind]
        if said:
            if any(m.agrees(period) for m in said):
                return None
            named = "、".join(dict.fromkeys(m.text for m in said[:3]))
            return message("name_period_differs", named=named, actual=period.zh)
    return None


def units_named(text: str, units: Iterable[str]) -> list[str]:
    """The units of `units` (roster names) that `text` states, by full name or by stem (古荥镇).

    Where one unit's name sits inside another's that the text also states (区直机关 inside
    区直机关第一党建协作组), only the longer counts. A stem of two characters is too common a word
    to count (区委 in 区委组织部); a full name counts whatever its length.
    """
    key = name_key(text)
    spans: list[tuple[int, int, str]] = []
    for unit in units:
        for alias in _aliases(unit):
            start = key.find(alias)
            while start >= 0:
                spans.append((start, start + len(alias), unit))
                start = key.find(alias, start + 1)
    kept = [s for s in spans if not any(o[2] != s[2] and o[0] <= s[0] and s[1] <= o[1] and o[1] - o[0] > s[1] - s[0]
                                        for o in spans)]
    return list(dict.fromkeys(unit for _s, _e, unit in kept))


@functools.lru_cache(maxsize=4096)
def _aliases(unit: str) -> tuple[str, ...]:
    """What a unit is named by in a file name: its full name, and its stem when that is no shorter
    than three characters. Remembered: every file is compared with the same roster's units."""
    full = name_key(unit)
    return tuple(alias for alias in dict.fromkeys((full, committee_stem(unit))) if len(alias) >= 3 or alias == full)


def unit_clash(name: str, unit: str, roster: Roster, *, branch: str = "") -> Message | None:
    """A 提示 when the name states committees (or cooperation groups) and the content's is not among them.

    `unit` is the content's unit by its roster name; for a branch's record, `branch` is the
    branch and `unit` its committee, and the branch's own name in the file name is not read for
    committees (a branch may carry another committee's town in its name: 古荥镇中学党支部).
    """
    if not unit:
        return None
    pool = [c.name for c in roster.committees] + [g.name for g in roster.groups]
    named = units_named(stem(name), pool)
    if branch:  # 古荥镇中学党支部 of 区教体局党委 names the town, not its committee
        key = branch_key(branch)
        named = [u for u in named if committee_stem(u) not in key and name_key(u) not in key]
    if not named or unit in named:
        return None
    actual = f"{branch}（{unit}）" if branch else unit
    return message("name_unit_differs", named="、".join(named[:3]), actual=actual)


def name_against_content(name: str, period: Period, unit: str, roster: Roster | None, *,
                         branch: str = "") -> list[Message]:
    """The 提示 about a file name that states another period or unit than its content; the content decides."""
    found = [period_clash(name, period)]
    if roster is not None:
        found.append(unit_clash(name, unit, roster, branch=branch))
    return [m for m in found if m is not None]
