"""Backups, restores and moves between the two backends (ledger/transfer.py, ledger/backup.py).

The `ledger_backend` parameter is the source here: on "sqlite" a SQLite ledger is backed up and
restored into PostgreSQL, on "postgresql" the other way round, both through the logical format.
The move (`themeday ledger migrate`) always goes from SQLite to PostgreSQL.
"""

from __future__ import annotations

import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
import pytest

from tests.ledger.conftest import Clock
from tests.postgres_cluster import Cluster
from themeday_office.cli import main
from themeday_office.ledger import (
    CheckedFile,
    EncodedRow,
    Ledger,
    LedgerError,
    State,
    StoredFinding,
    StoredMessage,
    sha256_of,
)
from themeday_office.ledger.backup import MANIFEST, backup, read_backup, restore
from themeday_office.ledger.database import DB_NAME
from themeday_office.ledger.transfer import NOT_COPIED, TABLES, TargetNotEmpty, move_ledger, verify_move
from themeday_office.workspace import Workspace

OTHER = {"sqlite": "postgresql", "postgresql": "sqlite"}


def open_on(backend: str, state: Path, postgres: Cluster | None, url: str | None = None) -> Ledger:
    """A ledger on `backend`, whatever THEMEDAY_LEDGER__URL says."""
    if backend == "sqlite":
        return Ledger.open(state, Clock(), url="")
    assert postgres is not None
    return Ledger.open(state, Clock(), url=url or postgres.new_ledger_url())


@pytest.fixture
def cluster(request: pytest.FixtureRequest) -> Cluster:
    found: Cluster = request.getfixturevalue("postgres")
    return found


def contents(ledger: Ledger) -> dict[str, list[tuple[Any, ...]]]:
    """Every ledger table's rows, as the export reads them (bytes as bytes)."""
    tables: dict[str, list[tuple[Any, ...]]] = {}

    def put(table: str, columns: tuple[str, ...], rows: Any) -> None:
        tables.setdefault(table, []).extend(
            tuple(bytes(v) if isinstance(v, memoryview) else v for v in row) for row in rows)

    ledger.export_tables(put, batch=7)  # small pages: the paging itself is tried
    return tables


def checked(n: int, *, unit: str = "古荥镇党委", errors: int = 0, raw: bytes | None = None,
            rows: int = 0) -> CheckedFile:
    name = f"{unit}{n}.xlsx"
    return CheckedFile(
        sha256=sha256_of(f"file {n}".encode()), original_name=name, inbox_path=name, size=100 + n, format="xlsx",
        kind="monthly", unit=unit, period="2017-03", header={"填报人": "张三", "n": n},
        messages=[StoredMessage("错误", "count_over", f"月报!L{5 + i}", "实到人数大于应到人数 100%")
                  for i in range(errors)],
        findings=[StoredFinding("not_held", unit, "大河村党支部", "未开展", {"reason": "防汛"})],
        rows=[EncodedRow("monthly", unit, f"第{i}支部", "2017-03", '{"应到": 12, "实到": 11}') for i in range(rows)],
        inbox_path_raw=raw,
    )


