"""Concurrent runs are calm: two `themeday ingest` at once, or `ingest` beside `watch`, real
processes on one inbox. One waits for the other (saying so), nothing is recorded twice, no traceback."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest

from themeday_office.ingest.lock import OTHER_RUN, IngestLock
from themeday_office.ingest.pipeline import LATER
from themeday_office.ingest.session import ingest_session
from themeday_office.ledger import Ledger, sha256_of

from .conftest import MARCH, month_files

WAITING_LINE = f"{OTHER_RUN}，等待…"


class Lines(threading.Thread):
    """Collects a process's output lines as they come."""

    def __init__(self, stream) -> None:
        super().__init__(daemon=True)
        self.stream = stream
        self.lines: list[str] = []

    def run(self) -> None:
        for line in self.stream:
            self.lines.append(line)

    @property
    def text(self) -> str:
        return "".join(self.lines)


def wait_until(condition, timeout: float = 60.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def start(workspace, command: str) -> tuple[subprocess.Popen, Lines, Lines]:
    proc = subprocess.Popen([sys.executable, "-m", "themeday_office", command, "-w", str(workspace.root)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})  # now: the test's ledger URL
    out, err = Lines(proc.stdout), Lines(proc.stderr)
    out.start()
    err.start()
    return proc, out, err


def finish(proc: subprocess.Popen, *readers: Lines, timeout: float = 120.0) -> int:
    code = proc.wait(timeout)
    for reader in readers:
        reader.join(10)
    return code


def assert_exactly_once(workspace, contents: set[str]) -> None:
    assert not [p for p in workspace.inbox.rglob("*") if p.is_file()]
    with Ledger.open(workspace.state) as ledger:
        subs = ledger.submissions()
        assert sorted(s.sha256 for s in subs) == sorted(contents)
        assert all(s.removed for s in subs)


def test_two_ingest_runs_at_once_one_waits_and_each_file_is_recorded_once(workspace, district, tmp_path):
    generated = month_files(district, tmp_path / "a") + month_files(district, tmp_path / "b", seed=2)
    for i, g in enumerate(generated):
        shutil.copy(g.path, workspace.inbox / f"{i:02d}-{g.path.name}")
    contents = {sha256_of(g.path.read_bytes()) for g in generated}
    held = IngestLock(workspace.state)
    with held.held():  # both start while a third run holds the lock: both must wait, then race for it
        runs = [start(workspace, "ingest") for _ in range(2)]
        wait_until(lambda: all(WAITING_LINE in out.text for _, out, _ in runs), what="both runs to say they wait")
    codes = [finish(proc, out, err) for proc, out, err in runs]
    outs, errs = [out.text for _, out, _ in runs], [err.text for _, _, err in runs]
    assert codes == [0, 0], errs
    assert not any("Traceback" in e or "IntegrityError" in e for e in errs), errs
    assert all(o.count(WAITING_LINE) == 1 for o in outs)
    summaries = sorted(o.strip().splitlines()[-1] for o in outs)  # the one that got the lock first took all
    assert summaries[0] == "共处理 0 个文件：收件箱为空。"
    assert summaries[1].startswith(f"共处理 {len(generated)} 个文件：已通过 {len(generated)}")
    assert_exactly_once(workspace, contents)


@pytest.mark.skipif(not hasattr(signal, "SIGTERM"), reason="SIGTERM is POSIX")
def test_ingest_beside_a_running_watcher_is_calm_and_exactly_once(workspace, district, tmp_path):
    watch, watch_out, watch_err = start(workspace, "watch")
    try:
        wait_until(lambda: "正在监视收件箱" in watch_out.text, what="the watcher to start")
        contents: set[str] = set()
        for seed in (1, 2, 3):
            for g in month_files(district, tmp_path / f"s{seed}", seed=seed, period=MARCH):
                shutil.copy(g.path, workspace.inbox / f"{seed}-{g.path.name}")
                contents.add(sha256_of(g.path.read_bytes()))
            ingest, out, err = start(workspace, "ingest")  # while the watcher takes the same files
            assert finish(ingest, out, err) == 0, err.text
            assert "Traceback" not in err.text and "IntegrityError" not in err.text, err.text
        wait_until(lambda: not [p for p in workspace.inbox.rglob("*") if p.is_file()], what="an empty inbox")
    finally:
        watch.send_signal(signal.SIGTERM)
        finish(watch, watch_out, watch_err)
    assert watch.returncode == 0, watch_err.text
    assert "Traceback" not in watch_err.text and "处理出错" not in watch_out.text, watch_out.text + watch_err.text
    assert_exactly_once(workspace, contents)


@pytest.mark.skipif(not hasattr(signal, "SIGTERM"), reason="SIGTERM is POSIX")
def test_while_one_run_holds_the_lock_the_watcher_defers_and_ingest_waits(workspace, district, tmp_path):
    watch, watch_out, watch_err = start(workspace, "watch")
    try:
        wait_until(lambda: "正在监视收件箱" in watch_out.text, what="the watcher to start")
        generated = month_files(district, tmp_path / "src")
        contents = {sha256_of(g.path.read_bytes()) for g in generated}
        with IngestLock(workspace.state).held():  # a run in progress: the watcher must leave the files
            for g in generated:
                shutil.copy(g.path, workspace.inbox / g.path.name)
            wait_until(lambda: f"{OTHER_RUN}" in watch_out.text, what="the watcher to defer a file")
            ingest, out, err = start(workspace, "ingest")
            wait_until(lambda: WAITING_LINE in out.text, what="ingest to say it waits")
            with Ledger.open(workspace.state) as ledger:
                assert ledger.submissions() == [], "nothing taken while the lock was held"
        assert finish(ingest, out, err) == 0, err.text
        wait_until(lambda: not [p for p in workspace.inbox.rglob("*") if p.is_file()], what="an empty inbox")
    finally:
        watch.send_signal(signal.SIGTERM)
        finish(watch, watch_out, watch_err)
    assert watch.returncode == 0 and "Traceback" not in watch_err.text + err.text, watch_err.text + err.text
    assert "处理出错" not in watch_out.text
    assert_exactly_once(workspace, contents)


def test_the_watchers_ingest_defers_a_file_while_another_run_holds_the_lock(workspace, district):
    report = month_files(district, workspace.inbox)[0].path
    other = IngestLock(workspace.state)
    with ingest_session(workspace) as ingestor:
        with other.held():
            outcome = ingestor.ingest(report)
            assert (outcome.word, outcome.detail) == (LATER, OTHER_RUN)
            assert report.exists()
        assert ingestor.ingest(report).submission is not None
    assert not report.exists()


def test_ingest_waits_for_the_lock_with_a_message(workspace, district, capsys):
    from themeday_office.cli import main

    month_files(district, workspace.inbox)
    taken = threading.Event()

    def another_run() -> None:  # on its own thread, as another program would be
        with IngestLock(workspace.state).held():
            taken.set()
            time.sleep(1.0)

    holder = threading.Thread(target=another_run)
    holder.start()
    try:
        assert taken.wait(10)
        assert main(["ingest", "-w", str(workspace.root)]) == 0
    finally:
        holder.join()
    out = capsys.readouterr().out
    assert out.count(WAITING_LINE) == 1 and "已通过" in out
