"""A synthetic district: committees, branches and cooperation groups, deterministic from a seed.

The default is 惠济区 as the seed describes it — two towns, six streets, 区直机关工委 and twenty
区直 committees, three development zones; seven 区直 cooperation groups and the
development-zone group, each paired with a town or street — with about 400 branches of
all seven types. More branches make the committees bigger (and, with `committees=`, more
numerous, under generated names). The roster goes through the domain's own `load_roster`
from the rows of its sheets, so it is valid by the domain's rules, and the rows are kept
for `write_roster_xlsx`.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from openpyxl.utils import get_column_letter

from themeday_office.domain.roster import (
    BRANCH_SHEET,
    COMMITTEE_SHEET,
    GROUP_SHEET,
    Branch,
    Committee,
    CooperationGroup,
    Roster,
    load_roster,
)
from themeday_office.domain.values.choices import BranchType
from themeday_office.domain.values.raw import Raw, RawValue
from themeday_office.synthetic import names
from themeday_office.synthetic.names import NameMaker, zh_ordinal

EFFECTIVE = date(2017, 1, 1)
DEFAULT_BRANCHES = 400

# The seed's district: committees by category, and their share of the branches.
_TEMPLATE = {"镇": 2, "街道": 6, "区直机关": 21, "开发区": 3}
_TEMPLATE_COMMITTEES = sum(_TEMPLATE.values())
_DIRECT_GROUPS = 7  # 区直机关第一…第七党建协作组, over the 20 区直 committees besides the 工委
_WEIGHT = {"town": 55.0, "street": 22.0, "work": 35.0, "direct": 5.0, "zone": 9.0}

COMMITTEE_COLUMNS = ("名称", "类别", "所属协作组", "联系人", "联系电话")
BRANCH_COLUMNS = ("支部名称", "所属党(工)委", "支部类型", "党员人数", "书记")
GROUP_COLUMNS = ("协作组名称", "牵头单位", "成员单位", "联建镇(街道)")

# Party members of a branch by type: (fewest, most, most usual).
_MEMBERS = {
    BranchType.VILLAGE: (12, 90, 35),
    BranchType.COMMUNITY: (8, 45, 20),
    BranchType.GOVERNMENT: (6, 35, 14),
    BranchType.PUBLIC_INSTITUTION: (8, 45, 18),
    BranchType.SCHOOL: (8, 60, 22),
    BranchType.STATE_ENTERPRISE: (10, 50, 20),
    BranchType.NEW_ORGANIZATION: (3, 18, 6),
}
_ZONE_SHORT = {
    "郑州农业高新区": "农业高新区",
    "河南惠济经开区（郑州惠济特色商业区）": "惠济经开区",
    "郑州惠济新区": "惠济新区",
}

Row = dict[str, Raw]


@dataclass(frozen=True)
class SyntheticDistrict:
    """The roster (in force from 2017-01-01) and the sheet rows it was loaded from."""

    seed: int
    roster: Roster
    committee_rows: tuple[Row, ...]
    branch_rows: tuple[Row, ...]
    group_rows: tuple[Row, ...]
    name: str = names.DISTRICT

    @property
    def committees(self) -> tuple[Committee, ...]:
        return self.roster.committees

    def branches_of(self, committee: str) -> tuple[Branch, ...]:
        return self.roster.branches_of(committee)

    def kind(self, committee: str) -> str:
        """town, street, work (区直机关工委), direct (other 区直) or zone."""
        c = self.roster.committee(committee)
        if c is None:
            raise KeyError(committee)
        return _kind(c.category, c.name)

    def partner_group(self, committee: str) -> CooperationGroup | None:
        """The cooperation group a town or street does 联建共建 with."""
        return next((g for g in self.roster.groups if committee in g.partners), None)

    def partners(self, committee: str) -> tuple[str, ...]:
        """For a group's member committee: the towns and streets its group pairs with."""
        group = self.roster.group_of(committee)
        return group.partners if group is not None else ()

    def plan_units(self) -> tuple[str, ...]:
        """Who sends the department a year plan: every committee, and the groups of the
        development zones (the 区直 groups send theirs to 区直机关工委)."""
        zone_groups = {c.group for c in self.roster.committees if c.category == "开发区" and c.group}
        return tuple(c.name for c in self.roster.committees) + tuple(
            g.name for g in self.roster.groups if g.name in zone_groups
        )


