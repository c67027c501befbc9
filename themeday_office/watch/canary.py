"""A stall detector: a hidden marker created in a quiet inbox must come back as an event.

Native observers can go deaf while their threads live on (a network share that
reconnected, a folder replaced underneath them); only an event that fails to arrive
shows it. The marker is hidden, so nothing ever hands it to ingest, and it is removed
as soon as it has been seen.
"""

from __future__ import annotations

from pathlib import Path

CANARY_NAME = ".themeday-watch-canary"


class Canary:
    def __init__(self, inbox: Path, timeout_s: float) -> None:
        self.path = inbox / CANARY_NAME
        self.timeout_s = timeout_s
        self.sent_at: float | None = None

    @property
    def waiting(self) -> bool:
        return self.sent_at is not None

    def send(self, now: float) -> None:
        """Create the marker; raises OSError when the inbox is not writable."""
        self.sent_at = now
        try:
            self.path.touch()
        except OSError:
            self.sent_at = None
            raise

    def seen(self, at: float) -> bool:
        """An event for the marker arrived at `at`; True if it answers the marker sent."""
        if self.sent_at is None or at < self.sent_at:
            return False
        self.clear()
        return True

    def overdue(self, now: float) -> bool:
        return self.sent_at is not None and now - self.sent_at > self.timeout_s

    def clear(self) -> None:
        """Forget the marker and remove it from the inbox (best effort)."""
        self.sent_at = None
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            pass  # the inbox is unreachable: removed at the next start or clear
