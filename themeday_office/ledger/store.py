"""The ledger store: it owns the SQL, with two helpers in this package (schema.py: the
migrations; inbox_names.py: inbox paths that are not plain text).

SQLite in the state folder, WAL mode, short transactions so the watcher's ingest and a
clerk's accept/reject in the TUI do not block each other. The schema is versioned by
PRAGMA user_version; MIGRATIONS (schema.py) run in order on open. Everything above this module
talks to `Ledger` methods only, so another backend (PostgreSQL) can stand behind the
same methods later.
"""

from __future__ import annotations

import getpass
import json
import sqlite3
import threading
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Iterator

from themeday_office.ledger.archive import Archive
from themeday_office.ledger.inbox_names import InboxNames
from themeday_office.ledger.location import is_network_path
from themeday_office.ledger.records import (
    CheckedFile,
    DocumentRecord,
    Event,
    EncodedFinding,
    EncodedRow,
    FormRow,
    LedgerError,
    State,
    StoredFinding,
    StoredMessage,
    Submission,
    stored_json,
)
from themeday_office.ledger.schema import MIGRATIONS, SCHEMA_VERSION

DB_NAME = "ledger.sqlite3"
ARCHIVE_DIR = "archive"

_SUBMISSION_COLUMNS = (
    "id, sha256, original_name, inbox_path, size, format, arrived_at, receipt_date, kind, unit, period,"
    " state, is_current, version, parent_id, removed, header"
)


def default_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # getpass raises various errors when no user name is set
        return "办事员"


