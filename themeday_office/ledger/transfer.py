"""Moving a ledger between databases: every table's rows with their ids, and the originals.

Backups (backup.py) and `themeday ledger migrate` (move_ledger) both go through here, on either
backend. A source's `export_tables` reads every ledger table in one snapshot (a read transaction:
SQLite's WAL snapshot, PostgreSQL's REPEATABLE READ), in dependency order and in key order, page by
page, and hands the rows to a sink; a target's `import_tables` writes them in one transaction
under the ledger's write lock, ids kept so every reference holds, and on PostgreSQL moves the
identity sequences past the largest id so the next row does not collide. Either the whole ledger
arrives or nothing changes.

The originals are content-addressed files, copied before the rows that name them (as ingest
does: an original without a row is harmless). What is copied is hashed on the way, and a move is
verified by reading every original back from the target.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

from themeday_office.ledger.archive import Archive, file_sha256, sha256_of
from themeday_office.ledger.database import Cursor, Database, Row
from themeday_office.ledger.postgres import ID_TABLES
from themeday_office.ledger.records import DuplicateEntry, LedgerError
from themeday_office.ledger.stored_originals import StoredOriginals

# Every table of ledger data, in dependency order (a row only names rows of tables before it, or
# an earlier row of its own table), with the key its rows are read in.
TABLES: dict[str, tuple[str, ...]] = {
    "submission": ("id",),
    "message": ("submission_id", "seq"),
    "finding": ("submission_id", "seq"),
    "event": ("id",),
    "form_row": ("submission_id", "seq"),
    "attempt": ("sha256",),
    "roster_version": ("id",),
    "themes_version": ("id",),
    "document": ("id",),
    "doc_number": ("prefix", "year", "number"),
}
# The other tables, and why they are not copied as rows: a desk's lease on an inbox file means
# nothing in another database; the originals travel as files, checked by their hash.
NOT_COPIED = {"claim": "工位领取收件箱文件的租约", "original": "原件（按文件复制）",
              "original_chunk": "原件（按文件复制）"}
TABLE_ZH = {
    "submission": "收到的文件", "message": "审核意见", "finding": "开展情况", "event": "处理记录",
    "form_row": "报表数据行", "attempt": "解析尝试", "roster_version": "组织名册版本",
    "themes_version": "指导性主题", "document": "公文", "doc_number": "发文字号",
}
BATCH = 2000  # rows read or written at a time

# Where rows go: the table, its columns, a page of its rows (called at least once per table, with
# no rows for an empty one, so the columns always travel).
RowSink: TypeAlias = Callable[[str, tuple[str, ...], Sequence[Row]], None]
# What a target is filled from: something that calls the sink with every table's rows.
RowFeed: TypeAlias = Callable[[RowSink], object]


class TargetNotEmpty(LedgerError):
    """A move goes into an empty ledger only; str() says what the target already holds."""


class TableTransfer(Database):
    """The ledger's tables as rows: read out, written in, counted; and the connection's round trip."""

    def export_tables(self, sink: RowSink, batch: int = BATCH) -> dict[str, int]:
        """Hand every ledger table's rows to `sink`, from one consistent snapshot; returns the counts."""
        counts = dict.fromkeys(TABLES, 0)
        with self._lock:
            cur = self._conn.cursor()
            cur.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" if self.shared else "BEGIN")
            try:
                for table, key in TABLES.items():
                    columns = self._columns(cur, table)
                    select = f"SELECT {', '.join(columns)} FROM {table}"
                    order = f" ORDER BY {', '.join(key)} LIMIT {int(batch)}"
                    after = f" WHERE ({', '.join(key)}) > ({', '.join('?' for _ in key)})"
                    at = [columns.index(k) for k in key]
                    rows: list[Row] = cur.execute(select + order).fetchall()
                    sink(table, columns, rows)
                    while rows:
                        counts[table] += len(rows)
                        if len(rows) < batch:
                            break
                        rows = cur.execute(select + after + order, [rows[-1][i] for i in at]).fetchall()
                        if rows:
                            sink(table, columns, rows)
            finally:
                cur.execute("COMMIT")  # a read-only transaction: nothing to keep or undo
        return counts

    def import_tables(self, feed: RowFeed, *, replace: bool = False) -> dict[str, int]:
        """Write what `feed` hands over, in one transaction; returns the rows written per table.
        Into an empty ledger, or (`replace`, a restore) instead of everything it holds; a
        non-empty target without `replace` raises TargetNotEmpty and nothing changes."""
        written = dict.fromkeys(TABLES, 0)
        refused: tuple[type[BaseException], ...] = (DuplicateEntry, *self._database_errors())
        with self._tx() as cur:
            held = self._counts(cur)
            if any(held.values()):
                if not replace:
                    raise TargetNotEmpty(not_empty(self.backend, held))
                for table in reversed(TABLES):
                    cur.execute(f"DELETE FROM {table}")
            known: dict[str, tuple[str, ...]] = {}

            def put(table: str, columns: tuple[str, ...], rows: Sequence[Row]) -> None:
                if table not in TABLES:
                    raise LedgerError(f"数据中有本软件不认识的表 {table}，未写入台账")
                if table not in known:
                    known[table] = self._columns(cur, table)
                unknown = [c for c in columns if c not in known[table]]
                if unknown:
                    raise LedgerError(f"数据中 {table} 表有本软件不认识的列（{'、'.join(unknown)}），"
                                      "可能来自较新版本的 themeday-office：请先升级")
                if rows:
                    marks = ", ".join("?" for _ in columns)
                    cur.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
                    written[table] += len(rows)

            try:
                feed(put)
            except refused as error:  # a duplicate, a dangling reference, a value of the wrong type
                raise LedgerError(f"数据无法写入台账（{str(error).strip().splitlines()[0]}），台账没有改动") from None
            if self.shared:
                for table in TABLES.keys() & ID_TABLES:
                    cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                f"COALESCE(MAX(id), 0) + 1, false) FROM {table}")
            found = self._counts(cur)
            if found != written:
                wrong = "、".join(f"{TABLE_ZH[t]} 写入 {written[t]} 行而表中有 {found[t]} 行"
                                 for t in TABLES if found[t] != written[t])
                raise LedgerError(f"写入后的行数与来源不符（{wrong}），台账没有改动")
        return written

    def row_counts(self) -> dict[str, int]:
        """The rows of every ledger table (TABLES), e.g. to compare a move's two ends."""
        with self._lock:
            return self._counts(self._conn.cursor())

    def round_trip_ms(self, tries: int = 5) -> float:
        """The best of `tries` round trips to the database (`SELECT 1`), in milliseconds."""
        best = float("inf")
        for _ in range(max(1, tries)):
            with self._lock:
                start = time.perf_counter()
                self._conn.execute("SELECT 1").fetchone()
                best = min(best, time.perf_counter() - start)
        return best * 1000.0

    def _counts(self, cur: Cursor) -> dict[str, int]:
        return {t: int(cur.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t in TABLES}

    def _columns(self, cur: Cursor, table: str) -> tuple[str, ...]:
        if self.shared:
            rows = cur.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ?"
                               " AND table_schema = current_schema() ORDER BY ordinal_position", (table,)).fetchall()
            return tuple(str(r[0]) for r in rows)
        return tuple(str(r[1]) for r in cur.execute(f"PRAGMA table_info({table})").fetchall())

    def _database_errors(self) -> tuple[type[BaseException], ...]:
        """What the server says to rows it refuses (a lost connection is a LedgerError already)."""
        import sqlite3

        if not self.shared:
            return (sqlite3.Error,)
        import psycopg

        return (psycopg.Error,)