def fill(ledger: Ledger) -> None:
    """Some of everything: versions, a package with members, decisions, repeats, attempts, roster,
    themes, documents with a correction, a raw inbox name, and the originals in the archive."""
    for n in range(1, 30):
        ledger.archive.put(f"file {n}".encode())
    ledger.archive.put(b"\x00\xff" * 70000)  # a bigger one, over a chunk boundary on neither backend
    first = ledger.record(checked(1, rows=3), auto_accept=True, actor="张三")
    ledger.record(checked(2, rows=4), auto_accept=True, actor="李四")  # supersedes 1
    bad = ledger.record(checked(3, unit="豫龙镇党委", errors=2), auto_accept=True)
    ledger.reject(bad.id, "王五", reason="请重新填报")
    package = ledger.record(checked(4, unit="打包"), auto_accept=False,
                            members=[checked(5, unit="甲"), checked(6, unit="乙", raw=b"\xff\xfe\xb9\xfa.xlsx")])
    ledger.accept(package.id, "王五")
    ledger.note_repeat(first.id, "again-1", actor="张三")
    ledger.set_receipt_date(first.id, date(2017, 3, 12), reason="邮件延误")
    for n in range(7, 25):
        ledger.record(checked(n, unit=f"第{n}党委", rows=n % 3), auto_accept=n % 2 == 0)
    ledger.begin_attempt("a" * 64, "parse")
    ledger.note_attempt_error("a" * 64, "崩溃")
    ledger.add_roster_version(date(2017, 1, 1), "组织架构.xlsx", "b" * 64, {"committees": ["古荥镇党委"]})
    ledger.add_themes(2017, "2017.toml", {"year": 2017, "months": {"3": "学习"}})
    doc = ledger.create_document("monthly/2017-03", "monthly", "2017-03", "通报", "惠组", 2017)
    ledger.record_rendering(doc.id, "outbox/通报.docx", "c" * 64, {"figures": [1, 2.5]}, "通报")
    ledger.issue_document(doc.id, "c" * 64, actor="科长")
    ledger.create_document("monthly/2017-03", "monthly", "2017-03", "通报（更正）", "惠组", 2017, corrects=doc.id)
    ledger.create_document("receipt/1", "receipt", "2017-03", "回执", "惠组", 2017, number=9)


@pytest.fixture
def source(ledger_backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Ledger]:
    cluster = request.getfixturevalue("postgres") if ledger_backend == "postgresql" else None
    with open_on(ledger_backend, tmp_path / "source", cluster) as ledger:
        fill(ledger)
        yield ledger


def test_every_table_is_copied_or_said_why_not(source: Ledger) -> None:
    if source.shared:
        with psycopg.connect(source.url) as conn:
            names = {r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables"
                                                " WHERE table_schema = current_schema()")}
    else:
        with sqlite3.connect(source.state_dir / DB_NAME) as conn:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    names.discard("themeday_schema")  # PostgreSQL's schema version; SQLite's is PRAGMA user_version
    assert names == set(TABLES) | set(NOT_COPIED)


def test_a_backup_restores_into_the_other_backend(source: Ledger, ledger_backend: str, cluster: Cluster,
                                                  tmp_path: Path) -> None:
    made = backup(source, tmp_path / "备份.zip")
    assert made.originals == 30 and made.rows["submission"] == 24 and not made.damaged
    with zipfile.ZipFile(tmp_path / "备份.zip") as zf:
        assert {"themeday-backup.json", "tables/submission.jsonl", "tables/doc_number.jsonl"} <= set(zf.namelist())
    with read_backup(tmp_path / "备份.zip") as file, \
            open_on(OTHER[ledger_backend], tmp_path / "target", cluster) as target:
        assert file.backend == ledger_backend and file.format == 2
        done = restore(file, target)
        assert done.originals == 30 and done.rows == made.rows
        assert contents(target) == contents(source)
        assert [s.as_json() for s in target.submissions()] == [s.as_json() for s in source.submissions()]
        odd = next(s for s in target.submissions() if s.unit == "乙")
        assert target.inbox_path_raw(odd.id) == b"\xff\xfe\xb9\xfa.xlsx"
        assert all(target.archive.get(d) for d in (s.sha256 for s in target.submissions()))
        # New rows take ids past the restored ones (PostgreSQL: the identity sequences were moved on).
        top = max(s.id for s in target.submissions())
        assert target.record(checked(90), auto_accept=True).id == top + 1
        assert target.create_document("x/1", "receipt", "2017-03", "回执", "惠组", 2017).id == 4


def test_a_restore_replaces_what_the_ledger_held(source: Ledger, tmp_path: Path) -> None:
    backup(source, tmp_path / "备份.zip")
    before = contents(source)
    accepted = next(s for s in source.submissions() if s.state is State.ACCEPTED and s.current)
    source.record(checked(50), auto_accept=True)
    source.reject(accepted.id, "赵六", reason="盖章缺失")
    with read_backup(tmp_path / "备份.zip") as file:
        restore(file, source)
    assert contents(source) == before
    assert source.get(accepted.id).state is State.ACCEPTED
    assert source.record(checked(51), auto_accept=True).id == 25


