"""Observer health: an inbox that goes away and comes back, a folder replaced, a deaf observer."""

from __future__ import annotations

import os

import pytest

from themeday_office.watch import FileDone, ObserverRestarted, OutageEnded, OutageStarted
from themeday_office.watch import watcher as watcher_module
from themeday_office.watch.canary import CANARY_NAME
from themeday_office.watch.observer import _HintSink

from .conftest import Rig, wait_for
from .test_watcher import drop


@pytest.mark.parametrize("polling", [False, True], ids=["native", "polling"])
def test_an_inbox_unreachable_for_a_while_is_watched_again_and_the_outage_logged(rig: Rig, polling: bool) -> None:
    # A long rescan interval: after the outage, only a working observer finds the new file in time.
    rig.watcher(polling=polling, rescan_s=600)
    away = rig.root / "inbox-away"
    os.rename(rig.inbox, away)
    wait_for(lambda: rig.of(OutageStarted), what="the outage to be noticed")
    drop(away, "中断期间.xlsx")  # lands in the folder while it is away
    os.rename(away, rig.inbox)
    wait_for(lambda: rig.of(OutageEnded), what="the inbox to be back")
    drop(rig.inbox, "恢复之后.xlsx")
    wait_for(lambda: len(rig.ingest.recorded()) == 2, timeout=15, what="both files")
    assert sorted(rig.names_handled()) == ["中断期间.xlsx", "恢复之后.xlsx"]
    log = rig.log()
    assert "无法访问（文件夹不存在），中断开始" in log
    assert "已恢复，中断持续" in log


@pytest.mark.parametrize("how", ["renamed-away", "replaced-in-place"])
def test_an_inbox_replaced_by_a_new_folder_is_watched_anew(rig: Rig, how: str) -> None:
    # A native observer watches the folder object, not the name: without a restart it
    # would keep listening to the old folder (or to nothing) while the new one fills up.
    rig.watcher(rescan_s=600)
    fresh = rig.root / "fresh"
    fresh.mkdir()
    if how == "renamed-away":
        os.rename(rig.inbox, rig.root / "old-inbox")
    os.rename(fresh, rig.inbox)  # over an empty folder, rename replaces it in one step
    wait_for(lambda: rig.of(ObserverRestarted), what="the observer to be replaced")
    reason = rig.of(ObserverRestarted)[0].reason
    assert reason in {"收件箱文件夹已被替换", "监视线程已停止（事件源已退出）"}
    if how == "renamed-away":
        assert reason == "收件箱文件夹已被替换"  # the old folder lives on, so its watch does too
    drop(rig.inbox, "新文件夹中.xlsx")
    wait_for(lambda: rig.ingest.recorded(), what="the new file")
    assert rig.names_handled() == ["新文件夹中.xlsx"]
    assert f"监视已重启：{reason}" in rig.log()


def test_a_quiet_observer_is_probed_and_a_deaf_one_replaced(rig: Rig, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(watcher_module, "CANARY_TIMEOUT_S", 1.0)
    watcher = rig.watcher(rescan_s=0.2)
    # Quiet and healthy: canaries come back, nothing is restarted, nothing is ingested.
    # Eight rescans outlast a canary's round trip plus its timeout: a lost canary would show.
    wait_for(lambda: watcher.status().scans >= 8, what="eight quiet rescans")
    assert rig.of(ObserverRestarted) == [] and rig.ingest.calls == []

    # Deaf: threads alive, same folder, but no event arrives any more.
    monkeypatch.setattr(_HintSink, "dispatch", lambda self, event: None)
    wait_for(lambda: rig.of(ObserverRestarted), what="the deaf observer to be replaced")
    assert "未报告探测文件" in rig.of(ObserverRestarted)[0].reason
    drop(rig.inbox, "扫描补上.xlsx")  # the rescan is the truth when events fail
    wait_for(lambda: rig.of(FileDone), what="the file found by a rescan")
    assert "定期扫描发现 1 个监视未报告的文件" in rig.log()
    monkeypatch.undo()
    watcher.stop()
    assert not (rig.inbox / CANARY_NAME).exists()


def test_an_inbox_missing_at_start_is_waited_for(rig: Rig) -> None:
    # A network share not yet connected when the watcher starts.
    rig.inbox.rmdir()
    rig.watcher(rescan_s=600)
    wait_for(lambda: rig.of(OutageStarted), what="the missing inbox to be noticed")
    rig.inbox.mkdir()
    wait_for(lambda: rig.of(OutageEnded), what="the inbox to appear")
    drop(rig.inbox, "统计表.xlsx")
    wait_for(lambda: rig.ingest.recorded(), what="the file")
    assert rig.names_handled() == ["统计表.xlsx"]
