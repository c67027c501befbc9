"""The watcher's rules without waiting: ignore patterns, settling, retries, canary, lock, console."""

from __future__ import annotations

import os
import time
from datetime import datetime
from pathlib import Path

import pytest

from themeday_office.watch import (
    FailuresChanged,
    FileDeferred,
    FileDone,
    OutageEnded,
    Verdict,
    WatcherBusy,
    WatchOutcome,
    console_line,
)
from themeday_office.watch.canary import CANARY_NAME, Canary
from themeday_office.watch.failures import FailingFiles, describe
from themeday_office.watch.ignore import EMPTY_PLACEHOLDER_S, is_ignored, is_placeholder
from themeday_office.watch.lock import InboxLock
from themeday_office.watch.pending import (
    OPEN_WRITER_MAX_S,
    PLACEHOLDER_RECHECK_S,
    RETRY_MAX_S,
    PendingFiles,
    Readiness,
)
from themeday_office.watch.scan import Signature, scan_inbox


@pytest.mark.parametrize(
    "name",
    [
        "~$古荥镇党委3月统计表.xlsx",
        ".~lock.古荥镇党委3月统计表.xlsx#",
        ".~记录表.docx",  # WPS
        "~WRD0001.tmp",
        "~wrl2841.TMP",
        "下载中.tmp",
        "统计表.xlsx.part",
        "统计表.xlsx.crdownload",
        ".hidden.xlsx",
        "Thumbs.db",
        CANARY_NAME,
    ],
)
def test_lock_temporary_and_hidden_files_are_ignored(name: str) -> None:
    assert is_ignored(Path("inbox") / name)


@pytest.mark.parametrize("name", ["古荥镇党委3月统计表.xlsx", "记录表.docx", "tmp.xlsx", "~统计表.xlsx", "a.partial"])
def test_submissions_are_not_ignored(name: str) -> None:
    assert not is_ignored(Path("inbox") / name)


def test_files_in_hidden_folders_under_the_inbox_are_ignored() -> None:
    inbox = Path("/x/inbox")
    assert is_ignored(inbox / ".sync" / "统计表.xlsx", inbox=inbox)
    assert not is_ignored(inbox / "古荥镇" / "统计表.xlsx", inbox=inbox)


def sig(size: int, mtime: int = 1) -> Signature:
    return Signature(size, mtime)


def test_a_file_is_ready_only_after_it_stays_unchanged_for_the_settle_time() -> None:
    book = PendingFiles(settle_s=1.0, close_settle_s=0.25)
    f = Path("a.xlsx")
    book.note(f, now=0.0)
    assert book.observe(f, sig(10), now=0.0) is Readiness.WAIT
    assert book.observe(f, sig(20, 2), now=0.9) is Readiness.WAIT  # grew: the clock restarts
    assert book.due(now=1.8) == []
    assert book.observe(f, sig(20, 2), now=1.85) is Readiness.WAIT
    assert book.due(now=1.9) == [f]
    assert book.observe(f, sig(20, 2), now=1.9) is Readiness.READY


def test_a_close_after_write_shortens_the_wait_until_the_next_write() -> None:
    book = PendingFiles(settle_s=1.0, close_settle_s=0.25)
    f = Path("a.xlsx")
    book.note(f, now=0.0)
    book.note(f, now=0.0, closed=True)
    assert book.observe(f, sig(10), now=0.0) is Readiness.WAIT
    assert book.observe(f, sig(10), now=0.3) is Readiness.READY
    book.note(f, now=0.3)  # written again: the close no longer counts
    assert book.observe(f, sig(12), now=0.3) is Readiness.WAIT
    assert book.observe(f, sig(12), now=0.6) is Readiness.WAIT
    assert book.observe(f, sig(12), now=1.3) is Readiness.READY


