"""Backups: the ledger database (SQLite's online backup API) plus the archive, in one zip."""

from __future__ import annotations

import os
import sqlite3
import tempfile
import zipfile
from pathlib import Path

from themeday_office.ledger.database import ARCHIVE_DIR, DB_NAME, Database
from themeday_office.ledger.records import LedgerError
from themeday_office.ledger.schema import SCHEMA_VERSION

MANIFEST = "themeday-backup.txt"


class DatabaseCopies(Database):
    """The Ledger's own copy of its database, consistent while other connections write."""

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


def backup(ledger: DatabaseCopies, target: Path) -> tuple[int, int]:
    """Write a backup zip of the ledger and its archive; returns (database bytes, archived files)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db_copy = Path(tmp) / DB_NAME
        ledger.backup_database(db_copy)
        partial = target.with_name(target.name + ".part")
        files = 0
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(MANIFEST, "themeday-office ledger backup\n")
            zf.write(db_copy, DB_NAME)
            archive_root = ledger.archive.root
            if archive_root.is_dir():
                for path in sorted(archive_root.rglob("*")):
                    if path.is_file() and not path.name.startswith("."):
                        zf.write(path, f"{ARCHIVE_DIR}/{path.relative_to(archive_root).as_posix()}")
                        files += 1
        os.replace(partial, target)
        return db_copy.stat().st_size, files


def restore(source: Path, state_dir: Path) -> int:
    """Restore a backup zip into `state_dir`; returns the number of archive files restored."""
    source, state_dir = Path(source), Path(state_dir)
    try:
        zf = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError):
        raise LedgerError(f"{source} 不是 themeday 备份文件") from None
    with zf, tempfile.TemporaryDirectory() as tmp:
        names = set(zf.namelist())
        if MANIFEST not in names or DB_NAME not in names:
            raise LedgerError(f"{source} 不是 themeday 备份文件")
        db_copy = Path(tmp) / DB_NAME
        db_copy.write_bytes(zf.read(DB_NAME))
        state_dir.mkdir(parents=True, exist_ok=True)
        restore_database(db_copy, state_dir)
        # Opened once to migrate the restored database to this program's schema, as Ledger.open does.
        with Database.open(state_dir) as database:
            restored = 0
            for name in names:
                if name.startswith(f"{ARCHIVE_DIR}/") and not name.endswith("/"):
                    digest = name.rsplit("/", 1)[-1]
                    if len(digest) == 64 and not database.archive.has(digest):
                        database.archive.put(zf.read(name), digest)
                        restored += 1
            return restored
