"""Backups of the ledger on either backend: one zip the program reads itself (no pg_dump needed).

Format 2, written today, from a SQLite or a PostgreSQL ledger alike:

  themeday-backup.json   the manifest: format, schema version, backend, when, and for every table
                         (transfer.TABLES, in dependency order) its file, columns and row count
  tables/<table>.jsonl   one JSON array per row in the manifest's column order, ids kept;
                         bytes as {"base64": "..."}
  archive/ab/abcdef...   the originals, named by their SHA-256

Format 1, written by older versions (SQLite only): themeday-backup.txt, ledger.sqlite3 (a copy
made by SQLite's online backup API) and archive/. It still restores: its database is opened in
a temporary folder (migrated to this program's schema there) and read out like a live ledger.

Either format restores into either backend. A restore replaces the ledger's rows, in one
transaction, with the backup's, as restoring the database file always did; the originals it
holds are put back first, each checked against its name. A backup made by a newer program is
refused before anything changes.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
import zlib
from base64 import b64decode, b64encode
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from themeday_office.ledger.archive import CHUNK, Archive, file_sha256
from themeday_office.ledger.database import ARCHIVE_DIR, DB_NAME, Row
from themeday_office.ledger.records import LedgerError
from themeday_office.ledger.schema import SCHEMA_VERSION
from themeday_office.ledger.transfer import BATCH, TABLE_ZH, RowSink, TableTransfer, original_digests

MANIFEST = "themeday-backup.txt"  # format 1's marker
MANIFEST_JSON = "themeday-backup.json"
KIND = "themeday-office ledger backup"
FORMAT = 2
TABLES_DIR = "tables"
# What reading a damaged zip can raise: a bad header or CRC, bad deflate data, bad JSON or text.
_DAMAGED = (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError)


class DatabaseCopies(TableTransfer):
    """The Ledger's own copies of itself: the SQLite file, and (TableTransfer) its tables as rows."""

    def backup_database(self, target: Path) -> None:
        """A consistent copy of the live SQLite database (SQLite's online backup API)."""
        if self.shared:
            raise LedgerError("共享台账（PostgreSQL）没有可复制的数据库文件：请用 themeday backup 文件.zip 备份")
        dest = sqlite3.connect(target)
        try:
            with self._lock:
                self._conn.backup(dest)
        finally:
            dest.close()


def restore_database(source: Path, state_dir: Path) -> None:
    """Replace the state folder's database with `source` (a file made by backup_database)."""
    src = _checked_copy(source)
    dest = sqlite3.connect(Path(state_dir) / DB_NAME)
    try:
        src.backup(dest)
    finally:
        dest.close()
        src.close()


def _checked_copy(source: Path) -> sqlite3.Connection:
    """`source` opened, once it is a ledger database no newer than this program."""
    src = sqlite3.connect(source)
    try:
        version = src.execute("PRAGMA user_version").fetchone()[0]
        src.execute("SELECT COUNT(*) FROM submission").fetchone()
    except sqlite3.DatabaseError:
        src.close()
        raise LedgerError(f"{source} 不是有效的台账备份") from None
    if version > SCHEMA_VERSION:
        src.close()
        raise LedgerError(f"备份的台账版本（{version}）比本软件（{SCHEMA_VERSION}）新，请先升级 themeday-office")
    return src


@dataclass(frozen=True)
class Copied:
    """What a backup wrote or a restore put back."""

    backend: str  # the ledger backed up or restored into (Database.backend)
    rows: dict[str, int]  # rows per table
    originals: int  # originals written into the backup, or put back into the archive
    damaged: tuple[str, ...] = ()  # originals whose bytes no longer match their hash: not backed up


# ---- writing a backup ------------------------------------------------------------------------


@dataclass
class _Table:
    name: str
    file: str
    columns: list[str]
    rows: int = 0