def test_a_file_still_open_in_its_writer_waits_until_closed_or_the_cap() -> None:
    book = PendingFiles(settle_s=1.0, close_settle_s=0.25, open_writer_s=OPEN_WRITER_MAX_S)
    f, g = Path("a.xlsx"), Path("b.xlsx")
    book.note(f, now=0.0, written=True)  # a third written, then the copy pauses
    book.note(g, now=0.0, written=True)  # a program that never closes
    assert book.observe(f, sig(10), now=0.0) is Readiness.WAIT
    assert book.observe(g, sig(10), now=0.0) is Readiness.WAIT
    assert book.observe(f, sig(10), now=2.5) is Readiness.WAIT, "the settle time alone is not enough"
    book.note(f, now=2.6, written=True)
    book.note(f, now=2.7, closed=True)
    assert book.observe(f, sig(30, 2), now=2.7) is Readiness.WAIT
    assert book.observe(f, sig(30, 2), now=2.95) is Readiness.READY
    assert book.observe(g, sig(10), now=OPEN_WRITER_MAX_S - 0.1) is Readiness.WAIT
    assert book.observe(g, sig(10), now=OPEN_WRITER_MAX_S) is Readiness.READY
    moved = Path("moved.xlsx")  # renamed in: no writer holds it, the settle time decides
    book.note(moved, now=0.0)
    assert book.observe(moved, sig(5), now=0.0) is Readiness.WAIT
    assert book.observe(moved, sig(5), now=1.0) is Readiness.READY


def test_without_close_reports_an_open_writer_is_not_waited_for() -> None:
    book = PendingFiles(settle_s=2.0, close_settle_s=0.5)  # polling, or a platform without inotify
    book.note(Path("a.xlsx"), now=0.0, written=True)
    assert book.observe(Path("a.xlsx"), sig(10), now=0.0) is Readiness.WAIT
    assert book.observe(Path("a.xlsx"), sig(10), now=2.0) is Readiness.READY


def test_an_empty_placeholder_waits_in_the_book_and_a_vanished_file_leaves_it() -> None:
    book = PendingFiles(settle_s=1.0, close_settle_s=0.25)
    book.note(Path("empty.xlsx"), now=0.0)
    book.note(Path("gone.xlsx"), now=0.0)
    assert book.observe(Path("empty.xlsx"), sig(0), now=0.0, placeholder=True) is Readiness.EMPTY
    assert book.observe(Path("gone.xlsx"), None, now=0.0) is Readiness.GONE
    # Kept (a scan would otherwise take it for a file the observer missed), looked at again later.
    assert Path("empty.xlsx") in book and len(book) == 1
    assert book.due(now=PLACEHOLDER_RECHECK_S - 1) == [] and book.due(now=PLACEHOLDER_RECHECK_S) == [Path("empty.xlsx")]


def test_a_file_left_empty_settles_like_any_other() -> None:
    book = PendingFiles(settle_s=1.0, close_settle_s=0.25)
    book.note(Path("sent-empty.xlsx"), now=0.0)
    assert book.observe(Path("sent-empty.xlsx"), sig(0), now=0.0, placeholder=False) is Readiness.WAIT
    assert book.observe(Path("sent-empty.xlsx"), sig(0), now=1.0, placeholder=False) is Readiness.READY


def test_an_empty_file_is_a_placeholder_while_young_or_beside_a_download(tmp_path: Path) -> None:
    empty = tmp_path / "统计表.xlsx"
    empty.write_bytes(b"")
    st = os.stat(empty)
    assert is_placeholder(empty, st, now=st.st_mtime + 1)
    assert not is_placeholder(empty, st, now=st.st_mtime + EMPTY_PLACEHOLDER_S + 1)
    assert not is_placeholder(empty, st, now=st.st_mtime - EMPTY_PLACEHOLDER_S - 1)  # a share's clock far ahead
    (tmp_path / "统计表.xlsx.part").write_bytes(b"")
    assert is_placeholder(empty, st, now=st.st_mtime + EMPTY_PLACEHOLDER_S + 1)
    (tmp_path / "有内容.xlsx").write_bytes(b"x")
    assert not is_placeholder(tmp_path / "有内容.xlsx", os.stat(tmp_path / "有内容.xlsx"))


