"""The ledger's database: opening and migrating it, its transactions, its clock.

By default SQLite in the state folder, WAL mode, short transactions so the watcher's ingest and
a clerk's accept/reject in the TUI do not block each other; the schema is versioned by PRAGMA
user_version. With a `postgresql://` URL ([ledger] url, or THEMEDAY_LEDGER__URL) the same
ledger lives in a PostgreSQL database several desks share (postgres.py speaks its dialect; the
version is in the themeday_schema table and the originals are stored in the database).
MIGRATIONS (schema.py) run in order on open, on either. Every other part of the
ledger (submissions.py, decisions.py, recording.py, ...) is a `Database` with the methods of
its own job; `store.Ledger` is all of them together.
"""

from __future__ import annotations

import getpass
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol, Self, TypeAlias, TypeVar

from themeday_office.ledger.archive import Archive
from themeday_office.ledger.location import is_network_path
from themeday_office.ledger.postgres import PgConnection, ddl, is_postgres_url, safe_url
from themeday_office.ledger.records import DuplicateEntry, LedgerError
from themeday_office.ledger.schema import MIGRATIONS, SCHEMA_VERSION
from themeday_office.ledger.stored_originals import StoredOriginals

DB_NAME = "ledger.sqlite3"
ARCHIVE_DIR = "archive"

_Opened = TypeVar("_Opened", bound="Database")

# A row as the connection hands it out: no row factory is set, so a plain tuple of column values,
# whose types are those of the columns asked for (SQLite's, so Any to the type checker).
Row: TypeAlias = tuple[Any, ...]
URL_VARIABLE = "THEMEDAY_LEDGER__URL"  # the setting [ledger] url as an environment variable


class Cursor(Protocol):
    """What the ledger uses of a cursor: sqlite3.Cursor, or postgres.PgCursor."""

    @property
    def lastrowid(self) -> int | None: ...
    @property
    def rowcount(self) -> int: ...
    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Any: ...
    def executemany(self, sql: str, seq_of_parameters: Any, /) -> Any: ...
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...


class Connection(Protocol):
    def cursor(self) -> Any: ...
    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Any: ...
    def close(self) -> None: ...


class FolderOrStoredArchive(Protocol):
    """The originals: Archive (a folder, with SQLite) or StoredOriginals (in PostgreSQL)."""

    def has(self, sha256: str) -> bool: ...
    def put(self, data: bytes, sha256: str | None = None) -> str: ...
    def put_stream(self, source: Any) -> tuple[str, int]: ...
    def get(self, sha256: str) -> bytes: ...
    def sweep_temporary(self, older_than_s: float = 3600.0) -> int: ...


def configured_url(url: str | None = None) -> str:
    """The ledger URL: given, else THEMEDAY_LEDGER__URL; empty means SQLite in the state folder."""
    return (url if url is not None else os.environ.get(URL_VARIABLE, "")).strip()


def default_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - getpass raises various errors when no user name is set
        return "办事员"


