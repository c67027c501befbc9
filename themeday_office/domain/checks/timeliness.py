"""Arrived after the deadline: a finding counted in 按时报送率, never a reason to reject."""

from __future__ import annotations

from datetime import date

from themeday_office.domain.codes import finding
from themeday_office.domain.deadlines import days_late
from themeday_office.domain.forms.kinds import FormKind
from themeday_office.domain.messages import Finding
from themeday_office.domain.period import Period


def late_arrival(unit: str, period: Period, kind: FormKind, arrived: date | None, deadline: date) -> list[Finding]:
    """A late-arrival finding when `arrived` is after `deadline`; nothing when on time or unknown."""
    if arrived is None or days_late(arrived, deadline) == 0:
        return []
    return [
        finding(
            "late_arrival",
            committee=unit,
            period=period,
            form=kind.zh,
            arrived=arrived,
            deadline=deadline,
            days=days_late(arrived, deadline),
        )
    ]
