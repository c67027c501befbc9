"""A small district: two towns/streets, two 区直 committees, one development zone, two groups."""

from __future__ import annotations

from datetime import date

import pytest

from themeday_office.domain.calendar import DistrictCalendar
from themeday_office.domain.checks import CheckContext
from themeday_office.domain.roster import Branch, Committee, CooperationGroup, Roster
from themeday_office.domain.themes import bundled_themes
from themeday_office.domain.values import BranchType

GULONG = "古荥镇党委"
XINCHENG = "新城街道党工委"
QUWEIBAN = "区委办机关党委"
JIAOTI = "区教体局党委"
JINGKAI = "惠济经开区党工委"


def make_roster(effective: date = date(2017, 1, 1), extra: tuple[Branch, ...] = ()) -> Roster:
    return Roster(
        effective=effective,
        committees=(
            Committee(name=GULONG, category="镇"),
            Committee(name=XINCHENG, category="街道"),
            Committee(name=QUWEIBAN, category="区直机关", group="第一协作组"),
            Committee(name=JIAOTI, category="区直机关", group="第一协作组"),
            Committee(name=JINGKAI, category="开发区", group="开发区协作组"),
        ),
        branches=(
            Branch(name="大河村党支部", committee=GULONG, type=BranchType.VILLAGE, members=30),
            Branch(name="八里庙村党支部", committee=GULONG, type=BranchType.VILLAGE, members=20),
            Branch(name="古荥镇机关第一党支部", committee=GULONG, type=BranchType.GOVERNMENT, members=12),
            Branch(name="新城社区党支部", committee=XINCHENG, type=BranchType.COMMUNITY, members=25),
            Branch(name="机关第一党支部", committee=XINCHENG, type=BranchType.GOVERNMENT, members=10),
            Branch(name="机关第一党支部", committee=QUWEIBAN, type=BranchType.GOVERNMENT, members=15),
            Branch(name="惠济区第一中学党支部", committee=JIAOTI, type=BranchType.SCHOOL, members=40),
            Branch(name="郑州ABC科技有限公司党支部", committee=JINGKAI, type=BranchType.NEW_ORGANIZATION, members=9),
            *extra,
        ),
        groups=(
            CooperationGroup(name="第一协作组", leader="区委办", members=(QUWEIBAN, JIAOTI), partners=(GULONG,)),
            CooperationGroup(name="开发区协作组", members=(JINGKAI,), partners=(XINCHENG,)),
        ),
    )


@pytest.fixture
def roster() -> Roster:
    return make_roster()


@pytest.fixture
def ctx(roster: Roster) -> CheckContext:
    return CheckContext(roster=roster, calendar=DistrictCalendar(), themes=bundled_themes()[2017])