def test_an_old_database_file_backup_restores_into_either_backend(ledger_backend: str, cluster: Cluster,
                                                                  tmp_path: Path) -> None:
    # Format 1, as older versions wrote it: the SQLite file (backup API) and archive/ in a zip.
    with open_on("sqlite", tmp_path / "old", None) as old:
        fill(old)
        old.backup_database(tmp_path / DB_NAME)
        expected = contents(old)
        archive = old.archive.root
    with zipfile.ZipFile(tmp_path / "旧备份.zip", "w") as zf:
        zf.writestr(MANIFEST, "themeday-office ledger backup\n")
        zf.write(tmp_path / DB_NAME, DB_NAME)
        for path in archive.rglob("*"):
            if path.is_file():
                zf.write(path, f"archive/{path.relative_to(archive).as_posix()}")
    with read_backup(tmp_path / "旧备份.zip") as file, open_on(ledger_backend, tmp_path / "t", cluster) as target:
        assert file.format == 1
        assert restore(file, target).originals == 30
        assert contents(target) == expected


def rewritten(good: Path, target: Path, name: str, change: Callable[[bytes], bytes]) -> Path:
    """A copy of the backup `good` with the member `name` changed."""
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(target, "w") as dest:
        for item in src.infolist():
            data = src.read(item)
            dest.writestr(item, change(data) if item.filename == name else data)
    return target


def test_a_foreign_newer_or_damaged_backup_changes_nothing(source: Ledger, tmp_path: Path) -> None:
    good = tmp_path / "好.zip"
    backup(source, good)
    (tmp_path / "假.zip").write_bytes(b"PK junk")
    with pytest.raises(LedgerError, match="不是 themeday 备份文件"), read_backup(tmp_path / "假.zip"):
        pass
    newer = rewritten(good, tmp_path / "新.zip", "themeday-backup.json",
                      lambda d: d.replace(b'"format": 2', b'"format": 3'))
    with pytest.raises(LedgerError, match="较新版本.*请先升级"), read_backup(newer):
        pass
    digest = sha256_of(b"file 1")
    damaged = {
        "少一行": rewritten(good, tmp_path / "少一行.zip", "tables/event.jsonl",
                         lambda d: d[:d.rindex(b"\n", 0, -1) + 1]),
        "原件被改": rewritten(good, tmp_path / "原件被改.zip", f"archive/{digest[:2]}/{digest}", lambda d: d + b"!"),
    }
    for case, path in damaged.items():
        with read_backup(path) as file, Ledger.open(tmp_path / case, Clock(), url="") as fresh:
            fresh.record(checked(70), auto_accept=True)
            with pytest.raises(LedgerError, match="不完整|已损坏"):
                restore(file, fresh)
            assert [s.sha256 for s in fresh.submissions()] == [sha256_of(b"file 70")], case  # nothing changed


# ---- the move: themeday ledger migrate --------------------------------------------------------------------


@pytest.fixture
def desk(workspace_dir: Path) -> Iterator[Workspace]:
    """A desk's workspace with a SQLite ledger full of everything, and its archive."""
    workspace = Workspace.open(workspace_dir)
    with Ledger.open(workspace.state, Clock(), url="") as ledger:
        fill(ledger)
    yield workspace