@dataclass
class _TableWriter:
    """The sink of export_tables: each table into its JSON-lines file, one open at a time."""

    zf: zipfile.ZipFile
    tables: list[_Table] = field(default_factory=list)
    _out: IO[bytes] | None = None

    def put(self, table: str, columns: tuple[str, ...], rows: Sequence[Row]) -> None:
        if not self.tables or self.tables[-1].name != table:
            self.close()
            entry = _Table(table, f"{TABLES_DIR}/{table}.jsonl", list(columns))
            self.tables.append(entry)
            info = zipfile.ZipInfo(entry.file, datetime.now().timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            self._out = self.zf.open(info, "w", force_zip64=True)
        assert self._out is not None
        for row in rows:
            line = json.dumps([_encode(v) for v in row], ensure_ascii=False, separators=(",", ":"))
            self._out.write(line.encode("utf-8") + b"\n")
        self.tables[-1].rows += len(rows)

    def close(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None


def _encode(value: object) -> object:
    if isinstance(value, bytes | bytearray | memoryview):
        return {"base64": b64encode(bytes(value)).decode("ascii")}
    return value


def _decode(value: object) -> object:
    if isinstance(value, dict):
        return b64decode(value["base64"], validate=True)
    return value


def backup(ledger: DatabaseCopies, target: Path) -> Copied:
    """Write a backup zip (format 2) of the ledger and its originals, consistent while others write."""
    from themeday_office import __version__

    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
            writer = _TableWriter(zf)
            try:
                counts = ledger.export_tables(writer.put)
            finally:
                writer.close()
            originals, damaged = _write_originals(ledger.archive, zf)
            manifest = {
                "kind": KIND, "format": FORMAT, "schema_version": ledger.schema_version,
                "backend": "postgresql" if ledger.shared else "sqlite",
                "made_at": datetime.now().isoformat(timespec="seconds"), "program": f"themeday-office {__version__}",
                "tables": [vars(t) for t in writer.tables],
                "originals": originals, "damaged_originals": damaged,
            }
            zf.writestr(MANIFEST_JSON, json.dumps(manifest, ensure_ascii=False, indent=1))
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return Copied(ledger.backend, counts, originals, tuple(damaged))


def _write_originals(archive: Any, zf: zipfile.ZipFile) -> tuple[int, list[str]]:
    """Every original into archive/, each checked against its name first; returns (written, damaged)."""
    written, damaged = 0, []
    for digest in original_digests(archive):
        name = f"{ARCHIVE_DIR}/{digest[:2]}/{digest}"
        if isinstance(archive, Archive):
            path = archive.path(digest)
            if file_sha256(path) != digest:
                damaged.append(digest)
                continue
            zf.write(path, name)
        else:
            try:
                data: bytes = archive.get(digest)  # StoredOriginals: checked as it is read
            except OSError:
                damaged.append(digest)
                continue
            zf.writestr(name, data)
        written += 1
    return written, damaged


# ---- reading one -------------------------------------------------------------------------------


class BackupFile:
    """A backup zip, opened and checked (read_backup): its originals and rows, for restore()."""

    def __init__(self, source: Path, zf: zipfile.ZipFile, manifest: dict[str, Any],
                 old: DatabaseCopies | None = None) -> None:
        self.source = source
        self._zf = zf
        self._old = old  # format 1: its database, opened in a temporary folder
        self.format: int = manifest["format"]
        self.schema_version: int = manifest["schema_version"]
        self.backend: str = manifest["backend"]
        self.made_at: str = manifest.get("made_at", "")
        self._tables: list[dict[str, Any]] = manifest.get("tables", [])
        self.originals = {
            name.rsplit("/", 1)[-1]: name for name in zf.namelist()
            if name.startswith(f"{ARCHIVE_DIR}/") and len(name.rsplit("/", 1)[-1]) == 64
        }

    def feed(self, put: RowSink) -> None:
        """Hand every table's rows to `put` (a ledger's import_tables runs this in its transaction)."""
        if self._old is not None:
            self._old.export_tables(put)
            return
        for table in self._tables:
            name, columns = str(table["name"]), tuple(str(c) for c in table["columns"])
            put(name, columns, [])  # an empty table's columns travel too
            read, batch = 0, []
            try:
                with self._zf.open(table["file"]) as raw:
                    for line in io.TextIOWrapper(raw, encoding="utf-8"):
                        if not line.strip():
                            continue
                        values = json.loads(line)
                        if not isinstance(values, list) or len(values) != len(columns):
                            raise ValueError(f"{table['file']} 中有一行的列数不对")
                        batch.append(tuple(_decode(v) for v in values))
                        if len(batch) >= BATCH:
                            put(name, columns, batch)
                            read, batch = read + len(batch), []
            except _DAMAGED as error:
                raise LedgerError(f"备份文件 {self.source} 已损坏（{error}），台账没有改动") from None
            if batch:
                put(name, columns, batch)
                read += len(batch)
            if read != table["rows"]:
                raise LedgerError(f"备份文件 {self.source} 不完整：{TABLE_ZH.get(name, name)}应有 {table['rows']} 行，"
                                  f"只读到 {read} 行。台账没有改动")

    @contextmanager
    def original(self, digest: str) -> Iterator[IO[bytes]]:
        with self._zf.open(self.originals[digest]) as stream:
            yield stream


@contextmanager
def read_backup(source: Path) -> Iterator[BackupFile]:
    """The backup zip `source`, checked before anything is restored from it (LedgerError, in
    Chinese, when it is no backup of ours, is damaged, or was made by a newer program)."""
    source = Path(source)
    not_ours = f"{source} 不是 themeday 备份文件"
    try:
        zf = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError):
        raise LedgerError(not_ours) from None
    with zf, tempfile.TemporaryDirectory(prefix="themeday-restore-") as tmp:
        names = set(zf.namelist())
        if MANIFEST_JSON in names:
            try:
                manifest = json.loads(zf.read(MANIFEST_JSON))
            except _DAMAGED:
                raise LedgerError(not_ours) from None
            _check_manifest(manifest, names, not_ours)
            yield BackupFile(source, zf, manifest)
        elif MANIFEST in names and DB_NAME in names:
            copy = Path(tmp) / DB_NAME
            try:
                with zf.open(DB_NAME) as src, open(copy, "wb") as dest:
                    shutil.copyfileobj(src, dest, CHUNK)
            except _DAMAGED as error:
                raise LedgerError(f"备份文件 {source} 已损坏（{error}）") from None
            checked = _checked_copy(copy)
            schema = checked.execute("PRAGMA user_version").fetchone()[0]
            checked.close()
            with DatabaseCopies.open(Path(tmp), url="") as old:  # a SQLite copy, migrated to our schema in tmp
                yield BackupFile(source, zf, {"format": 1, "schema_version": schema, "backend": "sqlite"}, old)
        else:
            raise LedgerError(not_ours)


def _check_manifest(manifest: object, names: set[str], not_ours: str) -> None:
    if not isinstance(manifest, dict) or manifest.get("kind") != KIND or not isinstance(manifest.get("format"), int):
        raise LedgerError(not_ours)
    if manifest["format"] > FORMAT:
        raise LedgerError(f"备份文件由较新版本的 themeday-office 制作（格式 {manifest['format']}），请先升级本软件")
    version = manifest.get("schema_version")
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise LedgerError(f"备份的台账版本（{version}）比本软件（{SCHEMA_VERSION}）新，请先升级 themeday-office")
    tables = manifest.get("tables")
    if not isinstance(tables, list) or not all(
        isinstance(t, dict) and isinstance(t.get("rows"), int) and isinstance(t.get("columns"), list)
        and t.get("file") in names for t in tables
    ):
        raise LedgerError(f"备份文件的清单不完整（{MANIFEST_JSON}），无法恢复")


def restore(backup: BackupFile, ledger: DatabaseCopies) -> Copied:
    """Put back the originals the ledger lacks, then replace its rows with the backup's (one
    transaction: all or nothing). A damaged original stops the restore before the rows change."""
    put_back, damaged = 0, []
    for digest in sorted(backup.originals):
        if ledger.archive.has(digest):
            continue
        try:
            with backup.original(digest) as stream:
                got, _ = ledger.archive.put_stream(stream)
        except _DAMAGED:
            damaged.append(digest)
            continue
        if got != digest:
            damaged.append(digest)
            continue
        put_back += 1
    if damaged:
        raise LedgerError(f"备份文件 {backup.source} 中有 {len(damaged)} 个原件已损坏（内容与校验值不符）："
                          f"{'、'.join(damaged[:5])}{'…' if len(damaged) > 5 else ''}。台账没有改动")
    rows = ledger.import_tables(backup.feed, replace=True)
    return Copied(ledger.backend, rows, put_back)
