"""A file is ingested only complete and still: a real slow writer, files changed around their
commit, an oversized file refused without being held, and what the archive holds checked."""

from __future__ import annotations

import os
import threading
import time
import tracemalloc
from pathlib import Path

import pytest

from themeday_office.cli import main
from themeday_office.ingest.inbox_entry import STILL_WRITING, Changing, InboxFile, settled
from themeday_office.ingest.pipeline import (
    ACCEPTED,
    CHANGED_BEFORE_COMMIT,
    CHANGED_BEFORE_REMOVAL,
    LATER,
    WAITING,
)
from themeday_office.ingest.session import ingest_session
from themeday_office.ledger import Ledger, sha256_of
from themeday_office.workspace import Workspace

from .conftest import month_files


class SlowWriter(threading.Thread):
    """Writes `data` to `path` a few bytes at a time, holding the file open, until released;
    then writes the rest and closes. Until then the file grows at least every `pace` seconds."""

    def __init__(self, path: Path, data: bytes, pace: float = 0.02, step: int = 8) -> None:
        super().__init__(name="slow-writer", daemon=True)
        self.path, self.data, self.pace, self.step = path, data, pace, step
        self.started_writing = threading.Event()
        self.release = threading.Event()
        self.ran_out = False  # the data ended before the release: the test proved nothing

    def run(self) -> None:
        with open(self.path, "wb") as f:
            at = 0
            while not self.release.is_set():
                if at + self.step >= len(self.data):
                    self.ran_out = True
                    break
                f.write(self.data[at:at + self.step])
                f.flush()
                at += self.step
                self.started_writing.set()
                time.sleep(self.pace)
            f.write(self.data[at:])


def test_ingest_leaves_a_file_still_being_written_and_takes_it_complete_next_time(workspace, district, tmp_path,
                                                                                   capsys):
    report = month_files(district, tmp_path / "src")[0].path
    data = report.read_bytes()
    target = workspace.inbox / report.name
    writer = SlowWriter(target, data)
    writer.start()
    try:
        assert writer.started_writing.wait(10)
        assert main(["ingest", "-w", str(workspace.root)]) == 0
        out = capsys.readouterr().out
        assert not writer.ran_out, "the writer finished before ingest ended: nothing was tested"
        assert f"信息：{report.name} {STILL_WRITING}，留待下次收文" in out
        assert f"{LATER} 1" in out
        assert target.exists()
        with Ledger.open(workspace.state) as ledger:
            assert ledger.submissions() == [], "nothing recorded from a half-written file"
    finally:
        writer.release.set()
        writer.join(10)
    assert main(["ingest", "-w", str(workspace.root)]) == 0
    assert f"{report.name} → {ACCEPTED}" in capsys.readouterr().out
    assert not target.exists()
    with Ledger.open(workspace.state) as ledger:
        [sub] = ledger.submissions()
        assert sub.sha256 == sha256_of(data) and ledger.archive.get(sub.sha256) == data


def test_the_watch_path_takes_a_slowly_written_file_only_complete(workspace, district, tmp_path):
    from themeday_office.watch import FileDone, InboxWatcher
    from themeday_office.watch.ingest_handler import ingest_handler

    report = month_files(district, tmp_path / "src")[0].path
    data = report.read_bytes()
    done: list[FileDone] = []
    with ingest_session(workspace) as ingestor:
        watcher = InboxWatcher(workspace.inbox, workspace.state, ingest_handler(ingestor), settle_s=0.3,
                               rescan_s=0.5, on_event=lambda e: done.append(e) if isinstance(e, FileDone) else None)
        with watcher:
            writer = SlowWriter(workspace.inbox / report.name, data, pace=0.01, step=4)
            writer.start()
            time.sleep(1.5)  # five settle times of a file that never stops growing
            assert not writer.ran_out and done == []
            writer.release.set()
            writer.join(10)
            deadline = time.monotonic() + 30
            while not done and time.monotonic() < deadline:
                time.sleep(0.05)
    assert [e.outcome.verdict for e in done] == [ACCEPTED]
    with Ledger.open(workspace.state) as ledger:
        assert [s.sha256 for s in ledger.submissions()] == [sha256_of(data)]


def appending_during_check(ingestor, path: Path, extra: bytes = b"\0more") -> None:
    """Make the writer come back while `path` is being checked."""
    check = ingestor.check

    def check_then_append(data, name, env):
        result = check(data, name, env)
        if name == path.name:
            with open(path, "ab") as f:
                f.write(extra)
        return result

    ingestor.check = check_then_append


@pytest.mark.parametrize("many", [False, True], ids=["ingest", "ingest_many"])
def test_a_file_changed_during_its_check_is_not_committed_and_is_taken_again(workspace, district, many):
    generated = month_files(district, workspace.inbox)
    changing = generated[1].path
    with ingest_session(workspace) as ingestor:
        appending_during_check(ingestor, changing)
        paths = sorted(g.path for g in generated)
        outcomes = list(ingestor.ingest_many(paths)) if many else [ingestor.ingest(p) for p in paths]
    words = {o.path.name: (o.word, o.detail) for o in outcomes}
    assert words.pop(changing.name) == (LATER, CHANGED_BEFORE_COMMIT)
    assert {w for w, _ in words.values()} == {ACCEPTED}
    assert [p.name for p in workspace.inbox.iterdir()] == [changing.name]
    changed = changing.read_bytes()
    with ingest_session(workspace) as ingestor:
        again = ingestor.ingest(changing)
    assert again.submission is not None and again.submission.sha256 == sha256_of(changed)
    assert not changing.exists()


