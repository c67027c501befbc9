"""Adjustments on file: the dates committees moved their Theme Party Day to.

Checks and rollups take these, not the forms, so a rollup can recompute findings
with the adjustments filed by then: one filed later turns an "unfiled date" into
an "adjusted date".
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from themeday_office.domain.forms.adjustment import AdjustmentForm
from themeday_office.domain.period import Period
from themeday_office.domain.roster.model import Match, Roster


class FiledAdjustment(BaseModel):
    model_config = ConfigDict(frozen=True)

    committee: str  # roster name
    period: Period  # the month whose date moved
    new_date: date
    branches: tuple[str, ...] | None = None  # roster names; None: all of the committee's branches

    def covers(self, committee: str, period: Period, day: date, branch: str) -> bool:
        """Whether this filing moves `branch`'s activity in `period` to `day`."""
        return (
            self.committee == committee
            and self.period == period
            and self.new_date == day
            and (self.branches is None or branch in self.branches)
        )


def file_adjustment(form: AdjustmentForm, roster: Roster) -> FiledAdjustment | None:
    """What an accepted adjustment form puts on file; None when its unit or new date is unknown.

    Branch names in 涉及支部 that the roster does not know are left out (the check
    reported them when the form arrived).
    """
    found = roster.find_committee(form.unit)
    if not isinstance(found, Match) or form.new_date is None:
        return None
    committee = found.item.name
    branches: tuple[str, ...] | None = None
    if form.scope is not None and not form.scope.all_branches:
        names = []
        for name in form.scope.names:
            hit = roster.find_branch(name, committee)
            if isinstance(hit, Match) and hit.item.committee == committee:
                names.append(hit.item.name)
        branches = tuple(dict.fromkeys(names))
    return FiledAdjustment(committee=committee, period=form.period, new_date=form.new_date, branches=branches)