def not_empty(backend: str, held: dict[str, int]) -> str:
    shown = "，".join(f"{TABLE_ZH[t]} {n}" for t, n in held.items() if n)
    return (f"目标台账 {backend} 中已有数据（{shown}），未写入任何内容。"
            "只能迁入空的台账：请新建一个空数据库（见 README“多人共用台账”）")


# ---- the originals ---------------------------------------------------------------------------


def original_digests(archive: Any) -> list[str]:
    """The hash of every original in `archive`: a folder Archive or StoredOriginals."""
    if isinstance(archive, StoredOriginals):
        return archive.digests()
    assert isinstance(archive, Archive), f"not an archive of originals: {archive!r}"
    if not archive.root.is_dir():
        return []
    return sorted(p.name for p in archive.root.glob("??/*")
                  if p.is_file() and _is_digest(p.name) and p.parent.name == p.name[:2])


def open_original(archive: Any, digest: str) -> io.BufferedIOBase:
    """An original's bytes to read as a stream: the file itself (folder), or its stored copy."""
    if isinstance(archive, Archive):
        return open(archive.path(digest), "rb")  # the caller closes it
    return io.BytesIO(archive.get(digest))


def copy_originals(source: Any, target: Any) -> tuple[int, list[str]]:
    """Copy every original `target` lacks; returns (copied, damaged): a damaged source original
    (bytes that no longer hash to its name) is not copied."""
    copied, damaged = 0, []
    for digest in original_digests(source):
        if target.has(digest):
            continue
        try:
            if isinstance(source, Archive) and file_sha256(source.path(digest)) != digest:
                damaged.append(digest)
                continue
            with open_original(source, digest) as stream:
                got, _ = target.put_stream(stream)
        except OSError:
            damaged.append(digest)  # unreadable, or (stored) read back with another hash
            continue
        if got != digest:
            damaged.append(digest)  # stored under the hash of what it holds, which nothing names
            continue
        copied += 1
    return copied, damaged


