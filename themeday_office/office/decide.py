"""The clerk's decisions on a submission: accept, reject, correct its receipt date.

A rejection is the ledger's decision first, then what goes back to the submitter: the
return package (the original read and marked in a parser process) and the 退回通知. When
either of those fails the rejection stands, and the result says what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from themeday_office.ledger import Ledger, LedgerError, State, Submission, states
from themeday_office.office import Clock
from themeday_office.office.opening import open_ledger

if TYPE_CHECKING:
    from themeday_office.readers import IsolatedReader
    from themeday_office.workspace import Workspace

# Asked here before the ledger is, so the app refuses before asking the clerk for a reason; the
# rules are the ledger's own table (ledger/states.py), which the store enforces again.
NEEDS_REASON_TO_ACCEPT = frozenset(s for s in State if states.needs_reason(s, State.ACCEPTED))


@dataclass(frozen=True)
class Decision:
    """What a decision came to: the submission as it now stands and what was written for it."""

    action: str  # "accept", "reject" or "receipt_date"
    submission: Submission
    sentences: tuple[str, ...]  # what was done, for the clerk
    warnings: tuple[str, ...] = ()  # what could not be done; the decision stands
    package: Path | None = None  # the return package written for a rejection
    notice: Path | None = None  # the 退回通知 written for a rejection


def refusal(action: str, sub: Submission) -> str:
    """Why `action` ("accept" or "reject") cannot apply to `sub` as it stands, or "" (the ledger's table)."""
    return states.refusal(sub, State.ACCEPTED if action == "accept" else State.REJECTED)


def accept(
    workspace: Workspace, clock: Clock, submission_id: int, *, actor: str | None = None, reason: str = "",
    seen: State | None = None,
) -> Decision:
    """Accept a submission (LedgerError, in Chinese, when it cannot be accepted). `seen`: the state
    the clerk decided on; another desk having changed it since is refused (StaleDecision)."""
    with open_ledger(workspace, clock) as ledger:
        _refuse_unless_allowed(ledger, "accept", submission_id, seen)
        sub = ledger.accept(submission_id, actor, reason.strip(), seen)
    return Decision("accept", sub, (_standing(sub),))


def reject(workspace: Workspace, clock: Clock, submission_id: int, *, actor: str | None = None, reason: str = "",
           reader: IsolatedReader | None = None, seen: State | None = None) -> Decision:
    """Reject a submission, then write its return package and its 退回通知 into the outbox.

    `reader` is a parser the caller keeps (IsolatedReader.read_then); without one, a parser
    process is started for this package under the workspace's [limits].
    """
    warnings: list[str] = []
    with open_ledger(workspace, clock) as ledger:
        _refuse_unless_allowed(ledger, "reject", submission_id, seen)
        sub = ledger.reject(submission_id, actor, reason.strip(), seen)
        package = _return_package(workspace, ledger, sub.id, reader, warnings)
        notice = _return_notice(workspace, clock, ledger, sub.id, actor, warnings)
    sentences = [_standing(sub)]
    if package is not None:
        sentences.append(f"退回包：{package}（请发给报送单位，按其中的错误清单改正后重新报送）")
    if notice is not None:
        sentences.append(f"退回通知：{notice}")
    return Decision("reject", sub, tuple(sentences), tuple(warnings), package, notice)


def correct_receipt_date(workspace: Workspace, clock: Clock, submission_id: int, day: date, *, actor: str | None = None,
                         reason: str = "") -> Decision:
    """Correct the date a submission counts as received on (what 按时报送 is judged by)."""
    with open_ledger(workspace, clock) as ledger:
        sub = ledger.set_receipt_date(submission_id, day, reason.strip(), actor)
    return Decision("receipt_date", sub, (_standing(sub),))


def _refuse_unless_allowed(ledger: Ledger, action: str, submission_id: int, seen: State | None = None) -> None:
    sub = ledger.get(submission_id)
    if seen is not None and sub.state is not seen:
        return  # changed since the clerk looked: the ledger refuses it, saying who changed it (StaleDecision)
    why = refusal(action, sub)
    if why:
        raise LedgerError(why)


def _standing(sub: Submission) -> str:
    return f"编号 {sub.id}（{sub.original_name}）：{sub.state.zh}，收文日期 {sub.received_on.isoformat()}。"


def _return_package(
    workspace: Workspace, ledger: Ledger, submission_id: int, reader: IsolatedReader | None, warnings: list[str]
) -> Path | None:
    # Deferred: openpyxl and python-docx load only when a package is written, not for every command.
    # Looked up on the module at call time: a test stands in for on_rejected there.
    from themeday_office.render import submitter

    try:
        return submitter.on_rejected(ledger, submission_id, workspace.outbox, reader=reader,
                                     limits=workspace.settings.limits.to_read_limits())
    except submitter.ReturnPackageError as exc:
        warnings.append(f"文件已退回，但未能生成退回包：{exc}")
        return None


def _return_notice(workspace: Workspace, clock: Clock, ledger: Ledger, submission_id: int, actor: str | None,
                   warnings: list[str]) -> Path | None:
    from themeday_office.render.documents import Office, WordingError
    from themeday_office.render.documents.returns import write_return_notice
    from themeday_office.render.gbt9704 import DocumentWriteError
    from themeday_office.render.outbox_file import OutboxWriteError

    try:
        # Annotated here: write_return_notice (render/) does not yet declare what it returns.
        notice: Path | None = write_return_notice(Office.of(workspace), ledger, submission_id, workspace.outbox,
                                                  actor, today=clock().date())
        return notice
    except (OSError, LedgerError, WordingError, DocumentWriteError, OutboxWriteError) as exc:
        warnings.append(f"文件已退回，但未能生成退回通知：{exc}")
        return None
