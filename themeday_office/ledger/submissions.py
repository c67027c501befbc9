"""Reading submissions and what came with them: messages, findings, rows, history, versions.

The queries every front end and the rollups ask; nothing here writes. `changed_since` is how
another process (the terminal app following a watcher) learns what to refresh.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from themeday_office.ledger.database import Database, Row
from themeday_office.ledger.records import (
    Event,
    FormRow,
    LedgerError,
    State,
    StoredFinding,
    StoredMessage,
    Submission,
)

SUBMISSION_COLUMNS = (
    "id, sha256, original_name, inbox_path, size, format, arrived_at, receipt_date, kind, unit, period,"
    " state, is_current, version, parent_id, removed, header"
)


class SubmissionReads(Database):
    """Submissions as they stand, with their checks and history."""

    def by_sha(self, sha256: str) -> Submission | None:
        rows = self._query(f"SELECT {SUBMISSION_COLUMNS} FROM submission WHERE sha256 = ?", (sha256,))
        return submission_of(rows[0]) if rows else None

    def get(self, submission_id: int) -> Submission:
        rows = self._query(f"SELECT {SUBMISSION_COLUMNS} FROM submission WHERE id = ?", (submission_id,))
        if not rows:
            raise LedgerError(f"台账中没有编号为 {submission_id} 的文件")
        return submission_of(rows[0])

    def members(self, submission_id: int) -> list[Submission]:
        rows = self._query(f"SELECT {SUBMISSION_COLUMNS} FROM submission WHERE parent_id = ? ORDER BY id",
                           (submission_id,))
        return [submission_of(r) for r in rows]

    def pending_removal(self) -> list[Submission]:
        rows = self._query(f"SELECT {SUBMISSION_COLUMNS} FROM submission WHERE removed = 0")
        return [submission_of(r) for r in rows]

    def submissions(self, *, state: str | None = None, kind: str | None = None, unit: str | None = None,
                    period: str | None = None, current: bool | None = None, limit: int | None = None,
                    after_id: int | None = None) -> list[Submission]:
        """Submissions, newest first, filtered. `period` matches exactly or as a prefix (2017 → 2017-03)."""
        where: list[str] = []
        params: list[object] = []
        if state:
            states = [s.strip() for s in state.split(",")]
            where.append(f"state IN ({','.join('?' * len(states))})")
            params += states
        if kind:
            where.append("kind = ?")
            params.append(kind)
        if unit:
            where.append("unit LIKE ?")
            params.append(f"%{unit}%")
        if period:
            where.append("(period = ? OR period LIKE ?)")
            params += [period, f"{period}-%"]
        if current is not None:
            where.append("is_current = ?")
            params.append(int(current))
        if after_id is not None:
            where.append("id > ?")
            params.append(after_id)
        sql = f"SELECT {SUBMISSION_COLUMNS} FROM submission"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id DESC"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [submission_of(r) for r in self._query(sql, params)]

    def last_event_id(self) -> int:
        """The newest history entry's id (0 for an empty ledger): where a reader starts following."""
        newest: int = self._query("SELECT COALESCE(MAX(id), 0) FROM event")[0][0]
        return newest

    def changed_since(self, event_id: int) -> tuple[int, list[int]]:
        """The newest event id and the submissions with an event after `event_id`, oldest change first.

        Every arrival and every change of state or receipt date writes an event, so this one
        primary-key range read is how another process (the terminal app following a watcher)
        learns what to refresh, cheaply enough to ask twice a second.
        """
        rows = self._query("SELECT id, submission_id FROM event WHERE id > ? ORDER BY id", (event_id,))
        if not rows:
            return event_id, []
        return rows[-1][0], list(dict.fromkeys(sid for _, sid in rows))

    def counts_by_state(self) -> dict[State, int]:
        rows = self._query("SELECT state, COUNT(*) FROM submission GROUP BY state")
        return {State(s): n for s, n in rows}

    def repeats(self, submission_id: int) -> int:
        count: int = self._query("SELECT COUNT(*) FROM event WHERE submission_id = ? AND action = 'repeat'",
                                 (submission_id,))[0][0]
        return count

    def messages(self, submission_id: int) -> list[StoredMessage]:
        rows = self._query("SELECT severity, code, place, text FROM message WHERE submission_id = ? ORDER BY seq",
                           (submission_id,))
        return [StoredMessage(*r) for r in rows]

    def findings(self, submission_id: int) -> list[StoredFinding]:
        rows = self._query(
            "SELECT code, committee, branch, text, data FROM finding WHERE submission_id = ? ORDER BY seq",
            (submission_id,),
        )
        return [StoredFinding(c, com, b, t, json.loads(d)) for c, com, b, t, d in rows]

    def events(self, submission_id: int) -> list[Event]:
        rows = self._query(
            "SELECT at, action, actor, reason, detail FROM event WHERE submission_id = ? ORDER BY id", (submission_id,)
        )
        return [Event(datetime.fromisoformat(a), act, who, why, det) for a, act, who, why, det in rows]

    def versions(self, submission_id: int) -> list[Submission]:
        """Every version for the same kind, unit and period, oldest first."""
        sub = self.get(submission_id)
        if not (sub.kind and sub.unit and sub.period):
            return [sub]
        rows = self._query(
            f"SELECT {SUBMISSION_COLUMNS} FROM submission WHERE kind = ? AND unit = ? AND period = ? ORDER BY version",
            (sub.kind, sub.unit, sub.period),
        )
        return [submission_of(r) for r in rows]

    def rows(self, submission_id: int) -> list[FormRow]:
        result = self._query(
            "SELECT submission_id, kind, committee, branch, period, data FROM form_row WHERE submission_id = ?"
            " ORDER BY seq",
            (submission_id,),
        )
        return [FormRow(s, k, c, b, p, json.loads(d)) for s, k, c, b, p, d in result]

    def current_rows(self, kind: str, periods: list[str]) -> list[FormRow]:
        """Rows of the accepted, current submissions of one kind for the given periods."""
        if not periods:
            return []
        marks = ",".join("?" * len(periods))
        result = self._query(
            "SELECT r.submission_id, r.kind, r.committee, r.branch, r.period, r.data FROM form_row r"
            " JOIN submission s ON s.id = r.submission_id"
            f" WHERE s.is_current = 1 AND s.state = 'accepted' AND r.kind = ? AND r.period IN ({marks})"
            " ORDER BY r.submission_id, r.seq",
            [kind, *periods],
        )
        return [FormRow(s, k, c, b, p, json.loads(d)) for s, k, c, b, p, d in result]

    def current_row_json(self, kind: str, periods: list[str]) -> list[tuple[int, str]]:
        """(submission id, data as stored JSON) for the same rows as `current_rows`, undecoded: for a
        reader that validates the JSON straight into its own models (a rollup reads a city's year)."""
        if not periods:
            return []
        marks = ",".join("?" * len(periods))
        result = self._query(
            "SELECT r.submission_id, r.data FROM form_row r JOIN submission s ON s.id = r.submission_id"
            f" WHERE s.is_current = 1 AND s.state = 'accepted' AND r.kind = ? AND r.period IN ({marks})"
            " ORDER BY r.submission_id, r.seq",
            [kind, *periods],
        )
        return [(s, d) for s, d in result]

    def current_rows_of_kind(self, kind: str) -> list[FormRow]:
        """Rows of every accepted, current submission of one kind, whatever the period."""
        result = self._query(
            "SELECT r.submission_id, r.kind, r.committee, r.branch, r.period, r.data FROM form_row r"
            " JOIN submission s ON s.id = r.submission_id"
            " WHERE s.is_current = 1 AND s.state = 'accepted' AND r.kind = ? ORDER BY r.submission_id, r.seq",
            (kind,),
        )
        return [FormRow(s, k, c, b, p, json.loads(d)) for s, k, c, b, p, d in result]


def submission_of(row: Row) -> Submission:
    (sid, sha, name, path, size, fmt, arrived, receipt, kind, unit, period, state, current, version, parent,
     removed, header) = row
    return Submission(
        id=sid, sha256=sha, original_name=name, inbox_path=path, size=size, format=fmt,
        arrived_at=datetime.fromisoformat(arrived),
        receipt_date=date.fromisoformat(receipt) if receipt else None,
        kind=kind, unit=unit, period=period, state=State(state), current=bool(current), version=version,
        parent_id=parent, removed=bool(removed), header=json.loads(header),
    )
