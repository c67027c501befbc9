"""What every screen of one app session works with, handed to the screens when they are made.

The screens read it; only the app writes it (on the UI thread). It replaces the screens'
casts of `self.app` to the app class: a screen asks the app for a task with a message
(tui/messages.py) and reads the session for the workspace, the clock and the queue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from themeday_office.domain.period import Period
from themeday_office.ledger import Ledger
from themeday_office.office import Clock
from themeday_office.tui.lazy_reader import LazyReader
from themeday_office.tui.queue import QueueModel, parse_period
from themeday_office.workspace import Workspace


@dataclass
class Session:
    workspace: Workspace  # an opened one
    clock: Clock
    reader: LazyReader  # the session's one parser, used from workers
    queue: QueueModel = field(default_factory=QueueModel)
    ledger: Ledger | None = None  # None until the ledger is open and the first queue shown

    def today(self) -> date:
        """Today by the app's clock (tests fix it): what a roster version in force is judged by."""
        return self.clock().date()

    @property
    def working_period(self) -> Period | None:
        """The period being worked on (the header's picker); None for all periods."""
        return parse_period(self.queue.filter.period)
