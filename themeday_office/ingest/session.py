"""An ingest session for a workspace: the ledger, the isolated reader and the check environment."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from functools import partial

from themeday_office.domain.roster import RosterHistory
from themeday_office.ingest.check import WORKER_MODULES, check_isolated
from themeday_office.ingest.desks import DeskClaims, desk_name
from themeday_office.ingest.environment import (
    CheckEnvironment,
    ThemeTable,
    environment_for,
    filed_adjustments,
    roster_history,
    themes_for,
)
from themeday_office.ingest.lock import IngestLock
from themeday_office.ingest.pipeline import Ingestor
from themeday_office.ledger import Ledger
from themeday_office.readers import IsolatedReader


class EnvironmentCache:
    """The check environment, rebuilt only when the roster versions change (rosters are costly to
    load), with the adjustments on file read again only when the filings on file change."""

    def __init__(self, workspace, ledger: Ledger, clock: Callable[[], datetime] = datetime.now):
        self.workspace = workspace
        self.ledger = ledger
        self.clock = clock
        self._rosters: tuple[int, ...] | None = None
        self._filings: tuple[int, ...] | None = None
        self._base: CheckEnvironment | None = None

    def __call__(self) -> CheckEnvironment:
        # Asked before every file: one cheap statement. Adjustments filed a moment ago, at this desk
        # or another, count for the next file.
        rosters, filings = self.ledger.check_environment_key()
        if rosters != self._rosters or self._base is None:
            self._base = environment_for(self.workspace, None)
            self._base = replace(
                self._base,
                rosters=roster_history(self.ledger) if rosters else RosterHistory(),
                themes=ThemeTable(source=lambda year: themes_for(self.workspace, self.ledger, year)),
            )
            self._rosters, self._filings = rosters, None
        if filings != self._filings:
            self._base = replace(self._base, adjustments=filed_adjustments(self.ledger))
            self._filings = filings
        return replace(self._base, arrived=self.clock().date())  # the arrival date is the ledger's now


@contextmanager
def ingest_session(workspace, *, actor: str | None = None, crash_at=None,
                   clock: Callable[[], datetime] | None = None) -> Iterator[Ingestor]:
    """`clock` stands in for the wall clock (arrival times): the demo replays a quarter of 2017."""
    settings = workspace.settings
    now = clock or (lambda: datetime.now().replace(microsecond=0))
    # Workers start with the check imported (a forkserver imports it once) and the first one gets
    # ready while the ledger opens and the rosters load.
    with IsolatedReader(settings.limits.to_read_limits(), preload=WORKER_MODULES) as reader:
        reader.warm_up()
        with Ledger.open(workspace.state, clock=now, url=settings.ledger.url) as ledger:
            ingestor = Ingestor(
                workspace.inbox, ledger, EnvironmentCache(workspace, ledger, now), reader.read_bytes,
                auto_accept=settings.ingest.auto_accept, max_attempts=settings.ingest.max_parse_attempts,
                actor=actor, crash_at=crash_at,
                checker=partial(check_isolated, reader),
                max_file_mb=settings.limits.max_file_mb, lock=IngestLock(workspace.state),
                claims=DeskClaims(ledger, desk_name(settings.ledger.desk), settings.ledger.lease_seconds)
                if ledger.shared else None,
            )
            ingestor.finish_leftovers()
            yield ingestor
