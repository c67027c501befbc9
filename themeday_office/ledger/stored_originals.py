"""The archive of original bytes kept in the shared database (PostgreSQL), so any desk can open any
original and any return package: content-addressed by SHA-256, like the folder archive.

It has the folder Archive's methods (has, put, put_stream, get). A put commits on its own connection before the ledger's
transaction that names the file: the original is durable first (an original without a ledger row
is harmless and is written again, as a no-op, when the file is taken again). What is read back is
hashed, so a damaged copy is never handed out as the original.
"""

from __future__ import annotations

import hashlib
import threading
import uuid
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from themeday_office.ledger.archive import CHUNK, sha256_of
from themeday_office.ledger.postgres import PgConnection


class StoredOriginals:
    """Archive in the `original` and `original_chunk` tables (chunks of 1 MiB, so a file of any
    size is streamed, never held whole); one connection of its own, used under a lock."""

    def __init__(self, url: str) -> None:
        self._conn = PgConnection(url)
        self._lock = threading.Lock()
        self._stored: set[str] = set()  # stored by this process: ingest puts a file twice (check, commit)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def has(self, sha256: str) -> bool:
        with self._lock:
            return self._conn.execute("SELECT 1 FROM original WHERE sha256 = ?", (sha256,)).fetchone() is not None

    def put(self, data: bytes, sha256: str | None = None) -> str:
        """Store `data` (checked against `sha256`, the hash of the bytes read); return its hash."""
        digest = sha256 or sha256_of(data)
        if sha256_of(data) != digest:
            raise OSError(f"写入存档的文件与读到的内容不符（{digest}），未存档")
        if digest in self._stored:
            return digest
        if len(data) <= CHUNK:  # most originals: one statement, atomic by itself, a no-op when stored
            with self._lock:
                self._conn.execute(
                    "WITH stored AS (INSERT INTO original (sha256, size) VALUES (?, ?)"
                    " ON CONFLICT (sha256) DO NOTHING RETURNING sha256)"
                    " INSERT INTO original_chunk (sha256, seq, data) SELECT sha256, 0, ? FROM stored",
                    (digest, len(data), data))
                self._stored.add(digest)
            return digest
        if self.has(digest):
            return digest
        chunks = (data[i:i + CHUNK] for i in range(0, len(data), CHUNK))
        self._store(digest, len(data), chunks)
        return digest

    def put_stream(self, source: BinaryIO) -> tuple[str, int]:
        """Store what `source` holds without holding it; returns its hash and size."""
        hasher, size = hashlib.sha256(), 0

        def chunks() -> Iterator[bytes]:
            nonlocal size
            while chunk := source.read(CHUNK):
                hasher.update(chunk)
                size += len(chunk)
                yield chunk

        key = "tmp-" + uuid.uuid4().hex  # the hash is known only at the end
        self._store(key, 0, chunks())
        digest = hasher.hexdigest()
        with self._lock:
            cur = self._conn.cursor()
            cur.execute("BEGIN")
            try:
                if cur.execute("SELECT 1 FROM original WHERE sha256 = ?", (digest,)).fetchone():
                    cur.execute("DELETE FROM original_chunk WHERE sha256 = ?", (key,))
                    cur.execute("DELETE FROM original WHERE sha256 = ?", (key,))
                else:
                    cur.execute("INSERT INTO original (sha256, size) VALUES (?, ?)", (digest, size))
                    cur.execute("UPDATE original_chunk SET sha256 = ? WHERE sha256 = ?", (digest, key))
                    cur.execute("DELETE FROM original WHERE sha256 = ?", (key,))
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            cur.execute("COMMIT")
        return digest, size

    def _store(self, key: str, size: int, chunks: Iterable[bytes]) -> None:
        # One transaction: a desk that dies mid-write leaves no half original.
        with self._lock:
            cur = self._conn.cursor()
            cur.execute("BEGIN")
            try:
                cur.execute("INSERT INTO original (sha256, size) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING",
                            (key, size))
                if cur.rowcount:
                    for seq, chunk in enumerate(chunks):
                        cur.execute("INSERT INTO original_chunk (sha256, seq, data) VALUES (?, ?, ?)",
                                    (key, seq, chunk))
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            cur.execute("COMMIT")

    def sweep_temporary(self, older_than_s: float = 3600.0) -> int:
        """Archive.sweep_temporary's counterpart: a copy is written in one transaction, so a killed
        writer leaves nothing half-done here."""
        return 0

    def get(self, sha256: str) -> bytes:
        with self._lock:
            known = self._conn.execute("SELECT size FROM original WHERE sha256 = ?", (sha256,)).fetchone()
            rows = self._conn.execute("SELECT data FROM original_chunk WHERE sha256 = ? ORDER BY seq",
                                      (sha256,)).fetchall()
        if known is None:
            raise OSError(f"存档中没有文件 {sha256}")
        data = b"".join(bytes(r[0]) for r in rows)
        if sha256_of(data) != sha256:
            raise OSError(f"存档文件 {sha256} 已损坏（校验值不符）")
        return data

    def digests(self) -> list[str]:
        """Every stored original's hash (backups, moves and their checks)."""
        with self._lock:
            rows = self._conn.execute("SELECT sha256 FROM original WHERE sha256 NOT LIKE 'tmp-%' ORDER BY sha256")
            return [str(r[0]) for r in rows.fetchall()]
