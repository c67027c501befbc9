"""The app's messages: what its workers post to it (workers only ever post these; handlers on the UI
thread act), what the screens ask it for, and what it tells the screens to show.

Messages are dataclasses (toolong's way): Textual's `Message.__post_init__` sets up what its
`__init__` would, so the generated `__init__` needs no hand-written `super().__init__()`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from textual.message import Message
from textual.notifications import SeverityLevel

from themeday_office.domain.period import Period
from themeday_office.ledger import Ledger, Submission
from themeday_office.office.decide import Decision
from themeday_office.tui.details_data import SubmissionDetails
from themeday_office.tui.ledger_feed import LedgerSlice
from themeday_office.tui.queue import QueueDiff
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
    severity: SeverityLevel = "error"


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


# ---- from the screens to the app: a task the app does for the clerk -----------------------------


@dataclass
class DetailsWanted(Message):
    """Show a submission's details (None: nothing is selected)."""

    submission_id: int | None


@dataclass
class DecisionWanted(Message):
    """Ask for the reason of an accept or a reject ("accept" or "reject"), then decide."""

    action: str
    submission_id: int | None


@dataclass
class SubmissionFileWanted(Message):
    """Open a submission's "original" (a copy of it) or its return "package" in the system's viewer."""

    submission_id: int | None
    which: str


@dataclass
class DocumentFileWanted(Message):
    """Open a file of the outbox (a document) in the system's viewer."""

    path: Path
    what: str


# ---- from the app to the screens: what the screens show -----------------------------------------


@dataclass
class QueueFilled(Message, bubble=False):
    """The queue shown from scratch (the first look, a new filter, a new theme)."""

    submissions: Sequence[Submission]


@dataclass
class QueueUpdated(Message, bubble=False):
    """Submissions the ledger changed: the rows to add, redraw and remove."""

    diff: QueueDiff


@dataclass
class QueueCounted(Message, bubble=False):
    """The counts under the queue and the periods in the header's picker."""

    periods: list[Period]
    period: str
    shown: int
    total: int
    ignored: int | None
    filtered: bool


@dataclass
class SubmissionsChanged(Message, bubble=False):
    """These submissions changed in the ledger, or a decision wrote files for them."""

    ids: set[int]
