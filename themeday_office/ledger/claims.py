"""Claims on inbox files, so desks that share one ledger and one inbox take each file once.

A desk claims a file (by its path inside the inbox, the same on every desk whatever the share
is mounted as) before it reads it, and gives the claim back once the file has left the inbox or
been put off. A claim is a lease: a desk that dies holding one holds it only until it expires;
then another desk takes the file and finishes it by the ingest protocol's usual rules (a file
already committed is recognised and only removed). Lease times are the database's clock, so
desks whose own clocks differ still agree on when a lease ends.
"""

from __future__ import annotations

from collections.abc import Callable

from themeday_office.ledger.database import Cursor, Database

# The database's clock in seconds since 1970, as SQLite says it (postgres.py spells it for PostgreSQL).
NOW = "((julianday('now') - 2440587.5) * 86400.0)"


class Claims(Database):
    """The claim table: which desk holds which inbox file, until when."""

    def claim(self, inbox_key: str, desk: str, lease_seconds: float,
              holder_gone: Callable[[str], bool] | None = None) -> bool:
        """Take (or renew) the claim on `inbox_key` for `desk`; False while another desk holds it.
        `holder_gone(holder)` may say a holder is known to be dead (a process of this computer that
        no longer runs): its claim is taken at once instead of at the end of its lease."""
        # One statement (the row's own lock decides between desks): taken when free, ours, or ended.
        with self._lock:
            taken = self._conn.execute(
                f"INSERT INTO claim (inbox_path, desk, expires_at) VALUES (?, ?, {NOW} + ?)"
                " ON CONFLICT(inbox_path) DO UPDATE SET desk = excluded.desk, expires_at = excluded.expires_at"
                f" WHERE claim.desk = excluded.desk OR claim.expires_at <= {NOW} RETURNING desk",
                (inbox_key, desk, lease_seconds),
            ).fetchall()
            if taken:
                return True
            if holder_gone is None:
                return False
            holder = self._conn.execute("SELECT desk FROM claim WHERE inbox_path = ?", (inbox_key,)).fetchone()
            if holder is None or not holder_gone(str(holder[0])):
                return False
            # The holder is dead: its claim is taken over, unless someone else was quicker.
            taken = self._conn.execute(
                f"UPDATE claim SET desk = ?, expires_at = {NOW} + ? WHERE inbox_path = ? AND desk = ? RETURNING desk",
                (desk, lease_seconds, inbox_key, str(holder[0])),
            ).fetchall()
            return bool(taken)

    def release_claim(self, inbox_key: str, desk: str) -> None:
        """Give the claim back (only this desk's own; an expired one another desk took stays theirs)."""
        self.release_claims([inbox_key], desk)

    def release_claims(self, inbox_keys: list[str], desk: str) -> None:
        """release_claim for several files in one statement (an ingest gives back a batch at once)."""
        if not inbox_keys:
            return
        marks = ",".join("?" * len(inbox_keys))
        with self._lock:
            self._conn.execute(f"DELETE FROM claim WHERE desk = ? AND inbox_path IN ({marks})", (desk, *inbox_keys))

    def claims(self) -> list[tuple[str, str, float]]:
        """(inbox path, desk, seconds left) of every claim held, expired ones with 0 or less."""
        with self._lock:
            cur = self._conn.cursor()
            now = self._server_now(cur)
            rows = cur.execute("SELECT inbox_path, desk, expires_at FROM claim ORDER BY inbox_path").fetchall()
        return [(str(r[0]), str(r[1]), float(r[2]) - now) for r in rows]

    def _server_now(self, cur: Cursor) -> float:
        now: float = float(cur.execute(f"SELECT {NOW}").fetchone()[0])
        return now
