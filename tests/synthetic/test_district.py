"""The synthetic district: the seed's 惠济区 by default, valid by the domain's own roster rules."""

from __future__ import annotations

from collections import Counter
from datetime import date

import openpyxl
import pytest

from themeday_office.domain.roster import BRANCH_SHEET, COMMITTEE_SHEET, GROUP_SHEET, load_roster
from themeday_office.domain.roster.names import branch_key
from themeday_office.domain.values.choices import BranchType
from themeday_office.domain.values.raw import RawValue
from themeday_office.synthetic import make_district, write_roster_xlsx
from themeday_office.synthetic.district import BRANCH_COLUMNS, COMMITTEE_COLUMNS, GROUP_COLUMNS

from .readback import raw

TOWNS_AND_STREETS = (
    "古荥镇党委", "花园口镇党委", "新城街道党工委", "老鸦陈街道党工委",
    "长兴路街道党工委", "刘寨街道党工委", "大河路街道党工委", "迎宾路街道党工委",
)  # fmt: skip
ZONES = ("郑州农业高新区党工委", "河南惠济经开区（郑州惠济特色商业区）党工委", "郑州惠济新区党工委")


def test_same_seed_same_district_and_another_seed_another():
    a, b, c = (
        make_district(seed=5, branches=120),
        make_district(seed=5, branches=120),
        make_district(seed=6, branches=120),
    )
    assert (a.committee_rows, a.branch_rows, a.group_rows) == (b.committee_rows, b.branch_rows, b.group_rows)
    assert a.roster == b.roster
    assert a.branch_rows != c.branch_rows


def test_default_district_is_huiji_as_the_seed_describes_it(huiji):
    roster = huiji.roster
    names = [c.name for c in roster.committees]
    assert set(TOWNS_AND_STREETS) | set(ZONES) | {"区直机关工委"} <= set(names)
    assert Counter(c.category for c in roster.committees) == {"镇": 2, "街道": 6, "区直机关": 21, "开发区": 3}
    assert len(roster.branches) == 400
    assert set(Counter(b.type for b in roster.branches)) == set(BranchType)
    assert all(b.members > 0 and b.secretary for b in roster.branches)
    assert roster.find_branch("大河村党支部").item.committee == "古荥镇党委"  # forms.md's own example


def test_eight_groups_each_paired_with_a_town_or_street(huiji):
    groups = huiji.roster.groups
    assert [g.name for g in groups] == [f"区直机关第{n}党建协作组" for n in "一二三四五六七"] + ["三个开发区党建协作组"]
    assert set(groups[-1].members) == set(ZONES)
    assert all(huiji.roster.committee(m).category == "区直机关" for g in groups[:-1] for m in g.members)
    paired = [p for g in groups for p in g.partners]
    assert sorted(paired) == sorted(TOWNS_AND_STREETS)  # each town or street pairs with exactly one group
    assert huiji.partner_group("古荥镇党委").name in {g.name for g in groups}
    assert "三个开发区党建协作组" in huiji.plan_units() and "区直机关第一党建协作组" not in huiji.plan_units()


def test_branch_types_fit_their_committees(huiji):
    def types(category: str) -> set[BranchType]:
        return {b.type for c in huiji.committees if c.category == category for b in huiji.branches_of(c.name)}

    assert BranchType.VILLAGE in types("镇") and BranchType.VILLAGE not in types("街道")
    assert BranchType.COMMUNITY in types("街道") and BranchType.COMMUNITY not in types("镇")
    assert types("开发区") <= {BranchType.NEW_ORGANIZATION, BranchType.STATE_ENTERPRISE, BranchType.GOVERNMENT}
    assert BranchType.SCHOOL in {b.type for b in huiji.branches_of("区教体局党委")}


def test_written_roster_loads_without_errors_into_the_same_roster(huiji, tmp_path):
    path = tmp_path / "组织架构.xlsx"
    write_roster_xlsx(huiji, path)
    book = openpyxl.load_workbook(path, read_only=True)
    sheets = {}
    for name, columns in (
        (COMMITTEE_SHEET, COMMITTEE_COLUMNS),
        (BRANCH_SHEET, BRANCH_COLUMNS),
        (GROUP_SHEET, GROUP_COLUMNS),
    ):
        rows = list(book[name].iter_rows(values_only=True))
        assert rows[0] == columns
        sheets[name] = [
            {label: RawValue(raw(v), f"{name}!{r}") for label, v in zip(columns, row, strict=False)}
            for r, row in enumerate(rows[1:], 2)
        ]
    roster, problems = load_roster(date(2017, 1, 1), sheets[COMMITTEE_SHEET], sheets[BRANCH_SHEET], sheets[GROUP_SHEET])
    assert problems == []
    assert roster == huiji.roster


def test_a_small_district_keeps_every_kind_of_committee(small):
    assert {c.category for c in small.committees} == {"镇", "街道", "区直机关", "开发区"}
    assert len(small.roster.branches) == 60 and all(small.branches_of(c.name) for c in small.committees)
    assert all(g.partners for g in small.roster.groups)
    with pytest.raises(ValueError):
        make_district(branches=4)


def test_generated_names_for_a_fictional_district():
    d = make_district(seed=3, branches=200, committees=40, realistic_names=False)
    assert len(d.committees) == 40
    assert not {"古荥镇党委", "新城街道党工委"} & {c.name for c in d.committees}


@pytest.mark.slow
def test_city_size_roster_builds_with_unique_names():
    city = make_district(seed=1, branches=30_000)
    assert len(city.roster.branches) == 30_000
    assert len({branch_key(b.name) for b in city.roster.branches}) == 30_000
