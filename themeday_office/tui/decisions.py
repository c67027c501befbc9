"""What the clerk's accept and reject do, beyond the ledger: the return package and the notice.

Called from worker threads; no Textual. Mirrors `themeday accept/reject` so both front
ends leave the same traces: the ledger's decision first, then what goes back to the
submitter, whose failure never undoes the decision.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from themeday_office.ledger import Ledger, State, Submission

# The states Ledger.accept and Ledger.reject take; asked before the reason dialog opens, so
# the clerk is not asked for a reason the ledger would then refuse. The ledger still decides.
ACCEPTS_FROM = frozenset({State.VALID, State.INVALID, State.REJECTED})
REJECTS_FROM = frozenset({State.VALID, State.INVALID, State.ACCEPTED})
NEEDS_REASON_TO_ACCEPT = frozenset({State.INVALID, State.REJECTED})


@dataclass(frozen=True)
class Decision:
    submission: Submission
    package: Path | None = None  # the return package written for a rejection
    notice: Path | None = None  # the 退回通知 written for a rejection
    problem: str = ""  # why the package could not be written (the rejection stands)


class LazyReader:
    """One isolated parser for the app's return packages, started on first use.

    Its child process takes a moment to start and most sessions never need it. Every package
    that touches the original (marking an xlsx, reading xls, ods and Word files again) is made
    in it, under the workspace's [limits], never in the app's own process.
    """

    def __init__(self, limits) -> None:
        self._limits = limits  # the workspace's ReadLimits
        self._reader = None
        self._lock = threading.Lock()

    def read_bytes(self, data: bytes, name: str):
        return self._started().read_bytes(data, name)

    def read_then(self, data: bytes, name: str, then, key, context, extra=None):
        """IsolatedReader.read_then: how a return package reads and marks the original."""
        return self._started().read_then(data, name, then, key, context, extra)

    def _started(self):
        with self._lock:
            if self._reader is None:
                from themeday_office.readers import IsolatedReader

                self._reader = IsolatedReader(self._limits, workers=1)
            return self._reader

    def close(self, timeout: float | None = None) -> None:
        """Stop the parser; a read in progress may finish for `timeout` seconds, then it is killed."""
        with self._lock:
            reader, self._reader = self._reader, None
        if reader is not None:
            reader.close(timeout)


def refusal(action: str, sub: Submission) -> str:
    """Why `action` ("accept" or "reject") cannot apply to `sub` as it stands, or ""."""
    if action == "accept" and sub.state is State.ACCEPTED:
        return f"编号 {sub.id} 已经通过，无需再次通过"
    allowed, verb = (ACCEPTS_FROM, "通过") if action == "accept" else (REJECTS_FROM, "退回")
    if sub.state not in allowed:
        return f"编号 {sub.id} 当前状态为“{sub.state.zh}”，不能{verb}"
    return ""


def accept(ledger: Ledger, submission_id: int, actor: str | None, reason: str) -> Decision:
    """Accept a submission (LedgerError, in Chinese, when the ledger refuses)."""
    return Decision(ledger.accept(submission_id, actor, reason.strip()))


def reject(ledger: Ledger, submission_id: int, actor: str | None, reason: str, outbox: Path,
           reader: LazyReader, office=None) -> Decision:
    """Reject a submission, then write its return package and its 退回通知 into `outbox`."""
    from themeday_office.render.submitter import ReturnPackageError, on_rejected

    sub = ledger.reject(submission_id, actor, reason.strip())
    try:
        package = on_rejected(ledger, sub.id, outbox, reader=reader)
    except ReturnPackageError as exc:
        return Decision(sub, problem=str(exc))
    return Decision(sub, package, write_rejection_notice(ledger, sub.id, outbox, office, actor))


def write_rejection_notice(ledger: Ledger, submission_id: int, outbox: Path, office=None,
                           actor: str | None = None) -> Path | None:
    """The 退回通知, the official document that goes with a return package (None without an office)."""
    if office is None:
        return None
    from themeday_office.render.documents import write_return_notice

    return write_return_notice(office, ledger, submission_id, outbox, actor)


def return_package(sub: Submission, outbox: Path) -> Path | None:
    """The return package written for `sub`, if there is one in `outbox`."""
    from themeday_office.render.submitter import RETURN_FOLDER, package_name

    for suffix in (".xlsx", ".docx"):
        path = Path(outbox) / RETURN_FOLDER / package_name(sub, suffix)
        if path.is_file():
            return path
    return None


VIEW_FOLDER = "原件副本"


def original_copy(ledger: Ledger, sub: Submission) -> Path:
    """A copy of the archived original under its own name, for a viewer to open.

    The archive keeps files under their hash without an extension, and a viewer must never
    write into it: Excel or WPS saving the opened file changes only this copy.
    """
    from themeday_office.render.submitter import safe_filename

    data = ledger.archive.get(sub.sha256)  # OSError (Chinese) when missing or damaged
    name = safe_filename(Path(sub.original_name.replace("\\", "/")).name, fallback=str(sub.id))
    folder = ledger.state_dir / VIEW_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{sub.id}_{name}"
    if not (path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data):
        path.write_bytes(data)
    return path
