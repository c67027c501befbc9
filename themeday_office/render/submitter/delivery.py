"""Putting a finished file into the templates or outbox folder, whole or not at all.

A clerk (or a sync client) may open the folder at any moment: the bytes go to a temporary
file beside the target, are flushed, and replace the target in one step.
"""

from __future__ import annotations

from pathlib import Path

from themeday_office.render.outbox_file import OutboxWriteError, write_atomically


class DeliveryError(Exception):
    """A file could not be written; str() is the clerk-facing Chinese reason."""


def deliver(path: Path, data: bytes) -> Path:
    """Write `data` to `path` atomically (temp file + os.replace); returns `path`."""
    try:
        return write_atomically(Path(path), data)
    except OutboxWriteError as exc:
        raise DeliveryError(str(exc)) from None
