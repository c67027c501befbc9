"""The ledger's SQLite file: opening and migrating it, its transactions, its clock, copying it.

SQLite in the state folder, WAL mode, short transactions so the watcher's ingest and a
clerk's accept/reject in the TUI do not block each other. The schema is versioned by
PRAGMA user_version; MIGRATIONS (schema.py) run in order on open. Every other part of the
ledger (submissions.py, decisions.py, recording.py, ...) is a `Database` with the methods of
its own job; `store.Ledger` is all of them together.
"""

from __future__ import annotations

import getpass
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, TypeAlias, TypeVar

from themeday_office.ledger.archive import Archive
from themeday_office.ledger.location import is_network_path
from themeday_office.ledger.records import LedgerError
from themeday_office.ledger.schema import MIGRATIONS, SCHEMA_VERSION

DB_NAME = "ledger.sqlite3"
ARCHIVE_DIR = "archive"

_Opened = TypeVar("_Opened", bound="Database")

# A row as the connection hands it out: no row factory is set, so a plain tuple of column values,
# whose types are those of the columns asked for (SQLite's, so Any to the type checker).
Row: TypeAlias = tuple[Any, ...]


def default_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - getpass raises various errors when no user name is set
        return "办事员"


class Database:
    """The connection every part of the ledger shares, with its lock, clock and schema version."""

    _schema: int  # the schema version found on open (older only in migration tests)

    def __init__(self, conn: sqlite3.Connection, state_dir: Path, clock: Callable[[], datetime]):
        self._conn = conn
        self._lock = threading.RLock()
        self.state_dir = state_dir
        self.archive = Archive(state_dir / ARCHIVE_DIR)
        self._clock = clock

    # ---- opening -------------------------------------------------------------------------

    @classmethod
    def open_existing(cls: type[_Opened], state_dir: Path) -> _Opened | None:
        """The ledger if one was ever created here; None otherwise (a read-only caller creates nothing)."""
        return cls.open(state_dir) if (Path(state_dir) / DB_NAME).is_file() else None

    @classmethod
    def open(
        cls: type[_Opened],
        state_dir: Path,
        clock: Callable[[], datetime] | None = None,
        *,
        allow_network: bool = False,
        _target_version: int | None = None,
    ) -> _Opened:
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
        version: int = self._conn.execute("PRAGMA user_version").fetchone()[0]
        return version

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self: _Opened) -> _Opened:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- transactions --------------------------------------------------------------------

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

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        with self._lock:
            cur = self._conn.execute(sql, params)
            rows: list[Row] = cur.fetchall()
            return rows


def inserted_id(cur: sqlite3.Cursor) -> int:
    """The id of the row `cur` just inserted (set by every INSERT; None only before any)."""
    rowid = cur.lastrowid
    assert rowid is not None, "asked for the id of an insert that did not happen"
    return rowid


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
