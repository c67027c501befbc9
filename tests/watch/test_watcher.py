"""A real observer on a temporary inbox, with an ingest double: what gets ingested, and when.

"When" is asserted on the watcher's clock (a ManualClock the test moves), never on wall time.
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from watchdog.events import FileClosedEvent, FileModifiedEvent, FileSystemEvent

from themeday_office.watch import (
    FileDeferred,
    FileDone,
    IgnoredCountChanged,
    InboxWatcher,
    Verdict,
    WatcherBusy,
    WatchOutcome,
)
from themeday_office.watch.ignore import EMPTY_PLACEHOLDER_S
from themeday_office.watch.observer import _HintSink
from themeday_office.watch.pending import OPEN_WRITER_MAX_S, close_settle_for

from .conftest import Rig, rescanned, wait_for


def drop(folder: Path, name: str, data: bytes | None = None) -> bytes:
    data = data if data is not None else f"{name} 的内容".encode() * 20
    (folder / name).write_bytes(data)
    return data


def observer_events(monkeypatch: pytest.MonkeyPatch) -> list[FileSystemEvent]:
    """Every event the observer has turned into a hint (the hint is on the watcher's queue)."""
    seen: list[FileSystemEvent] = []
    dispatch = _HintSink.dispatch

    def spy(self: _HintSink, event: FileSystemEvent) -> None:
        dispatch(self, event)
        seen.append(event)

    monkeypatch.setattr(_HintSink, "dispatch", spy)
    return seen


@pytest.mark.parametrize("polling", [False, True], ids=["native", "polling"])
def test_a_file_written_slowly_in_chunks_is_ingested_once_after_it_is_complete(rig: Rig, polling: bool) -> None:
    watcher = rig.watcher(settle_s=0.5, polling=polling, clock=rig.clock, rescan_s=3600)
    pause = watcher.settle_s * 0.8  # the writer's pace: always shorter than the settle time in force
    chunks = [f"第{i}块".encode() * 500 for i in range(4)]
    with open(rig.inbox / "古荥镇党委3月统计表.xlsx", "wb") as f:
        for chunk in chunks:
            f.write(chunk)
            f.flush()
            rig.tick(watcher, pause)
            assert rig.ingest.calls == [], "handed to ingest while still being written"
        finished = rig.clock()
    rig.tick_until(watcher, lambda: rig.ingest.calls, step=0.1, what="ingest of the finished file")
    assert rig.ingest.calls[0][1] - finished <= watcher.settle_s + 0.1
    assert rig.ingest.content(b"".join(chunks)) == b"".join(chunks)
    wait_for(lambda: not (rig.inbox / "古荥镇党委3月统计表.xlsx").exists(), what="the file to leave the inbox")
    assert rig.names_handled() == ["古荥镇党委3月统计表.xlsx"]
    done = rig.of(FileDone)
    assert len(done) == 1 and done[0].outcome == WatchOutcome(Verdict.PASSED)


def test_lock_temporary_and_empty_files_are_never_ingested_but_counted(rig: Rig) -> None:
    watcher = rig.watcher()
    ignored = ["~$统计表.xlsx", ".~lock.统计表.xlsx#", ".~记录表.docx", "~WRD0001.tmp", "~WRL0002.tmp",
               "x.tmp", "统计表.xlsx.part", "统计表.xlsx.crdownload", ".hidden.xlsx"]  # fmt: skip
    for name in ignored:
        drop(rig.inbox, name)
    (rig.inbox / "空文件.xlsx").write_bytes(b"")
    drop(rig.inbox, "记录表.docx")
    wait_for(lambda: rig.names_handled() == ["记录表.docx"], what="the real file")
    rescanned(watcher)
    assert watcher.ignored_count == len(ignored) + 1
    assert rig.of(IgnoredCountChanged)[-1].count == len(ignored) + 1

    # An empty file is ingested once it has grown; the rest stay untouched.
    (rig.inbox / "空文件.xlsx").write_bytes(b"now with data")
    wait_for(lambda: "空文件.xlsx" in rig.names_handled(), what="the grown file")
    rescanned(watcher)
    assert sorted(rig.names_handled()) == ["空文件.xlsx", "记录表.docx"]
    assert watcher.ignored_count == len(ignored)
    assert sorted(p.name for p in rig.inbox.iterdir()) == sorted(ignored)


def test_a_file_left_empty_is_ingested_and_an_empty_download_placeholder_is_not(rig: Rig) -> None:
    """Empty for longer than a placeholder stays empty (a unit sent it so): ingest records it and
    says why; Firefox's empty placeholder beside the .part it is still writing is left alone."""
    long_ago = time.time() - EMPTY_PLACEHOLDER_S - 5
    for name in ("空文件.xlsx", "下载中.xlsx"):
        (rig.inbox / name).write_bytes(b"")
        os.utime(rig.inbox / name, (long_ago, long_ago))
    (rig.inbox / "下载中.xlsx.part").write_bytes(b"PK")
    watcher = rig.watcher()
    wait_for(lambda: rig.names_handled() == ["空文件.xlsx"], what="the file left empty")
    rescanned(watcher)
    assert rig.names_handled() == ["空文件.xlsx"]
    assert watcher.ignored_count == 2  # the download and its placeholder


def test_files_moved_or_renamed_into_the_inbox_are_ingested(rig: Rig) -> None:
    rig.watcher()
    outside = rig.root / "outside"
    (outside / "古荥镇").mkdir(parents=True)
    drop(outside, "移入.xlsx")
    drop(outside / "古荥镇", "子目录1.xlsx")
    drop(outside / "古荥镇", "子目录2.docx")
    os.replace(outside / "移入.xlsx", rig.inbox / "移入.xlsx")
    # A browser download, and Word's save (temporary file renamed over the real name).
    drop(rig.inbox, "下载.xlsx.crdownload")
    os.replace(rig.inbox / "下载.xlsx.crdownload", rig.inbox / "下载.xlsx")
    drop(rig.inbox, "~WRD0003.tmp")
    os.replace(rig.inbox / "~WRD0003.tmp", rig.inbox / "记录表.docx")
    os.replace(outside / "古荥镇", rig.inbox / "古荥镇")  # a whole folder moved in
    expected = ["下载.xlsx", "子目录1.xlsx", "子目录2.docx", "移入.xlsx", "记录表.docx"]
    wait_for(lambda: sorted(rig.names_handled()) == expected, what="all moved files")
    wait_for(lambda: len(rig.ingest.recorded()) == 5, what="all records")
    # FileDone follows the ingest call that recorded the file: wait for it, not for the record.
    wait_for(lambda: len(rig.of(FileDone)) == 5, what="five FileDone events")
    names = {e.name for e in rig.of(FileDone)}
    assert "古荥镇/子目录1.xlsx" in names


@pytest.mark.slow
def test_two_hundred_files_dropped_at_once_are_each_ingested_exactly_once(rig: Rig) -> None:
    watcher = rig.watcher()
    names = [f"M{i:03d}_古荥镇党委3月统计表.xlsx" for i in range(200)]
    for name in names:
        drop(rig.inbox, name)
    wait_for(lambda: len(rig.ingest.calls) >= 200, timeout=60, what="200 files")
    rescanned(watcher)
    assert Counter(rig.names_handled()) == Counter(names)
    recorded = rig.ingest.recorded()
    assert len(recorded) == len(set(recorded)) == 200 == len(rig.ingest.archived())
    assert list(rig.inbox.iterdir()) == []


def test_files_waiting_at_start_are_ingested(rig: Rig) -> None:
    (rig.inbox / "古荥镇").mkdir()
    for name in ("a.xlsx", "b.docx", "古荥镇/c.xlsx"):
        drop(rig.inbox, name)
    rig.watcher()
    wait_for(lambda: len(rig.ingest.calls) == 3, what="the waiting files")
    assert sorted(rig.names_handled()) == ["a.xlsx", "b.docx", "c.xlsx"]
    assert "收件箱中已有 3 个文件" in rig.log()


def test_a_second_watcher_on_the_same_inbox_is_refused(rig: Rig) -> None:
    first = rig.watcher()
    second = InboxWatcher(rig.inbox, rig.state, rig.ingest)
    with pytest.raises(WatcherBusy, match=rf"已有监视程序在运行（进程 {os.getpid()}，自 .* 起）"):
        second.start()
    assert first.running
    first.stop()
    third = rig.watcher()  # the lock went with the first watcher
    assert third.running


def test_a_file_ingest_leaves_in_place_or_fails_on_is_retried_later_not_in_a_loop(rig: Rig) -> None:
    calls: dict[str, list[float]] = {}

    def flaky_ingest(path: Path) -> WatchOutcome:
        calls.setdefault(path.name, []).append(rig.clock())
        if len(calls[path.name]) == 1:
            if path.name == "出错.xlsx":
                raise RuntimeError("模拟的故障")
            return WatchOutcome.later("文件被占用")
        return rig.ingest(path)

    watcher = rig.watcher(handle=flaky_ingest, clock=rig.clock, rescan_s=3600)
    drop(rig.inbox, "被占用.xlsx")
    drop(rig.inbox, "出错.xlsx")
    step = 0.25
    rig.tick_until(watcher, lambda: len(rig.ingest.recorded()) == 2, step=step, what="both files after a retry")
    deferred = {e.name: e for e in rig.of(FileDeferred)}
    assert deferred["被占用.xlsx"].reason == "文件被占用"
    assert deferred["出错.xlsx"].reason == "处理出错：RuntimeError: 模拟的故障"
    assert all(e.retry_in == 2.0 for e in deferred.values())
    for first, second in calls.values():  # exactly two calls each: the delay waited out, then promptly retried
        assert 2.0 <= second - first <= 2.0 + 2 * step
    log = rig.log()
    assert "错误 处理 出错.xlsx 出错：RuntimeError: 模拟的故障，2 秒后重试" in log and "Traceback" in log
    assert "信息 被占用.xlsx 文件被占用，2 秒后重试" in log


def test_stop_lets_the_running_ingest_finish_and_starts_no_other(rig: Rig) -> None:
    entered, release = threading.Event(), threading.Event()

    def slow_ingest(path: Path) -> WatchOutcome:
        entered.set()
        release.wait(10)
        return rig.ingest(path)

    watcher = rig.watcher(handle=slow_ingest)
    for name in ("a.xlsx", "b.xlsx", "c.xlsx"):
        drop(rig.inbox, name)
    assert entered.wait(10)
    stopper = threading.Thread(target=watcher.stop)
    stopper.start()
    wait_for(lambda: not watcher.running, what="the stop request")
    assert stopper.is_alive()  # stop() waits for the ingest call in progress
    release.set()
    stopper.join(10)
    assert not stopper.is_alive()
    assert len(rig.ingest.calls) == 1
    handled = rig.ingest.calls[0][0]
    assert sorted(p.name for p in rig.inbox.iterdir()) == sorted({"a.xlsx", "b.xlsx", "c.xlsx"} - {handled})
    assert len(rig.ingest.recorded()) == 1
    assert "停止监视收件箱" in rig.log()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="close-after-write events are inotify's")
