"""The corpus (tests/corpus) and what `check` needs besides a file: its roster, a fixed arrival date."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from themeday_office.domain.roster import RosterHistory
from themeday_office.ingest.department import read_roster
from themeday_office.ingest.environment import CheckEnvironment
from themeday_office.readers import IsolatedReader, read_bytes

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
EFFECTIVE = date(2017, 1, 1)  # the corpus roster is in force from the year's start


def corpus_specs() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.expected.json"))]


@pytest.fixture(scope="session")
def rosters() -> RosterHistory:
    content = read_bytes((CORPUS / "roster.xlsx").read_bytes(), "roster.xlsx")
    imported = read_roster(content, EFFECTIVE)
    assert imported.ok and imported.roster is not None, [m.text for m in imported.messages]
    return RosterHistory([imported.roster])


@pytest.fixture(scope="session")
def environment(rosters):
    """The environment for an arrival date: the corpus roster, the bundled 2017 themes, default rules."""

    def make(arrived: date) -> CheckEnvironment:
        return CheckEnvironment(rosters=rosters, arrived=arrived)

    return make


@pytest.fixture(scope="module")
def isolated_reader():
    with IsolatedReader(workers=1) as reader:
        yield reader
