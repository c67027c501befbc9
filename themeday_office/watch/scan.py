"""A full listing of the inbox (the truth that observer events only hint at), and single-file stats."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from themeday_office.watch.canary import CANARY_NAME
from themeday_office.watch.ignore import is_ignored


@dataclass(frozen=True)
class Signature:
    """What changes while a file is being written."""

    size: int
    mtime_ns: int

    @classmethod
    def of(cls, st: os.stat_result) -> Signature:
        return cls(st.st_size, st.st_mtime_ns)


@dataclass(frozen=True)
class InboxScan:
    files: dict[Path, Signature]  # candidates for ingest (not ignored, not empty)
    ignored: int  # lock, temporary and hidden files, and empty files


def scan_inbox(inbox: Path) -> InboxScan:
    """List the inbox and its subfolders; raises OSError when the inbox itself cannot be read."""
    files: dict[Path, Signature] = {}
    ignored = 0
    folders = [str(inbox)]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as entries:
                listed = list(entries)
        except OSError:
            if folder == str(inbox):
                raise
            continue  # a subfolder that vanished or is locked: the next scan tries again
        for entry in listed:
            try:
                if entry.is_dir(follow_symlinks=False):
                    if not entry.name.startswith("."):
                        folders.append(entry.path)
                    continue
                if not entry.is_file(follow_symlinks=False):
                    continue  # symlinks, sockets: never read through them
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            path = Path(entry.path)
            if folder == str(inbox) and entry.name == CANARY_NAME:
                continue
            if is_ignored(path, st=st) or st.st_size == 0:
                ignored += 1
            elif stat.S_ISREG(st.st_mode):
                files[path] = Signature.of(st)
    return InboxScan(files, ignored)


def count_ignored(inbox: Path) -> int:
    """How many files in the inbox are being ignored (for `themeday ledger`)."""
    return scan_inbox(inbox).ignored


def regular_file_stat(path: Path) -> os.stat_result | None:
    """The file's stat, or None if it is gone or not a regular file."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st if stat.S_ISREG(st.st_mode) else None


def signature(path: Path) -> Signature | None:
    st = regular_file_stat(path)
    return Signature.of(st) if st is not None else None


def can_open(path: Path) -> bool:
    # On Windows a file still being copied or saved is held without read sharing.
    try:
        with open(path, "rb") as f:
            f.read(1)
    except OSError:
        return False
    return True


def describe_os_error(exc: OSError) -> str:
    """Why a folder cannot be used, in a few words for the clerk."""
    if isinstance(exc, FileNotFoundError):
        return "文件夹不存在"
    if isinstance(exc, NotADirectoryError):
        return "不是文件夹"
    if isinstance(exc, PermissionError):
        return "没有访问权限"
    return exc.strerror or str(exc)
