"""Inbox paths that are not plain text: the bytes a file system gave, kept beside the text shown.

A name written by an old tool on a GBK share is not UTF-8, and Python hands it over with
surrogate escapes that SQLite cannot store as text; a name may also carry terminal control
characters. Ingest stores a clean display text in `inbox_path` / `original_name` and, only
when that text is not the file system's spelling, the raw bytes in `inbox_path_raw`
(schema v4), so the file can be found again at its path and nothing of its name is lost.
Part of the Ledger (store.py): the SQL stays in the ledger package.
"""

from __future__ import annotations

import os

from themeday_office.ledger.database import Cursor, Database
from themeday_office.ledger.records import Submission

RAW_PATH_VERSION = 4  # the schema version that added submission.inbox_path_raw


class InboxNames(Database):
    """Ledger methods for raw inbox paths (they depend on the schema version found on open)."""

    def inbox_fspath(self, sub: Submission) -> str:
        """`sub`'s inbox path as the file system spells it (relative to the inbox, / separators)."""
        if self._schema < RAW_PATH_VERSION:
            return sub.inbox_path
        rows = self._query("SELECT inbox_path_raw FROM submission WHERE id = ?", (sub.id,))
        raw = rows[0][0] if rows else None
        return os.fsdecode(bytes(raw)) if raw is not None else sub.inbox_path

    def inbox_path_raw(self, submission_id: int) -> bytes | None:
        """The raw bytes of the inbox path, when its text differs from them; None otherwise."""
        if self._schema < RAW_PATH_VERSION:
            return None
        rows = self._query("SELECT inbox_path_raw FROM submission WHERE id = ?", (submission_id,))
        return bytes(rows[0][0]) if rows and rows[0][0] is not None else None

    def _keep_raw_path(self, cur: Cursor, sid: int, raw: bytes | None) -> None:
        """Within a recording transaction: keep the raw path of submission `sid`, if it has one."""
        if raw is not None and self._schema >= RAW_PATH_VERSION:
            cur.execute("UPDATE submission SET inbox_path_raw = ? WHERE id = ?", (raw, sid))
