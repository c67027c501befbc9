"""Files whose last ingest attempt raised: how often, why, and what the UI is told.

A handler that raises on a file usually raises the same way on every retry (a bug, a
broken installation, a child process that cannot start). The traceback is worth logging
once per file and error; the retries after it get one short line each, so the log stays
readable and the first traceback is not rotated away by its own repeats.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from themeday_office.watch.events import FailuresChanged

FAILED = "处理出错"
# One line in a status bar: enough to recognise the error, the traceback is in watch.log.
MAX_ERROR_CHARS = 200


def describe(exc: BaseException) -> str:
    """The exception as one line: its type and the first line of its message."""
    lines = str(exc).strip().splitlines()
    text = lines[0].strip()[:MAX_ERROR_CHARS] if lines else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


@dataclass
class Failure:
    name: str  # relative to the inbox, with / separators
    error: str  # describe(exc) of the last failure
    times: int  # attempts in a row that raised
    order: int  # when it last failed, among all failures (the newest has the highest)

    @property
    def reason(self) -> str:
        return f"{FAILED}：{self.error}"

    def log_line(self, *, new_error: bool, retry_in: float | None) -> str:
        """The watch.log line; the caller adds the traceback when `new_error`."""
        retry = f"，{retry_in:g} 秒后重试" if retry_in is not None else ""
        if self.times == 1:
            return f"处理 {self.name} 出错：{self.error}{retry}"
        if new_error:
            return f"处理 {self.name} 第 {self.times} 次出错，错误与上次不同：{self.error}{retry}"
        return f"处理 {self.name} 第 {self.times} 次出错（错误同上次，详细信息只记录一次）：{self.error}{retry}"


class FailingFiles:
    """The files whose last ingest attempt raised; owned by the watcher's thread."""

    def __init__(self) -> None:
        self._files: dict[Path, Failure] = {}
        self._order = 0

    def __len__(self) -> int:
        return len(self._files)

    def failed(self, path: Path, name: str, exc: BaseException) -> tuple[Failure, bool]:
        """Record a failed attempt; returns the failure and whether its error is new for this file."""
        self._order += 1
        error = describe(exc)
        known = self._files.get(path)
        if known is None:
            known = self._files[path] = Failure(name, error, 0, 0)
        new_error = known.times == 0 or known.error != error
        known.name, known.error, known.times, known.order = name, error, known.times + 1, self._order
        return known, new_error

    def clear(self, path: Path) -> bool:
        """The file was ingested, left the inbox or is no longer watched; True if it was failing."""
        return self._files.pop(path, None) is not None

    def newest(self) -> Failure | None:
        return max(self._files.values(), key=lambda f: f.order, default=None)

    def changed(self, at: datetime) -> FailuresChanged:
        newest = self.newest()
        if newest is None:
            return FailuresChanged(at=at, failing=0, last_name="", last_reason="")
        return FailuresChanged(at=at, failing=len(self._files), last_name=newest.name, last_reason=newest.reason)
