"""A small workspace for the real-terminal tests: a roster in force and March reports to drop."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.workspaces import rostered_workspace
from themeday_office.domain.period import Period
from themeday_office.synthetic import make_district, make_period_submissions

from .terminal import require_tmux


@dataclass(frozen=True)
class Drops:
    """Files ready to be dropped into the inbox, under short names that fit any screen."""

    reports: list[Path]  # monthly reports, valid against the roster


@pytest.fixture(scope="session")
def seeded(tmp_path_factory) -> tuple[Path, Drops]:
    require_tmux()
    base = tmp_path_factory.mktemp("terminal")
    district = make_district(seed=11, branches=24)
    root = rostered_workspace(base, district)
    made = make_period_submissions(district, Period.of_month(2017, 3), base / "march", seed=3, record_sample=0,
                                   adjusted=())
    monthly = [f.path for f in made if f.path.suffix == ".xlsx"][:3]
    reports = []
    for i, path in enumerate(monthly, start=1):
        short = base / f"m{i}.xlsx"
        shutil.copy(path, short)
        reports.append(short)
    return root, Drops(reports)


@pytest.fixture
def terminal_workspace(seeded, tmp_path) -> Path:
    """A private copy of the seeded workspace (its own ledger, inbox and watch log)."""
    root = tmp_path / "ws"
    shutil.copytree(seeded[0], root)
    return root


@pytest.fixture
def drops(seeded) -> Drops:
    return seeded[1]
