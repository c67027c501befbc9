"""`themeday doctor` on the ledger: the backend, the server and schema versions, the connection
and its round trip; and the Chinese fault for a wrong password or a server that is down."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.postgres_cluster import PASSWORD, Cluster
from themeday_office.cli import main
from themeday_office.ledger import SCHEMA_VERSION, Ledger


def doctor(capsys: pytest.CaptureFixture[str], root: Path) -> tuple[int, list[str]]:
    code = main(["doctor", "-w", str(root)])
    out = capsys.readouterr().out
    return code, [line for line in out.splitlines() if "台账" in line]


def test_a_desk_without_a_ledger_yet(workspace_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, lines = doctor(capsys, workspace_dir)
    assert any(line.startswith("正常") and "SQLite（本机）" in line and "尚未建立" in line for line in lines), lines
    assert not (workspace_dir / "state" / "ledger.sqlite3").exists()  # doctor creates no ledger


def test_a_local_sqlite_ledger(workspace_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Ledger.open(workspace_dir / "state", url="").close()
    _, lines = doctor(capsys, workspace_dir)
    assert any("SQLite（本机）" in line and "ledger.sqlite3" in line for line in lines), lines
    assert any(line.startswith("正常  台账连接正常：SQLite 3.") and f"台账版本 {SCHEMA_VERSION}" in line
               and "毫秒（5 次中最快）" in line for line in lines), lines


def test_a_shared_ledger_with_a_good_url(workspace_dir: Path, postgres: Cluster, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("THEMEDAY_LEDGER__URL", postgres.new_ledger_url())
    code, lines = doctor(capsys, workspace_dir)
    text = "\n".join(lines)
    assert f"正常  台账：PostgreSQL（共享）postgresql://clerk:***@127.0.0.1:{postgres.port}/" in text, text
    assert "正常  台账连接正常：PostgreSQL 1" in text and f"台账版本 {SCHEMA_VERSION}" in text, text
    assert "毫秒" in text and PASSWORD not in text and "问题" not in text


def test_a_wrong_password(workspace_dir: Path, postgres: Cluster, monkeypatch: pytest.MonkeyPatch,
                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("THEMEDAY_LEDGER__URL", postgres.url("postgres", password="not-the-password"))
    code, lines = doctor(capsys, workspace_dir)
    text = "\n".join(lines)
    assert code == 1
    assert "问题  台账：PostgreSQL（共享）postgresql://clerk:***@" in text
    assert "问题  台账连接失败：无法登录台账数据库" in text and "用户名或密码不对" in text, text
    assert "not-the-password" not in text


def test_a_server_that_is_down(workspace_dir: Path, monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as s:  # a port nothing listens on once this is closed
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("THEMEDAY_LEDGER__URL", f"postgresql://clerk:secret@127.0.0.1:{port}/themeday")
    code, lines = doctor(capsys, workspace_dir)
    text = "\n".join(lines)
    assert code == 1
    assert f"问题  台账：PostgreSQL（共享）postgresql://clerk:***@127.0.0.1:{port}/themeday" in text
    assert "连不上台账数据库" in text and "服务器没有运行或网络不通" in text, text
    assert "secret" not in text


def test_a_url_that_is_not_postgresql(workspace_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("THEMEDAY_LEDGER__URL", "mysql://clerk@127.0.0.1/themeday")
    code, lines = doctor(capsys, workspace_dir)
    assert code == 1 and any("不是 PostgreSQL 地址" in line for line in lines), lines
