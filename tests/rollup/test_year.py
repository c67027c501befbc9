"""A year: plans against what was held, the year's rating, and the seed's 优秀 cap."""

from __future__ import annotations

from datetime import date

import pytest

from themeday_office.domain.period import Period
from themeday_office.domain.scoring import Grade
from themeday_office.rollup import rollup_year

from .conftest import (
    CHANGXING,
    DIRECT_GROUP,
    DISTRICT_DATES,
    FAGAI,
    GAOXIN,
    HUAYUANKOU,
    PLANNED_APRIL,
    ZONE_GROUP,
    YearWorld,
)


@pytest.fixture(scope="module")
def y2017(year: YearWorld):
    return rollup_year(year.desk.inputs(), Period.of_year(2017))


def test_the_year_is_the_sum_of_its_quarters(y2017):
    f = y2017.cell("committee", HUAYUANKOU, "held_rate")
    assert (f.numerator, f.denominator) == (21, 24)  # the office branch missed April to June
    assert y2017.cell("committee", HUAYUANKOU, "reporting_rate").rate == 1
    assert y2017.cell("committee", HUAYUANKOU, "summaries_on_time").numerator == 4


def test_poor_activities_cap_the_rating_below_excellent(y2017):
    rating = y2017.ratings[HUAYUANKOU]
    assert rating.quarters == {1: Grade.EXCELLENT, 2: Grade.GOOD, 3: Grade.EXCELLENT, 4: Grade.EXCELLENT}
    assert rating.score.numerator == pytest.approx(30 * 21 / 24 + 70)  # 96.25
    assert rating.rating.earned is Grade.EXCELLENT
    assert rating.grade is Grade.GOOD
    assert rating.rating.reasons == ("全年开展率87.5%，低于90%，活动开展不力，不得评为“优秀”",)
    # A committee that did nothing is 较差 on its score: no cap needed, no reason given.
    assert y2017.ratings[CHANGXING].grade is Grade.POOR and not y2017.ratings[CHANGXING].rating.reasons


def test_plans_against_what_was_held(y2017, year):
    plans = {p.unit: p for p in y2017.plans}
    mine = plans[HUAYUANKOU]
    assert mine.submission == year.ids["plan/" + HUAYUANKOU] and mine.late_days == 0
    march, april, may = mine.months[2], mine.months[3], mine.months[4]
    assert (march.planned_on, march.held.numerator, march.held.denominator) == (date(2017, 3, 10), 2, 2)
    assert (march.on_plan.numerator, march.on_plan.denominator) == (2, 2)
    # April was planned for 4-13; the one branch that met did so on the district date 4-14.
    assert (april.planned_on, april.held.numerator, april.on_plan.numerator) == (PLANNED_APRIL, 1, 0)
    assert (may.planned_on, may.on_plan.numerator, may.on_plan.denominator) == (DISTRICT_DATES[5], 1, 1)
    assert year.ids["plan/" + HUAYUANKOU] in april.on_plan.sources


def test_a_groups_plan_is_shown_but_never_missing(y2017, year):
    plans = {p.unit: p for p in y2017.plans}
    zone = plans[ZONE_GROUP]
    assert zone.is_group and zone.submission == year.ids["plan/" + ZONE_GROUP]
    assert zone.late_days == 6  # 1-5, due 12-30
    assert [(x.unit, x.days) for x in y2017.late] == [(ZONE_GROUP, 6)]
    # The 区直 group sends its plan to 区直机关工委: not listed, not missing.
    assert DIRECT_GROUP not in plans
    assert y2017.missing_plans == (CHANGXING, GAOXIN)
    assert FAGAI not in y2017.missing_plans
