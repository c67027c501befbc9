"""Inbox entries are what they claim to be, and names are bytes-safe: `themeday ingest` and the
Ingestor on a real file system (symlinks, a FIFO, names that are not UTF-8 made with os.fsencode)."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from themeday_office.ingest import inbox_entry
from themeday_office.ingest.inbox_entry import NOT_LINKS, NOT_SPECIAL, InboxFile, Refused
from themeday_office.ingest.names import raw_when_needed, shown
from themeday_office.ingest.pipeline import ACCEPTED, SKIPPED
from themeday_office.ingest.session import ingest_session
from themeday_office.ledger import Ledger, sha256_of

from .conftest import month_files

posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="symlinks and FIFOs as POSIX makes them")
GBK_BYTES = b"\xff\xfe\xb9\xfa.xlsx"  # an old tool on a GBK share: not UTF-8, not even GBK throughout
SECRET = b"root:x:0:0:root:/root:/bin/bash\n"


def hostile_entries(workspace, tmp_path) -> dict[str, str]:
    secret = tmp_path / "passwd"
    secret.write_bytes(SECRET)
    (tmp_path / "elsewhere").mkdir()
    shutil.copy(secret, tmp_path / "elsewhere" / "a.xlsx")
    inbox = workspace.inbox
    os.symlink(secret, inbox / "a.xlsx")
    os.symlink(tmp_path / "elsewhere", inbox / "链接文件夹")
    os.symlink(tmp_path / "gone.xlsx", inbox / "dangling.xlsx")
    os.symlink("loop.xlsx", inbox / "loop.xlsx")
    os.mkfifo(inbox / "fifo.xlsx")
    return {"a.xlsx": NOT_LINKS, "链接文件夹": NOT_LINKS, "dangling.xlsx": NOT_LINKS, "loop.xlsx": NOT_LINKS,
            "fifo.xlsx": NOT_SPECIAL}


@posix_only
def test_ingest_leaves_links_and_special_files_in_place_and_says_so(workspace, district, tmp_path):
    expected = hostile_entries(workspace, tmp_path)
    command = [sys.executable, "-m", "themeday_office", "ingest", "-w", str(workspace.root)]
    # A real process with a deadline: opening the FIFO for reading would block it for good.
    run = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    for name, why in expected.items():
        assert run.stdout.count(f"提示：{name} {why}，已留在原处") == 1, run.stdout
        assert os.path.lexists(workspace.inbox / name)
    assert "收件箱为空" not in run.stdout and f"{SKIPPED} {len(expected)}" in run.stdout
    with Ledger.open(workspace.state) as ledger:
        assert ledger.submissions() == []
        assert not ledger.archive.has(sha256_of(SECRET)), "nothing read through a link"

    generated = month_files(district, workspace.inbox)  # the real files around them still go through
    again = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and f"{ACCEPTED} {len(generated)}" in again.stdout, again.stdout + again.stderr


@posix_only
def test_the_ingestor_refuses_a_link_or_a_fifo_handed_to_it(workspace, tmp_path):
    hostile_entries(workspace, tmp_path)
    with ingest_session(workspace) as ingestor:
        outcomes = {name: ingestor.ingest(workspace.inbox / name) for name in ("a.xlsx", "fifo.xlsx", "loop.xlsx")}
    assert {name: (o.word, o.detail) for name, o in outcomes.items()} == {
        "a.xlsx": (SKIPPED, NOT_LINKS), "fifo.xlsx": (SKIPPED, NOT_SPECIAL), "loop.xlsx": (SKIPPED, NOT_LINKS)}


@pytest.mark.skipif(not getattr(os, "O_NOFOLLOW", 0), reason="the platform has no O_NOFOLLOW")
def test_a_file_swapped_for_a_link_after_its_lstat_is_refused_by_the_open(tmp_path, monkeypatch):
    secret = tmp_path / "passwd"
    secret.write_bytes(SECRET)
    link = tmp_path / "a.xlsx"
    os.symlink(secret, link)
    monkeypatch.setattr(inbox_entry, "refusal", lambda st: None)  # as if the lstat had seen a regular file
    with pytest.raises(Refused, match=NOT_LINKS):
        with InboxFile(link):
            pass
    with pytest.raises(OSError) as raw:  # what O_NOFOLLOW itself says
        os.open(link, os.O_RDONLY | os.O_NOFOLLOW)
    assert raw.value.errno in (errno.ELOOP, errno.EMLINK)


def test_display_names_decode_gbk_escape_controls_and_keep_the_bytes_when_they_differ():
    assert shown(os.fsdecode(GBK_BYTES)) == "��国.xlsx"
    assert shown(os.fsdecode("国.xlsx".encode("gbk"))) == "国.xlsx"
    assert shown("\x1b[31m红\u202e色.xlsx") == "\\x1b[31m红\\u202e色.xlsx"
    assert shown("古荥镇党委　3月统计表.xlsx") == "古荥镇党委　3月统计表.xlsx"
    assert raw_when_needed("古荥镇党委3月统计表.xlsx") is None
    assert raw_when_needed(os.fsdecode(GBK_BYTES)) == GBK_BYTES


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the file system must accept any bytes in a name")
def test_a_name_that_is_not_utf8_never_blocks_its_batch_and_is_stored_losslessly(workspace, district, capsys):
    from themeday_office.cli import main

    generated = month_files(district, workspace.inbox)
    odd = os.fsdecode(os.fsencode(workspace.inbox) + b"/" + GBK_BYTES)
    shutil.move(generated[0].path, odd)  # a real report under a GBK share's name
    ansi = workspace.inbox / "\x1b[2J\x1b[31m清屏.xlsx"
    shutil.move(generated[1].path, ansi)
    assert main(["ingest", "-w", str(workspace.root)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\x1b[2J\\x1b[31m清屏.xlsx → 已通过" in out
    assert f"共处理 {len(generated)} 个文件：{ACCEPTED} {len(generated)}。" in out
    assert not os.listdir(workspace.inbox)
    with Ledger.open(workspace.state) as ledger:
        subs = {s.original_name: s for s in ledger.submissions()}
        assert len(subs) == len(generated)
        gbk = subs["��国.xlsx"]
        assert ledger.inbox_path_raw(gbk.id) == GBK_BYTES and ledger.inbox_fspath(gbk) == os.fsdecode(GBK_BYTES)
        assert ledger.inbox_path_raw(subs["\\x1b[2J\\x1b[31m清屏.xlsx"].id) == "\x1b[2J\x1b[31m清屏.xlsx".encode()
    assert main(["ingest", "-w", str(workspace.root)]) == 0  # and the next run is calm
    assert "收件箱为空" in capsys.readouterr().out


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the file system must accept any bytes in a name")
def test_a_crash_after_committing_a_non_utf8_name_is_finished_as_our_own_leftover(workspace, district):
    generated = month_files(district, workspace.inbox)
    odd = os.fsdecode(os.fsencode(workspace.inbox) + b"/" + GBK_BYTES)
    shutil.move(generated[0].path, odd)

    class Crash(BaseException):
        pass

    def crash_at(point):
        if point == "after_commit":
            raise Crash

    with pytest.raises(Crash), ingest_session(workspace, crash_at=crash_at) as ingestor:
        ingestor.ingest(Path(odd))
    assert os.path.exists(odd)
    with ingest_session(workspace) as ingestor:
        outcome = ingestor.ingest(Path(odd))
    assert outcome.detail == "续完上次中断的处理", "recognised by its raw path, not taken for a repeat"
    with Ledger.open(workspace.state) as ledger:
        assert [s.removed for s in ledger.submissions()] == [True]


def test_an_unreadable_file_is_named_for_its_cause():
    """A permission denial is not "in use by another program" (that is Windows' sharing violation)."""
    import errno

    from themeday_office.ingest.inbox_entry import why_unreadable

    denied = PermissionError(errno.EACCES, "Permission denied")
    assert why_unreadable(denied) == "没有读取权限，请检查文件的权限设置"

    class SharingViolation(PermissionError):
        winerror = 32  # what Windows sets when Excel holds the file open

    locked = SharingViolation(errno.EACCES, "The process cannot access the file")
    assert why_unreadable(locked) == "文件正被其他程序占用"
    assert why_unreadable(OSError(errno.EIO, "Input/output error")) == "无法读取（Input/output error）"


def test_a_file_sent_empty_is_recorded_and_a_fresh_empty_one_waits(workspace, capsys):
    """`themeday ingest` on an inbox with a file a unit sent empty (0 bytes for longer than a writer
    leaves its placeholder): recorded as 待处理 saying why, and out of the inbox. One just created
    (a writer may be about to fill it) stays for the next run."""
    import time

    from themeday_office.cli import main
    from themeday_office.ledger import State
    from themeday_office.watch.ignore import EMPTY_PLACEHOLDER_S

    sent = workspace.inbox / "古荥镇党委3月统计表.xlsx"
    sent.write_bytes(b"")
    long_ago = time.time() - EMPTY_PLACEHOLDER_S - 5
    os.utime(sent, (long_ago, long_ago))
    (workspace.inbox / "刚建立.xlsx").write_bytes(b"")
    assert main(["ingest", "-w", str(workspace.root)]) == 0
    out = capsys.readouterr().out
    assert "古荥镇党委3月统计表.xlsx → 待处理" in out and "收件箱为空" not in out
    assert "（文件无法读取：文件是空的（0 字节），请重新报送）" in out  # why it waits, on its line
    assert sorted(os.listdir(workspace.inbox)) == ["刚建立.xlsx"]
    with Ledger.open(workspace.state) as ledger:
        (sub,) = ledger.submissions()
        assert sub.state is State.INVALID and sub.original_name == "古荥镇党委3月统计表.xlsx"
        assert [m.text for m in ledger.messages(sub.id)] == ["文件无法读取：文件是空的（0 字节），请重新报送"]
