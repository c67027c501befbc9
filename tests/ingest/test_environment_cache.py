"""The check environment an ingest asks for before every file: the adjustments on file are read
again exactly when the filings on file change (at this desk or another), not for every file."""

from __future__ import annotations

import shutil

from tests.ingest.conftest import MARCH
from themeday_office.ingest.session import EnvironmentCache, ingest_session
from themeday_office.ledger import Ledger
from themeday_office.synthetic import make_period_submissions


def _adjustment_files(district, folder):
    moving = [c.name for c in district.committees[:2]]
    files = make_period_submissions(district, MARCH, folder, seed=3, mistakes={}, record_sample=0, adjusted=moving)
    adjustments = [f for f in files if f.kind == "adjustment"]
    assert sorted(f.unit for f in adjustments) == sorted(moving)
    return adjustments


def test_adjustments_are_read_again_only_when_the_filings_on_file_change(district, workspace, tmp_path):
    first, second = _adjustment_files(district, tmp_path / "made")[:2]
    with Ledger.open(workspace.state, url=workspace.settings.ledger.url) as ledger:
        cache = EnvironmentCache(workspace, ledger)
        empty = cache()
        assert empty.adjustments == () or list(empty.adjustments) == []
        assert cache().adjustments is empty.adjustments  # nothing changed: nothing read

        shutil.copy(first.path, workspace.inbox / first.path.name)
        with ingest_session(workspace) as ingestor:
            (outcome,) = ingestor.ingest_many([workspace.inbox / first.path.name])
        assert outcome.submission is not None and outcome.submission.state.value == "accepted"
        one = cache()
        assert [a.committee for a in one.adjustments] == [first.unit]
        assert cache().adjustments is one.adjustments

        # Another desk files one more: the next file's environment has both.
        shutil.copy(second.path, workspace.inbox / second.path.name)
        with ingest_session(workspace) as ingestor:
            (later,) = ingestor.ingest_many([workspace.inbox / second.path.name])
        assert later.submission is not None and later.submission.state.value == "accepted", later
        assert sorted(a.committee for a in cache().adjustments) == sorted([first.unit, second.unit])

        # A filing rejected after its acceptance is no longer on file.
        ledger.reject(outcome.submission.id, reason="调整理由不充分")
        assert [a.committee for a in cache().adjustments] == [second.unit]


def test_a_new_roster_rebuilds_the_environment(district, workspace, roster_file):
    from datetime import date

    from themeday_office.cli import main

    with Ledger.open(workspace.state, url=workspace.settings.ledger.url) as ledger:
        cache = EnvironmentCache(workspace, ledger)
        before = cache()
        assert before.rosters is cache().rosters
        assert main(["roster", "import", str(roster_file), "--effective", str(date(2017, 4, 1)),
                     "-w", str(workspace.root)]) == 0
        after = cache()
        assert after.rosters is not before.rosters
