"""A workspace whose ledger holds one March of a small synthetic district, made with fixed clocks.

The ledger is built once per session by the real ingest (in-process reader, fixed arrival
times and receipt date) and copied for each test, so every test starts from the same
queue and a snapshot shows the same rows on every run.
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tests.workspaces import rostered_workspace
from themeday_office.domain.period import Period
from themeday_office.ingest.pipeline import Ingestor
from themeday_office.ingest.session import EnvironmentCache
from themeday_office.ledger import Ledger
from themeday_office.ledger.store import DB_NAME
from themeday_office.readers import read_bytes
from themeday_office.synthetic import (
    Mistake,
    make_district,
    make_period_submissions,
)
from themeday_office.workspace import Workspace

MARCH, APRIL = Period.of_month(2017, 3), Period.of_month(2017, 4)
FIRST_ARRIVAL = datetime(2017, 3, 13, 9, 0)
DECISION_TIME = datetime(2017, 3, 14, 9, 30)
CLERK = "张三"
ROSTER_IMPORTED = datetime(2017, 1, 3, 10, 0)


@dataclass(frozen=True)
class March:
    """The seeded workspace and what the tests look for in it."""

    root: Path
    ids: dict[str, int]  # file name -> ledger id
    invalid_monthly: str  # a monthly report whose 实到人数 exceeds 应到 (错误 at a cell)
    unknown_branch: str  # a monthly report naming a branch the roster lacks
    short_duration: str  # an accepted monthly report with a 未达标 finding
    not_a_form: str  # a text file: no form found
    april_file: Path  # a new file to drop into the inbox, not in the ledger yet


def fixed_clock(at: datetime = DECISION_TIME):
    return lambda: at


@pytest.fixture(scope="session")
def march(tmp_path_factory) -> March:
    base = tmp_path_factory.mktemp("tui-march")
    district = make_district(seed=7, branches=40)
    root = rostered_workspace(base, district)
    # The command line stamps the import with the real time; the 组织 tab shows it, snapshots need it fixed.
    with closing(sqlite3.connect(Workspace.open(root).state / DB_NAME)) as db, db:
        db.execute("UPDATE roster_version SET imported_at = ?", (ROSTER_IMPORTED.isoformat(),))
    workspace = Workspace.open(root)

    names = [c.name for c in district.committees]
    mistakes = {
        names[1]: {Mistake.PRESENT_EXCEEDS_EXPECTED},
        names[2]: {Mistake.SHORT_DURATION},
        names[3]: {Mistake.UNKNOWN_BRANCH},
    }
    files = make_period_submissions(district, MARCH, base / "march", seed=1, mistakes=mistakes, record_sample=1,
                                    adjusted=())
    text = base / "march" / "请查收.txt"
    text.write_text("各位领导：3月报表已发，请查收。", encoding="utf-8")
    april = make_period_submissions(district, APRIL, base / "april", seed=2, record_sample=0, adjusted=())

    now = [FIRST_ARRIVAL]
    ids: dict[str, int] = {}
    with Ledger.open(workspace.state, lambda: now[0]) as ledger:
        environment = EnvironmentCache(workspace, ledger)
        ingestor = Ingestor(
            workspace.inbox, ledger, lambda: replace(environment(), arrived=date(2017, 3, 13)),
            lambda data, name: read_bytes(data, name, workspace.settings.limits.to_read_limits()),
            actor=CLERK,
        )
        for i, path in enumerate([f.path for f in files] + [text]):
            now[0] = FIRST_ARRIVAL + timedelta(minutes=7 * i)
            copy = workspace.inbox / path.name
            shutil.copy(path, copy)
            outcome = ingestor.ingest(copy)
            assert outcome.submission is not None
            ids[path.name] = outcome.submission.id

    def monthly_of(unit: str) -> str:
        return next(f.path.name for f in files if f.unit == unit and f.path.suffix == ".xlsx")

    return March(
        root=root, ids=ids, invalid_monthly=monthly_of(names[1]), short_duration=monthly_of(names[2]),
        unknown_branch=monthly_of(names[3]), not_a_form=text.name,
        april_file=next(f.path for f in april if f.path.suffix == ".xlsx"),
    )


@pytest.fixture
def workspace(march, tmp_path) -> Workspace:
    """A private copy of the seeded workspace."""
    root = tmp_path / "ws"
    shutil.copytree(march.root, root)
    workspace = Workspace.open(root)
    if workspace.settings.ledger.url:  # a test on the shared backend: the same ledger, moved into it
        from themeday_office.ledger.transfer import move_ledger

        with Ledger.open(workspace.state, url="") as mine, Ledger.open(workspace.state) as shared:
            assert move_ledger(mine, shared).ok
    return workspace
