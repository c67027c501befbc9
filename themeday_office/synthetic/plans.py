"""A year plan (年度计划表): what a committee or a development-zone group plans for each month."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time

from themeday_office.domain.period import Period
from themeday_office.domain.values.choices import ActivityMode
from themeday_office.synthetic import names
from themeday_office.synthetic.activities import CALENDAR, pick_theme
from themeday_office.synthetic.district import SyntheticDistrict


@dataclass(frozen=True)
class PlannedMonth:
    month: int
    day: date
    theme: str
    items: tuple[int, ...]
    mode: ActivityMode
    partner: str | None
    location: str


@dataclass(frozen=True)
class YearPlan:
    unit: str  # a committee or a cooperation group
    year: int
    months: tuple[PlannedMonth, ...]
    filled_by: str
    phone: str
    arrives: datetime

    @property
    def filled_on(self) -> date:
        return self.arrives.date()


def plan_of(district: SyntheticDistrict, unit: str, year: int, *, rng: random.Random | None = None) -> YearPlan:
    """The plan `unit` sends before 12-30 of the previous year."""
    rng = rng or random.Random(f"{district.seed}/{unit}/plan{year}")
    group = district.roster.group(unit)
    if group is not None:
        partners, joint_months, place = (
            "、".join(group.partners) or None,
            set(range(1, 13)),
            f"{names.DISTRICT}党建服务中心",
        )
    else:
        committee = district.roster.committee(unit)
        if committee is None:
            raise KeyError(f"{unit} is neither a committee nor a group of the district")
        paired = district.partner_group(unit)
        partners = paired.name if paired is not None else ("、".join(district.partners(unit)) or None)
        joint_months = set(rng.sample(range(1, 13), rng.choice((0, 3, 4, 6)))) if partners else set()
        place = f"{committee.name.removesuffix('党工委').removesuffix('党委')}党员活动室"
    months = []
    for m in range(1, 13):
        theme, items = pick_theme(Period.of_month(year, m), rng, guided_only=m in joint_months)
        joint = m in joint_months
        months.append(
            PlannedMonth(
                month=m,
                day=CALENDAR.district_date(year, m),
                theme=theme,
                items=items,
                mode=ActivityMode.JOINT if joint else ActivityMode.SOLO,
                partner=partners if joint else None,
                location=place,
            )
        )
    arrival = date(year - 1, 12, rng.randint(15, 29))
    return YearPlan(
        unit=unit,
        year=year,
        months=tuple(months),
        filled_by=names.person(rng),
        phone=names.mobile(rng),
        arrives=datetime.combine(arrival, time(rng.randint(8, 17), rng.randrange(0, 60, 5))),
    )
