"""The district roster: committees, branches, cooperation groups — one version per import.

A `Roster` is consistent by construction (every branch belongs to a listed committee,
no duplicates, groups pair only with listed towns and streets); `load_roster` turns
the department's sheets into one and reports, row by row, what it had to leave out.
A `RosterHistory` answers which version was in force for a date or period; the first version
also serves every date before it (a clerk's first import describes the district as it was).
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from themeday_office.domain.messages import trusted
from themeday_office.domain.period import Period
from themeday_office.domain.roster.names import branch_key, closest, committee_stem, name_key, without_prefixes
from themeday_office.domain.values.choices import BranchType

T = TypeVar("T")

# Committee categories whose committees a cooperation group pairs with (联建镇(街道)).
TOWN_CATEGORIES = ("镇", "街道")


class Committee(BaseModel):
    """A 党(工)委."""

    model_config = ConfigDict(frozen=True)

    name: str
    category: str  # 镇 / 街道 / 区直机关 / 开发区 / ...
    group: str | None = None  # 所属协作组
    contact: str | None = None
    phone: str | None = None

    @property
    def is_town(self) -> bool:
        return self.category in TOWN_CATEGORIES

    def __reduce__(self) -> tuple[object, ...]:
        return _committee, (self.name, self.category, self.group, self.contact, self.phone)


class Branch(BaseModel):
    """A 党支部 of a committee."""

    model_config = ConfigDict(frozen=True)

    name: str
    committee: str
    type: BranchType
    members: int = Field(ge=0)
    secretary: str | None = None

    def __reduce__(self) -> tuple[object, ...]:
        # A roster travels to every parser process with its check context: its branches as plain
        # tuples unpickle in half the time of pydantic's state dict per object.
        return _branch, (self.name, self.committee, self.type, self.members, self.secretary)


class CooperationGroup(BaseModel):
    """A 党建协作组: 区直 committees (or the development zones) that pair with towns and streets."""

    model_config = ConfigDict(frozen=True)

    name: str
    leader: str | None = None  # 牵头单位
    members: tuple[str, ...] = ()  # committee names
    partners: tuple[str, ...] = ()  # 联建镇(街道): committee names of towns and streets


def _committee(name: str, category: str, group: str | None, contact: str | None, phone: str | None) -> Committee:
    """A committee as it was pickled: validated when it was made."""
    return trusted(Committee, {"name": name, "category": category, "group": group, "contact": contact, "phone": phone})


def _branch(name: str, committee: str, type_: BranchType, members: int, secretary: str | None) -> Branch:
    """A branch as it was pickled: validated when it was made."""
    return trusted(Branch, {"name": name, "committee": committee, "type": type_, "members": members,
                            "secretary": secretary})


@dataclass(frozen=True)
class Match(Generic[T]):
    item: T
    exact: bool  # written exactly as in the roster


@dataclass(frozen=True)
class Miss:
    """A name the roster does not know: close names to suggest, or several that fit equally."""

    query: str
    suggestions: tuple[str, ...] = ()
    candidates: tuple[str, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return bool(self.candidates)

    @property
    def suggest_text(self) -> str:
        """`，您是否要填：大河村党支部？` — or "" when nothing is close."""
        return f"，您是否要填：{'、'.join(self.suggestions)}？" if self.suggestions else ""


class Roster(BaseModel):
    """One version of the roster, in force from `effective`."""

    model_config = ConfigDict(frozen=True)

    effective: date
    committees: tuple[Committee, ...] = ()
    branches: tuple[Branch, ...] = ()
    groups: tuple[CooperationGroup, ...] = ()

    _committees: dict[str, Committee] = PrivateAttr(default_factory=dict)
    _by_committee: dict[str, tuple[Branch, ...]] = PrivateAttr(default_factory=dict)
    _exact: dict[str, list[Branch]] = PrivateAttr(default_factory=dict)
    _alias: dict[str, list[Branch]] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> Roster:
        names = [c.name for c in self.committees]
        known = set(names)
        if len(known) != len(names):
            raise ValueError("党(工)委名称重复")
        group_names = {g.name for g in self.groups}
        if len(group_names) != len(self.groups):
            raise ValueError("协作组名称重复")
        for c in self.committees:
            if c.group is not None and c.group not in group_names:
                raise ValueError(f"党(工)委“{c.name}”的所属协作组“{c.group}”不在协作组表中")
        seen: set[tuple[str, str]] = set()
        for b in self.branches:
            if b.committee not in known:
                raise ValueError(f"党支部“{b.name}”的所属党(工)委“{b.committee}”不在党(工)委表中")
            if (b.committee, branch_key(b.name)) in seen:
                raise ValueError(f"党支部“{b.name}”在{b.committee}下重复")
            seen.add((b.committee, branch_key(b.name)))
        towns = {c.name for c in self.committees if c.is_town}
        for g in self.groups:
            for m in g.members:
                if m not in known:
                    raise ValueError(f"协作组“{g.name}”的成员单位“{m}”不在党(工)委表中")
            for p in g.partners:
                if p not in towns:
                    raise ValueError(f"协作组“{g.name}”的联建镇(街道)“{p}”不是党(工)委表中的镇或街道")
        return self

    def model_post_init(self, context: object) -> None:
        self._committees = {c.name: c for c in self.committees}
        by_committee: dict[str, list[Branch]] = {c.name: [] for c in self.committees}
        for b in self.branches:
            by_committee[b.committee].append(b)
            self._exact.setdefault(branch_key(b.name), []).append(b)
            for alias in _branch_aliases(b):
                self._alias.setdefault(alias, []).append(b)
        self._by_committee = {k: tuple(v) for k, v in by_committee.items()}

    # Plain access by roster name.

    def committee(self, name: str) -> Committee | None:
        return self._committees.get(name)

    def branches_of(self, committee: str) -> tuple[Branch, ...]:
        return self._by_committee.get(committee, ())

    def group(self, name: str) -> CooperationGroup | None:
        return next((g for g in self.groups if g.name == name), None)

    def group_of(self, committee: str) -> CooperationGroup | None:
        """The cooperation group a committee belongs to (its 所属协作组, or the group listing it)."""
        c = self.committee(committee)
        if c is not None and c.group is not None:
            return self.group(c.group)
        return next((g for g in self.groups if committee in g.members), None)

    def towns(self) -> tuple[Committee, ...]:
        return tuple(c for c in self.committees if c.is_town)

    # Lookups that forgive how people write names.

    def find_committee(self, name: str, *, towns_only: bool = False) -> Match[Committee] | Miss:
        """A committee by name, tolerating spaces, full-width forms and a dropped 党委/党工委/中共惠济区."""
        exact = self._committees.get(name.strip())
        if exact is not None and (exact.is_town or not towns_only):
            # The common case, and the one a 30,000-branch roster needs fast: the roster's own spelling.
            return Match(exact, exact=True)
        pool = self.towns() if towns_only else self.committees
        return _find(name, pool, lambda c: c.name)

    def find_group(self, name: str) -> Match[CooperationGroup] | Miss:
        return _find(name, self.groups, lambda g: g.name)

    def find_branch(self, name: str, committee: str | None = None) -> Match[Branch] | Miss:
        """A branch by name, within `committee` when given (itself looked up tolerantly).

        Tolerates spaces, full-width forms, 党支部/支部, and a committee prefix written or left
        out (古荥镇大河村党支部 / 大河村党支部) where only one branch fits. A miss carries the
        closest names; several equally fitting branches come back as an ambiguous miss.
        """
        answers = self._answers
        found = answers.get((name, committee))
        if found is None:
            if len(answers) > 100_000:
                answers.clear()
            found = answers[(name, committee)] = self._find_branch(name, committee)
        return found

    @functools.cached_property
    def _answers(self) -> dict[tuple[str, str | None], Match[Branch] | Miss]:
        """Answers already given: every month's tables name the same branches again (and a check
        asks twice). A cached property, so two rosters with the same contents stay equal."""
        return {}

    @functools.cached_property
    def _spelled(self) -> dict[tuple[str, str], Branch]:
        """(committee, branch name) -> the branch, as the roster spells them."""
        return {(b.committee, b.name): b for b in self.branches}

    def _find_branch(self, name: str, committee: str | None = None) -> Match[Branch] | Miss:
        """`find_branch` without the memory of earlier answers."""
        scope: str | None = None
        if committee is not None:
            found = self.find_committee(committee)
            if isinstance(found, Match):
                scope = found.item.name

        if scope is not None and (spelled := self._spelled.get((scope, name))) is not None:
            # The roster's own spelling within its committee, the common case: what the lookup
            # below finds too (a committee's branch keys are unique), without normalizing a name.
            return Match(spelled, exact=spelled.name == name.strip())

        def in_scope(hits: Iterable[Branch]) -> list[Branch]:
            return [b for b in hits if scope is None or b.committee == scope]

        key = branch_key(name)
        hits = in_scope(self._exact.get(key, ()))
        if not hits:
            queries = {key, without_prefixes(key)}
            if scope is not None:
                stem = committee_stem(scope)
                queries |= {q[len(stem) :] for q in queries if q.startswith(stem) and len(q) > len(stem)}
            hits = list({id(b): b for q in queries for b in in_scope(self._alias.get(q, ()))}.values())
        if len(hits) == 1:
            return Match(hits[0], exact=hits[0].name == name.strip())
        if hits:
            return Miss(name, candidates=tuple(f"{b.committee}{b.name}" for b in hits))
        pool = self.branches_of(scope) if scope is not None else self.branches
        suggestions = closest(key, {branch_key(b.name): b.name for b in pool})
        if not suggestions and scope is not None:
            suggestions = closest(key, {branch_key(b.name): b.name for b in self.branches})
        return Miss(name, suggestions=suggestions)


def _branch_aliases(b: Branch) -> set[str]:
    # A branch is also known without its committee's stem as a prefix, and with it.
    key = branch_key(b.name)
    stem = committee_stem(b.committee)
    aliases = {key, without_prefixes(key)}
    if key.startswith(stem) and len(key) > len(stem):
        aliases.add(key[len(stem) :])
    else:
        aliases.add(stem + key)
    return aliases


def _find(name: str, pool: Iterable[T], name_of: Callable[[T], str]) -> Match[T] | Miss:
    pool = tuple(pool)
    key = name_key(name)
    exact = [x for x in pool if name_key(name_of(x)) == key]
    if len(exact) == 1:
        return Match(exact[0], exact=name_of(exact[0]) == name.strip())
    stem = committee_stem(name)
    hits = exact or [x for x in pool if committee_stem(name_of(x)) == stem]
    if len(hits) == 1:
        return Match(hits[0], exact=False)
    if hits:
        return Miss(name, candidates=tuple(name_of(x) for x in hits))
    return Miss(name, suggestions=closest(stem, {committee_stem(name_of(x)): name_of(x) for x in pool}))


class RosterHistory:
    """Roster versions by effective date; a re-import with the same date replaces that version.

    The first version (the earliest effective date) is in force from the beginning: a clerk who
    imports the district's roster today still checks last year's reports against it. Each later
    version is in force from its effective date.
    """

    def __init__(self, versions: Iterable[Roster] = ()):
        by_date: dict[date, Roster] = {}
        for roster in versions:
            by_date[roster.effective] = roster
        self._dates = sorted(by_date)
        self._versions = [by_date[d] for d in self._dates]

    @property
    def versions(self) -> tuple[Roster, ...]:
        return tuple(self._versions)

    def with_version(self, roster: Roster) -> RosterHistory:
        return RosterHistory([*self._versions, roster])

    @property
    def first(self) -> Roster | None:
        """The earliest version: the one in force before any other took effect."""
        return self._versions[0] if self._versions else None

    def in_force(self, at: date | Period) -> Roster | None:
        """The version in force on a date; for a period, on its first day. None only without versions.

        A period uses its first day so that a version taking effect mid-month applies
        from the next month: branches added on 6-20 are not asked for in June's report,
        and branches removed on 6-20 still are (they existed on the district date).
        A date before the first version's effective date gets the first version.
        """
        day = at.start if isinstance(at, Period) else at
        i = bisect.bisect_right(self._dates, day)
        return self._versions[max(i - 1, 0)] if self._versions else None
