"""`themeday watch` as a clerk runs it: a real process, a real observer, the real ingest."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from themeday_office.ledger import Ledger

from .conftest import month_files


def wait_for(condition, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (value := condition()):
            return value
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


def submissions(workspace) -> int:
    ledger = Ledger.open_existing(workspace.state)
    if ledger is None:
        return 0
    with ledger:
        return len(ledger.submissions())


@pytest.mark.skipif(not hasattr(signal, "SIGTERM"), reason="SIGTERM is POSIX")
def test_watch_ingests_dropped_files_and_refuses_a_second_watcher(workspace, district, tmp_path):
    generated = month_files(district, tmp_path / "src")
    shutil.copy(generated[0].path, workspace.inbox / generated[0].path.name)  # waiting before start
    cmd = [sys.executable, "-m", "themeday_office", "watch", "-w", str(workspace.root)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        wait_for(lambda: submissions(workspace) == 1)
        for g in generated[1:]:
            shutil.copy(g.path, workspace.inbox / g.path.name)
        wait_for(lambda: submissions(workspace) == len(generated))
        wait_for(lambda: not any(workspace.inbox.iterdir()))
        second = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60)
        assert second.returncode == 1
        assert "已有监视程序在运行" in second.stdout + second.stderr
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "→ 已通过" in out
    assert generated[1].path.name in out
