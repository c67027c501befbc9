"""A crash at any moment loses no file and counts none twice.

Deterministic: stop at each named crash point of the protocol, then run again.
Random: SIGKILL a real `themeday ingest` process at random moments, 20 times.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time

import pytest

from themeday_office.domain.period import Period
from themeday_office.ingest.pipeline import BATCH, CRASH_POINTS, REPEAT
from themeday_office.ingest.session import ingest_session
from themeday_office.ledger import Ledger, sha256_of

from .conftest import MARCH, month_files


class SimulatedCrash(BaseException):
    """Raised at a crash point; BaseException so no `except Exception` in the code swallows it."""


def crash_on(point: str, nth: int):
    seen = {"n": 0}

    def hook(at: str) -> None:
        if at == point:
            seen["n"] += 1
            if seen["n"] == nth:
                raise SimulatedCrash(at)

    return hook


def inbox_files(workspace):
    return sorted(p for p in workspace.inbox.rglob("*") if p.is_file())


def assert_exactly_once(workspace, contents: set[str], repeats: int = 0):
    assert not inbox_files(workspace), "nothing left in the inbox"
    with Ledger.open(workspace.state) as ledger:
        subs = [s for s in ledger.submissions() if s.parent_id is None]
        assert sorted(s.sha256 for s in subs) == sorted(contents), "each file recorded exactly once"
        assert sum(ledger.repeats(s.id) for s in subs) == repeats, "no repeat counted twice or invented"
        assert all(s.removed for s in subs)
        assert all(ledger.archive.has(s.sha256) for s in subs)


@pytest.mark.parametrize("point", CRASH_POINTS)
@pytest.mark.parametrize("nth", [1, 3])
def test_a_crash_at_each_point_is_finished_by_the_next_run(workspace, district, point, nth):
    generated = month_files(district, workspace.inbox)
    contents = {sha256_of(g.path.read_bytes()) for g in generated}
    with pytest.raises(SimulatedCrash):
        with ingest_session(workspace, crash_at=crash_on(point, nth)) as ingestor:
            for path in inbox_files(workspace):
                ingestor.ingest(path)
    with ingest_session(workspace) as ingestor:
        for path in inbox_files(workspace):
            ingestor.ingest(path)
    assert_exactly_once(workspace, contents)


def counting(point: str):
    seen = {"n": 0}

    def hook(at: str) -> None:
        seen["n"] += at == point

    return hook, seen


def two_months(district, folder):
    """More files than one batch: March and April of every committee."""
    return month_files(district, folder) + month_files(district, folder, period=Period.of_month(2017, 4))


def test_ingest_many_commits_checked_files_together(workspace, district):
    generated = two_months(district, workspace.inbox)
    assert BATCH < len(generated) <= 2 * BATCH
    contents = {sha256_of(g.path.read_bytes()) for g in generated}
    hook, commits = counting("after_commit")
    with ingest_session(workspace, crash_at=hook) as ingestor:
        outcomes = list(ingestor.ingest_many(inbox_files(workspace)))
    assert len(outcomes) == len(generated)
    assert commits["n"] == -(-len(generated) // BATCH)  # full batches, then the rest
    assert_exactly_once(workspace, contents)


def test_big_files_make_smaller_batches(workspace, district, monkeypatch):
    from themeday_office.ingest import pipeline

    monkeypatch.setattr(pipeline, "PENDING_BYTES", 1)  # every file counts as big
    generated = two_months(district, workspace.inbox)
    hook, commits = counting("after_commit")
    with ingest_session(workspace, crash_at=hook) as ingestor:
        outcomes = list(ingestor.ingest_many(inbox_files(workspace)))
    assert len(outcomes) == len(generated) and not inbox_files(workspace)
    assert commits["n"] == -(-len(generated) // 2)  # two files held at most, then committed


@pytest.mark.parametrize("point", CRASH_POINTS)
@pytest.mark.parametrize("nth", [1, 2])
def test_a_crash_inside_a_batch_is_finished_by_the_next_run(workspace, district, point, nth, tmp_path):
    generated = two_months(district, tmp_path / "src")
    for g in generated:
        shutil.copy(g.path, workspace.inbox / g.path.name)
    contents = {sha256_of(g.path.read_bytes()) for g in generated}
    with pytest.raises(SimulatedCrash):
        with ingest_session(workspace, crash_at=crash_on(point, nth)) as ingestor:
            list(ingestor.ingest_many(inbox_files(workspace)))
    with ingest_session(workspace) as ingestor:
        outcomes = list(ingestor.ingest_many(inbox_files(workspace)))
    assert REPEAT not in {o.word for o in outcomes}  # a batch's own leftovers are not repeats
    assert_exactly_once(workspace, contents)


@pytest.mark.parametrize("point", CRASH_POINTS)
def test_a_crash_while_noting_a_repeat_counts_it_once(workspace, district, point, tmp_path):
    generated = month_files(district, tmp_path / "src")
    first = generated[0].path
    shutil.copy(first, workspace.inbox / first.name)
    with ingest_session(workspace) as ingestor:
        ingestor.ingest(workspace.inbox / first.name)
    copy = workspace.inbox / "再次报送.xlsx"
    shutil.copy(first, copy)
    if point == "after_unlink":
        with pytest.raises(SimulatedCrash):
            with ingest_session(workspace, crash_at=crash_on(point, 1)) as ingestor:
                ingestor.ingest(copy)
    with ingest_session(workspace) as ingestor:
        for path in inbox_files(workspace):
            ingestor.ingest(path)
    assert_exactly_once(workspace, {sha256_of(first.read_bytes())}, repeats=1)


@pytest.mark.slow
def test_sigkill_at_random_moments(workspace, district, tmp_path):
    rng = random.Random(20171110)
    pool = []
    for seed in range(1, 17):
        pool += [g.path for g in month_files(district, tmp_path / f"pool{seed}", seed=seed, period=MARCH)]
    contents: set[str] = set()
    duplicates = 0
    interrupted = 0
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    for run in range(20):
        for _ in range(4):
            src = pool.pop()
            shutil.copy(src, workspace.inbox / f"{run:02d}-{src.name}")
            contents.add(sha256_of(src.read_bytes()))
        if run % 3 == 0 and contents:
            # A submitter sends an earlier file again: one real repeat.
            again = sorted(tmp_path.rglob("*.xlsx"))[run]
            if sha256_of(again.read_bytes()) in contents:
                shutil.copy(again, workspace.inbox / f"{run:02d}-重发.xlsx")
                duplicates += 1
        proc = subprocess.Popen(
            [sys.executable, "-m", "themeday_office", "ingest", "-w", str(workspace.root)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True,
        )
        time.sleep(rng.uniform(0.3, 2.5))
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the whole group: the parser workers die too
        except ProcessLookupError:
            pass
        proc.wait()
        interrupted += bool(inbox_files(workspace))
    # The kills must land mid-work often enough to mean something.
    assert interrupted >= 5, interrupted
    final = subprocess.run([sys.executable, "-m", "themeday_office", "ingest", "-w", str(workspace.root)],
                           capture_output=True, text=True, env=env)
    assert final.returncode == 0, final.stderr
    assert_exactly_once(workspace, contents, repeats=duplicates)