def test_a_close_after_write_shortens_the_wait(rig: Rig, monkeypatch: pytest.MonkeyPatch) -> None:
    events = observer_events(monkeypatch)
    watcher = rig.watcher(settle_s=3.0, clock=rig.clock, rescan_s=3600)
    shortened = close_settle_for(watcher.settle_s)
    assert shortened < watcher.settle_s / 2

    def closed(name: str) -> bool:
        return any(isinstance(e, FileClosedEvent) and os.fsdecode(e.src_path).endswith(name) for e in list(events))

    def written(name: str) -> bool:
        return any(isinstance(e, FileModifiedEvent) and os.fsdecode(e.src_path).endswith(name) for e in list(events))

    # Written and closed: once the close is on the watcher's queue, the shorter wait decides.
    drop(rig.inbox, "统计表.xlsx")
    wait_for(lambda: closed("统计表.xlsx"), what="the close event")
    rig.tick(watcher)  # the watcher notes the file and its close at the time it was written
    rig.tick(watcher, shortened - 0.05)
    assert rig.ingest.calls == []
    rig.tick(watcher, 0.05)
    wait_for(lambda: rig.ingest.calls, what="the closed file")

    # Still open in its writer: not at the settle time; at OPEN_WRITER_MAX_S, for a writer that never lets go.
    with open(rig.inbox / "仍在写.xlsx", "wb") as f:
        f.write("仍在写".encode() * 100)
        f.flush()
        wait_for(lambda: written("仍在写.xlsx"), what="the write event")
        rig.tick(watcher)
        rig.tick(watcher, watcher.settle_s + 0.5)
        rig.tick(watcher, OPEN_WRITER_MAX_S - watcher.settle_s - 0.55)
        assert len(rig.ingest.calls) == 1
        rig.tick_until(watcher, lambda: len(rig.ingest.calls) == 2, step=0.05, limit=1, what="the file left open")
    assert rig.names_handled() == ["统计表.xlsx", "仍在写.xlsx"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="close-after-write events are inotify's")
def test_a_copy_that_pauses_longer_than_the_settle_time_is_taken_only_once_complete(
        rig: Rig, monkeypatch: pytest.MonkeyPatch) -> None:
    events = observer_events(monkeypatch)
    watcher = rig.watcher(settle_s=1.0, clock=rig.clock, rescan_s=3600)
    data = "古荥镇党委3月统计表".encode() * 300
    path = rig.inbox / "古荥镇党委3月统计表.xlsx"
    with open(path, "wb") as f:  # the copy: a third, then a pause of 2.5 settle times
        f.write(data[: len(data) // 3])
        f.flush()
        wait_for(lambda: any(os.fsdecode(e.src_path) == str(path) for e in list(events)), what="the write event")
        for _ in range(5):
            rig.tick(watcher, 0.5)
        assert rig.ingest.calls == [], "taken half-written during the pause"
        f.write(data[len(data) // 3:])
    rig.tick_until(watcher, lambda: rig.ingest.calls, step=0.1, limit=5, what="the complete file")
    assert rig.ingest.recorded() == [hashlib.sha256(data).hexdigest()]
