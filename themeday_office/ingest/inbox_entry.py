"""An inbox entry is read only when it is what it claims to be and holds still.

A link (to a file, to a folder, dangling, a loop), a FIFO, a socket or a device is never
opened: reading through a link would put any readable file of the machine into the archive,
and opening a FIFO blocks until someone writes to it. The entry's lstat decides before any
open, and the open itself refuses links (O_NOFOLLOW) and never waits (O_NONBLOCK), so an
entry swapped between the two is refused too. Windows has neither flag: there the lstat
(which sees symlinks and junctions by their reparse tags) is the only guard.

A file is taken only while it holds still: its stamp (size, mtime, identity) is the same
before and after it is read, and the same again before it is committed and before it is
removed (the pipeline compares); `settled` waits out the settle time for a one-shot run.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

NOT_LINKS = "不处理链接文件"
NOT_SPECIAL = "不处理特殊文件"
STILL_WRITING = "文件仍在写入，稍后处理"

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0)
# Windows: symlinks and junctions are reparse points with these tags. Other reparse points
# (OneDrive placeholders, deduplicated files) are regular files to read.
_LINK_TAGS = frozenset({getattr(stat, "IO_REPARSE_TAG_SYMLINK", 0xA000000C),
                        getattr(stat, "IO_REPARSE_TAG_MOUNT_POINT", 0xA0000003)})


def why_unreadable(error: OSError) -> str:
    """The clerk's words for a file the system would not give us now (it stays; tried again).

    On Windows a PermissionError is usually a sharing violation (Excel or WPS still has the
    file open); elsewhere it is a real permission denial, which waiting will not cure."""
    if getattr(error, "winerror", None) in (32, 33):  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
        return "文件正被其他程序占用"
    if isinstance(error, PermissionError):
        return "没有读取权限，请检查文件的权限设置"
    return f"无法读取（{error.strerror or error}）"


class Refused(Exception):
    """The entry is not a regular file; str() is the clerk's reason (NOT_LINKS or NOT_SPECIAL)."""


class Changing(Exception):
    """The file changed while it was being read: its writer is not done."""


@dataclass(frozen=True)
class Stamp:
    """What changes when a file is written to or replaced."""

    size: int
    mtime_ns: int
    identity: tuple[int, int]  # (device, inode): a file renamed over this one is another file

    @classmethod
    def of(cls, st: os.stat_result) -> Stamp:
        return cls(st.st_size, st.st_mtime_ns, (st.st_dev, st.st_ino))


def refusal(st: os.stat_result) -> str | None:
    """Why an entry, by its lstat, is not read; None for a regular file."""
    if is_link(st):
        return NOT_LINKS
    if not stat.S_ISREG(st.st_mode):
        return NOT_SPECIAL
    return None


def is_link(st: os.stat_result) -> bool:
    """A symlink (to anything, dangling, a loop) or a Windows junction, by its lstat."""
    return stat.S_ISLNK(st.st_mode) or getattr(st, "st_reparse_tag", 0) in _LINK_TAGS


def stamp_of(path: str | os.PathLike[str]) -> Stamp | None:
    """The regular file's stamp now, without following a link; None when gone or not a regular file."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return None if refusal(st) else Stamp.of(st)


class InboxFile:
    """A regular file opened for reading, never through a link; use as a context manager.

    Raises Refused (not a regular file), or OSError (gone, locked, denied) on entering."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: BinaryIO | None = None
        self.stamp: Stamp | None = None  # at opening

    def __enter__(self) -> InboxFile:
        why = refusal(os.lstat(self.path))
        if why:
            raise Refused(why)
        try:
            fd = os.open(self.path, _OPEN_FLAGS)
        except OSError as exc:
            # Swapped for a link (ELOOP; EMLINK on FreeBSD) or a socket (ENXIO) since the lstat.
            if _NOFOLLOW and exc.errno in (errno.ELOOP, errno.EMLINK):
                raise Refused(NOT_LINKS) from None
            if exc.errno == errno.ENXIO:
                raise Refused(NOT_SPECIAL) from None
            raise
        self._fh = os.fdopen(fd, "rb")
        st = os.fstat(fd)
        if why := refusal(st):
            self._fh.close()
            raise Refused(why)
        self.stamp = Stamp.of(st)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fh is not None:
            self._fh.close()

    @property
    def size(self) -> int:
        assert self.stamp is not None
        return self.stamp.size

    @property
    def stream(self) -> BinaryIO:
        assert self._fh is not None
        return self._fh

    def read_all(self) -> bytes:
        """The whole file; raises Changing when it grew, shrank or was touched while read."""
        data = self.stream.read()
        self.check_unchanged(len(data))
        return data

    def check_unchanged(self, read: int) -> None:
        """Raise Changing unless the file is as it was at opening and `read` bytes were all of it."""
        now = Stamp.of(os.fstat(self.stream.fileno()))
        if now != self.stamp or read != now.size:
            raise Changing(STILL_WRITING)


def settled(paths: Iterable[Path], settle_s: float, *, clock: Callable[[], float] = time.time,
            sleep: Callable[[float], None] = time.sleep) -> tuple[list[Path], list[Path]]:
    """Split `paths` into files that held still across the settle time and files still being
    written. Only files changed within the settle time (by their mtime, or dated in the future)
    are watched: the wait is one `settle_s` for all of them, and none when all are older."""
    paths = list(paths)
    stamps = {path: stamp_of(path) for path in paths}
    now = clock()
    recent = {path: s for path, s in stamps.items() if s is not None and now - s.mtime_ns / 1e9 < settle_s}
    if not recent or settle_s <= 0:
        return paths, []
    sleep(settle_s)
    growing = {path for path, before in recent.items() if stamp_of(path) not in (before, None)}
    return [p for p in paths if p not in growing], [p for p in paths if p in growing]
