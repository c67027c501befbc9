"""Links and special files in the inbox that have been reported: each once while it stays."""

from __future__ import annotations

from collections.abc import Container
from pathlib import Path


class SkippedEntries:
    """Owned by the watcher's thread. An entry that goes away (or becomes a file) is forgotten,
    so one that comes back is reported again; one that stays is reported only once."""

    def __init__(self) -> None:
        self._why: dict[Path, str] = {}

    def __len__(self) -> int:
        return len(self._why)

    def first_time(self, path: Path, why: str) -> bool:
        """Note `path` as skipped for `why`; True unless it was already reported for that."""
        if self._why.get(path) == why:
            return False
        self._why[path] = why
        return True

    def keep_only(self, present: Container[Path]) -> None:
        """Forget the entries a full scan no longer lists as skipped."""
        for path in [p for p in self._why if p not in present]:
            del self._why[path]
