"""The ledger's allowed state changes, in one table.

The store moves a submission from one state to another only along a row of CHANGES and
refuses anything else with a LedgerError in Chinese; the front ends ask the same table
(`may_change`, `refusal`, `needs_reason`) before they offer a decision, instead of keeping
rules of their own. The README's "Ledger states" section is `changes_markdown()`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from themeday_office.ledger.records import State, Submission


class By(str, enum.Enum):
    """Who makes a change."""

    CLERK = "clerk"  # a decision: `accept` or `reject` (ingest's auto-accept is an accept for the clerk)
    LEDGER = "ledger"  # a consequence of a decision on another version of the same kind, unit and period


@dataclass(frozen=True)
class Change:
    source: State
    target: State
    by: By
    event: str  # the history entry it writes (records.ACTION_ZH)
    needs_reason: bool = False
    when: str = ""  # for the docs: when the ledger makes it


CHANGES: tuple[Change, ...] = (
    Change(State.VALID, State.ACCEPTED, By.CLERK, "accepted", when="or ingest on arrival (`auto_accept`)"),
    Change(State.INVALID, State.ACCEPTED, By.CLERK, "accepted", needs_reason=True),
    Change(State.REJECTED, State.ACCEPTED, By.CLERK, "accepted", needs_reason=True),
    Change(State.VALID, State.REJECTED, By.CLERK, "rejected", needs_reason=True),
    Change(State.INVALID, State.REJECTED, By.CLERK, "rejected", needs_reason=True),
    Change(State.ACCEPTED, State.REJECTED, By.CLERK, "rejected", needs_reason=True),
    Change(State.ACCEPTED, State.SUPERSEDED, By.LEDGER, "superseded", when="when a newer version is accepted"),
    Change(
        State.SUPERSEDED, State.ACCEPTED, By.LEDGER, "restored", when="when the version that replaced it is rejected"
    ),
)

# What a new submission is recorded as; every other state is reached only by a change above.
ENTRY_STATES = frozenset({State.RECEIVED, State.VALID, State.INVALID, State.QUARANTINED, State.UNPACKED})

# The clerk's decision that aims at each target, in the words of the messages.
DECISION_ZH = {State.ACCEPTED: "通过", State.REJECTED: "退回"}

_BY_PAIR = {(c.source, c.target, c.by): c for c in CHANGES}


def change(source: State, target: State, by: By = By.CLERK) -> Change | None:
    """The row that allows `source` → `target` made `by` someone; None when the table refuses it."""
    return _BY_PAIR.get((source, target, by))


def may_change(source: State, target: State, by: By = By.CLERK) -> bool:
    """May a submission in `source` go to `target` (by default: by a clerk's decision)?"""
    return change(source, target, by) is not None


def needs_reason(source: State, target: State) -> bool:
    """Must the clerk write a reason to move a submission from `source` to `target`?"""
    row = change(source, target)
    return row is not None and row.needs_reason


def refusal(sub: Submission, target: State, reason: str | None = None) -> str:
    """Why a clerk may not move `sub` to `target`, in Chinese; "" when the table allows it.

    With `reason` (the text the clerk wrote), a missing one is a refusal too; without it only
    the states are asked, as a front end does before it opens the reason dialog.
    """
    why = refusal_of(sub.id, sub.state, target, By.CLERK, reason)
    if not why and target is State.ACCEPTED and not sub.kind:
        # Nothing in it was read as a form: accepting it would pass what no one could check.
        return f"编号 {sub.id} 无法读取或未识别出是哪种报表，不能通过；请退回，请报送单位重新报送"
    return why


def refusal_of(submission_id: int, source: State, target: State, by: By = By.CLERK,
               reason: str | None = None) -> str:
    """`refusal` for a submission known by its id and state, for a change made `by` anyone."""
    verb = DECISION_ZH.get(target, f"改为“{target.zh}”")
    row = change(source, target, by)
    if row is None:
        if source is target is State.ACCEPTED:
            return f"编号 {submission_id} 已经通过，无需再次通过"
        if source is State.UNPACKED:
            return f"编号 {submission_id} 是已拆包的压缩包，不能{verb}；请逐个审核包内的文件"
        return f"编号 {submission_id} 当前状态为“{source.zh}”，不能{verb}"
    if reason is not None and row.needs_reason and not reason.strip():
        if target is State.REJECTED:
            return "退回时必须写明理由"
        return f"编号 {submission_id} 有错误或已退回，{verb}时必须写明理由"
    return ""


def changes_markdown() -> str:
    """The table as the README's developer guide prints it (a test keeps the two equal)."""
    lines = [
        "| from | to | made by | history entry | reason |",
        "|---|---|---|---|---|",
    ]
    for c in CHANGES:
        made_by = ", ".join(filter(None, (f"clerk: `{_METHOD[c.target]}`" if c.by is By.CLERK else "ledger", c.when)))
        lines.append(f"| {_state(c.source)} | {_state(c.target)} | {made_by} | `{c.event}` | "
                     f"{'required' if c.needs_reason else '—'} |")
    lines += [
        "",
        "A new submission is recorded as " + ", ".join(_state(s) for s in State if s in ENTRY_STATES) + ".",
        "No change leads out of " + ", ".join(_state(s) for s in State if not _leaves(s)) + ".",
        "Every other pair of states is refused with a `LedgerError` in Chinese.",
    ]
    return "\n".join(lines) + "\n"


_METHOD = {State.ACCEPTED: "accept", State.REJECTED: "reject"}


def _state(state: State) -> str:
    return f"{state.value} ({state.zh})"


def _leaves(state: State) -> bool:
    return any(c.source is state for c in CHANGES)
