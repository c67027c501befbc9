"""The archive of original bytes: content-addressed, written durably before the ledger commits.

A file is stored under its SHA-256 (archive/ab/abcdef...). Writing the same bytes twice
is a no-op, so a run that crashed after archiving and is repeated stays correct.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


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
        """Store `data` durably (temp file, fsync, rename, fsync folder); return its hash."""
        digest = sha256 or sha256_of(data)
        target = self.path(digest)
        if target.is_file() and target.stat().st_size == len(data):
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{digest}.{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        _fsync_dir(target.parent)
        return digest

    def get(self, sha256: str) -> bytes:
        data = self.path(sha256).read_bytes()
        if sha256_of(data) != sha256:
            raise OSError(f"存档文件 {sha256} 已损坏（校验值不符）")
        return data


def _fsync_dir(folder: Path) -> None:
    # A rename is durable only once its directory entry is; Windows cannot open folders, and needs not.
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
