"""What submissions are checked against: the imported roster versions and each year's themes.

Every import is kept as a new version; the domain rebuilds its models from them (on_file.py).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from themeday_office.ledger.database import Database, inserted_id
from themeday_office.ledger.records import stored_json


class RosterAndThemes(Database):
    """Roster versions by effective date, and the guiding themes by year (the newest import counts)."""

    def add_roster_version(self, effective: date, source_name: str, sha256: str, data: dict[str, Any]) -> int:
        with self._tx() as cur:
            cur.execute(
                "INSERT INTO roster_version (effective, imported_at, source_name, sha256, data) VALUES (?,?,?,?,?)",
                (effective.isoformat(), self._now(), source_name, sha256, stored_json(data)),
            )
            return inserted_id(cur)

    def roster_versions(self) -> list[tuple[int, date, datetime, str, dict[str, Any]]]:
        rows = self._query(
            "SELECT id, effective, imported_at, source_name, data FROM roster_version ORDER BY effective, id"
        )
        return [(i, date.fromisoformat(e), datetime.fromisoformat(at), src, json.loads(d)) for i, e, at, src, d in rows]

    def check_environment_key(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """Cheap, in one statement (a round trip to a shared ledger's server): the roster versions'
        ids, and the ids of the adjustment filings on file (accepted, current). A filing's rows never
        change once recorded, so the same ids mean the same adjustments: an ingest checks this
        before every file and reads the rows only when it changed."""
        rosters: list[int] = []
        filings: list[int] = []
        for source, ident in self._query(
            "SELECT 0, id FROM roster_version UNION ALL SELECT 1, id FROM submission"
            " WHERE kind = 'adjustment' AND is_current = 1 AND state = 'accepted' ORDER BY 1, 2"
        ):
            (filings if source else rosters).append(ident)
        return tuple(rosters), tuple(filings)

    def add_themes(self, year: int, source_name: str, data: dict[str, Any]) -> int:
        with self._tx() as cur:
            cur.execute(
                "INSERT INTO themes_version (year, imported_at, source_name, data) VALUES (?,?,?,?)",
                (year, self._now(), source_name, stored_json(data)),
            )
            return inserted_id(cur)

    def themes(self, year: int) -> dict[str, Any] | None:
        rows = self._query("SELECT data FROM themes_version WHERE year = ? ORDER BY id DESC LIMIT 1", (year,))
        return json.loads(rows[0][0]) if rows else None
