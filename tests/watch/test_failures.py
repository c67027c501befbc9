"""Ingest raising on a file, with a real observer: logged once, retried less and less often, shown to the UI."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from pathlib import Path

from themeday_office.watch import FailuresChanged, FileDeferred, FileDone, InboxWatcher, WatchOutcome, run_forever

from .conftest import Rig, wait_for
from .test_watcher import drop

TRACEBACK = "Traceback (most recent call last)"
FDS = "bad value(s) in fds_to_keep"  # what the embedded watcher logged for ever (issue 19)


class FailingIngest:
    """Raises the given errors on a file's first attempts, one per attempt, then ingests it for real."""

    def __init__(self, rig: Rig, errors: Iterable[Exception] = (), *, always: bool = False) -> None:
        self.rig = rig
        self.errors = list(errors)
        self.always = always
        self.attempts: dict[str, int] = {}

    def __call__(self, path: Path) -> WatchOutcome:
        n = self.attempts[path.name] = self.attempts.get(path.name, 0) + 1
        if self.always:
            raise ValueError(FDS)
        if n <= len(self.errors):
            raise self.errors[n - 1]
        return self.rig.ingest(path)


def failures(rig: Rig) -> list[FailuresChanged]:
    return rig.of(FailuresChanged)


def error_lines(rig: Rig) -> list[str]:
    """The messages of watch.log's 错误 records (a traceback's lines are not records)."""
    return re.findall(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d 错误 (.*)$", rig.log(), flags=re.MULTILINE)


def started(rig: Rig, handle: FailingIngest) -> InboxWatcher:
    # A long rescan interval: on the test's clock no stall probe is ever due.
    return rig.watcher(handle=handle, clock=rig.clock, rescan_s=3600)


def test_a_failing_file_is_logged_once_in_full_then_briefly_and_shown_until_it_is_ingested(rig: Rig) -> None:
    handle = FailingIngest(rig, [ValueError(FDS)] * 3)
    watcher = started(rig, handle)
    drop(rig.inbox, "古荥镇党委3月统计表.xlsx")
    rig.tick_until(watcher, lambda: failures(rig), step=0.25, what="the first failure")
    first = failures(rig)[0]
    assert (first.failing, first.last_name, first.last_reason) == (
        1,
        "古荥镇党委3月统计表.xlsx",
        f"处理出错：ValueError: {FDS}",
    )
    assert watcher.status().failing == 1

    rig.tick_until(watcher, lambda: rig.of(FileDone), step=1.0, what="ingest once the handler works")
    assert [e.failing for e in failures(rig)] == [1, 1, 1, 0]
    assert (failures(rig)[-1].last_name, failures(rig)[-1].last_reason) == ("", "")
    assert watcher.status().failing == 0
    assert [e.retry_in for e in rig.of(FileDeferred)] == [2.0, 4.0, 8.0]
    assert handle.attempts == {"古荥镇党委3月统计表.xlsx": 4}

    log = rig.log()
    assert log.count(TRACEBACK) == 1
    assert error_lines(rig) == [
        f"处理 古荥镇党委3月统计表.xlsx 出错：ValueError: {FDS}，2 秒后重试",
        f"处理 古荥镇党委3月统计表.xlsx 第 2 次出错（错误同上次，详细信息只记录一次）：ValueError: {FDS}，4 秒后重试",
        f"处理 古荥镇党委3月统计表.xlsx 第 3 次出错（错误同上次，详细信息只记录一次）：ValueError: {FDS}，8 秒后重试",
    ]
    assert log.index(TRACEBACK) < log.index("第 2 次出错")  # the traceback goes with the first line
    assert not [line for line in log.splitlines() if " 信息 " in line and ("出错" in line or "重试" in line)]


def test_a_different_error_is_logged_in_full_again(rig: Rig) -> None:
    handle = FailingIngest(rig, [ValueError("甲"), ValueError("甲"), ValueError("乙"), TypeError("乙")])
    watcher = started(rig, handle)
    drop(rig.inbox, "记录表.docx")
    rig.tick_until(watcher, lambda: rig.of(FileDone), step=1.0, what="ingest once the handler works")
    assert rig.log().count(TRACEBACK) == 3  # ValueError: 甲, then a new message, then a new type
    lines = error_lines(rig)
    assert [line.split("：", 1)[0] for line in lines] == [
        "处理 记录表.docx 出错",
        "处理 记录表.docx 第 2 次出错（错误同上次，详细信息只记录一次）",
        "处理 记录表.docx 第 3 次出错，错误与上次不同",
        "处理 记录表.docx 第 4 次出错，错误与上次不同",
    ]
    assert [e.last_reason for e in failures(rig)] == [
        "处理出错：ValueError: 甲",
        "处理出错：ValueError: 甲",
        "处理出错：ValueError: 乙",
        "处理出错：TypeError: 乙",
        "",
    ]


def test_failing_files_that_leave_the_inbox_are_no_longer_counted(rig: Rig) -> None:
    watcher = started(rig, FailingIngest(rig, always=True))
    drop(rig.inbox, "甲.xlsx")
    drop(rig.inbox, "乙.xlsx")
    rig.tick_until(watcher, lambda: failures(rig) and failures(rig)[-1].failing == 2, step=0.25, what="two failing")
    newest = failures(rig)[-1].last_name
    older = ({"甲.xlsx", "乙.xlsx"} - {newest}).pop()

    (rig.inbox / older).unlink()  # the clerk takes it out: the observer reports it, no retry is needed
    wait_for(lambda: failures(rig)[-1].failing == 1, what="the count to drop")
    assert (failures(rig)[-1].last_name, failures(rig)[-1].last_reason) == (newest, f"处理出错：ValueError: {FDS}")

    (rig.inbox / newest).unlink()
    wait_for(lambda: failures(rig)[-1].failing == 0, what="the count to reach zero")
    assert (failures(rig)[-1].last_name, failures(rig)[-1].last_reason) == ("", "")
    assert watcher.status().failing == 0


def test_retries_of_a_file_that_always_fails_back_off_to_a_cap(rig: Rig) -> None:
    handle = FailingIngest(rig, always=True)
    watcher = started(rig, handle)
    drop(rig.inbox, "总是出错.xlsx")
    rig.tick_until(watcher, lambda: rig.of(FileDeferred), step=0.25, what="the first failure")
    for _ in range(8):
        deferred = rig.of(FileDeferred)
        rig.tick(watcher, deferred[-1].retry_in - 0.01)
        assert len(rig.of(FileDeferred)) == len(deferred), "retried before its delay was over"
        rig.tick(watcher, 0.01)

        def retried(seen: int = len(deferred)) -> bool:
            return len(rig.of(FileDeferred)) > seen

        wait_for(retried, what="the retry")
    delays = [e.retry_in for e in rig.of(FileDeferred)]
    assert delays == [2.0, 4.0, 8.0, 16.0, 32.0, 60.0, 60.0, 60.0, 60.0]
    assert handle.attempts == {"总是出错.xlsx": 9}
    assert [e.failing for e in failures(rig)] == [1] * 9
    assert rig.log().count(TRACEBACK) == 1
    assert error_lines(rig)[-1].startswith("处理 总是出错.xlsx 第 9 次出错（错误同上次")


def test_the_console_shows_each_failed_attempt_and_the_count_when_it_changes(rig: Rig) -> None:
    lines: list[str] = []
    watcher = InboxWatcher(rig.inbox, rig.state, FailingIngest(rig, [ValueError(FDS)] * 3),
                           settle_s=0.2, rescan_s=3600, clock=rig.clock)  # fmt: skip
    console = threading.Thread(target=run_forever, args=(watcher, lines.append))
    console.start()  # off the main thread run_forever sets no signal handlers; it ends when the watcher stops
    try:
        wait_for(lambda: watcher.running, what="the watcher")
        drop(rig.inbox, "甲.xlsx")
        rig.tick_until(watcher, lambda: rig.ingest.recorded(), step=1.0, what="ingest once the handler works")
    finally:
        watcher.stop()
        console.join(10)
    shown = [line.split(" ", 1)[1] for line in lines if line[:2].isdigit()]
    assert shown == [
        f"甲.xlsx → 稍后重试（处理出错：ValueError: {FDS}，2 秒后）",
        f"处理出错的文件：1 个，最近一个是 甲.xlsx（处理出错：ValueError: {FDS}），详见 watch.log",
        f"甲.xlsx → 稍后重试（处理出错：ValueError: {FDS}，4 秒后）",
        f"甲.xlsx → 稍后重试（处理出错：ValueError: {FDS}，8 秒后）",
        "甲.xlsx → 已通过",
        "已没有处理出错的文件",
    ]
