"""A small workspace for the real-terminal tests: a roster in force and March reports to drop."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from themeday_office.cli import main
from themeday_office.domain.period import Period
from themeday_office.synthetic import make_district, make_period_submissions, write_roster_xlsx
from themeday_office.workspace import init_workspace

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
    roster = base / "组织架构.xlsx"
    write_roster_xlsx(district, roster)
    root = base / "ws"
    init_workspace(root)
    settings = root / "themeday.toml"
    # A short settle keeps the tests quick; everything else is the default.
    settings.write_text(settings.read_text(encoding="utf-8").replace("# settle_seconds = 1.0", "settle_seconds = 0.2"),
                        encoding="utf-8")
    assert main(["roster", "import", str(roster), "--effective", "2017-01-01", "-w", str(root)]) == 0
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
