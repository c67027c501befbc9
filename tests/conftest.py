"""Shared fixtures: an isolated workspace, an environment without the clerk's settings, and the
ledger's two backends.

A test (or a folder's autouse fixture) that asks for `ledger_backend` runs twice: on SQLite in its
state folder, and on a fresh database of a throwaway PostgreSQL cluster (THEMEDAY_LEDGER__URL set,
so every Ledger.open, in process or in a child `themeday` process, uses it). A test marked
`sqlite_only` (it looks at the SQLite file itself) runs once, and so does one marked
`postgresql_only` (desks sharing a server). Under CI=true a missing PostgreSQL
fails the run instead of skipping.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.postgres_cluster import Cluster, start_cluster

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # A developer's own THEMEDAY_* variables must not leak into tests.
    for key in list(os.environ):
        if key.upper().startswith("THEMEDAY_"):
            monkeypatch.delenv(key)


@pytest.fixture
def workspace_dir(tmp_path: Path) -> Path:
    from themeday_office.workspace import init_workspace

    root = tmp_path / "ws"
    init_workspace(root)
    return root


@pytest.fixture(scope="session")
def postgres() -> Iterator[Cluster]:
    try:
        cluster = start_cluster()
    except (FileNotFoundError, OSError) as error:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"PostgreSQL 不可用：{error}")
    yield cluster
    cluster.stop()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "ledger_backend" in metafunc.fixturenames:
        backends = ["sqlite", "postgresql"]
        if metafunc.definition.get_closest_marker("sqlite_only") is not None:
            backends = ["sqlite"]
        elif metafunc.definition.get_closest_marker("postgresql_only") is not None:
            backends = ["postgresql"]
        metafunc.parametrize("ledger_backend", backends, indirect=True)


@pytest.fixture
def ledger_backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch,
                   _clean_environment: None) -> str:
    """"sqlite" or "postgresql"; for the latter THEMEDAY_LEDGER__URL names a new empty ledger."""
    backend: str = request.param
    if backend == "postgresql":
        cluster: Cluster = request.getfixturevalue("postgres")
        monkeypatch.setenv("THEMEDAY_LEDGER__URL", cluster.new_ledger_url())
    return backend