def _is_digest(name: str) -> bool:
    return len(name) == 64 and all(c in "0123456789abcdef" for c in name)


# ---- a move and its check ------------------------------------------------------------------------


@dataclass(frozen=True)
class MoveReport:
    """What a move's check found: rows per table at both ends, and the originals read back."""

    tables: tuple[tuple[str, int, int], ...]  # (table, rows in the source, rows in the target)
    originals: int  # originals of the source read back from the target
    damaged: tuple[str, ...]  # read back with bytes that do not hash to their name
    missing: tuple[str, ...]  # not in the target at all

    @property
    def ok(self) -> bool:
        return not self.damaged and not self.missing and all(a == b for _, a, b in self.tables)


def move_ledger(source: TableTransfer, target: TableTransfer) -> MoveReport:
    """Copy the ledger `source` (its rows and originals) into the empty ledger `target`, then check
    the move (verify_move). The source is only read."""
    held = target.row_counts()
    if any(held.values()):
        raise TargetNotEmpty(not_empty(target.backend, held))
    _, damaged = copy_originals(source.archive, target.archive)
    if damaged:
        raise LedgerError(f"本机存档中有 {len(damaged)} 个原件已损坏（内容与校验值不符）：{'、'.join(damaged[:5])}"
                          f"{'…' if len(damaged) > 5 else ''}。台账没有迁移；请先从备份中恢复这些原件")
    target.import_tables(source.export_tables)
    return verify_move(source, target)


def verify_move(source: TableTransfer, target: TableTransfer) -> MoveReport:
    """Compare the rows per table at both ends, and read every original of the source back from
    the target, hashing what comes back."""
    ours, theirs = source.row_counts(), target.row_counts()
    damaged, missing = [], []
    digests = original_digests(source.archive)
    for digest in digests:
        if not target.archive.has(digest):
            missing.append(digest)
            continue
        try:
            data: bytes = target.archive.get(digest)
        except OSError:
            damaged.append(digest)
            continue
        if sha256_of(data) != digest:
            damaged.append(digest)
    return MoveReport(tuple((t, ours[t], theirs[t]) for t in TABLES), len(digests), tuple(damaged), tuple(missing))
