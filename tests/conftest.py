"""Shared fixtures: an isolated workspace and an environment without the clerk's settings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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