def make_district(
    seed: int = 2017,
    branches: int = DEFAULT_BRANCHES,
    *,
    committees: int | None = None,
    realistic_names: bool = True,
) -> SyntheticDistrict:
    """A district of `branches` branches, the same for the same arguments.

    `committees` defaults to the seed's 32 (fewer for a small district). With
    `realistic_names`, the seed's committees keep their real names; the rest, and all of
    them without it, get generated ones.
    """
    if committees is None:  # the seed's 32; a smaller district has proportionally fewer
        committees = min(_TEMPLATE_COMMITTEES, max(5, round(_TEMPLATE_COMMITTEES * branches / DEFAULT_BRANCHES)))
    if committees < 5:
        raise ValueError("a district needs at least 5 committees: a town, a street, two 区直 committees and a zone")
    if branches < committees:
        raise ValueError(f"{branches} branches cannot fill {committees} committees")
    rng = random.Random(seed)
    maker = NameMaker(rng)
    plans = _committees(committees, realistic_names, maker)
    groups = _groups(plans, rng)
    counts = _allocate(plans, branches, rng)

    committee_rows = [_committee_row(p, rng) for p in plans]
    branch_rows = [row for p, n in zip(plans, counts, strict=False) for row in _branch_rows(p, n, maker, rng)]
    group_rows: list[Row] = [
        {
            "协作组名称": g.name,
            "牵头单位": g.members[0],
            "成员单位": "、".join(g.members),
            "联建镇(街道)": "、".join(g.partners),
        }
        for g in groups
    ]
    roster, problems = load_roster(
        EFFECTIVE,
        _raw(COMMITTEE_SHEET, COMMITTEE_COLUMNS, committee_rows),
        _raw(BRANCH_SHEET, BRANCH_COLUMNS, branch_rows),
        _raw(GROUP_SHEET, GROUP_COLUMNS, group_rows),
    )
    if problems:  # a generator bug, not a planted mistake
        raise RuntimeError("synthetic roster rejected: " + "; ".join(m.text for m in problems[:5]))
    return SyntheticDistrict(
        seed=seed,
        roster=roster,
        committee_rows=tuple(committee_rows),
        branch_rows=tuple(branch_rows),
        group_rows=tuple(group_rows),
    )


@dataclass
class _Plan:
    name: str
    category: str
    kind: str
    short: str  # what its own offices are called after: 古荥镇, 区教体局, 惠济经开区
    group: str | None = None


def _kind(category: str, name: str) -> str:
    if category == "区直机关":
        return "work" if name == names.DIRECT_WORK_COMMITTEE else "direct"
    return {"镇": "town", "街道": "street", "开发区": "zone"}[category]


