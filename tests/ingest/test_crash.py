"""A crash at any moment loses no file and counts none twice.

In process: stop at each named crash point of the protocol, then run again.
Real processes: SIGKILL `themeday ingest` again and again, each time at a moment picked by
what it has done (its nth arrival at a crash point, or a number of files the ledger shows
started or committed), never by how long it has run; then a last run finishes the job.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from themeday_office.domain.period import Period
from themeday_office.ingest.pipeline import BATCH, CRASH_POINTS, REPEAT
from themeday_office.ingest.session import ingest_session
from themeday_office.ledger import Ledger, sha256_of
from themeday_office.ledger.postgres import PgConnection
from themeday_office.ledger.store import DB_NAME

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


def assert_archive_intact(workspace):
    """Every archived file holds the bytes its name says (no write torn by a kill)."""
    with Ledger.open(workspace.state) as ledger:
        for sub in ledger.submissions():
            assert sha256_of(ledger.archive.get(sub.sha256)) == sub.sha256  # get() also checks


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


# `themeday ingest` as the clerk runs it, but killing itself and its parser processes (one
# process group) on its nth arrival at a crash point: no finally, no atexit, no flush.
SELF_KILLING_INGEST = """
import os, signal, sys
from functools import partial
from themeday_office.cli import ingest_cmd, main
from themeday_office.ingest.session import ingest_session

point, nth, root = sys.argv[1], int(sys.argv[2]), sys.argv[3]
arrivals = 0

def crash_at(at):
    global arrivals
    arrivals += at == point
    if at == point and arrivals == nth:
        os.killpg(0, signal.SIGKILL)

ingest_cmd.ingest_session = partial(ingest_session, crash_at=crash_at)
sys.exit(main(["ingest", "-w", root]))
"""

# What the ledger counts as a run goes on: each file's check beginning, and commits (a batch at a time).
LEDGER_COUNTS = {
    "started": "SELECT COALESCE(SUM(tries), 0) FROM attempt",
    "committed": "SELECT COUNT(*) FROM submission WHERE parent_id IS NULL",
}
KILL_WAIT_S = 120.0  # only bounds a hung run; no kill is ever timed


@dataclass(frozen=True)
class Kill:
    """When one run of `themeday ingest` dies: at its nth arrival at a crash point, or once the
    ledger's count (`started` or `committed`) has grown by nth in this run."""

    how: str
    nth: int

    @property
    def query(self) -> str | None:
        return LEDGER_COUNTS.get(self.how)


def pick_kill(how: str, unfinished: int, rng: random.Random) -> Kill:
    """A moment that always comes before the run's work is done, given the number of distinct
    files in the inbox not committed yet (the run commits each, then unlinks it)."""
    if how in CRASH_POINTS[:2]:  # after_archive, after_commit: once per commit of up to BATCH files
        return Kill(how, rng.randint(1, -(-unfinished // BATCH)))
    if how == "after_unlink":  # once per file removed: these, leftovers and repeats
        return Kill(how, rng.randint(1, unfinished - 1))
    # Killed from outside: at least BATCH files are still to be checked and committed when the
    # ledger shows the count, so the kill lands while the run is busy, wherever in their steps.
    if how == "started":
        return Kill(how, rng.randint(1, unfinished - BATCH))
    return Kill(how, rng.randint(1, unfinished - 2 * BATCH))  # the count jumps by up to a batch


def raw_ledger(workspace) -> Any:
    """A plain connection to the ledger (sqlite3, or the PostgreSQL one the ledger uses), polled
    while a run goes on without taking the ledger's own locks."""
    url = workspace.settings.ledger.url or os.environ.get("THEMEDAY_LEDGER__URL", "")
    return PgConnection(url) if url else sqlite3.connect(workspace.state / DB_NAME)


def unfinished_files(workspace, ledger: Any) -> int:
    committed = {sha for (sha,) in ledger.execute("SELECT sha256 FROM submission")}
    return len({sha256_of(p.read_bytes()) for p in inbox_files(workspace)} - committed)


def ingest_command(workspace, kill: Kill) -> list[str]:
    if kill.query is None:
        return [sys.executable, "-c", SELF_KILLING_INGEST, kill.how, str(kill.nth), str(workspace.root)]
    return [sys.executable, "-m", "themeday_office", "ingest", "-w", str(workspace.root)]


def kill_when_counted(proc: subprocess.Popen, ledger: Any, query: str, target: int) -> None:
    deadline = time.monotonic() + KILL_WAIT_S
    while ledger.execute(query).fetchone()[0] < target:
        assert proc.poll() is None, f"ingest ended before the ledger showed {target}"
        assert time.monotonic() < deadline, "ingest hung"
        time.sleep(0.002)
    os.killpg(proc.pid, signal.SIGKILL)  # the whole group: the parser workers die too


def left_unfinished(workspace) -> bool:
    """Files still in the inbox, or committed ones not yet marked removed: the kill landed mid-work."""
    with Ledger.open(workspace.state) as ledger:
        return bool(inbox_files(workspace)) or bool(ledger.pending_removal())


@pytest.mark.slow
def test_sigkill_at_any_moment_loses_nothing_and_counts_nothing_twice(workspace, district, tmp_path):
    rng = random.Random(20171110)
    plan = [*CRASH_POINTS * 4, *["started"] * 5, *["committed"] * 3]  # twenty kills
    rng.shuffle(plan)
    new_files = {how: 2 * BATCH + 4 if how == "committed" else BATCH + 2 for how in plan}  # enough to pick from
    pool: list[Path] = []
    for seed in range(1, 2 + sum(new_files[how] for how in plan) // 5):  # five committees' reports a seed
        pool += [g.path for g in month_files(district, tmp_path / f"pool{seed}", seed=seed, period=MARCH)]
    rng.shuffle(pool)
    contents: set[str] = set()
    sent: list[Path] = []
    repeats = 0
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    for run, how in enumerate(plan):
        if run % 3 == 2:  # a submitter sends a file of an earlier run again: one real repeat
            shutil.copy(rng.choice(sent), workspace.inbox / f"{run:02d}-重发.xlsx")
            repeats += 1
        for i in range(new_files[how]):
            src = pool.pop()  # every committee's report, from several seeds: names repeat, contents do not
            shutil.copy(src, workspace.inbox / f"{run:02d}-{i:02d}-{src.name}")
            contents.add(sha256_of(src.read_bytes()))
            sent.append(src)
        ledger = raw_ledger(workspace)
        try:
            kill = pick_kill(how, unfinished_files(workspace, ledger), rng)
            target = ledger.execute(kill.query).fetchone()[0] + kill.nth if kill.query else 0
            proc = subprocess.Popen(ingest_command(workspace, kill), stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, env=env, start_new_session=True)  # fmt: skip
            if kill.query:
                kill_when_counted(proc, ledger, kill.query, target)
            _, stderr = proc.communicate(timeout=KILL_WAIT_S)
        finally:
            ledger.close()
        assert proc.returncode == -signal.SIGKILL, f"run {run}: {kill} not reached: {stderr.decode(errors='replace')}"
        assert left_unfinished(workspace), f"run {run}: {kill} landed after the work was done"
    final = subprocess.run([sys.executable, "-m", "themeday_office", "ingest", "-w", str(workspace.root)],
                           capture_output=True, text=True, env=env)  # fmt: skip
    assert final.returncode == 0, final.stderr
    assert_exactly_once(workspace, contents, repeats=repeats)
    assert_archive_intact(workspace)