class Ledger(InboxNames):
    """Every file that ever arrived, its checks, the clerks' decisions and the accepted data."""

    def __init__(self, conn: sqlite3.Connection, state_dir: Path, clock: Callable[[], datetime]):
        self._conn = conn
        self._lock = threading.RLock()
        self.state_dir = state_dir
        self.archive = Archive(state_dir / ARCHIVE_DIR)
        self._clock = clock

    # ---- opening -------------------------------------------------------------------------

    @classmethod
    def open_existing(cls, state_dir: Path) -> "Ledger | None":
        """The ledger if one was ever created here; None otherwise (a read-only caller creates nothing)."""
        return cls.open(state_dir) if (Path(state_dir) / DB_NAME).is_file() else None

    @classmethod
    def open(
        cls,
        state_dir: Path,
        clock: Callable[[], datetime] | None = None,
        *,
        allow_network: bool = False,
        _target_version: int | None = None,
    ) -> "Ledger":
        """Open (creating and migrating as needed) the ledger in `state_dir`."""
        state_dir = Path(state_dir)
        state_dir.mkdir(parents=True, exist_ok=True)
        if not allow_network and is_network_path(state_dir):
            raise LedgerError(
                f"状态文件夹 {state_dir} 位于网络磁盘上。SQLite 在网络文件系统上加锁不可靠，可能损坏台账；"
                "请在 themeday.toml 的 [folders] 小节把 state 改为本机磁盘上的文件夹（收件箱可以留在网络共享上）。"
            )
        conn = sqlite3.connect(state_dir / DB_NAME, timeout=10.0, check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        ledger = cls(conn, state_dir, clock or (lambda: datetime.now().replace(microsecond=0)))
        ledger._migrate(_target_version or SCHEMA_VERSION)
        ledger._schema = ledger.schema_version
        return ledger

    def _migrate(self, target: int) -> None:
        current = self._conn.execute("PRAGMA user_version").fetchone()[0]
        if current > SCHEMA_VERSION:
            raise LedgerError(f"台账数据库版本（{current}）比本软件（{SCHEMA_VERSION}）新，请升级 themeday-office")
        for version in range(current + 1, target + 1):
            with self._tx() as cur:
                # Read again under the write lock: another connection (the app's watcher, another
                # desk's command) may have run this step since, and it must run once.
                if cur.execute("PRAGMA user_version").fetchone()[0] >= version:
                    continue
                for statement in _statements(MIGRATIONS[version]):
                    cur.execute(statement)
                cur.execute(f"PRAGMA user_version = {version}")

    @property
    def schema_version(self) -> int:
        return self._conn.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _tx(self, durable: bool = True) -> Iterator[sqlite3.Cursor]:
        """One transaction. Not `durable`: committed without waiting for the disk (WAL with
        synchronous=NORMAL), so it survives the program being killed but may be lost with the
        power; only for bookkeeping that the next run repairs or repeats (attempts, removals).
        The next durable commit makes it durable too: the WAL is written in order."""
        # BEGIN IMMEDIATE takes the write lock up front: no deadlock-prone lock upgrades.
        with self._lock:
            cur = self._conn.cursor()
            if not durable:
                cur.execute("PRAGMA synchronous=NORMAL")
            try:
                cur.execute("BEGIN IMMEDIATE")
                try:
                    yield cur
                except BaseException:
                    cur.execute("ROLLBACK")
                    raise
                else:
                    cur.execute("COMMIT")
            finally:
                if not durable:
                    cur.execute("PRAGMA synchronous=FULL")

    def _now(self) -> str:
        return self._clock().isoformat(timespec="seconds")

    def _query(self, sql: str, params: tuple | list = ()) -> list[sqlite3.Row]:
        with self._lock:
            cur = self._conn.execute(sql, params)
            return cur.fetchall()

    # ---- submissions ---------------------------------------------------------------------

    def by_sha(self, sha256: str) -> Submission | None:
        rows = self._query(f"SELECT {_SUBMISSION_COLUMNS} FROM submission WHERE sha256 = ?", (sha256,))
        return _submission(rows[0]) if rows else None

    def get(self, submission_id: int) -> Submission:
        rows = self._query(f"SELECT {_SUBMISSION_COLUMNS} FROM submission WHERE id = ?", (submission_id,))
        if not rows:
            raise LedgerError(f"台账中没有编号为 {submission_id} 的文件")
        return _submission(rows[0])

    def record(self, checked: CheckedFile, *, auto_accept: bool, actor: str | None = None,
               state: State | None = None, members: tuple[CheckedFile, ...] | list[CheckedFile] = (),
               member_repeats: tuple[tuple[int, str], ...] | list[tuple[int, str]] = ()) -> Submission:
        """Record one checked file, its messages, findings and rows, in one transaction.

        Without errors and with auto_accept the file is accepted at once (superseding the
        current version for the same kind, unit and period). An archive of submissions
        comes with its `members` (new files) and `member_repeats` ((existing id, repeat key)),
        all committed together so a crash never leaves half an archive recorded.
        """
        actor = actor or default_actor()
        with self._tx() as cur:
            sid, _ = self._insert(cur, checked, state, auto_accept, actor, None)
            for member in members:
                self._insert(cur, member, None, auto_accept, actor, sid)
            for existing, key in member_repeats:
                self._repeat(cur, existing, actor, key)
        return self.get(sid)

    def record_many(self, files: list[CheckedFile], *, auto_accept: bool,
                    actor: str | None = None) -> list[tuple[Submission, int]]:
        """Record several checked files in one transaction (one wait for the disk), in order, each
        as `record` would; per file its submission and how many current versions it superseded."""
        actor = actor or default_actor()
        with self._tx() as cur:
            inserted = [self._insert(cur, checked, None, auto_accept, actor, None) for checked in files]
        ids = [sid for sid, _ in inserted]
        found = {r[0]: _submission(r) for r in self._query(
            f"SELECT {_SUBMISSION_COLUMNS} FROM submission WHERE id IN ({','.join('?' * len(ids))})", ids)}
        return [(found[sid], superseded) for sid, superseded in inserted]

    def _insert(self, cur: sqlite3.Cursor, checked: CheckedFile, state: State | None, auto_accept: bool,
                actor: str, parent_id: int | None) -> tuple[int, int]:
        """The new submission's id, and how many current versions its acceptance superseded."""
        now = self._now()
        if state is None:
            state = State.INVALID if checked.has_errors else State.VALID
        version = 0
        if checked.kind and checked.unit and checked.period:
            version = 1 + cur.execute(
                "SELECT COUNT(*) FROM submission WHERE kind = ? AND unit = ? AND period = ?",
                (checked.kind, checked.unit, checked.period),
            ).fetchone()[0]
        cur.execute(
            "INSERT INTO submission (sha256, original_name, inbox_path, size, format, arrived_at, kind, unit,"
            " period, state, version, parent_id, removed, header) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (checked.sha256, checked.original_name, checked.inbox_path, checked.size, checked.format, now,
             checked.kind, checked.unit, checked.period, state.value, version, parent_id,
             # An archive's members were never files in the inbox: nothing of theirs to remove.
             int(parent_id is not None), stored_json(checked.header)),
        )
        sid = cur.lastrowid
        self._keep_raw_path(cur, sid, checked.inbox_path_raw)
        # The file is accounted for: its parse attempts are history, in the same commit.
        if self._schema >= 2:  # the attempt table came with v2 (an old ledger opened for migration tests)
            cur.execute("DELETE FROM attempt WHERE sha256 = ?", (checked.sha256,))
        cur.executemany(
            "INSERT INTO message (submission_id, seq, severity, code, place, text) VALUES (?,?,?,?,?,?)",
            [(sid, i, m.severity, m.code, m.place, m.text) for i, m in enumerate(checked.messages)],
        )
        cur.executemany(
            "INSERT INTO finding (submission_id, seq, code, committee, branch, text, data) VALUES (?,?,?,?,?,?,?)",
            [(sid, i, f.code, f.committee, f.branch, f.text, _finding_json(f)) for i, f in enumerate(checked.findings)],
        )
        cur.executemany(
            "INSERT INTO form_row (submission_id, seq, kind, committee, branch, period, data)"
            " VALUES (?,?,?,?,?,?,?)",
            [(sid, i, r.kind, r.committee, r.branch, r.period, _row_json(r)) for i, r in enumerate(checked.rows)],
        )
        self._event(cur, sid, "arrived", actor, detail=checked.inbox_path)
        errors = sum(m.severity == "错误" for m in checked.messages)
        self._event(cur, sid, "checked", actor, detail=f"错误 {errors} 条，提示 {len(checked.messages) - errors} 条")
        if state is State.QUARANTINED:
            self._event(cur, sid, "quarantined", actor, detail=checked.messages[0].text if checked.messages else "")
        elif state is State.VALID and auto_accept:
            return sid, self._accept(cur, sid, actor, "无错误，自动通过")
        return sid, 0

    def members(self, submission_id: int) -> list[Submission]:
        rows = self._query(f"SELECT {_SUBMISSION_COLUMNS} FROM submission WHERE parent_id = ? ORDER BY id",
                           (submission_id,))
        return [_submission(r) for r in rows]

    def note_repeat(self, submission_id: int, key: str, actor: str | None = None) -> bool:
        """The same bytes arrived again: not a new submission, but noted in its history once per `key`.

        `key` names this arrival (its inbox path and modification time), so a run that crashed
        after noting it and sees the same file again does not count the repeat twice.
        """
        with self._tx() as cur:
            return self._repeat(cur, submission_id, actor or default_actor(), key)

    def _repeat(self, cur: sqlite3.Cursor, sid: int, actor: str, key: str) -> bool:
        seen = cur.execute(
            "SELECT 1 FROM event WHERE submission_id = ? AND action = 'repeat' AND detail = ?", (sid, key)
        ).fetchone()
        if seen:
            return False
        self._event(cur, sid, "repeat", actor, detail=key)
        return True

    def mark_removed(self, submission_id: int) -> None:
        """The inbox copy is gone: a later arrival of the same bytes is a real repeat.

        Not durable: if the power takes it, the file is either still in the inbox at the same
        path (ingest finishes it as its own leftover) or gone (finish_leftovers marks it)."""
        self.mark_removed_many([submission_id])

    def mark_removed_many(self, submission_ids: list[int]) -> None:
        """mark_removed for several files in one (not durable) commit."""
        if submission_ids:
            with self._tx(durable=False) as cur:
                cur.executemany("UPDATE submission SET removed = 1 WHERE id = ?", [(i,) for i in submission_ids])

    def pending_removal(self) -> list[Submission]:
        rows = self._query(f"SELECT {_SUBMISSION_COLUMNS} FROM submission WHERE removed = 0")
        return [_submission(r) for r in rows]

    def accept(self, submission_id: int, actor: str | None = None, reason: str = "") -> Submission:
        sub = self.get(submission_id)
        if sub.state is State.ACCEPTED:
            raise LedgerError(f"编号 {submission_id} 已经通过，无需再次通过")
        if sub.state in (State.SUPERSEDED, State.QUARANTINED, State.RECEIVED):
            raise LedgerError(f"编号 {submission_id} 当前状态为“{sub.state.zh}”，不能通过")
        if sub.state in (State.INVALID, State.REJECTED) and not reason.strip():
            raise LedgerError(f"编号 {submission_id} 有错误或已退回，通过时必须写明理由")
        with self._tx() as cur:
            newest = cur.execute(
                "SELECT MAX(version) FROM submission WHERE kind = ? AND unit = ? AND period = ? AND is_current = 1",
                (sub.kind, sub.unit, sub.period),
            ).fetchone()[0]
            if sub.kind and newest is not None and newest > sub.version:
                raise LedgerError(f"编号 {submission_id} 是第{sub.version}版，早于现行的第{newest}版，不能再采用")
            self._accept(cur, submission_id, actor or default_actor(), reason)
        return self.get(submission_id)

    def _accept(self, cur: sqlite3.Cursor, sid: int, actor: str, reason: str) -> int:
        """Accept `sid`, superseding the current version of its kind, unit and period; how many it superseded."""
        superseded = 0
        kind, unit, period = cur.execute("SELECT kind, unit, period FROM submission WHERE id = ?", (sid,)).fetchone()
        if kind and unit and period:
            for (old,) in cur.execute(
                "SELECT id FROM submission WHERE kind = ? AND unit = ? AND period = ? AND is_current = 1 AND id != ?",
                (kind, unit, period, sid),
            ).fetchall():
                cur.execute("UPDATE submission SET state = ?, is_current = 0 WHERE id = ?", (State.SUPERSEDED.value, old))
                self._event(cur, old, "superseded", actor, detail=f"由编号 {sid} 替代")
                superseded += 1
        cur.execute("UPDATE submission SET state = ?, is_current = 1 WHERE id = ?", (State.ACCEPTED.value, sid))
        self._event(cur, sid, "accepted", actor, reason)
        return superseded

    def reject(self, submission_id: int, actor: str | None = None, reason: str = "") -> Submission:
        sub = self.get(submission_id)
        if not reason.strip():
            raise LedgerError("退回时必须写明理由")
        if sub.state not in (State.VALID, State.INVALID, State.ACCEPTED):
            raise LedgerError(f"编号 {submission_id} 当前状态为“{sub.state.zh}”，不能退回")
        actor = actor or default_actor()
        with self._tx() as cur:
            cur.execute("UPDATE submission SET state = ?, is_current = 0 WHERE id = ?", (State.REJECTED.value, submission_id))
            self._event(cur, submission_id, "rejected", actor, reason)
            if sub.current:
                # The version this one replaced counts again.
                prev = cur.execute(
                    "SELECT id FROM submission WHERE kind = ? AND unit = ? AND period = ? AND state = ?"
                    " ORDER BY version DESC LIMIT 1",
                    (sub.kind, sub.unit, sub.period, State.SUPERSEDED.value),
                ).fetchone()
                if prev:
                    cur.execute("UPDATE submission SET state = ?, is_current = 1 WHERE id = ?",
                                (State.ACCEPTED.value, prev[0]))
                    self._event(cur, prev[0], "restored", actor, detail=f"编号 {submission_id} 被退回")
        return self.get(submission_id)

    def set_receipt_date(self, submission_id: int, day: date, reason: str, actor: str | None = None) -> Submission:
        if not reason.strip():
            raise LedgerError("更正收文日期时必须写明理由")
        old = self.get(submission_id).received_on
        with self._tx() as cur:
            cur.execute("UPDATE submission SET receipt_date = ? WHERE id = ?", (day.isoformat(), submission_id))
            self._event(cur, submission_id, "receipt_date", actor or default_actor(), reason,
                        detail=f"{old.isoformat()} → {day.isoformat()}")
        return self.get(submission_id)

    def _event(self, cur: sqlite3.Cursor, sid: int, action: str, actor: str, reason: str = "", detail: str = "") -> None:
        cur.execute(
            "INSERT INTO event (submission_id, at, action, actor, reason, detail) VALUES (?,?,?,?,?,?)",
            (sid, self._now(), action, actor, reason, detail),
        )

    # ---- reading -------------------------------------------------------------------------

    def submissions(self, *, state: str | None = None, kind: str | None = None, unit: str | None = None,
                    period: str | None = None, current: bool | None = None, limit: int | None = None,
                    after_id: int | None = None) -> list[Submission]:
        """Submissions, newest first, filtered. `period` matches exactly or as a prefix (2017 → 2017-03)."""
        where, params = [], []
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
        sql = f"SELECT {_SUBMISSION_COLUMNS} FROM submission"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id DESC"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [_submission(r) for r in self._query(sql, params)]

    def last_event_id(self) -> int:
        """The newest history entry's id (0 for an empty ledger): where a reader starts following."""
        return self._query("SELECT COALESCE(MAX(id), 0) FROM event")[0][0]

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
        return self._query("SELECT COUNT(*) FROM event WHERE submission_id = ? AND action = 'repeat'",
                           (submission_id,))[0][0]

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
            f"SELECT {_SUBMISSION_COLUMNS} FROM submission WHERE kind = ? AND unit = ? AND period = ? ORDER BY version",
            (sub.kind, sub.unit, sub.period),
        )
        return [_submission(r) for r in rows]

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

    # ---- poison files --------------------------------------------------------------------

    def begin_attempt(self, sha256: str, note: str = "") -> int:
        """Count a parse attempt before it starts, so a crash mid-parse is remembered.

        Not durable: what it guards against is a parser killing the program, which a commit
        survives without waiting for the disk; a power cut may forget one try, costing a retry."""
        with self._tx(durable=False) as cur:
            cur.execute(
                "INSERT INTO attempt (sha256, tries, last_error, updated_at) VALUES (?, 1, ?, ?)"
                " ON CONFLICT(sha256) DO UPDATE SET tries = tries + 1, updated_at = excluded.updated_at",
                (sha256, note, self._now()),
            )
            return cur.execute("SELECT tries FROM attempt WHERE sha256 = ?", (sha256,)).fetchone()[0]

    def note_attempt_error(self, sha256: str, error: str) -> None:
        with self._tx() as cur:
            cur.execute("UPDATE attempt SET last_error = ? WHERE sha256 = ?", (error, sha256))

    def attempt(self, sha256: str) -> tuple[int, str]:
        rows = self._query("SELECT tries, last_error FROM attempt WHERE sha256 = ?", (sha256,))
        return (rows[0][0], rows[0][1]) if rows else (0, "")

    def clear_attempt(self, sha256: str) -> None:
        with self._tx() as cur:
            cur.execute("DELETE FROM attempt WHERE sha256 = ?", (sha256,))

    # ---- roster and themes ---------------------------------------------------------------

    def add_roster_version(self, effective: date, source_name: str, sha256: str, data: dict[str, Any]) -> int:
        with self._tx() as cur:
            cur.execute(
                "INSERT INTO roster_version (effective, imported_at, source_name, sha256, data) VALUES (?,?,?,?,?)",
                (effective.isoformat(), self._now(), source_name, sha256, stored_json(data)),
            )
            return cur.lastrowid

    def roster_versions(self) -> list[tuple[int, date, datetime, str, dict[str, Any]]]:
        rows = self._query("SELECT id, effective, imported_at, source_name, data FROM roster_version ORDER BY effective, id")
        return [(i, date.fromisoformat(e), datetime.fromisoformat(at), src, json.loads(d)) for i, e, at, src, d in rows]

    def roster_version_ids(self) -> tuple[int, ...]:
        """Cheap: tells a cache whether the roster changed, without loading any version."""
        return tuple(r[0] for r in self._query("SELECT id FROM roster_version ORDER BY id"))

    def add_themes(self, year: int, source_name: str, data: dict[str, Any]) -> int:
        with self._tx() as cur:
            cur.execute(
                "INSERT INTO themes_version (year, imported_at, source_name, data) VALUES (?,?,?,?)",
                (year, self._now(), source_name, stored_json(data)),
            )
            return cur.lastrowid

    def themes(self, year: int) -> dict[str, Any] | None:
        rows = self._query("SELECT data FROM themes_version WHERE year = ? ORDER BY id DESC LIMIT 1", (year,))
        return json.loads(rows[0][0]) if rows else None

    # ---- the department's documents and the 发文字号 register -------------------------------

    def create_document(self, doc_key: str, kind: str, period: str, title: str, prefix: str, year: int, *,
                        number: int | None = None, corrects: int | None = None) -> DocumentRecord:
        """A new draft with the next number of `prefix` and `year` (or `number`, one the department's
        own register gave), in one transaction: two clerks or processes never get the same number,
        and a number once taken is never given out again.

        Idempotent per document: when `doc_key` already has a document (or, for a correction, when
        `corrects` already has its correction), that one is returned and no number is taken, so two
        batches racing on the same period do not number one document twice."""
        manual = number is not None
        with self._tx() as cur:
            if corrects is None:
                existing = cur.execute("SELECT id FROM document WHERE doc_key = ? ORDER BY id LIMIT 1",
                                       (doc_key,)).fetchone()
            else:
                existing = cur.execute("SELECT id FROM document WHERE corrects = ? ORDER BY id LIMIT 1",
                                       (corrects,)).fetchone()
            if existing:
                doc_id = existing[0]
            elif number is None:
                number = 1 + cur.execute(
                    "SELECT COALESCE(MAX(number), 0) FROM doc_number WHERE prefix = ? AND year = ?", (prefix, year)
                ).fetchone()[0]
            elif number < 1:
                raise LedgerError(f"发文顺序号应从 1 开始：{number}")
            elif cur.execute("SELECT 1 FROM doc_number WHERE prefix = ? AND year = ? AND number = ?",
                             (prefix, year, number)).fetchone():
                raise LedgerError(f"{prefix}〔{year}〕{number}号已被使用，发文字号不能重复")
            if existing:
                return self._document_in(cur, doc_id)
            now = self._now()
            cur.execute("INSERT INTO doc_number (prefix, year, number, manual, taken_at) VALUES (?,?,?,?,?)",
                        (prefix, year, number, int(manual), now))
            cur.execute(
                "INSERT INTO document (doc_key, kind, period, title, prefix, year, number, corrects, created_at)"
                " VALUES (?,?,?,?,?,?,?,?,?)",
                (doc_key, kind, period, title, prefix, year, number, corrects, now),
            )
            doc_id = cur.lastrowid
        return self.document(doc_id)

    def _document_in(self, cur: sqlite3.Cursor, doc_id: int) -> DocumentRecord:
        return _document(cur.execute(f"SELECT {_DOCUMENT_COLUMNS} FROM document WHERE id = ?", (doc_id,)).fetchone())

    def document(self, doc_id: int) -> DocumentRecord:
        rows = self._query(f"SELECT {_DOCUMENT_COLUMNS} FROM document WHERE id = ?", (doc_id,))
        if not rows:
            raise LedgerError(f"台账中没有编号为 {doc_id} 的公文")
        return _document(rows[0])

    def document_by_number(self, prefix: str, year: int, number: int) -> DocumentRecord | None:
        rows = self._query(f"SELECT {_DOCUMENT_COLUMNS} FROM document WHERE prefix = ? AND year = ? AND number = ?",
                           (prefix, year, number))
        return _document(rows[0]) if rows else None

    def latest_document(self, doc_key: str) -> DocumentRecord | None:
        """The newest document for `doc_key` (a correction is newer than what it corrects)."""
        rows = self._query(f"SELECT {_DOCUMENT_COLUMNS} FROM document WHERE doc_key = ? ORDER BY id DESC LIMIT 1",
                           (doc_key,))
        return _document(rows[0]) if rows else None

    def documents(self, *, period: str | None = None) -> list[DocumentRecord]:
        """Every document, oldest first; `period` matches exactly or as a prefix (2017 → 2017-03)."""
        if period:
            rows = self._query(f"SELECT {_DOCUMENT_COLUMNS} FROM document WHERE period = ? OR period LIKE ?"
                               " ORDER BY id", (period, f"{period}%"))
        else:
            rows = self._query(f"SELECT {_DOCUMENT_COLUMNS} FROM document ORDER BY id")
        return [_document(r) for r in rows]

    def numbers_taken(self, prefix: str, year: int) -> list[int]:
        return [r[0] for r in self._query("SELECT number FROM doc_number WHERE prefix = ? AND year = ? ORDER BY number",
                                          (prefix, year))]

    def record_rendering(self, doc_id: int, path: str, sha256: str, figures: dict[str, Any], title: str) -> DocumentRecord:
        """A draft was (re)written: its file, hash and figures. An issued document is frozen."""
        with self._tx() as cur:
            changed = cur.execute(
                "UPDATE document SET path = ?, sha256 = ?, figures = ?, title = ?, rendered_at = ?"
                " WHERE id = ? AND state = 'draft'",
                (path, sha256, stored_json(figures), title, self._now(), doc_id),
            ).rowcount
        if not changed:
            raise LedgerError(f"公文 {doc_id} 已签发，不能重新生成；如需更正，请另行发文")
        return self.document(doc_id)

    def issue_document(self, doc_id: int, sha256: str, actor: str | None = None) -> DocumentRecord:
        """签发: the draft becomes final with the hash of the file issued; from now on it is frozen."""
        with self._tx() as cur:
            changed = cur.execute(
                "UPDATE document SET state = 'issued', sha256 = ?, issued_at = ?, issued_by = ?"
                " WHERE id = ? AND state = 'draft'",
                (sha256, self._now(), actor or default_actor(), doc_id),
            ).rowcount
        if not changed:
            raise LedgerError(f"公文 {doc_id} 已经签发")
        return self.document(doc_id)

    # ---- backup --------------------------------------------------------------------------

    def backup_database(self, target: Path) -> None:
        """A consistent copy of the live database (SQLite's online backup API)."""
        dest = sqlite3.connect(target)
        try:
            with self._lock:
                self._conn.backup(dest)
        finally:
            dest.close()


