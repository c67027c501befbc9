"""One default district and one small district per session: building them is cheap, but not free."""

from __future__ import annotations

import pytest

from themeday_office.synthetic import SyntheticDistrict, make_district


@pytest.fixture(scope="session")
def huiji() -> SyntheticDistrict:
    return make_district(seed=2017)


@pytest.fixture(scope="session")
def small() -> SyntheticDistrict:
    """Five committees, sixty branches: enough for every mistake, quick to write a quarter of."""
    return make_district(seed=11, branches=60)
