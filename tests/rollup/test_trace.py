"""Every figure names the ledger ids that made it, and those submissions alone make it again."""

from __future__ import annotations

import random

import pytest

from themeday_office.domain.period import Period
from themeday_office.rollup import DISTRICT, Figure, rollup

from .conftest import JIAOTI, MAR, Q1, WEIJI, XINQU, Desk, Q1World


def sampled_cells(r, k: int, seed: int) -> list[tuple[str, str, str, Figure]]:
    """Every district cell and `k` others, the same ones on every run."""
    cells = list(r.cells())
    district = [c for c in cells if c[0] == "district"]
    rest = [c for c in cells if c[0] != "district"]
    return district + random.Random(seed).sample(rest, k)


def same(a: Figure, b: Figure) -> bool:
    return a.numerator == pytest.approx(b.numerator) and a.denominator == b.denominator


@pytest.mark.parametrize("period", [MAR, Q1], ids=str)
def test_sampled_cells_recompute_from_only_their_sources(q1: Q1World, period: Period):
    inputs = q1.desk.inputs()
    full = rollup(inputs, period)
    for view, key, column, figure in sampled_cells(full, 40, seed=len(str(period))):
        again = rollup(inputs.only(figure.sources), period).cell(view, key, column)
        assert same(again, figure), (view, key, column, figure, again)
        assert again.sources == figure.sources


def test_a_cell_missing_one_of_its_sources_comes_out_different(q1: Q1World):
    # The check above can fail: leave out a submission a cell names, and the cell changes.
    inputs = q1.desk.inputs()
    march = rollup(inputs, MAR)
    on_time = march.cell("district", DISTRICT, "on_time_rate")
    filing = q1.ids["adjustment/" + XINQU]
    without = rollup(inputs.only(on_time.sources - {filing}), MAR).cell("district", DISTRICT, "on_time_rate")
    assert (without.numerator, on_time.numerator) == (6, 8)
    assert march.trace("committee", JIAOTI, "held") == {q1.ids[JIAOTI]}


@pytest.mark.parametrize(
    ("period", "view", "key", "column"),
    [(MAR, "district", DISTRICT, "on_time_rate"), (Q1, "committee", WEIJI, "score")],
    ids=["march-on-time", "q1-score"],
)
def test_a_ledger_rebuilt_from_the_archived_originals_gives_the_same_cell(q1: Q1World, tmp_path, period, view, key,
                                                                          column):
    """Only the traced submissions' original bytes, received on the same 收文日期, into a new ledger."""
    old = q1.desk.ledger
    figure = rollup(q1.desk.inputs(), period).cell(view, key, column)
    assert figure.sources
    desk = Desk(tmp_path / "rebuilt")
    for _id, effective, _at, source, data in old.roster_versions():
        desk.ledger.add_roster_version(effective, source, f"copy-{effective}", data)
    with desk.ledger:
        for sid in sorted(figure.sources):
            sub = old.get(sid)
            path = desk.inbox / sub.original_name
            path.write_bytes(old.archive.get(sub.sha256))
            clerk_accepted = any(m.severity == "错误" for m in old.messages(sid))
            desk.receive(path, sub.received_on, accept_reason="与原台账一致" if clerk_accepted else None)
        again = rollup(desk.inputs(), period).cell(view, key, column)
    assert same(again, figure)
