"""The table of allowed state changes (states.py), tried pair by pair through the store's decisions.

For every pair of states (source, target), a submission is brought into `source` through the
ledger's public methods, and every public way of moving it is tried: the clerk's `accept` and
`reject`, a newer version being accepted (the ledger supersedes), the version that replaced it
being rejected (the ledger restores). The move lands in `target` exactly when the table has
the row; a clerk's decision the table refuses raises the table's Chinese reason and changes
nothing.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from themeday_office.ledger import CheckedFile, Ledger, LedgerError, State, StoredMessage, Submission, sha256_of
from themeday_office.ledger.states import (
    CHANGES,
    ENTRY_STATES,
    By,
    change,
    changes_markdown,
    may_change,
    needs_reason,
    refusal,
)

README = Path(__file__).resolve().parents[2] / "README.md"
REASON = "电话核实"


class Files:
    """Checked files with bytes of their own, each unit its own kind/unit/period."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self, unit: str, *, errors: int = 0, kind: str = "monthly") -> CheckedFile:
        self.n += 1
        messages = [StoredMessage("错误", "count_over", "月报!L5", "实到人数大于应到人数")] * errors
        return CheckedFile(sha256=sha256_of(f"{unit} {self.n}".encode()), original_name=f"{unit}{self.n}.xlsx",
                           inbox_path=f"{unit}{self.n}.xlsx", size=100, format="xlsx", kind=kind, unit=unit,
                           period="2017-03" if kind else "", messages=messages)


def in_state(ledger: Ledger, files: Files, state: State, unit: str) -> Submission:
    """A submission in `state`, reached through public methods only, after an accepted first version
    of its kind, unit and period (so rejecting "the current version" has something to reject)."""
    ledger.record(files(unit), auto_accept=True)
    if state is State.VALID:
        return ledger.record(files(unit), auto_accept=False)
    if state is State.INVALID:
        return ledger.record(files(unit, errors=1), auto_accept=True)
    if state is State.ACCEPTED:
        return ledger.record(files(unit), auto_accept=True)
    if state is State.REJECTED:
        return ledger.reject(ledger.record(files(unit), auto_accept=False).id, reason="单位盖章缺失")
    if state is State.SUPERSEDED:
        sub = ledger.record(files(unit), auto_accept=True)
        ledger.record(files(unit), auto_accept=True)
        return ledger.get(sub.id)
    if state is State.UNPACKED:
        container = files(unit, kind="")
        return ledger.record(container, auto_accept=True, state=state, members=[files(f"{unit}包内")])
    return ledger.record(files(unit), auto_accept=True, state=state)  # received, quarantined


@dataclass(frozen=True)
class Route:
    """One public way of moving a submission, aimed at `target`, made `by` a clerk or the ledger."""

    name: str
    target: State
    by: By
    move: Callable[[Ledger, Files, Submission], object]


def _supersede(ledger: Ledger, files: Files, sub: Submission) -> None:
    ledger.record(files(sub.unit), auto_accept=True)


def _restore(ledger: Ledger, files: Files, sub: Submission) -> None:
    for other in ledger.submissions(unit=sub.unit, kind="monthly", current=True):
        if other.id != sub.id:
            ledger.reject(other.id, reason="误收")


ROUTES = [
    Route("accept", State.ACCEPTED, By.CLERK, lambda ledger, _, sub: ledger.accept(sub.id, reason=REASON)),
    Route("reject", State.REJECTED, By.CLERK, lambda ledger, _, sub: ledger.reject(sub.id, reason=REASON)),
    Route("a newer version accepted", State.SUPERSEDED, By.LEDGER, _supersede),
    Route("the version that replaced it rejected", State.ACCEPTED, By.LEDGER, _restore),
]


@pytest.mark.parametrize(("source", "target"), list(itertools.product(State, State)),
                         ids=lambda s: s.value)
def test_every_pair_of_states_moves_exactly_as_the_table_says(ledger, source, target):
    files = Files()
    for i, route in enumerate(ROUTES):
        sub = in_state(ledger, files, source, unit=f"单位{i}")
        assert sub.state is source
        allowed = route.target is target and may_change(source, target, route.by)
        try:
            route.move(ledger, files, sub)
        except LedgerError as refused:
            assert route.by is By.CLERK and not allowed, (route.name, str(refused))
            assert str(refused) == refusal(sub, route.target, REASON) != ""
            assert ledger.get(sub.id).state is source, route.name
            continue
        after = ledger.get(sub.id)
        if allowed:
            assert after.state is target, route.name
            assert after.current is (target is State.ACCEPTED)
            row = change(source, target, route.by)
            assert row is not None, route.name
            assert ledger.events(sub.id)[-1].action == row.event
        else:
            assert not (after.state is target and target is not source), route.name
            if route.by is By.CLERK and route.target is target:
                pytest.fail(f"{route.name}: {source.value} → {target.value} is not in the table, yet not refused")


@pytest.mark.parametrize("state", list(State), ids=lambda s: s.value)
def test_a_new_submission_is_recorded_only_in_an_entry_state(ledger, state):
    files = Files()
    if state in ENTRY_STATES:
        assert ledger.record(files("单位"), auto_accept=False, state=state).state is state
    else:
        with pytest.raises(LedgerError, match=f"不能登记为“{state.zh}”"):
            ledger.record(files("单位"), auto_accept=False, state=state)
        assert ledger.submissions() == []


def test_a_reason_is_asked_where_the_table_says(ledger):
    files = Files()
    for row in (c for c in CHANGES if c.by is By.CLERK):
        sub = in_state(ledger, files, row.source, unit=f"{row.source.value}-{row.target.value}")
        decide = ledger.accept if row.target is State.ACCEPTED else ledger.reject
        assert needs_reason(row.source, row.target) is row.needs_reason
        if row.needs_reason:
            with pytest.raises(LedgerError, match="必须写明理由"):
                decide(sub.id, reason=" ")
            assert ledger.get(sub.id).state is row.source
        assert decide(sub.id, reason="" if not row.needs_reason else REASON).state is row.target


def test_a_container_can_be_neither_accepted_nor_rejected(ledger):
    container = in_state(ledger, Files(), State.UNPACKED, unit="打包")
    for decide, verb in ((ledger.accept, "通过"), (ledger.reject, "退回")):
        with pytest.raises(LedgerError, match=f"是已拆包的压缩包，不能{verb}；请逐个审核包内的文件"):
            decide(container.id, reason=REASON)
    assert ledger.get(container.id).state is State.UNPACKED


def test_a_file_nothing_was_read_from_can_be_rejected_but_not_accepted(ledger):
    """An unreadable or unrecognised file (no form kind) waits for the clerk: 退回 asks the unit for a
    readable one; 通过 would pass what no one could check."""
    files = Files()
    unread = ledger.record(files("半截文件", errors=1, kind=""), auto_accept=True)
    assert unread.state is State.INVALID
    assert refusal(unread, State.ACCEPTED) == (
        f"编号 {unread.id} 无法读取或未识别出是哪种报表，不能通过；请退回，请报送单位重新报送")
    with pytest.raises(LedgerError, match="不能通过；请退回"):
        ledger.accept(unread.id, reason=REASON)
    assert ledger.get(unread.id).state is State.INVALID
    assert ledger.reject(unread.id, reason="文件打不开，请重新报送").state is State.REJECTED


def test_the_readme_prints_the_table():
    assert changes_markdown() in README.read_text(encoding="utf-8"), (
        "README's 'Ledger states' table differs from the code; paste "
        "`python -c 'from themeday_office.ledger.states import changes_markdown as t; print(t())'`"
    )
