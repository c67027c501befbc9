"""What the app's workers post to it. Workers only ever post these; handlers on the UI thread act."""

from __future__ import annotations

from pathlib import Path

from textual.message import Message

from themeday_office.ledger import Ledger
from themeday_office.office.decide import Decision
from themeday_office.tui.details_data import SubmissionDetails
from themeday_office.tui.ledger_feed import LedgerSlice
from themeday_office.tui.watcher_link import LinkState
from themeday_office.watch import WatchEvent


class LedgerOpened(Message):
    def __init__(self, ledger: Ledger, first: LedgerSlice) -> None:
        super().__init__()
        self.ledger, self.first = ledger, first


class LedgerChanged(Message):
    """What changed since the last look, or None and the problem when the look failed."""

    def __init__(self, changes: LedgerSlice | None, problem: str = "") -> None:
        super().__init__()
        self.changes, self.problem = changes, problem


class InboxIgnored(Message):
    """How many lock and temporary files lie in the inbox (counted when no own watcher reports it)."""

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count


class WatcherReport(Message):
    def __init__(self, item: LinkState | WatchEvent) -> None:
        super().__init__()
        self.item = item


class WorkFailed(Message):
    """A worker's error, as a Chinese title and text for a notice."""

    def __init__(self, title: str, text: str, severity: str = "error") -> None:
        super().__init__()
        self.title, self.text, self.severity = title, text, severity


class Decided(Message):
    def __init__(self, decision: Decision) -> None:
        super().__init__()
        self.decision = decision

    @property
    def action(self) -> str:
        return self.decision.action


class FileOpened(Message):
    """A file was handed to the system's viewer (`opened`), or there is none and the clerk gets the path."""

    def __init__(self, path: Path, opened: bool, what: str) -> None:
        super().__init__()
        self.path, self.opened, self.what = path, opened, what


class DetailsLoaded(Message):
    def __init__(self, details: SubmissionDetails) -> None:
        super().__init__()
        self.details = details
