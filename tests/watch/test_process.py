"""A watcher process killed mid-burst and restarted: every file ends up ingested exactly once."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from themeday_office.watch import InboxWatcher, WatcherBusy

from ..conftest import REPO
from .conftest import wait_for
from .ingest_double import IngestDouble
from .test_watcher import drop

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


class WatcherProcess:
    def __init__(self, root: Path, run: int) -> None:
        self.root = root
        self.console = root / f"console-{run}.txt"
        with open(self.console, "wb") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "tests.watch.ingest_double", *self.args(root), "0.2", "60"],
                cwd=REPO,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        wait_for(lambda: "正在监视收件箱" in self.output() or self.proc.poll() is not None, what="the watcher")
        assert self.proc.poll() is None, self.output()

    @staticmethod
    def args(root: Path) -> list[str]:
        return [str(root / "inbox"), str(root / "state"), str(root / "archive"), str(root / "results.txt")]

    def output(self) -> str:
        return self.console.read_text(encoding="utf-8", errors="replace")

    def end(self, signum: int) -> int:
        self.proc.send_signal(signum)
        return self.proc.wait(timeout=20)


@pytest.mark.slow
def test_a_watcher_killed_during_a_burst_and_restarted_ingests_each_file_exactly_once(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    ingest = IngestDouble(tmp_path / "archive", tmp_path / "results.txt")  # reads what the process wrote
    names = [f"M{i:03d}_惠济区.xlsx" for i in range(150)]

    first = WatcherProcess(tmp_path, 1)
    busy = InboxWatcher(inbox, tmp_path / "state", ingest)
    with pytest.raises(WatcherBusy, match=rf"（进程 {first.proc.pid}，自 "):
        busy.start()

    burst = names[:100]
    for name in burst:
        drop(inbox, name)
    wait_for(lambda: len(ingest.recorded()) >= 20, what="the burst under way")
    first.proc.kill()
    first.proc.wait(timeout=10)
    assert len(ingest.recorded()) < len(burst), "the burst was over before the kill"
    for name in names[len(burst):]:  # dropped while no watcher runs
        drop(inbox, name)

    second = WatcherProcess(tmp_path, 2)
    wait_for(lambda: len(set(ingest.recorded())) == len(names) and not any(inbox.iterdir()),
             timeout=60, what="every file")  # fmt: skip
    assert second.end(signal.SIGTERM) == 0, second.output()

    recorded = ingest.recorded()
    assert len(recorded) == len(set(recorded)) == len(names)  # no file recorded twice
    assert len(ingest.archived()) == len(names)
    assert list(inbox.iterdir()) == []  # no canary or temporary file left behind either
    assert "已停止监视" in second.output()
    assert "→ 已通过" in second.output()
    log = (tmp_path / "state" / "watch.log").read_text(encoding="utf-8")
    assert log.count("开始监视收件箱") == 2 and log.count("停止监视收件箱") == 1
