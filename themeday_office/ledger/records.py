"""What the ledger hands out: plain records, no SQL, no connection."""

from __future__ import annotations

import enum
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

# The ledger's JSON for stored data (rows, findings, headers, imported tables): text as written, dates and
# anything else as their text. One encoder: json.dumps with options builds a new one per call.
stored_json = json.JSONEncoder(ensure_ascii=False, default=str).encode


class State(str, enum.Enum):
    RECEIVED = "received"
    VALID = "valid"
    INVALID = "invalid"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    SUPERSEDED = "superseded"
    QUARANTINED = "quarantined"
    UNPACKED = "unpacked"  # a .zip of submissions: its members are submissions of their own

    @property
    def zh(self) -> str:
        return STATE_ZH[self]


STATE_ZH = {
    State.RECEIVED: "已收到",
    State.VALID: "待处理",
    State.INVALID: "待处理",
    State.ACCEPTED: "已通过",
    State.REJECTED: "已退回",
    State.SUPERSEDED: "已替代",
    State.QUARANTINED: "已隔离",
    State.UNPACKED: "已拆包",
}

ACTION_ZH = {
    "arrived": "收到",
    "checked": "审核",
    "repeat": "重复报送",
    "accepted": "通过",
    "rejected": "退回",
    "superseded": "被新版本替代",
    "restored": "恢复为现行版本",
    "receipt_date": "更正收文日期",
    "quarantined": "隔离",
}


class LedgerError(Exception):
    """An operation the ledger refuses; str() is the clerk-facing Chinese reason."""


class StaleDecision(LedgerError):
    """A decision made on a state that has changed since the clerk saw it (another desk, or the
    watcher, decided first). Nothing changed; the clerk refreshes and decides again."""


class DuplicateEntry(LedgerError):
    """A row the ledger already has under a unique key (the same file's bytes recorded twice, a
    发文字号 taken twice): whichever backend found it. Nothing of the transaction was written."""


@dataclass(frozen=True)
class Submission:
    id: int
    sha256: str
    original_name: str
    inbox_path: str
    size: int
    format: str
    arrived_at: datetime
    receipt_date: date | None
    kind: str
    unit: str
    period: str
    state: State
    current: bool
    version: int
    parent_id: int | None
    removed: bool
    header: dict[str, Any] = field(default_factory=dict)

    @property
    def received_on(self) -> date:
        """The 收文日期 that deadlines use: the clerk's correction, else the arrival date."""
        return self.receipt_date or self.arrived_at.date()

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "sha256": self.sha256,
            "original_name": self.original_name,
            "inbox_path": self.inbox_path,
            "size": self.size,
            "format": self.format,
            "kind": self.kind,
            "unit": self.unit,
            "period": self.period,
            "state": self.state.value,
            "state_zh": self.state.zh,
            "arrived_at": self.arrived_at.isoformat(timespec="seconds"),
            "receipt_date": self.receipt_date.isoformat() if self.receipt_date else None,
            "current": self.current,
            "version": self.version,
            "parent_id": self.parent_id,
        }


@dataclass(frozen=True)
class StoredMessage:
    severity: str
    code: str
    place: str
    text: str


@dataclass(frozen=True)
class StoredFinding:
    code: str
    committee: str
    branch: str
    text: str
    data: dict[str, Any]


class EncodedFinding(NamedTuple):
    """A finding on its way into the ledger with its data already JSON text (made by the checker).
    A named tuple: ingest makes one per finding of every file, and this is the cheapest record."""

    code: str
    committee: str
    branch: str
    text: str
    encoded: str


@dataclass(frozen=True)
class Event:
    at: datetime
    action: str
    actor: str
    reason: str
    detail: str

    @property
    def action_zh(self) -> str:
        return ACTION_ZH.get(self.action, self.action)

    @property
    def detail_zh(self) -> str:
        """The detail as the clerk reads it. A repeat's key names its arrival as inbox path, file name
        and file time (so that one arrival is noted once): shown as the path alone."""
        if self.action != "repeat":
            return self.detail
        text = _ARRIVAL_TIME.sub("", self.detail)
        if text.endswith("）"):  # `path（name）`, where a name may hold brackets of its own
            for at in (i for i, ch in enumerate(text) if ch == "（"):
                if text[:at].endswith(text[at + 1 : -1]):
                    return text[:at]
        return text


_ARRIVAL_TIME = re.compile(r"#\d+$")


@dataclass(frozen=True)
class FormRow:
    submission_id: int
    kind: str
    committee: str
    branch: str
    period: str
    data: dict[str, Any]


class EncodedRow(NamedTuple):
    """A row on its way into the ledger with its data already JSON text (made by the checker).
    A named tuple, like EncodedFinding."""

    kind: str
    committee: str
    branch: str
    period: str
    encoded: str


@dataclass(frozen=True)
class CheckedFile:
    """Everything ingest learned about one file, recorded in one transaction."""

    sha256: str
    original_name: str
    inbox_path: str
    size: int
    format: str
    kind: str = ""
    unit: str = ""
    period: str = ""
    header: dict[str, Any] = field(default_factory=dict)
    messages: list[StoredMessage] = field(default_factory=list)
    findings: list[StoredFinding | EncodedFinding] = field(default_factory=list)
    rows: list[FormRow | EncodedRow] = field(default_factory=list)  # a FormRow's submission_id is ignored
    parent_id: int | None = None
    # os.fsencode() of the inbox path when `inbox_path` is only its display text (see inbox_names.py).
    inbox_path_raw: bytes | None = None

    @property
    def has_errors(self) -> bool:
        return any(m.severity == "错误" for m in self.messages)


@dataclass(frozen=True)
class DocumentRecord:
    """One of the department's own documents: its 发文字号 (prefix, year, number) and its state.

    `key` names what the document is about (`monthly/2017-03`, `receipt/12`): the newest
    document of a key is the one a batch renders; an older one was corrected by it.
    A draft is re-rendered freely with its number; an issued one is frozen with the hash
    of the file issued and the figures it printed.
    """

    id: int
    key: str
    kind: str
    period: str
    title: str
    prefix: str
    year: int
    number: int
    state: str  # draft | issued
    path: str
    sha256: str
    figures: dict[str, Any]
    corrects: int | None
    created_at: datetime
    rendered_at: datetime | None
    issued_at: datetime | None
    issued_by: str

    @property
    def issued(self) -> bool:
        return self.state == "issued"

    @property
    def state_zh(self) -> str:
        return "已签发" if self.issued else "草稿"
