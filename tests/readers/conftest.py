"""Fixtures for the reader tests: committed LibreOffice-saved files, and LibreOffice itself."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from themeday_office.readers import find_soffice

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "readers"


@pytest.fixture(scope="session")
def fixture_bytes():
    """Bytes of a committed fixture (see tests/fixtures/readers/make_fixtures.py)."""
    return lambda name: (FIXTURES / name).read_bytes()


@pytest.fixture(scope="session")
def soffice() -> Path:
    """LibreOffice's soffice; CI installs it, so there a missing one fails instead of skipping."""
    found = find_soffice()
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is required in CI")
        pytest.skip("LibreOffice (soffice) is not installed")
    return found