def test_a_file_left_in_place_is_retried_with_a_growing_delay_unless_it_changes() -> None:
    book = PendingFiles(settle_s=1.0, close_settle_s=0.25)
    f = Path("locked.xlsx")
    book.found(f, sig(10), now=0.0)
    assert book.observe(f, sig(10), now=1.0) is Readiness.READY
    delays = [book.defer(f, sig(10), now=1.0) for _ in range(8)]
    assert delays == sorted(delays) and delays[0] == 2.0 and delays[-1] == RETRY_MAX_S == 60.0
    book.note(f, now=2.0)  # an event about it, content unchanged: still waits out the delay
    assert book.observe(f, sig(10), now=2.0) is Readiness.WAIT
    assert book.observe(f, sig(11), now=2.0) is Readiness.WAIT  # new content: settles afresh
    assert book.observe(f, sig(11), now=3.0) is Readiness.READY


def test_a_file_its_writer_still_holds_is_looked_at_less_and_less_often() -> None:
    book = PendingFiles(settle_s=1.0, close_settle_s=0.25)
    f = Path("held.xlsx")
    book.found(f, sig(10), now=0.0)
    delays = [book.blocked(f, now=1.0) for _ in range(10)]
    assert delays[0] == 0.5 and delays[1] == 1.0 and max(delays) == 30.0


def test_a_file_failing_for_days_stays_at_the_cap() -> None:
    # 2 ** n outgrows a float after ~1,000 doublings: a minute's cap reaches that in under a day.
    book = PendingFiles(settle_s=1.0, close_settle_s=0.25)
    f = Path("broken.xlsx")
    book.found(f, sig(10), now=0.0)
    delays = [book.defer(f, sig(10), now=1.0) for _ in range(5000)]
    assert max(delays) == delays[-1] == RETRY_MAX_S
    assert [book.blocked(f, now=1.0) for _ in range(5000)][-1] == 30.0


def test_failing_files_know_the_newest_failure_and_whether_an_error_is_new() -> None:
    book = FailingFiles()
    first, new = book.failed(Path("a"), "a.xlsx", ValueError("bad value(s) in fds_to_keep"))
    assert new and first.times == 1 and first.reason == "处理出错：ValueError: bad value(s) in fds_to_keep"
    assert book.failed(Path("a"), "a.xlsx", ValueError("bad value(s) in fds_to_keep"))[1] is False
    assert book.failed(Path("b"), "sub/b.docx", OSError("磁盘已满\n第二行"))[1] is True
    at = datetime(2017, 3, 13)
    assert book.changed(at) == FailuresChanged(
        at=at, failing=2, last_name="sub/b.docx", last_reason="处理出错：OSError: 磁盘已满"
    )
    again, new = book.failed(Path("a"), "a.xlsx", TypeError("bad value(s) in fds_to_keep"))
    assert new and again.times == 3  # a new type of error is new even with the same message
    assert book.changed(at).last_name == "a.xlsx"
    assert book.clear(Path("a")) and not book.clear(Path("a"))
    assert book.changed(at) == FailuresChanged(
        at=at, failing=1, last_name="sub/b.docx", last_reason="处理出错：OSError: 磁盘已满"
    )
    book.clear(Path("b"))
    assert book.changed(at) == FailuresChanged(at=at, failing=0, last_name="", last_reason="")


def test_an_error_is_described_in_one_short_line() -> None:
    assert describe(RuntimeError()) == "RuntimeError"
    assert describe(ValueError("  一\n二 ")) == "ValueError: 一"
    assert len(describe(ValueError("长" * 1000))) == len("ValueError: ") + 200


