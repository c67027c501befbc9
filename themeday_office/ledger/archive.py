"""The archive of original bytes: content-addressed, written durably before the ledger commits.

A file is stored under its SHA-256 (archive/ab/abcdef...). Writing the same bytes twice
is a no-op, so a run that crashed after archiving and is repeated stays correct. What was
written is read back and hashed before it takes its name: the archive never holds a copy
that differs from the bytes ingest read and checked.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from pathlib import Path
from typing import BinaryIO

CHUNK = 1024 * 1024  # streamed copies (files too big to hold) move this much at a time


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Archive:
    def __init__(self, root: Path):
        self.root = Path(root)

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def put(self, data: bytes, sha256: str | None = None) -> str:
        """Store `data` durably (temp file, fsync, verify, rename, fsync folder); return its hash.
        `sha256` is the hash of the bytes read: the copy written is checked against it."""
        digest = sha256 or sha256_of(data)
        target = self.path(digest)
        if target.is_file() and target.stat().st_size == len(data):
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{digest}.{os.getpid()}.{threading.get_ident()}.tmp")
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        self._settle(tmp, digest)
        return digest

    def put_stream(self, source: BinaryIO) -> tuple[str, int]:
        """Store what `source` holds without holding it (a file too big to read whole), hashing
        it on the way; returns its hash and size. Verified and made durable as put() does."""
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.root / f".stream.{os.getpid()}.{threading.get_ident()}.tmp"
        hasher, size = hashlib.sha256(), 0
        with open(tmp, "wb") as fh:
            while chunk := source.read(CHUNK):
                hasher.update(chunk)
                fh.write(chunk)
                size += len(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        digest = hasher.hexdigest()
        target = self.path(digest)
        if target.is_file() and target.stat().st_size == size:
            tmp.unlink()
            return digest, size
        target.parent.mkdir(parents=True, exist_ok=True)
        self._settle(tmp, digest)
        return digest, size

    def _settle(self, tmp: Path, digest: str) -> None:
        """Give the written temp file its name once its bytes hash to `digest`."""
        if file_sha256(tmp) != digest:
            tmp.unlink(missing_ok=True)
            raise OSError(f"写入存档的文件与读到的内容不符（{digest}），未存档")
        target = self.path(digest)
        os.replace(tmp, target)
        _fsync_dir(target.parent)

    def sweep_temporary(self, older_than_s: float = 3600.0) -> int:
        """Remove the temp files of copies a killed writer left half-done (put's and put_stream's),
        once they are an hour old: no live writer's copy takes that long. Returns how many."""
        limit = time.time() - older_than_s
        gone = 0
        for tmp in [*self.root.glob(".*.tmp"), *self.root.glob("*/.*.tmp")]:
            try:
                if tmp.stat().st_mtime < limit:
                    tmp.unlink()
                    gone += 1
            except OSError:
                continue  # taken away meanwhile, or not ours to remove: the next sweep sees
        return gone

    def get(self, sha256: str) -> bytes:
        data = self.path(sha256).read_bytes()
        if sha256_of(data) != sha256:
            raise OSError(f"存档文件 {sha256} 已损坏（校验值不符）")
        return data


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, read in chunks (a file of any size)."""
    hasher = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            hasher.update(chunk)
    return hasher.hexdigest()


def _fsync_dir(folder: Path) -> None:
    # A rename is durable only once its directory entry is; Windows cannot open folders, and needs not.
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
