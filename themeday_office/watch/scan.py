"""A full listing of the inbox: the truth that observer events only hint at."""

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
