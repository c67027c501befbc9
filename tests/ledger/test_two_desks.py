"""Two desks deciding on one submission: the later decision, made on a state that has changed,
is refused with who did what, and changes nothing. Two Ledger objects on one database are the
two desks (SQLite: two connections to the file; PostgreSQL: two connections to the server)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.ledger.conftest import Clock
from tests.ledger.test_store import checked
from themeday_office.ledger import Ledger, StaleDecision, State


def test_the_later_clerk_is_told_who_decided_first_and_nothing_changes(tmp_path):
    with Ledger.open(tmp_path / "state", clock=Clock()) as wang, Ledger.open(tmp_path / "state") as li:
        sub = wang.record(checked(1), auto_accept=False)
        seen_by_li = li.get(sub.id).state  # 李明 looks at the queue: 待处理
        wang.reject(sub.id, "王芳", "应到人数填错", seen=State.VALID)
        with pytest.raises(StaleDecision, match=r"编号 1 已由 王芳 于 09:0\d 退回，现为“已退回”，请刷新后再处理"):
            li.accept(sub.id, "李明", seen=seen_by_li)
        assert li.get(sub.id).state is State.REJECTED
        assert [(e.action, e.actor) for e in li.events(sub.id)][-1] == ("rejected", "王芳")


def test_two_desks_deciding_at_once_one_wins(tmp_path):
    with Ledger.open(tmp_path / "state") as setup:
        ids = [setup.record(checked(n), auto_accept=False).id for n in range(1, 21)]

    def desk(name: str, action: str) -> list[str]:
        outcomes = []
        with Ledger.open(tmp_path / "state") as ledger:
            for sid in ids:
                try:
                    if action == "accept":
                        ledger.accept(sid, name, seen=State.VALID)
                    else:
                        ledger.reject(sid, name, "退回", seen=State.VALID)
                    outcomes.append("done")
                except StaleDecision:
                    outcomes.append("stale")
        return outcomes

    with ThreadPoolExecutor(2) as pool:
        a, b = pool.map(desk, ["王芳", "李明"], ["accept", "reject"])
    assert all({x, y} == {"done", "stale"} for x, y in zip(a, b, strict=True)), "each file decided exactly once"
    with Ledger.open(tmp_path / "state") as ledger:
        for sid in ids:
            decisions = [e for e in ledger.events(sid) if e.action in ("accepted", "rejected")]
            assert len(decisions) == 1
