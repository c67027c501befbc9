"""The first quarter: three months (each with its own roster), the summaries, scores and grades by hand."""

from __future__ import annotations

import pytest

from themeday_office.domain.scoring import AssessmentRules, Grade
from themeday_office.rollup import DISTRICT, RollupInputs, RollupRules, rollup_quarter

from .conftest import GONGWEI, GUXING, Q1, WEIJI, XINCHENG, XINQU, Q1World


@pytest.fixture(scope="module")
def quarter(q1: Q1World):
    return rollup_quarter(q1.desk.inputs(), Q1)


def fig(r, key, column, view="committee"):
    f = r.cell(view, key, column)
    return (f.numerator, f.denominator) if f.is_rate else f.numerator


def test_the_quarter_is_the_sum_of_its_months(quarter):
    assert [str(m.period) for m in quarter.months] == ["2017-01", "2017-02", "2017-03"]
    # 古荥镇 had two branches in January and February, three from the roster of 2-20 on.
    assert fig(quarter, GUXING, "branches") == 2 + 2 + 3
    assert fig(quarter, GUXING, "held_rate") == (6, 7)
    assert fig(quarter, GUXING, "attendance_rate") == (40 + 40 + 42, 40 + 40 + 45)
    assert fig(quarter, GUXING, "reporting_rate") == (3, 3)
    assert fig(quarter, WEIJI, "on_time_rate") == (2, 3)
    assert fig(quarter, XINCHENG, "reports") == (1, 3)
    assert fig(quarter, DISTRICT, "held_rate", "district") == (2 + 1 + 2 + 1 + 9, 10 + 10 + 11)
    for column in ("branches", "reported", "held", "excused", "cadres", "joint"):
        assert quarter.district[column].numerator == sum(m.district[column].numerator for m in quarter.months)


def test_summaries_received_and_on_time(quarter, q1):
    assert fig(quarter, GUXING, "summaries") == (1, 1)
    assert fig(quarter, GUXING, "summaries_on_time") == (1, 1)
    assert fig(quarter, WEIJI, "summaries") == (1, 1)
    assert fig(quarter, WEIJI, "summaries_on_time") == (0, 1)  # 4-15, due 4-10
    assert quarter.missing_summaries == (XINCHENG, "区教体局党委", XINQU, GONGWEI)
    late = [x for x in quarter.late if x.form == "季度总结报告"]
    assert [(x.unit, x.days, x.submission) for x in late] == [(WEIJI, 5, q1.ids["summary/" + WEIJI])]
    assert quarter.trace("committee", WEIJI, "summaries") == {q1.ids["summary/" + WEIJI]}


def test_scores_and_grades_by_the_default_weights(quarter):
    # 30 开展率 + 15 按时开展率 + 20 参与率 + 15 时长达标率 + 10 按时报送率 + 10 季度总结 (late: half).
    expected = {
        GUXING: 30 * 6 / 7 + 15 + 20 * 122 / 125 + 15 + 10 + 10,
        WEIJI: 30 + 15 * 2 / 3 + 20 * 70 / 75 + 15 + 10 + 10 * 0.5,
        XINCHENG: 30 * 2 / 6 + 15 + 20 * 26 / 28 + 15 + 0 + 0,
        GONGWEI: 0,
    }
    for committee, score in expected.items():
        assert quarter.assessments[committee].score.numerator == pytest.approx(score, abs=0.005)
    grades = {c: a.grade for c, a in quarter.assessments.items()}
    assert grades[GUXING] is Grade.EXCELLENT  # 95.23
    assert grades[WEIJI] is Grade.GOOD  # 88.67
    assert grades[XINCHENG] is Grade.POOR  # 58.57
    assert grades[GONGWEI] is Grade.POOR
    # A score traces to every submission behind its components.
    assert quarter.trace("committee", WEIJI, "score") >= quarter.trace("committee", WEIJI, "summaries")


def test_weights_and_thresholds_come_from_the_rules(q1):
    only_held = AssessmentRules(weight_on_time_rate=0, weight_attendance_rate=0, weight_duration_rate=0,
                                weight_reporting_rate=0, weight_summary=0, good_from=70, fair_from=50)
    q = rollup_quarter(RollupInputs.from_ledger(q1.desk.ledger, RollupRules(assessment=only_held)), Q1)
    assert q.assessments[GUXING].score.numerator == pytest.approx(100 * 6 / 7, abs=0.005)
    assert q.assessments[GUXING].grade is Grade.GOOD  # 85.71 < 90
    assert q.assessments[WEIJI].grade is Grade.EXCELLENT  # every branch met: 100
