"""The quarterly assessment (过程管控 + 结果督考) and the year's rating, as pure rules.

Each committee's score is a weighted mean of six rates in [0, 1], scaled to 100:
开展率, 按时开展率, 参与率, 时长达标率, 按时报送率 and the quarterly summary. A rate that
cannot be computed (nothing held, so no 参与率) earns nothing: a committee that did not
meet cannot score on how well it met. The grade follows from thresholds.

The seed's rule for the annual 述职评议 — 活动开展不力的，不得评议为“优秀” — is a cap:
a committee whose activities were poor (a quarter graded 较差, or the year's 开展率
below a floor; both configurable) is rated 良好 at best, and the reason is kept.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Grade(str, enum.Enum):
    EXCELLENT = "优秀"
    GOOD = "良好"
    FAIR = "一般"
    POOR = "较差"


# The score's components, in the order tables show them, with their Chinese names.
COMPONENTS: dict[str, str] = {
    "held_rate": "开展率",
    "on_time_rate": "按时开展率",
    "attendance_rate": "参与率",
    "duration_rate": "时长达标率",
    "reporting_rate": "按时报送率",
    "summary": "季度总结",
}

_QUARTER_ZH = "一二三四"


class AssessmentRules(BaseModel):
    """Weights and thresholds of the quarterly assessment and the year's rating (section [assessment])."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    weight_held_rate: float = Field(30, ge=0, description="开展率（已开展支部数/名册支部数）的权重（默认 30）")
    weight_on_time_rate: float = Field(
        15, ge=0, description="按时开展率（在全区主题党日或已报备的调整日期开展的支部/已开展支部）的权重（默认 15）"
    )
    weight_attendance_rate: float = Field(20, ge=0, description="参与率（实到人数合计/应到人数合计）的权重（默认 20）")
    weight_duration_rate: float = Field(
        15, ge=0, description="时长达标率（活动时长不少于半天的支部/已开展支部）的权重（默认 15）"
    )
    weight_reporting_rate: float = Field(
        10, ge=0, description="按时报送率（按时报送的月度统计表/应报送的月度统计表）的权重（默认 10）"
    )
    weight_summary: float = Field(10, ge=0, description="季度总结报告的权重：按时报送得满分（默认 10）")
    late_summary_credit: float = Field(
        0.5, ge=0, le=1, description="季度总结逾期报送时，该项得分占满分的比例（默认 0.5；未报送得 0）"
    )
    excellent_from: float = Field(90, ge=0, le=100, description="得分（满分 100）不低于此值评为“优秀”（默认 90）")
    good_from: float = Field(80, ge=0, le=100, description="得分不低于此值评为“良好”（默认 80）")
    fair_from: float = Field(60, ge=0, le=100, description="得分不低于此值评为“一般”，低于此值为“较差”（默认 60）")
    cap_on_poor_quarter: bool = Field(
        True, description="任一季度评为“较差”的，年度不得评为“优秀”（活动开展不力，默认 true）"
    )
    cap_held_rate_floor: float = Field(
        0.9, ge=0, le=1, description="全年开展率低于此值的，年度不得评为“优秀”（默认 0.9；设为 0 则不用此条）"
    )

    @model_validator(mode="after")
    def _consistent(self) -> AssessmentRules:
        if not self.excellent_from > self.good_from > self.fair_from:
            raise ValueError("等次分数线应依次为：优秀 > 良好 > 一般")
        if sum(self.weights().values()) <= 0:
            raise ValueError("各项权重不能全为 0")
        return self

    def weights(self) -> dict[str, float]:
        return {name: getattr(self, f"weight_{name}") for name in COMPONENTS}


def score(rates: Mapping[str, float | None], rules: AssessmentRules) -> float:
    """The weighted score out of 100; a missing rate earns nothing."""
    weights = rules.weights()
    total = sum(weights.values())
    earned = sum(w * (rates.get(name) or 0.0) for name, w in weights.items())
    return 100.0 * earned / total


def summary_rate(received: int, on_time: int, due: int, rules: AssessmentRules) -> float | None:
    """The summary component: full credit on time, partial when late, nothing when missing."""
    if due <= 0:
        return None
    late = max(0, received - on_time)
    return (on_time + rules.late_summary_credit * late) / due


def grade(value: float, rules: AssessmentRules) -> Grade:
    # Scores are compared after rounding to the precision tables print, so a clerk reading
    # 90.0 never sees it graded 良好 because it was 89.99996.
    shown = round(value, 2)
    if shown >= rules.excellent_from:
        return Grade.EXCELLENT
    if shown >= rules.good_from:
        return Grade.GOOD
    if shown >= rules.fair_from:
        return Grade.FAIR
    return Grade.POOR


@dataclass(frozen=True)
class Rating:
    """The year's rating: the grade the score earns, and the grade given after the cap."""

    score: float
    earned: Grade  # by the score alone
    grade: Grade  # after the 优秀 cap
    reasons: tuple[str, ...] = ()  # why 优秀 was withheld

    @property
    def capped(self) -> bool:
        return self.grade is not self.earned


def year_rating(
    year_score: float,
    quarter_grades: Mapping[int, Grade],
    held_rate: float | None,
    rules: AssessmentRules,
) -> Rating:
    """The year's rating with the seed's rule: poor activities cannot be rated 优秀."""
    earned = grade(year_score, rules)
    reasons: list[str] = []
    if rules.cap_on_poor_quarter:
        poor = [q for q, g in sorted(quarter_grades.items()) if g is Grade.POOR]
        if poor:
            quarters = "、".join(f"第{_QUARTER_ZH[q - 1]}季度" for q in poor)
            reasons.append(f"{quarters}考核为“较差”")
    if rules.cap_held_rate_floor > 0 and (held_rate or 0.0) < rules.cap_held_rate_floor:
        shown = "无" if held_rate is None else f"{held_rate:.1%}"
        reasons.append(f"全年开展率{shown}，低于{rules.cap_held_rate_floor * 100:g}%")
    if earned is Grade.EXCELLENT and reasons:
        return Rating(year_score, earned, Grade.GOOD, tuple(f"{r}，活动开展不力，不得评为“优秀”" for r in reasons))
    return Rating(year_score, earned, earned)
