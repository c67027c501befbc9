"""A ledger in a temporary state folder, stamped by a clock that moves a minute per call."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from themeday_office.ledger import Ledger


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2017, 3, 13, 9, 0, 0)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture(autouse=True)
def _both_backends(ledger_backend: str) -> str:
    """Every ledger test runs on SQLite and on PostgreSQL (tests/conftest.py)."""
    return ledger_backend


@pytest.fixture
def ledger(tmp_path) -> Iterator[Ledger]:
    with Ledger.open(tmp_path / "state", clock=Clock()) as led:
        yield led
