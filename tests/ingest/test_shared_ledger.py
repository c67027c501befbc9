"""A ledger several desks share (PostgreSQL): faults a desk meets, and two desks on one inbox.

Real server (tests/conftest.py's throwaway cluster), real `themeday` processes, real files."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.postgres_cluster import Cluster
from themeday_office.ingest.pipeline import ACCEPTED, LATER
from themeday_office.ingest.session import ingest_session
from themeday_office.ledger import Ledger, LedgerError, sha256_of

from .conftest import month_files

pytestmark = pytest.mark.postgresql_only


def _url() -> str:
    return os.environ["THEMEDAY_LEDGER__URL"]


def test_a_server_that_is_down_a_wrong_password_and_a_bad_url_are_told_in_chinese(tmp_path, postgres: Cluster):
    down = f"postgresql://clerk:secret@127.0.0.1:{_closed_port()}/themeday"
    with pytest.raises(LedgerError, match="服务器没有运行或网络不通") as down_error:
        Ledger.open(tmp_path / "a", url=down)
    assert "secret" not in str(down_error.value), "the password is never shown"
    wrong = _url().replace(":themeday-test@", ":not-the-password@")
    with pytest.raises(LedgerError, match="用户名或密码不对") as wrong_error:
        Ledger.open(tmp_path / "b", url=wrong)
    assert "not-the-password" not in str(wrong_error.value)
    with pytest.raises(LedgerError, match="不是 PostgreSQL 地址"):
        Ledger.open(tmp_path / "c", url="mysql://clerk@127.0.0.1/themeday")
    with pytest.raises(LedgerError, match="格式不正确|连不上"):
        Ledger.open(tmp_path / "d", url="postgresql://clerk@127.0.0.1:notaport/x")


def test_connections_cut_or_a_server_down_mid_ingest_lose_nothing(workspace, district, tmp_path,
                                                                   postgres: Cluster):
    files = [g.path for g in month_files(district, tmp_path / "src")]
    for f in files:
        shutil.copy(f, workspace.inbox / f.name)

    def server_stops(point: str) -> None:
        if point == "after_archive" and not stopped:
            stopped.append(point)
            postgres.pause()  # between the original's write and the commit: the commit cannot happen

    stopped: list[str] = []
    with ingest_session(workspace) as ingestor:
        assert ingestor.ingest(workspace.inbox / files[0].name).word == ACCEPTED
        # Cut connections are made again for the next statement (no transaction was open).
        postgres.admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE application_name = 'themeday-office' AND pid <> pg_backend_pid()")
        assert ingestor.ingest(workspace.inbox / files[1].name).word == ACCEPTED
    try:
        with ingest_session(workspace, crash_at=server_stops) as ingestor:
            with pytest.raises(LedgerError, match="服务器没有运行|连接已断开") as down:
                ingestor.ingest(workspace.inbox / files[2].name)
            assert "themeday-test" not in str(down.value)
            assert (workspace.inbox / files[2].name).exists(), "the file stays in the inbox"
            postgres.resume()
            outcomes = [ingestor.ingest(workspace.inbox / f.name) for f in files[2:]]
    finally:
        postgres.resume_if_stopped()
    assert {o.word for o in outcomes} == {ACCEPTED}
    assert not list(workspace.inbox.rglob("*.xlsx"))
    with Ledger.open(workspace.state) as ledger:
        assert sorted(s.sha256 for s in ledger.submissions()) == sorted(sha256_of(f.read_bytes()) for f in files)
        assert all(ledger.archive.get(s.sha256) for s in ledger.submissions())


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port  # closed again: nothing listens there


def _desk(workspace_root: Path, desk: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "THEMEDAY_LEDGER__DESK": desk}
    return subprocess.Popen([sys.executable, "-m", "themeday_office", "ingest", "-w", str(workspace_root)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True)


def _second_desk(workspace, tmp_path: Path) -> Path:
    """Another desk's workspace: its own state folder (its own ingest lock), the same inbox and ledger."""
    from themeday_office.workspace import init_workspace

    root = tmp_path / "desk2"
    init_workspace(root)
    text = (root / "themeday.toml").read_text(encoding="utf-8")
    (root / "themeday.toml").write_text(
        text + f'\n[folders]\ninbox = "{workspace.inbox.as_posix()}"\n' if "[folders]" not in text else
        text.replace("[folders]", f'[folders]\ninbox = "{workspace.inbox.as_posix()}"', 1), encoding="utf-8")
    return root


