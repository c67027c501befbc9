"""What the app's workers post to it. Workers only ever post these; handlers on the UI thread act.

Messages are dataclasses (toolong's way): Textual's `Message.__post_init__` sets up what its
`__init__` would, so the generated `__init__` needs no hand-written `super().__init__()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.message import Message

from themeday_office.ledger import Ledger
from themeday_office.office.decide import Decision
from themeday_office.tui.details_data import SubmissionDetails
from themeday_office.tui.ledger_feed import LedgerSlice
from themeday_office.tui.watcher_link import LinkState
from themeday_office.watch import WatchEvent


@dataclass
class LedgerOpened(Message):
    ledger: Ledger
    first: LedgerSlice


@dataclass
class LedgerChanged(Message):
    """What changed since the last look, or None and the problem when the look failed."""

    changes: LedgerSlice | None
    problem: str = ""


@dataclass
class InboxIgnored(Message):
    """How many lock and temporary files lie in the inbox (counted when no own watcher reports it)."""

    count: int


@dataclass
class WatcherReport(Message):
    item: LinkState | WatchEvent


@dataclass
class WorkFailed(Message):
    """A worker's error, as a Chinese title and text for a notice."""

    title: str
    text: str
    severity: str = "error"


@dataclass
class Decided(Message):
    decision: Decision

    @property
    def action(self) -> str:
        return self.decision.action


@dataclass
class FileOpened(Message):
    """A file was handed to the system's viewer (`opened`), or there is none and the clerk gets the path."""

    path: Path
    opened: bool
    what: str


@dataclass
class DetailsLoaded(Message):
    details: SubmissionDetails