def _committees(total: int, realistic: bool, maker: NameMaker) -> list[_Plan]:
    scale = total / _TEMPLATE_COMMITTEES
    count = {category: max(1, round(n * scale)) for category, n in _TEMPLATE.items()}
    count["区直机关"] = max(2, count["区直机关"])  # the 工委 and at least one group member
    count["区直机关"] += total - sum(count.values())  # rounding goes to the most numerous
    if count["区直机关"] < 2:
        raise ValueError(f"{total} committees are too few for the district's categories")

    def named(real: tuple[str, ...], n: int, suffix: str, make) -> list[str]:
        taken = [f"{r}{suffix}" for r in real[:n]] if realistic else []
        for name in taken:
            maker.claim(name)
        return taken + [make() for _ in range(n - len(taken))]

    plans = [_Plan(n, "镇", "town", _short(n)) for n in named(names.TOWNS, count["镇"], "党委", maker.town)]
    plans += [
        _Plan(n, "街道", "street", _short(n)) for n in named(names.STREETS, count["街道"], "党工委", maker.street)
    ]
    direct = named(
        (names.DIRECT_WORK_COMMITTEE, *names.DIRECT_COMMITTEES), count["区直机关"], "", maker.direct_committee
    )
    if not realistic:  # the 工委 keeps its name: it is the one the 区直 groups report to
        direct[0] = names.DIRECT_WORK_COMMITTEE
        maker.claim(direct[0])
    plans += [_Plan(n, "区直机关", _kind("区直机关", n), _short(n)) for n in direct]
    plans += [_Plan(n, "开发区", "zone", _short(n)) for n in named(names.ZONES, count["开发区"], "党工委", maker.zone)]
    return plans