def test_two_desks_ingesting_one_inbox_take_each_of_200_files_once(workspace, district, tmp_path):
    contents: set[str] = set()
    seed = 1
    while len(contents) < 200:
        for g in month_files(district, tmp_path / f"src{seed}", seed=seed):
            if len(contents) < 200:
                shutil.copy(g.path, workspace.inbox / f"{seed:03d}-{g.path.name}")
                contents.add(sha256_of(g.path.read_bytes()))
        seed += 1
    desks = [_desk(workspace.root, "甲"), _desk(_second_desk(workspace, tmp_path), "乙")]
    results = [p.communicate(timeout=600) for p in desks]
    assert [p.returncode for p in desks] == [0, 0], [err for _, err in results]
    assert not any("Traceback" in err for _, err in results), results
    summaries = [out.strip().splitlines()[-1] for out, _ in results]
    assert all("由另一工位处理" in line for line in summaries), f"both desks worked at once: {summaries}"
    assert not list(workspace.inbox.rglob("*.xlsx")), "every file left the inbox"
    with Ledger.open(workspace.state) as ledger:
        subs = ledger.submissions()
        assert sorted(s.sha256 for s in subs) == sorted(contents), "each file landed once"
        assert all(s.removed for s in subs) and not ledger.claims()
        takers = {e.actor for s in subs for e in ledger.events(s.id)[:1]}
    assert takers, "recorded"


def test_a_desk_killed_mid_claim_leaves_its_files_to_the_other_desk(workspace, district, tmp_path, monkeypatch):
    monkeypatch.setenv("THEMEDAY_LEDGER__LEASE_SECONDS", "10")
    files = [g.path for seed in (1, 2, 3) for g in month_files(district, tmp_path / f"s{seed}", seed=seed)]
    for i, f in enumerate(files):
        shutil.copy(f, workspace.inbox / f"{i:02d}-{f.name}")
    killed = _desk(workspace.root, "甲")
    with Ledger.open(workspace.state) as ledger:
        deadline = time.monotonic() + 120
        while not ledger.claims():  # the first desk holds a claim: it is mid-file
            assert killed.poll() is None and time.monotonic() < deadline, "desk 甲 never claimed a file"
            time.sleep(0.005)
        os.killpg(killed.pid, signal.SIGKILL)
        killed.wait(30)
        held = {path for path, desk, _ in ledger.claims() if desk.startswith("甲#")}
    assert held, "desk 甲 died holding a claim"
    other = _second_desk(workspace, tmp_path)
    first = _desk(other, "乙")
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    # Its claims were still leased: desk 乙 put those files off, and takes them once the lease ends.
    deadline = time.monotonic() + 60
    while list(workspace.inbox.rglob("*.xlsx")):
        assert time.monotonic() < deadline, "the lease never ended"
        again = _desk(other, "乙")
        again.communicate(timeout=300)
        time.sleep(1)
    with Ledger.open(workspace.state) as ledger:
        subs = ledger.submissions()
        assert sorted(s.sha256 for s in subs) == sorted({sha256_of(f.read_bytes()) for f in files})
        assert all(s.removed for s in subs)
    assert LATER  # the put-off files are 稍后重试 in desk 乙's first run


def test_the_watch_service_waits_for_a_ledger_server_that_is_down(workspace, district, tmp_path, postgres: Cluster):
    src = month_files(district, tmp_path / "src")[0].path
    shutil.copy(src, workspace.inbox / src.name)
    postgres.pause()
    try:
        service = subprocess.Popen([sys.executable, "-m", "themeday_office", "watch", "-w", str(workspace.root)],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                   env={**os.environ, "PYTHONUNBUFFERED": "1"})
        assert service.stdout is not None
        said = ""
        while "秒后重试连接台账" not in said:
            line = service.stdout.readline()
            assert line, f"the service ended: {said}"
            said += line
        assert "服务器没有运行或网络不通" in said and "themeday-test" not in said
        assert (workspace.inbox / src.name).exists(), "nothing taken while the ledger is away"
    finally:
        postgres.resume()
    deadline = time.monotonic() + 60
    while (workspace.inbox / src.name).exists():
        assert service.poll() is None and time.monotonic() < deadline, "the service never came back"
        time.sleep(0.2)
    service.send_signal(signal.SIGINT)
    service.communicate(timeout=30)
    with Ledger.open(workspace.state) as ledger:
        assert [s.sha256 for s in ledger.submissions()] == [sha256_of(src.read_bytes())]
