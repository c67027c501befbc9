"""The assessment's pure rules: the weighted score, the grade lines, the 优秀 cap, the settings section."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from themeday_office.domain.scoring import (
    COMPONENTS,
    AssessmentRules,
    Grade,
    grade,
    score,
    summary_rate,
    year_rating,
)

RULES = AssessmentRules()
PERFECT = {name: 1.0 for name in COMPONENTS}


def test_the_score_is_a_weighted_mean_out_of_100():
    assert score(PERFECT, RULES) == pytest.approx(100)
    assert score({**PERFECT, "held_rate": 0.5}, RULES) == pytest.approx(85)
    # A rate that cannot be computed earns nothing.
    assert score({**PERFECT, "attendance_rate": None}, RULES) == pytest.approx(80)
    custom = AssessmentRules(weight_held_rate=1, weight_on_time_rate=1, weight_attendance_rate=0,
                             weight_duration_rate=0, weight_reporting_rate=0, weight_summary=0)
    assert score({"held_rate": 1.0, "on_time_rate": 0.5}, custom) == pytest.approx(75)


def test_grade_lines():
    assert [grade(s, RULES) for s in (100, 90, 89.99, 80, 79.99, 60, 59.99, 0)] == [
        Grade.EXCELLENT, Grade.EXCELLENT, Grade.GOOD, Grade.GOOD, Grade.FAIR, Grade.FAIR, Grade.POOR, Grade.POOR,
    ]
    assert grade(89.999, RULES) is Grade.EXCELLENT  # shown as 90.00, graded as shown


def test_summary_credit():
    assert summary_rate(1, 1, 1, RULES) == 1
    assert summary_rate(1, 0, 1, RULES) == 0.5
    assert summary_rate(0, 0, 1, RULES) == 0
    assert summary_rate(3, 2, 4, RULES) == pytest.approx(2.5 / 4)
    assert summary_rate(0, 0, 0, RULES) is None


def test_a_poor_quarter_caps_an_excellent_year():
    quarters = {1: Grade.EXCELLENT, 2: Grade.POOR, 3: Grade.EXCELLENT, 4: Grade.EXCELLENT}
    rating = year_rating(92.0, quarters, 0.95, RULES)
    assert (rating.earned, rating.grade, rating.capped) == (Grade.EXCELLENT, Grade.GOOD, True)
    assert rating.reasons == ("第二季度考核为“较差”，活动开展不力，不得评为“优秀”",)
    relaxed = AssessmentRules(cap_on_poor_quarter=False)
    assert year_rating(92.0, quarters, 0.95, relaxed).grade is Grade.EXCELLENT


def test_a_held_rate_below_the_floor_caps_it_too():
    good_quarters = {q: Grade.EXCELLENT for q in range(1, 5)}
    assert year_rating(95.0, good_quarters, 0.9, RULES).grade is Grade.EXCELLENT  # at the floor is not below it
    capped = year_rating(95.0, good_quarters, 0.85, AssessmentRules(cap_held_rate_floor=0.875))
    assert capped.grade is Grade.GOOD and capped.reasons == (
        "全年开展率85.0%，低于87.5%，活动开展不力，不得评为“优秀”",
    )
    assert year_rating(95.0, good_quarters, 0.5, AssessmentRules(cap_held_rate_floor=0)).grade is Grade.EXCELLENT
    # Below 优秀 the cap changes nothing.
    assert year_rating(85.0, {1: Grade.POOR}, 0.5, RULES).grade is Grade.GOOD


def test_the_settings_section():
    fields = AssessmentRules.model_fields
    for name, info in fields.items():
        assert info.description and re.search(r"[\u4e00-\u9fff]", info.description), name
    with pytest.raises(ValidationError):
        AssessmentRules.model_validate({"weight_held": 30})  # a typo is an error, not ignored
    with pytest.raises(ValidationError):
        AssessmentRules(excellent_from=80, good_from=85)
    with pytest.raises(ValidationError):
        AssessmentRules(weight_held_rate=0, weight_on_time_rate=0, weight_attendance_rate=0, weight_duration_rate=0,
                        weight_reporting_rate=0, weight_summary=0)
    with pytest.raises(ValidationError):
        RULES.weight_summary = 5  # type: ignore[misc]  # frozen: the assignment this test expects to fail
    assert sum(RULES.weights().values()) == 100
