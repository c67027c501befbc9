"""The district roster (组织名册): versions, tolerant name lookups, and the loader from sheet rows."""

from themeday_office.domain.roster.loader import (
    BRANCH_LABELS,
    BRANCH_SHEET,
    COMMITTEE_LABELS,
    COMMITTEE_SHEET,
    GROUP_LABELS,
    GROUP_SHEET,
    load_roster,
)
from themeday_office.domain.roster.model import (
    TOWN_CATEGORIES,
    Branch,
    Committee,
    CooperationGroup,
    Match,
    Miss,
    Roster,
    RosterHistory,
)

__all__ = [
    "BRANCH_LABELS",
    "BRANCH_SHEET",
    "COMMITTEE_LABELS",
    "COMMITTEE_SHEET",
    "GROUP_LABELS",
    "GROUP_SHEET",
    "TOWN_CATEGORIES",
    "Branch",
    "Committee",
    "CooperationGroup",
    "Match",
    "Miss",
    "Roster",
    "RosterHistory",
    "load_roster",
]
