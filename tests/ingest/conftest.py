"""A small synthetic district with its roster imported into a real workspace and ledger."""

from __future__ import annotations

from pathlib import Path

import pytest

from themeday_office.cli import main
from themeday_office.domain.period import Period
from themeday_office.synthetic import Mistake, make_district, make_period_submissions, write_roster_xlsx
from themeday_office.workspace import Workspace, init_workspace

MARCH = Period.of_month(2017, 3)


@pytest.fixture(scope="session")
def district():
    return make_district(seed=7, branches=40)


@pytest.fixture(scope="session")
def roster_file(district, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("roster") / "组织架构.xlsx"
    write_roster_xlsx(district, path)
    return path


@pytest.fixture
def workspace(tmp_path, roster_file) -> Workspace:
    root = tmp_path / "ws"
    init_workspace(root)
    assert main(["roster", "import", str(roster_file), "--effective", "2017-01-01", "-w", str(root)]) == 0
    return Workspace.open(root)


def month_files(district, folder: Path, *, period: Period = MARCH, seed: int = 1,
                mistakes: dict[str, set[Mistake]] | None = None):
    """One month's monthly reports (no records, no adjustments) into `folder`."""
    return make_period_submissions(district, period, folder, seed=seed, mistakes=mistakes or {}, record_sample=0,
                                   adjusted=())


@pytest.fixture(autouse=True)
def _both_backends(ledger_backend: str) -> str:
    """Every ingest test runs on the SQLite ledger and on a shared PostgreSQL one (tests/conftest.py)."""
    return ledger_backend
