"""What ingest did with one file, as the watcher needs to know it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Verdict(StrEnum):
    """The state word shown after the arrow in the console line."""

    PASSED = "已通过"
    PENDING = "待处理"
    RETURNED = "已退回"
    DUPLICATE = "重复"
    QUARANTINED = "已隔离"


@dataclass(frozen=True)
class WatchOutcome:
    """The result of one ingest call: a verdict, or None when ingest could not take the file yet.

    `detail` is one short Chinese note for the log and console (e.g. “月报 古荥镇党委 2017-03”).
    """

    verdict: Verdict | None
    detail: str = ""

    @classmethod
    def later(cls, reason: str) -> WatchOutcome:
        """Ingest could not take the file now (locked, busy): the watcher tries again later."""
        return cls(None, reason)

    @property
    def deferred(self) -> bool:
        return self.verdict is None