def restore_database(source: Path, state_dir: Path) -> None:
    """Replace the state folder's database with `source` (a file made by backup_database)."""
    src = sqlite3.connect(source)
    try:
        version = src.execute("PRAGMA user_version").fetchone()[0]
        src.execute("SELECT COUNT(*) FROM submission").fetchone()
    except sqlite3.DatabaseError:
        raise LedgerError(f"{source} 不是有效的台账备份") from None
    if version > SCHEMA_VERSION:
        src.close()
        raise LedgerError(f"备份的台账版本（{version}）比本软件（{SCHEMA_VERSION}）新，请先升级 themeday-office")
    dest = sqlite3.connect(Path(state_dir) / DB_NAME)
    try:
        src.backup(dest)
    finally:
        dest.close()
        src.close()


_DOCUMENT_COLUMNS = (
    "id, doc_key, kind, period, title, prefix, year, number, state, path, sha256, figures, corrects, created_at,"
    " rendered_at, issued_at, issued_by"
)


def _document(row: tuple) -> DocumentRecord:
    (did, key, kind, period, title, prefix, year, number, state, path, sha, figures, corrects, created, rendered,
     issued, issued_by) = row
    return DocumentRecord(
        id=did, key=key, kind=kind, period=period, title=title, prefix=prefix, year=year, number=number,
        state=state, path=path, sha256=sha, figures=json.loads(figures), corrects=corrects,
        created_at=datetime.fromisoformat(created),
        rendered_at=datetime.fromisoformat(rendered) if rendered else None,
        issued_at=datetime.fromisoformat(issued) if issued else None, issued_by=issued_by,
    )


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def _submission(row: tuple) -> Submission:
    (sid, sha, name, path, size, fmt, arrived, receipt, kind, unit, period, state, current, version, parent,
     removed, header) = row
    return Submission(
        id=sid, sha256=sha, original_name=name, inbox_path=path, size=size, format=fmt,
        arrived_at=datetime.fromisoformat(arrived),
        receipt_date=date.fromisoformat(receipt) if receipt else None,
        kind=kind, unit=unit, period=period, state=State(state), current=bool(current), version=version,
        parent_id=parent, removed=bool(removed), header=json.loads(header),
    )


def _row_json(row: FormRow | EncodedRow) -> str:
    if isinstance(row, EncodedRow):
        return row.encoded
    return stored_json(row.data)


def _finding_json(finding: StoredFinding | EncodedFinding) -> str:
    if isinstance(finding, EncodedFinding):
        return finding.encoded
    return stored_json(finding.data)
