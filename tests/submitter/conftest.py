"""A small synthetic district, a check environment on its roster, LibreOffice when present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from themeday_office.domain.roster import RosterHistory
from themeday_office.ingest.environment import CheckEnvironment
from themeday_office.readers import find_soffice
from themeday_office.synthetic import SyntheticDistrict, make_district


@pytest.fixture(scope="session")
def district() -> SyntheticDistrict:
    return make_district(seed=7, branches=40)


@pytest.fixture(scope="session")
def env(district) -> CheckEnvironment:
    """Checks against the district's roster; timeliness not judged (no arrival date)."""
    return CheckEnvironment(rosters=RosterHistory([district.roster]))


@pytest.fixture(scope="session")
def town(district):
    """A committee and its branches: the unit the filled forms come from."""
    committee = district.committees[0]
    return committee.name, district.branches_of(committee.name)


@pytest.fixture(scope="session")
def soffice() -> Path:
    """LibreOffice's soffice; CI installs it, so there a missing one fails instead of skipping."""
    found = find_soffice()
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is required in CI")
        pytest.skip("LibreOffice (soffice) is not installed")
    return found
