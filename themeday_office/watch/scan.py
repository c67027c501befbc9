"""A full listing of the inbox (the truth that observer events only hint at), and single-file stats.

Nothing here follows a link: entries are judged by their lstat, and links and special files
(FIFOs, sockets, devices) are listed apart, to be reported and left alone, never read.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from themeday_office.ingest.inbox_entry import InboxFile, Refused, is_link, refusal
from themeday_office.watch.canary import CANARY_NAME
from themeday_office.watch.ignore import is_ignored, is_placeholder


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
    files: dict[Path, Signature]  # candidates for ingest (not ignored, not an empty placeholder)
    ignored: int  # lock, temporary and hidden files, and empty placeholders (ignore.is_placeholder)
    skipped: dict[Path, str] = field(default_factory=dict)  # links and special files: why each is left


def scan_inbox(inbox: Path) -> InboxScan:
    """List the inbox and its subfolders; raises OSError when the inbox itself cannot be read."""
    files: dict[Path, Signature] = {}
    skipped: dict[Path, str] = {}
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
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if stat.S_ISDIR(st.st_mode) and not is_link(st):  # a linked folder is never entered
                if not entry.name.startswith("."):
                    folders.append(entry.path)
                continue
            path = Path(entry.path)
            if folder == str(inbox) and entry.name == CANARY_NAME:
                continue
            if is_ignored(path, st=st) or is_placeholder(path, st):
                ignored += 1
            elif why := refusal(st):
                skipped[path] = why
            else:
                files[path] = Signature.of(st)
    return InboxScan(files, ignored, skipped)


def count_ignored(inbox: Path) -> int:
    """How many files in the inbox are being ignored (for `themeday ledger`)."""
    return scan_inbox(inbox).ignored


def regular_file_stat(path: Path) -> os.stat_result | None:
    """The file's own stat (a link is not followed), or None if it is gone or not a regular file."""
    st = entry_stat(path)
    return st if st is not None and refusal(st) is None else None


def entry_stat(path: Path) -> os.stat_result | None:
    """The entry's lstat, or None if it is gone."""
    try:
        return os.lstat(path)
    except OSError:
        return None


def signature(path: Path) -> Signature | None:
    st = regular_file_stat(path)
    return Signature.of(st) if st is not None else None


def can_open(path: Path) -> bool:
    # On Windows a file still being copied or saved is held without read sharing. Opened as
    # ingest opens it: never through a link, never waiting on a FIFO.
    try:
        with InboxFile(path) as f:
            f.stream.read(1)
    except (OSError, Refused):
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