def migrate(capsys: pytest.CaptureFixture[str], workspace: Workspace, *args: str) -> tuple[int, str]:
    code = main(["ledger", "migrate", *args, "-w", str(workspace.root)])
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.mark.sqlite_only  # the source is the desk's SQLite ledger; the target is PostgreSQL
def test_migrate_moves_the_ledger_and_its_originals_and_checks_them(desk: Workspace, cluster: Cluster,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    url = cluster.new_ledger_url()
    with Ledger.open(desk.state, url="") as local:
        expected = contents(local)
    code, out = migrate(capsys, desk, "--to", url)
    assert code == 0, out
    assert "收到的文件：本机 24 行，共享台账 24 行，一致" in out
    assert "原件：30 个，从共享台账逐个读回校验 SHA-256，30 个一致" in out
    assert "核对通过" in out and 'url = "postgresql://clerk:***@' in out
    assert "themeday-test" not in out  # the password is never printed
    with Ledger.open(desk.state, url=url) as shared:
        assert contents(shared) == expected
        assert shared.record(checked(99), auto_accept=True).id == 25
    with Ledger.open(desk.state, url="") as local:  # the SQLite ledger stays as it was: the fallback
        assert contents(local) == expected
    assert Workspace.open(desk.root).settings.ledger.url == ""  # not written without --write-settings


@pytest.mark.sqlite_only
def test_migrate_can_write_the_url_into_the_desks_settings(desk: Workspace, cluster: Cluster,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    url = cluster.new_ledger_url()
    code, out = migrate(capsys, desk, "--to", url, "--write-settings")
    assert code == 0, out
    assert Workspace.open(desk.root).settings.ledger.url == url
    text = (desk.root / "themeday.toml").read_text(encoding="utf-8")
    assert text.count("[ledger]") == 1 and "# 本工位的名称" in text  # the comments stay


@pytest.mark.sqlite_only
def test_migrate_refuses_a_target_that_holds_a_ledger(desk: Workspace, cluster: Cluster,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    url = cluster.new_ledger_url()
    with Ledger.open(desk.state, url=url) as other:
        other.record(checked(1, unit="别的工位"), auto_accept=True)
    code, out = migrate(capsys, desk, "--to", url)
    assert code == 2 and "已有数据" in out and "收到的文件 1" in out and "未写入任何内容" in out
    with Ledger.open(desk.state, url=url) as other:
        assert [s.unit for s in other.submissions()] == ["别的工位"]
        with Ledger.open(desk.state, url="") as local, pytest.raises(TargetNotEmpty):
            move_ledger(local, other)


@pytest.mark.sqlite_only
def test_a_damaged_original_is_caught(desk: Workspace, cluster: Cluster, capsys: pytest.CaptureFixture[str]) -> None:
    # In the desk's archive: the move stops before any row is written.
    digest = sha256_of(b"file 2")
    path = desk.state / "archive" / digest[:2] / digest
    path.write_bytes(b"changed on disk")
    url = cluster.new_ledger_url()
    code, out = migrate(capsys, desk, "--to", url)
    assert code == 2 and "已损坏" in out and digest in out and "台账没有迁移" in out
    with Ledger.open(desk.state, url=url) as shared:
        assert not any(shared.row_counts().values())
    path.write_bytes(b"file 2")
    # In the database after the move: the check reads every original back and finds it.
    code, out = migrate(capsys, desk, "--to", url)
    assert code == 0, out
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("UPDATE original_chunk SET data = %s WHERE sha256 = %s", (b"not the file", digest))
    code, out = migrate(capsys, desk, "--to", url, "--check")
    assert code == 1
    assert f"原件 {digest} 读回的内容与校验值不符（已损坏）" in out and "核对没有通过" in out
    with Ledger.open(desk.state, url="") as local, Ledger.open(desk.state, url=url) as shared:
        report = verify_move(local, shared)
    assert report.damaged == (digest,) and not report.missing and not report.ok


@pytest.mark.sqlite_only
def test_migrate_needs_a_postgresql_url_and_a_local_ledger(workspace_dir: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    workspace = Workspace.open(workspace_dir)
    code, out = migrate(capsys, workspace, "--to", "mysql://x@y/z")
    assert code == 2 and "不是 PostgreSQL 地址" in out
    code, out = migrate(capsys, workspace, "--to", "postgresql://clerk@127.0.0.1:1/none")
    assert code == 2 and "没有本机台账" in out
    assert not (workspace.state / DB_NAME).exists()