class Database:
    """The connection every part of the ledger shares, with its lock, clock and schema version."""

    _schema: int  # the schema version found on open (older only in migration tests)
    archive: Any  # Archive (folder) or StoredOriginals (database): FolderOrStoredArchive

    def __init__(self, conn: Any, state_dir: Path, clock: Callable[[], datetime], *, url: str = "") -> None:
        self._conn = conn
        self._lock = threading.RLock()
        self.state_dir = state_dir
        self.url = url  # empty: SQLite in the state folder
        self.shared = bool(url)  # a PostgreSQL ledger that several desks share
        self.archive = StoredOriginals(url) if url else Archive(state_dir / ARCHIVE_DIR)
        self._clock = clock

    # ---- opening -------------------------------------------------------------------------

    @classmethod
    def open_existing(cls: type[_Opened], state_dir: Path, *, url: str | None = None) -> _Opened | None:
        """The ledger if one was ever created here; None otherwise (a read-only caller creates nothing).
        A shared ledger's database exists once it is configured: it is opened."""
        if configured_url(url):
            return cls.open(state_dir, url=url)
        return cls.open(state_dir) if (Path(state_dir) / DB_NAME).is_file() else None

    @classmethod
    def open(
        cls: type[_Opened],
        state_dir: Path,
        clock: Callable[[], datetime] | None = None,
        *,
        url: str | None = None,
        allow_network: bool = False,
        _target_version: int | None = None,
    ) -> _Opened:
        """Open (creating and migrating as needed) the ledger: SQLite in `state_dir`, or the
        PostgreSQL database at `url` (default: THEMEDAY_LEDGER__URL), with `state_dir` for what
        stays on the desk (copies for viewers, the desk's ingest lock)."""
        state_dir = Path(state_dir)
        state_dir.mkdir(parents=True, exist_ok=True)
        url = configured_url(url)
        clock = clock or (lambda: datetime.now().replace(microsecond=0))
        if url:
            if not is_postgres_url(url):
                raise LedgerError(f"[ledger] url 不是 PostgreSQL 地址：{safe_url(url)}。"
                                  "应为 postgresql://用户名:密码@服务器:端口/数据库；留空则使用本机 SQLite 台账")
            conn: Any = PgConnection(url)
        else:
            if not allow_network and is_network_path(state_dir):
                raise LedgerError(
                    f"状态文件夹 {state_dir} 位于网络磁盘上。SQLite 在网络文件系统上加锁不可靠，可能损坏台账；"
                    "请在 themeday.toml 的 [folders] 小节把 state 改为本机磁盘上的文件夹（收件箱可以留在网络共享上）；"
                    "几位办事员共用台账请用 PostgreSQL（[ledger] url）。"
                )
            conn = sqlite3.connect(state_dir / DB_NAME, timeout=10.0, check_same_thread=False, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
        try:
            ledger = cls(conn, state_dir, clock, url=url)
            ledger._migrate(_target_version or SCHEMA_VERSION)
            ledger._schema = ledger.schema_version
        except BaseException:
            conn.close()
            raise
        return ledger

    def _migrate(self, target: int) -> None:
        if self.shared:
            with self._tx() as cur:  # the version table itself, once, under the write lock
                cur.execute("CREATE TABLE IF NOT EXISTS themeday_schema (version BIGINT NOT NULL)")
                if cur.execute("SELECT COUNT(*) FROM themeday_schema").fetchone()[0] == 0:
                    cur.execute("INSERT INTO themeday_schema (version) VALUES (0)")
        current = self.schema_version
        if current > SCHEMA_VERSION:
            raise LedgerError(f"台账数据库版本（{current}）比本软件（{SCHEMA_VERSION}）新，请升级 themeday-office")
        for version in range(current + 1, target + 1):
            with self._tx() as cur:
                # Read again under the write lock: another connection (the app's watcher, another
                # desk's command) may have run this step since, and it must run once.
                if self._version_in(cur) >= version:
                    continue
                for statement in _statements(MIGRATIONS[version]):
                    cur.execute(ddl(statement) if self.shared else statement)
                if self.shared:
                    cur.execute("UPDATE themeday_schema SET version = ?", (version,))
                else:
                    cur.execute(f"PRAGMA user_version = {version}")

    def _version_in(self, cur: Cursor) -> int:
        sql = "SELECT version FROM themeday_schema" if self.shared else "PRAGMA user_version"
        version: int = cur.execute(sql).fetchone()[0]
        return version

    @property
    def schema_version(self) -> int:
        with self._lock:
            return self._version_in(self._conn.cursor())

    @property
    def backend(self) -> str:
        """What the clerk is told the ledger is: 本机 SQLite or 共享 PostgreSQL, with where."""
        if self.shared:
            return f"PostgreSQL（共享）{safe_url(self.url)}"
        return f"SQLite（本机）{self.state_dir / DB_NAME}"

    def server_version(self) -> str:
        if self.shared:
            return str(self._conn.server_version)
        return sqlite3.sqlite_version

    def close(self) -> None:
        with self._lock:
            self._conn.close()
            if self.shared:
                self.archive.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- transactions --------------------------------------------------------------------

    @contextmanager
    def _tx(self, durable: bool = True) -> Iterator[Cursor]:
        """One transaction. Not `durable`: committed without waiting for the disk (WAL with
        synchronous=NORMAL), so it survives the program being killed but may be lost with the
        power; only for bookkeeping that the next run repairs or repeats (attempts, removals).
        The next durable commit makes it durable too: the WAL is written in order.
        On PostgreSQL the connection commits without waiting by default (postgres.py) and a
        durable transaction asks for the wait: the same two kinds, by the server's own setting."""
        # BEGIN IMMEDIATE takes the write lock up front: no deadlock-prone lock upgrades. On
        # PostgreSQL it is an advisory lock (postgres.py): the desks' writers take turns, so two
        # transactions that lock the same submission rows never wait for each other in a circle.
        relaxed = not durable and not self.shared
        with self._lock:
            cur = self._conn.cursor()
            if relaxed:
                cur.execute("PRAGMA synchronous=NORMAL")
            try:
                cur.execute("BEGIN IMMEDIATE")
                if durable and self.shared:
                    cur.execute("SET LOCAL synchronous_commit TO on")
                try:
                    yield cur
                except sqlite3.IntegrityError as error:
                    _rollback(cur)
                    if "UNIQUE" not in str(error):
                        raise
                    raise DuplicateEntry(f"台账中已有这条记录（{error}），未重复登记") from error
                except BaseException:
                    _rollback(cur)
                    raise
                else:
                    cur.execute("COMMIT")
            finally:
                if relaxed:
                    cur.execute("PRAGMA synchronous=FULL")

    def _now(self) -> str:
        return self._clock().isoformat(timespec="seconds")

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        with self._lock:
            cur = self._conn.execute(sql, params)
            rows: list[Row] = cur.fetchall()
            return rows


def _rollback(cur: Cursor) -> None:
    try:
        cur.execute("ROLLBACK")
    except LedgerError:
        pass  # the connection is gone, and the transaction with it: nothing was committed


def inserted_id(cur: Cursor) -> int:
    """The id of the row `cur` just inserted (set by every INSERT; None only before any)."""
    rowid = cur.lastrowid
    assert rowid is not None, "asked for the id of an insert that did not happen"
    return rowid


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
