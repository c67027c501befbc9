"""March 2017 of the small district, every figure computed by hand (see `build_q1` for the cases)."""

from __future__ import annotations

from datetime import date

import pytest

from themeday_office.rollup import DISTRICT, rollup_month

from .conftest import (
    FORMULA_BRANCH,
    FORMULA_REASON,
    GONGWEI,
    GROUP_1,
    GROUP_ZONE,
    GUXING,
    JIAOTI,
    MAR,
    WEIJI,
    XINCHENG,
    XINQU,
    Q1World,
)


@pytest.fixture(scope="module")
def march(q1: Q1World):
    return rollup_month(q1.desk.inputs(), MAR)


def fig(r, view, key, column):
    f = r.cell(view, key, column)
    return (f.numerator, f.denominator) if f.is_rate else f.numerator


def test_the_district(march):
    # 11 branches on the roster in force (the one that added 黄河滩村 on 2-20); 区直机关工委's one unreported.
    d = ("district", DISTRICT)
    assert fig(march, *d, "branches") == 11
    assert fig(march, *d, "reported") == 10
    assert fig(march, *d, "held") == 9
    assert fig(march, *d, "held_rate") == (9, 11)
    # On time: all but 区卫计委's 3-13 (unfiled); 新城's 3-8 and 新区's 3-9 are filed dates.
    assert fig(march, *d, "on_time_rate") == (8, 9)
    # Duration: all but 区教体局机关's two hours; 全天 is seven.
    assert fig(march, *d, "duration_rate") == (8, 9)
    assert fig(march, *d, "attendance_rate") == (
        27 + 15 + 18 + 8 + 36 + 12 + 20 + 6 + 9,
        30 + 15 + 20 + 8 + 40 + 12 + 25 + 6 + 10,
    )
    assert march.district["attendance_rate"].rate == pytest.approx(151 / 166)
    assert fig(march, *d, "excused") == 2 + 1 + 3 + 2 + 1
    assert fig(march, *d, "observers") == 3 + 2
    assert fig(march, *d, "cadres") == 1 + 2 + 3 + 1 + 1
    assert fig(march, *d, "joint") == 2  # 大河村 with the group, 第一中学 with 古荥镇
    assert fig(march, *d, "guiding") == 7
    assert fig(march, *d, "own") == 2  # 黄河滩村 and 区教体局机关
    assert fig(march, *d, "reports") == (5, 6)
    assert fig(march, *d, "reporting_rate") == (4, 6)  # 新城's arrived on 3-16, a day late


def test_each_committee(march, q1):
    c = "committee"
    assert list(march.views[c]) == [GUXING, XINCHENG, JIAOTI, WEIJI, XINQU, GONGWEI]
    # The branch added to the roster on 2-20 is asked for in March.
    assert fig(march, c, GUXING, "branches") == 3
    assert fig(march, c, GUXING, "held_rate") == (2, 3)
    assert fig(march, c, GUXING, "attendance_rate") == (42, 45)
    assert fig(march, c, XINCHENG, "on_time_rate") == (2, 2)
    assert fig(march, c, XINCHENG, "reporting_rate") == (0, 1)
    # The resubmission counts, not the superseded first version (which had 第一中学 not held).
    assert fig(march, c, JIAOTI, "held_rate") == (2, 2)
    assert fig(march, c, JIAOTI, "duration_rate") == (1, 2)
    assert march.trace(c, JIAOTI, "held") == {q1.ids[JIAOTI]}
    assert fig(march, c, WEIJI, "on_time_rate") == (0, 1)
    # The row naming no branch counts nowhere.
    assert fig(march, c, XINQU, "branches") == 2 and fig(march, c, XINQU, "reported") == 2
    assert fig(march, c, XINQU, "attendance_rate") == (15, 16)
    assert fig(march, c, GONGWEI, "held_rate") == (0, 1)
    assert march.cell(c, GONGWEI, "attendance_rate").rate is None  # nothing held: no 参与率 at all
    assert fig(march, c, GONGWEI, "reports") == (0, 1)


def test_the_superseded_version_is_nowhere(march, q1):
    superseded = q1.ids["v1/" + JIAOTI]
    assert all(superseded not in f.sources for *_, f in march.cells())
    assert march.trace("committee", JIAOTI, "reports") == {q1.ids[JIAOTI]}


def test_by_branch_type(march):
    t = "type"
    assert list(march.views[t]) == ["党政机关", "事业单位", "农村", "社区", "国有企业", "学校", "两新组织"]
    assert fig(march, t, "党政机关", "branches") == 4
    assert fig(march, t, "党政机关", "reported") == 3  # 区直机关工委's did not report
    assert fig(march, t, "党政机关", "not_held") == 1
    assert fig(march, t, "党政机关", "held_rate") == (2, 4)
    assert fig(march, t, "党政机关", "duration_rate") == (1, 2)
    assert fig(march, t, "农村", "attendance_rate") == (42, 45)
    assert fig(march, t, "事业单位", "on_time_rate") == (0, 1)
    assert sum(fig(march, t, k, "branches") for k in march.views[t]) == 11