def _short(name: str) -> str:
    for suffix in ("机关党委", "党工委", "党委"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return _ZONE_SHORT.get(name, name)


def _groups(plans: list[_Plan], rng: random.Random) -> list[CooperationGroup]:
    members = [p for p in plans if p.kind == "direct"]
    zones = [p for p in plans if p.kind == "zone"]
    towns = [p.name for p in plans if p.kind in ("town", "street")]
    n_direct = min(len(members), max(1, round(_DIRECT_GROUPS * len(members) / len(names.DIRECT_COMMITTEES))))
    n_zone = max(1, round(len(zones) / 3))
    specs: list[tuple[str, list[_Plan]]] = []
    for i in range(n_direct):
        specs.append(
            (
                f"区直机关第{zh_ordinal(i + 1)}党建协作组",
                members[i * len(members) // n_direct : (i + 1) * len(members) // n_direct],
            )
        )
    for i in range(n_zone):
        name = (
            "三个开发区党建协作组"
            if (n_zone, len(zones)) == (1, 3)
            else "开发区党建协作组"
            if n_zone == 1
            else f"开发区第{zh_ordinal(i + 1)}党建协作组"
        )
        specs.append((name, zones[i * len(zones) // n_zone : (i + 1) * len(zones) // n_zone]))
    # Each town or street pairs with one group; the seed's eight pair one to one.
    rng.shuffle(towns)
    partners: list[list[str]] = [[] for _ in specs]
    for i, town in enumerate(towns):
        partners[i % len(specs)].append(town)
    groups = []
    for (name, group_members), paired in zip(specs, partners, strict=False):
        for p in group_members:
            p.group = name
        groups.append(CooperationGroup(name=name, members=tuple(p.name for p in group_members), partners=tuple(paired)))
    return groups


def _allocate(plans: list[_Plan], total: int, rng: random.Random) -> list[int]:
    """Branches per committee: proportional to a jittered weight, at least one each, summing to `total`."""
    weights = [
        _WEIGHT[p.kind] * rng.uniform(0.7, 1.3) * (rng.uniform(0.6, 1.6) if p.kind == "direct" else 1) for p in plans
    ]
    spare = total - len(plans)
    shares = [spare * w / sum(weights) for w in weights]
    counts = [1 + int(s) for s in shares]
    by_remainder = sorted(range(len(plans)), key=lambda i: shares[i] - int(shares[i]), reverse=True)
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _committee_row(p: _Plan, rng: random.Random) -> Row:
    return {
        "名称": p.name,
        "类别": p.category,
        "所属协作组": p.group,
        "联系人": names.person(rng),
        "联系电话": names.landline(rng),
    }


def _branch_rows(p: _Plan, n: int, maker: NameMaker, rng: random.Random) -> list[Row]:
    made: list[tuple[str, BranchType]] = []
    G, P = BranchType.GOVERNMENT, BranchType.PUBLIC_INSTITUTION
    # Every committee has its own office branch first; towns their health centre too.
    if p.kind == "work":
        made.append((maker.department(0), G))
    else:
        made.append((maker.office(p.short + ("管委会" if p.kind == "zone" else "")), G))
    if p.kind == "town" and n > 1:
        made.append((maker.numbered(f"{p.short}卫生院"), P))
    for village in names.TOWN_VILLAGES.get(p.name, ()):  # the seed's own examples, when named for real
        if len(made) < n and maker.claim(village):
            made.append((village, BranchType.VILLAGE))
    department = 1
    while len(made) < n:
        t = _pick_type(p, rng)
        if t is G and p.kind == "work":
            made.append((maker.department(department), G))
            department += 1
        else:
            made.append((_branch_name(p, t, maker, rng), t))
    return [
        {
            "支部名称": name,
            "所属党(工)委": p.name,
            "支部类型": t.value,
            "党员人数": round(rng.triangular(*_MEMBERS[t])),
            "书记": names.person(rng),
        }
        for name, t in made[:n]
    ]


def _pick_type(p: _Plan, rng: random.Random) -> BranchType:
    B = BranchType
    table: tuple[tuple[BranchType, float], ...]
    if p.kind == "direct":
        if "教体" in p.name:
            table = ((B.SCHOOL, 0.9), (B.PUBLIC_INSTITUTION, 0.1))
        elif "卫计" in p.name:
            table = ((B.PUBLIC_INSTITUTION, 0.9), (B.GOVERNMENT, 0.1))
        elif "国有资产" in p.name:
            table = ((B.STATE_ENTERPRISE, 1.0),)
        else:
            table = ((B.GOVERNMENT, 0.7), (B.PUBLIC_INSTITUTION, 0.3))
    else:
        table = {
            "town": ((B.VILLAGE, 0.62), (B.NEW_ORGANIZATION, 0.24), (B.SCHOOL, 0.14)),
            "street": ((B.COMMUNITY, 0.78), (B.NEW_ORGANIZATION, 0.14), (B.SCHOOL, 0.04), (B.PUBLIC_INSTITUTION, 0.04)),
            "work": ((B.GOVERNMENT, 0.85), (B.PUBLIC_INSTITUTION, 0.15)),
            "zone": ((B.NEW_ORGANIZATION, 0.75), (B.STATE_ENTERPRISE, 0.25)),
        }[p.kind]
    return rng.choices([t for t, _ in table], [w for _, w in table])[0]


def _branch_name(p: _Plan, t: BranchType, maker: NameMaker, rng: random.Random) -> str:
    B = BranchType
    if t is B.VILLAGE:
        return maker.village()
    if t is B.COMMUNITY:
        return maker.community()
    if t is B.NEW_ORGANIZATION:
        return maker.company()
    if t is B.STATE_ENTERPRISE:
        return maker.state_company()
    if t is B.SCHOOL:
        return maker.school(names.DISTRICT if p.kind == "direct" else "")
    if t is B.PUBLIC_INSTITUTION:
        if p.kind == "work":
            return maker.institution()
        if "卫计" in p.name:
            return maker.clinic()
        units = {"town": names.TOWN_UNITS, "street": names.STREET_UNITS}.get(p.kind, ())
        return maker.institution(p.short, units)
    if "公安" in p.name:
        return maker.police()
    return maker.office(p.short)


def _raw(sheet: str, columns: tuple[str, ...], rows: list[Row]) -> list[Mapping[str, RawValue]]:
    """Rows as the xlsx import hands them over: label -> value with its place (header on row 1)."""
    letters = [get_column_letter(i) for i in range(1, len(columns) + 1)]
    return [
        {
            label: RawValue(row.get(label), f"{sheet}!{letter}{r}")
            for label, letter in zip(columns, letters, strict=False)
        }
        for r, row in enumerate(rows, start=2)
    ]
