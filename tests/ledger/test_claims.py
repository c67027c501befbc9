"""Claims on inbox files: one desk at a time holds a file, until it gives it back or its lease ends.
Two Ledger objects on one database stand for two desks (on SQLite: two connections to one file)."""

from __future__ import annotations

import time

from themeday_office.ledger import Ledger


def test_one_desk_holds_a_file_until_it_gives_it_back(tmp_path):
    with Ledger.open(tmp_path / "state") as a, Ledger.open(tmp_path / "state") as b:
        assert a.claim("三月/古荥镇党委.xlsx", "甲", 60)
        assert not b.claim("三月/古荥镇党委.xlsx", "乙", 60)
        assert a.claim("三月/古荥镇党委.xlsx", "甲", 60), "a desk renews its own claim"
        assert b.claim("三月/花园口镇党委.xlsx", "乙", 60), "another file is free"
        [(path, desk, left)] = [c for c in b.claims() if c[0] == "三月/古荥镇党委.xlsx"]
        assert desk == "甲" and 50 < left <= 60
        b.release_claim("三月/古荥镇党委.xlsx", "乙")  # not b's: nothing changes
        assert not b.claim("三月/古荥镇党委.xlsx", "乙", 60)
        a.release_claim("三月/古荥镇党委.xlsx", "甲")
        assert b.claim("三月/古荥镇党委.xlsx", "乙", 60)


def test_a_lease_that_ends_lets_another_desk_take_the_file(tmp_path):
    with Ledger.open(tmp_path / "state") as a, Ledger.open(tmp_path / "state") as b:
        assert a.claim("x.xlsx", "甲", 0.5)
        assert not b.claim("x.xlsx", "乙", 60)
        deadline = time.monotonic() + 10
        while not b.claim("x.xlsx", "乙", 60):  # the database's clock decides, not a sleep's length
            assert time.monotonic() < deadline, "the lease never ended"
            time.sleep(0.1)
        a.release_claim("x.xlsx", "甲")  # the late desk's release leaves the new holder alone
        assert [(p, d) for p, d, _ in a.claims()] == [("x.xlsx", "乙")]


def test_a_batch_of_claims_is_given_back_at_once_and_only_the_desks_own(tmp_path):
    from themeday_office.ingest.desks import DeskClaims

    with Ledger.open(tmp_path / "state") as a, Ledger.open(tmp_path / "state") as b:
        desk_a, desk_b = DeskClaims(a, "甲#1", 60), DeskClaims(b, "乙#2", 60)
        assert all(desk_a.take(f"{i}.xlsx") for i in range(3))
        assert desk_b.take("3.xlsx") and not desk_b.take("0.xlsx")
        desk_b.give_back_many(["0.xlsx", "3.xlsx"])  # 0 was never b's: a keeps it
        assert sorted((p, d) for p, d, _ in a.claims()) == [("0.xlsx", "甲#1"), ("1.xlsx", "甲#1"), ("2.xlsx", "甲#1")]
        desk_a.give_back_many(["0.xlsx", "1.xlsx", "2.xlsx", "2.xlsx"])
        assert a.claims() == []
        assert desk_b.take("1.xlsx")
