"""Poison files: parse attempts counted before each try, so a file that kills the parser is known.

Ingest counts an attempt before a file is parsed; when the program dies mid-parse the count
survives, and after a few tries the file is quarantined instead of crashing every run.
Recording the file deletes its attempts in the same commit (recording.py).
"""

from __future__ import annotations

from themeday_office.ledger.database import Database


class Attempts(Database):
    """The attempt table: tries and the last error per file hash."""

    def begin_attempt(self, sha256: str, note: str = "") -> int:
        """Count a parse attempt before it starts, so a crash mid-parse is remembered.

        Not durable: what it guards against is a parser killing the program, which a commit
        survives without waiting for the disk; a power cut may forget one try, costing a retry."""
        sql = ("INSERT INTO attempt (sha256, tries, last_error, updated_at) VALUES (?, 1, ?, ?)"
               " ON CONFLICT(sha256) DO UPDATE SET tries = attempt.tries + 1, updated_at = excluded.updated_at"
               " RETURNING tries")
        if self.shared:
            # One statement on one row of its own: it needs no turn among the desks' writers.
            with self._lock:
                tries: int = self._conn.execute(sql, (sha256, note, self._now())).fetchone()[0]
                return tries
        with self._tx(durable=False) as cur:
            tries = cur.execute(sql, (sha256, note, self._now())).fetchone()[0]
            return tries

    def note_attempt_error(self, sha256: str, error: str) -> None:
        with self._tx() as cur:
            cur.execute("UPDATE attempt SET last_error = ? WHERE sha256 = ?", (error, sha256))

    def attempt(self, sha256: str) -> tuple[int, str]:
        rows = self._query("SELECT tries, last_error FROM attempt WHERE sha256 = ?", (sha256,))
        return (rows[0][0], rows[0][1]) if rows else (0, "")

    def clear_attempt(self, sha256: str) -> None:
        with self._tx() as cur:
            cur.execute("DELETE FROM attempt WHERE sha256 = ?", (sha256,))
