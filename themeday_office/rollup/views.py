"""The views of a rollup — by committee, by branch type, by cooperation group, the district —
and the cell addressing every figure is traced through.

A view maps a row key (a committee's roster name, a type's Chinese name, a group's name,
or 全区) to a `Tally`. A group's row is its member committees plus the towns and streets
it pairs with (联建镇(街道)).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from themeday_office.domain.period import Period
from themeday_office.domain.roster import Roster
from themeday_office.domain.values.choices import BranchType
from themeday_office.rollup.figures import Counts, Figure, Tally

DISTRICT = "全区"
VIEWS: dict[str, str] = {
    "committee": "按党(工)委",
    "type": "按支部类型",
    "group": "按协作组",
    "district": "全区合计",
}
TYPE_ORDER = tuple(t.value for t in BranchType)

# Counts keyed by (committee, branch type); type None holds the committee's own reports.
UnitKey = tuple[str, "BranchType | None"]
ViewCounts = dict[str, dict[str, Counts]]


def group_committees(roster: Roster) -> dict[str, tuple[str, ...]]:
    """Each group's committees: its members, then the towns and streets it pairs with."""
    return {g.name: tuple(dict.fromkeys((*g.members, *g.partners))) for g in roster.groups}


def view_counts(counts: Mapping[UnitKey, Counts], roster: Roster | None) -> ViewCounts:
    """One period's counts, summed into the four views (the district row always present)."""
    views: ViewCounts = {v: {} for v in VIEWS}
    views["district"][DISTRICT] = Counts()
    by_committee: dict[str, Counts] = {}
    for (committee, btype), n in counts.items():
        by_committee.setdefault(committee, Counts()).add(n)
        if btype is not None:
            views["type"].setdefault(btype.value, Counts()).add(n)
        views["district"][DISTRICT].add(n)
    if roster is not None:
        for c in roster.committees:  # roster order, and a row even for a committee with no branches
            views["committee"][c.name] = by_committee.get(c.name) or Counts()
        for group, committees in group_committees(roster).items():
            total = views["group"][group] = Counts()
            for name in committees:
                if name in by_committee:
                    total.add(by_committee[name])
    for committee, n in by_committee.items():
        views["committee"].setdefault(committee, n)
    views["type"] = {t: views["type"][t] for t in TYPE_ORDER if t in views["type"]}
    return views


def sum_views(parts: Iterable[ViewCounts]) -> ViewCounts:
    """Several periods' view counts added key by key (keys in order of first appearance)."""
    out: ViewCounts = {v: {} for v in VIEWS}
    for part in parts:
        for view, rows in part.items():
            for key, n in rows.items():
                out[view].setdefault(key, Counts()).add(n)
    out["type"] = {t: out["type"][t] for t in TYPE_ORDER if t in out["type"]}
    out["district"].setdefault(DISTRICT, Counts())
    return out


@dataclass(frozen=True)
class Rollup:
    """Figures for one period, by view; every cell answers which submissions made it."""

    period: Period
    views: dict[str, dict[str, Tally]]
    counts: ViewCounts = field(repr=False, compare=False, default_factory=dict)  # unfrozen, for summing

    def cell(self, view: str, key: str, column: str) -> Figure:
        try:
            return self.views[view][key][column]
        except KeyError:
            raise KeyError(f"{self.period} 的汇总中没有 {view} / {key} / {column}") from None

    def trace(self, view: str, key: str, column: str) -> frozenset[int]:
        """The ledger ids of the submissions that made this cell."""
        return self.cell(view, key, column).sources

    def cells(self) -> Iterator[tuple[str, str, str, Figure]]:
        for view, rows in self.views.items():
            for key, tally in rows.items():
                for column, figure in tally.figures.items():
                    yield view, key, column, figure

    @property
    def district(self) -> Tally:
        return self.views["district"][DISTRICT]


def freeze(counts: ViewCounts) -> dict[str, dict[str, Tally]]:
    return {view: {key: n.tally() for key, n in rows.items()} for view, rows in counts.items()}
