"""One watcher per inbox: an OS-level file lock in the (local) state folder.

The lock itself is filelock's (fcntl on POSIX, msvcrt on Windows), released by the
operating system when the holder dies, so a killed watcher never blocks the next
one. Who holds it is written next to it, so the refusal can name the process.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout


class WatcherBusy(Exception):
    """Another watcher already runs on this inbox; str() is the clerk-facing message."""


def inbox_key(inbox: Path) -> str:
    """A short stable name for an inbox path (case-insensitive where the OS is)."""
    text = os.path.normcase(os.path.abspath(inbox))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


class InboxLock:
    def __init__(self, inbox: Path, state_dir: Path) -> None:
        self.inbox = inbox
        key = inbox_key(inbox)
        self.path = state_dir / f"watch-{key}.lock"
        self.info_path = state_dir / f"watch-{key}.json"
        # Not thread-local: the watcher takes the lock in start() and drops it on its own thread.
        self._lock = FileLock(self.path, timeout=0, thread_local=False)

    def acquire(self) -> None:
        """Take the lock or raise WatcherBusy naming the holder."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire()
        except Timeout:
            raise WatcherBusy(self._busy_message()) from None
        info = {"pid": os.getpid(), "started": datetime.now().isoformat(timespec="seconds"), "inbox": str(self.inbox)}
        tmp = self.info_path.with_name(self.info_path.name + f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.info_path)

    def release(self) -> None:
        if not self._lock.is_locked:
            return
        try:
            self.info_path.unlink(missing_ok=True)
        except OSError:
            pass  # a stale info file is overwritten by the next holder
        self._lock.release()

    def _busy_message(self) -> str:
        try:
            info = json.loads(self.info_path.read_text(encoding="utf-8"))
            started = datetime.fromisoformat(info["started"]).strftime("%Y-%m-%d %H:%M:%S")
            who = f"进程 {int(info['pid'])}，自 {started} 起"
        except (OSError, ValueError, KeyError, TypeError):
            # The holder may not have written its details yet.
            who = "进程信息暂不可读"
        return f"收件箱 {self.inbox} 已有监视程序在运行（{who}）"
