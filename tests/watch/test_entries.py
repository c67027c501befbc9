"""Links and special files in the inbox are never handed to ingest, and each is reported once.

A real observer and a real file system: symlinks to a file outside the inbox, to a folder,
dangling, a loop, and a FIFO. Names that are not UTF-8 or carry terminal escapes reach the
log and the events escaped.
"""

from __future__ import annotations

import os

import pytest

from themeday_office.watch import EntrySkipped, FileDone, console_line
from themeday_office.watch.scan import can_open, scan_inbox

from .conftest import Rig, rescanned, wait_for

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="symlinks and FIFOs as POSIX makes them")


def hostile_entries(rig: Rig) -> dict[str, str]:
    """Every kind of entry that is not a regular file; name -> the reason the watcher must give."""
    secret = rig.root / "secret.txt"
    secret.write_text("root:x:0:0", encoding="utf-8")
    (rig.root / "elsewhere").mkdir()
    (rig.root / "elsewhere" / "other.xlsx").write_bytes(b"PK" * 100)
    os.symlink(secret, rig.inbox / "a.xlsx")
    os.symlink(rig.root / "elsewhere", rig.inbox / "文件夹链接")
    os.symlink(rig.root / "nowhere.xlsx", rig.inbox / "dangling.xlsx")
    os.symlink("loop.xlsx", rig.inbox / "loop.xlsx")
    os.mkfifo(rig.inbox / "fifo.xlsx")
    return {"a.xlsx": "不处理链接文件", "文件夹链接": "不处理链接文件", "dangling.xlsx": "不处理链接文件",
            "loop.xlsx": "不处理链接文件", "fifo.xlsx": "不处理特殊文件"}


def test_the_scan_lists_links_and_special_files_apart_and_never_enters_a_linked_folder(rig: Rig) -> None:
    expected = hostile_entries(rig)
    (rig.inbox / "报表.xlsx").write_bytes(b"report")
    scan = scan_inbox(rig.inbox)
    assert list(scan.files) == [rig.inbox / "报表.xlsx"]
    assert {p.name: why for p, why in scan.skipped.items()} == expected
    assert not can_open(rig.inbox / "fifo.xlsx"), "opening a FIFO never waits for a writer"
    assert not can_open(rig.inbox / "a.xlsx")


def test_links_and_special_files_stay_unread_and_are_reported_once_each(rig: Rig) -> None:
    expected = hostile_entries(rig)
    watcher = rig.watcher(rescan_s=3600)
    (rig.inbox / "报表.xlsx").write_bytes(b"report" * 10)
    wait_for(lambda: rig.names_handled() == ["报表.xlsx"], what="the real file")
    for _ in range(3):
        rescanned(watcher)
    assert rig.names_handled() == ["报表.xlsx"], "nothing read through a link or from a FIFO"
    assert rig.ingest.content(b"root:x:0:0") is None
    skipped = [e for e in rig.of(EntrySkipped)]
    assert sorted((e.name, e.reason) for e in skipped) == sorted(expected.items())
    log = rig.log()
    for name, why in expected.items():
        assert log.count(f"提示：{name} {why}，已留在收件箱中") == 1, log
        assert os.path.lexists(rig.inbox / name), "left where it is"
    line = console_line(skipped[0])
    assert line is not None and "不处理" in line and "已留在收件箱中" in line


def test_an_entry_that_goes_and_comes_back_is_reported_again(rig: Rig) -> None:
    watcher = rig.watcher(rescan_s=3600)
    link = rig.inbox / "a.xlsx"
    os.symlink(rig.root, link)
    wait_for(lambda: len(rig.of(EntrySkipped)) == 1, what="the first report")
    link.unlink()
    rescanned(watcher)
    os.symlink(rig.root, link)
    wait_for(lambda: len(rig.of(EntrySkipped)) == 2, what="the report of the link made again")
    rescanned(watcher)
    assert len(rig.of(EntrySkipped)) == 2


def test_a_link_dropped_while_watching_is_reported_from_its_hint_not_read(rig: Rig) -> None:
    secret = rig.root / "secret.txt"
    secret.write_text("secret" * 50, encoding="utf-8")
    rig.watcher(rescan_s=3600)  # no rescan comes: only the observer's hint tells of the link
    os.symlink(secret, rig.inbox / "报表.xlsx")
    wait_for(lambda: rig.of(EntrySkipped), what="the link reported")
    assert rig.names_handled() == []


def test_names_are_escaped_in_the_log_and_the_events(rig: Rig) -> None:
    rig.watcher(rescan_s=3600)
    gbk = os.fsdecode(b"\xff\xfe\xb9\xfa.xlsx")
    (rig.inbox / gbk).write_bytes(b"gbk" * 20)
    (rig.inbox / "\x1b[31m红色.xlsx").write_bytes(b"ansi" * 20)
    wait_for(lambda: len(rig.of(FileDone)) == 2, what="both files")
    names = sorted(e.name for e in rig.of(FileDone))
    assert names == ["\\x1b[31m红色.xlsx", "��国.xlsx"]
    log = rig.log()
    assert "\x1b" not in log and "\\x1b[31m红色.xlsx" in log and "��国.xlsx" in log