def test_a_file_changed_between_its_commit_and_its_removal_stays_and_its_new_content_is_taken(workspace, district):
    report = month_files(district, workspace.inbox)[0].path
    first = report.read_bytes()

    def writer_comes_back(point: str) -> None:
        if point == "after_commit":
            with open(report, "ab") as f:
                f.write(b"\0appended")

    with ingest_session(workspace, crash_at=writer_comes_back) as ingestor:
        outcome = ingestor.ingest(report)
    assert outcome.word == ACCEPTED and outcome.detail == CHANGED_BEFORE_REMOVAL
    assert report.read_bytes() == first + b"\0appended", "never removed after it changed"
    with ingest_session(workspace) as ingestor:
        second = ingestor.ingest(report)
    assert second.word not in (LATER,) and not report.exists()
    with ingest_session(workspace):
        pass  # the startup repair marks the first row: its file is gone now
    with Ledger.open(workspace.state) as ledger:
        subs = ledger.submissions()
        assert sorted(s.sha256 for s in subs) == sorted([sha256_of(first), sha256_of(first + b"\0appended")])
        assert all(s.removed for s in subs) and all(ledger.archive.has(s.sha256) for s in subs)


def test_a_file_that_changes_while_read_is_caught_by_its_stamps(tmp_path):
    path = tmp_path / "a.xlsx"
    path.write_bytes(b"x" * 1000)
    with InboxFile(path) as entry:
        with open(path, "ab") as other:
            other.write(b"more")
        with pytest.raises(Changing):
            entry.read_all()


def test_settled_waits_only_for_recent_files_and_names_those_still_growing(tmp_path):
    old, recent, growing = (tmp_path / n for n in ("old.xlsx", "recent.xlsx", "growing.xlsx"))
    for p in (old, recent, growing):
        p.write_bytes(b"data")
    os.utime(old, (time.time() - 60, time.time() - 60))
    slept: list[float] = []
    assert settled([old], 1.0, sleep=slept.append) == ([old], []) and slept == []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        with open(growing, "ab") as f:
            f.write(b"more")

    assert settled([old, recent, growing], 1.0, sleep=sleep) == ([old, recent], [growing])
    assert slept == [1.0]


def with_limit(workspace, mb: float) -> Workspace:
    toml = workspace.root / "themeday.toml"
    text = toml.read_text(encoding="utf-8")
    assert "# max_file_mb = 20.0" in text
    toml.write_text(text.replace("# max_file_mb = 20.0", f"max_file_mb = {mb}"), encoding="utf-8")
    return Workspace.open(workspace.root)


def test_an_oversized_file_is_refused_unread_streamed_into_the_archive_and_recorded(workspace):
    workspace = with_limit(workspace, 1.0)
    big = workspace.inbox / "扫描件.xlsx"
    data = os.urandom(1024 * 1024) * 24  # 24 MB
    big.write_bytes(data)
    checked: list[str] = []
    with ingest_session(workspace) as ingestor:
        check = ingestor.check

        def counting(d, name, env):
            checked.append(name)
            return check(d, name, env)

        ingestor.check = counting
        tracemalloc.start()
        try:
            outcome = ingestor.ingest(big)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 8 * 1024 * 1024, f"held {peak / 1024 / 1024:.0f} MB of a 24 MB file"
    assert checked == [], "never checked"
    assert outcome.word == WAITING and "超过上限 1 MB" in outcome.detail and "24.0 MB" in outcome.detail
    assert not big.exists() and outcome.submission is not None
    with Ledger.open(workspace.state) as ledger:
        sub = ledger.get(outcome.submission.id)
        assert (sub.sha256, sub.size, sub.removed) == (sha256_of(data), len(data), True)
        assert ledger.archive.get(sub.sha256) == data
        assert [m.code for m in ledger.messages(sub.id)] == ["file_unsafe"]
    big.write_bytes(data)  # the same file sent again is a repeat, still never held
    with ingest_session(workspace) as ingestor:
        assert ingestor.ingest(big).word == "重复"


def test_an_oversized_file_among_others_in_a_run(workspace, district, capsys):
    workspace = with_limit(workspace, 0.5)
    generated = month_files(district, workspace.inbox)
    (workspace.inbox / "大文件.xlsx").write_bytes(b"\0" * (1024 * 1024))
    assert main(["ingest", "-w", str(workspace.root)]) == 0
    out = capsys.readouterr().out
    assert f"{ACCEPTED} {len(generated)}" in out and f"{WAITING} 1" in out and "超过上限" in out
    assert not list(workspace.inbox.iterdir())