def test_a_group_is_its_members_and_its_paired_town_or_street(march):
    g = "group"
    # 区直机关第一党建协作组: 区教体局 and 区卫计委, paired with 古荥镇.
    assert fig(march, g, GROUP_1, "branches") == 2 + 1 + 3
    assert fig(march, g, GROUP_1, "held_rate") == (5, 6)
    assert fig(march, g, GROUP_1, "on_time_rate") == (4, 5)
    assert fig(march, g, GROUP_1, "attendance_rate") == (36 + 12 + 20 + 27 + 15, 40 + 12 + 25 + 30 + 15)
    # 开发区党建协作组: 郑州惠济新区, paired with 新城街道.
    assert fig(march, g, GROUP_ZONE, "branches") == 4
    assert fig(march, g, GROUP_ZONE, "on_time_rate") == (4, 4)
    assert fig(march, g, GROUP_ZONE, "attendance_rate") == (6 + 9 + 18 + 8, 6 + 10 + 20 + 8)
    assert fig(march, g, GROUP_ZONE, "reporting_rate") == (1, 2)


def test_the_notes(march, q1):
    assert march.missing == (GONGWEI,)
    late = {(x.unit, x.form): (x.days, x.submission) for x in march.late}
    assert late == {
        (XINCHENG, "月度开展情况统计表"): (1, q1.ids[XINCHENG]),
        (XINQU, "调整日期备案表"): (11, q1.ids["adjustment/" + XINQU]),  # filed 3-20 for 3-9
    }
    assert [(x.committee, x.branch, x.reason) for x in march.not_held] == [(GUXING, "古荥镇机关党支部", FORMULA_REASON)]
    assert [(x.unit, x.written, x.submission) for x in march.unmatched] == [(XINQU, FORMULA_BRANCH, q1.ids[XINQU])]
    assert "不在组织名册中" in march.unmatched[0].why


def test_an_adjustment_filed_later_changes_the_finding(march, q1):
    before = q1.before_late_filing
    # Before 新区 filed its 3-9: an unfiled date; after: an adjusted one. Nothing re-ingested.
    assert fig(before, "committee", XINQU, "on_time_rate") == (0, 2)
    assert fig(march, "committee", XINQU, "on_time_rate") == (2, 2)
    assert fig(before, "district", DISTRICT, "on_time_rate") == (6, 9)
    assert q1.ids["adjustment/" + XINQU] in march.trace("district", DISTRICT, "on_time_rate")
    assert q1.ids["adjustment/" + XINQU] not in before.trace("district", DISTRICT, "on_time_rate")
    # The ledger still holds what was found when the report arrived: the rollup recomputed it.
    stored = {f.code for f in q1.desk.ledger.findings(q1.ids[XINQU])}
    assert "held_on_unfiled_date" in stored and "held_on_adjusted_date" not in stored


def test_a_corrected_receipt_date_changes_lateness(tmp_path):
    from .conftest import build_q1

    world = build_q1(tmp_path / "w")
    with world.desk.ledger as ledger:
        ledger.set_receipt_date(world.ids[XINCHENG], date(2017, 3, 15), "3月15日已收到纸质件", "测试员")
        march = rollup_month(world.desk.inputs(), MAR)
    assert fig(march, "committee", XINCHENG, "reporting_rate") == (1, 1)
    assert all(x.unit != XINCHENG for x in march.late)


def test_a_month_before_the_first_roster_is_counted_against_it_and_without_any_roster_nothing_counts(q1):
    from themeday_office.domain.period import Period
    from themeday_office.domain.roster import RosterHistory
    from themeday_office.rollup.inputs import RollupInputs

    inputs = q1.desk.inputs()
    december = rollup_month(inputs, Period.of_month(2016, 12))
    assert december.roster_effective == date(2017, 1, 1)  # the first roster serves the past (issue 24)
    assert set(december.views["committee"]) == {c.name for c in inputs.rosters.versions[0].committees}
    assert december.district["branches"].numerator == len(inputs.rosters.versions[0].branches)
    assert december.district["reporting_rate"].numerator == 0  # nobody reported December

    nothing = rollup_month(RollupInputs(RosterHistory(), (), lambda kind, period: []), Period.of_month(2016, 12))
    assert nothing.roster_effective is None
    assert nothing.views["committee"] == {}
    assert nothing.district["branches"].numerator == 0