def test_scan_lists_subfolders_counts_ignored_and_empty_files_and_skips_the_canary(tmp_path: Path) -> None:
    (tmp_path / "古荥镇").mkdir()
    (tmp_path / ".sync").mkdir()
    (tmp_path / "古荥镇" / "记录表.docx").write_bytes(b"x")
    (tmp_path / "统计表.xlsx").write_bytes(b"xy")
    (tmp_path / ".sync" / "a.xlsx").write_bytes(b"x")
    (tmp_path / "~$统计表.xlsx").write_bytes(b"x")
    (tmp_path / "empty.xlsx").write_bytes(b"")
    (tmp_path / CANARY_NAME).write_bytes(b"")
    # Empty for longer than a placeholder stays empty: sent empty, a candidate (its message says so);
    # unless a download beside it is still being written.
    long_ago = time.time() - EMPTY_PLACEHOLDER_S - 5
    for name in ("空的.xlsx", "下载中.xlsx"):
        (tmp_path / name).write_bytes(b"")
        os.utime(tmp_path / name, (long_ago, long_ago))
    (tmp_path / "下载中.xlsx.part").write_bytes(b"PK")
    scan = scan_inbox(tmp_path)
    assert set(scan.files) == {tmp_path / "古荥镇" / "记录表.docx", tmp_path / "统计表.xlsx", tmp_path / "空的.xlsx"}
    assert scan.files[tmp_path / "统计表.xlsx"].size == 2
    assert scan.ignored == 4  # the lock file, the young empty file, the download and its placeholder


def test_canary_answers_only_events_after_it_was_sent_and_leaves_nothing_behind(tmp_path: Path) -> None:
    canary = Canary(tmp_path, timeout_s=5.0)
    canary.send(now=10.0)
    assert (tmp_path / CANARY_NAME).exists()
    assert not canary.seen(at=9.0)  # an event from before it was made
    assert not canary.overdue(now=14.0) and canary.overdue(now=15.5)
    assert canary.seen(at=10.1)
    assert not canary.waiting and not (tmp_path / CANARY_NAME).exists()


def test_a_second_lock_on_the_same_inbox_is_refused_naming_the_holder(tmp_path: Path) -> None:
    inbox = tmp_path / "收件箱"
    first = InboxLock(inbox, tmp_path / "state")
    first.acquire()
    try:
        with pytest.raises(WatcherBusy) as refused:
            InboxLock(inbox, tmp_path / "state").acquire()
        message = str(refused.value)
        assert message.startswith(f"收件箱 {inbox} 已有监视程序在运行（进程 {os.getpid()}，自 ")
        assert message.endswith(" 起）")
        InboxLock(tmp_path / "other", tmp_path / "state").acquire()  # another inbox is free
    finally:
        first.release()
    second = InboxLock(inbox, tmp_path / "state")
    second.acquire()
    second.release()
    assert not second.info_path.exists()


def test_console_lines() -> None:
    at = datetime(2017, 3, 13, 10, 2, 33)
    done = FileDone(at=at, path=Path("x"), name="古荥镇党委3月统计表.xlsx", outcome=WatchOutcome(Verdict.PASSED))
    assert console_line(done) == "10:02:33 古荥镇党委3月统计表.xlsx → 已通过"
    returned = FileDone(
        at=at, path=Path("x"), name="a/b.docx", outcome=WatchOutcome(Verdict.RETURNED, "不是可识别的报表")
    )
    assert console_line(returned) == "10:02:33 a/b.docx → 已退回（不是可识别的报表）"
    deferred = FileDeferred(at=at, path=Path("x"), name="b.xlsx", reason="文件被占用", retry_in=4.0)
    assert console_line(deferred) == "10:02:33 b.xlsx → 稍后重试（文件被占用，4 秒后）"
    assert console_line(OutageEnded(at=at, seconds=7.2)) == "10:02:33 收件箱已恢复（中断 7 秒），继续监视"
    failing = FailuresChanged(at=at, failing=2, last_name="a/b.docx", last_reason="处理出错：ValueError: 格式不对")
    assert console_line(failing) == (
        "10:02:33 处理出错的文件：2 个，最近一个是 a/b.docx（处理出错：ValueError: 格式不对），详见 watch.log"
    )
    none_failing = FailuresChanged(at=at, failing=0, last_name="", last_reason="")
    assert console_line(none_failing) == "10:02:33 已没有处理出错的文件"
    # Every line must survive a Windows console on the GBK code page.
    for event in (done, returned, deferred, failing, none_failing):
        (console_line(event) or "").encode("gbk")
