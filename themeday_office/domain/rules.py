"""The district's configurable rules (DESIGN.md §2), with the seed's values as defaults.

These are plain value models: the settings layer fills them from themeday.toml and
the environment, the domain reads them. Field descriptions are clerk-facing: they
become the comments of the generated themeday.toml.
"""

from __future__ import annotations

from datetime import time

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CalendarRules(_Section):
    """When the district holds its Theme Party Day and how far a committee may move it."""

    weekday: int = Field(5, ge=1, le=7, description="全区主题党日是星期几（1=星期一，7=星期日；默认 5，星期五）")
    week_ordinal: int = Field(2, ge=1, le=4, description="每月第几个该星期几（默认 2，即第二个星期五）")
    adjust_window_days: int = Field(
        7, ge=0, le=31, description="调整后的日期与全区日期最多相差的天数（默认 7，前后一周之内）"
    )
    adjust_same_month: bool = Field(False, description="调整后的日期是否必须在同一个月内（默认 false）")


class ActivityRules(_Section):
    """What a compliant activity is."""

    min_duration_hours: float = Field(3.5, gt=0, le=24, description="活动时长不少于半天：达标的最少小时数（默认 3.5）")
    min_attendance_rate: float = Field(
        0.8, ge=0, le=1, description="参与率低于此值记为“参与率偏低”（实到/应到，默认 0.8）"
    )


class WorkingHours(_Section):
    """The district's working hours: what `上午`, `下午` and `全天` mean."""

    morning_start: time = Field(time(8, 30), description="上午上班时间（默认 08:30）")
    morning_end: time = Field(time(12, 0), description="上午下班时间（默认 12:00）")
    afternoon_start: time = Field(time(14, 30), description="下午上班时间（默认 14:30）")
    afternoon_end: time = Field(time(18, 0), description="下午下班时间（默认 18:00）")

    @model_validator(mode="after")
    def _ordered(self) -> WorkingHours:
        if not (self.morning_start < self.morning_end <= self.afternoon_start < self.afternoon_end):
            raise ValueError("作息时间应依次为：上午上班 < 上午下班 ≤ 下午上班 < 下午下班")
        return self


class Deadlines(_Section):
    """When each form is due. "On time" is judged on the ledger's arrival date (收文日期)."""

    plan_month: int = Field(12, ge=1, le=12, description="年度计划报送截止：上一年的月份（默认 12）")
    plan_day: int = Field(30, ge=1, le=31, description="年度计划报送截止：上一年的日（默认 30，即 12 月 30 日前）")
    mobilization_month: int = Field(1, ge=1, le=12, description="动员大会截止：当年的月份（默认 1）")
    mobilization_day: int = Field(20, ge=1, le=31, description="动员大会截止：当年的日（默认 20，即 1 月 20 日前）")
    monthly_days_after: int = Field(5, ge=0, le=31, description="月度统计表：全区主题党日后几天内报送（默认 5）")
    summary_day: int = Field(10, ge=1, le=28, description="季度总结：季度结束后下一个月的几日前报送（默认 10）")
