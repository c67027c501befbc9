import sqlite3
from datetime import date

import pytest

from themeday_office.ledger import (
    SCHEMA_VERSION,
    CheckedFile,
    DuplicateEntry,
    EncodedRow,
    FormRow,
    Ledger,
    LedgerError,
    State,
    StoredFinding,
    StoredMessage,
    restore_database,
    sha256_of,
)
from themeday_office.ledger.store import DB_NAME


def checked(n: int, unit="古荥镇党委", period="2017-03", kind="monthly", errors=0, rows=()):
    messages = [StoredMessage("错误", "count_over", f"月报!L{5 + i}", "实到人数大于应到人数") for i in range(errors)]
    return CheckedFile(
        sha256=sha256_of(f"file {n}".encode()), original_name=f"{unit}{n}.xlsx", inbox_path=f"{unit}{n}.xlsx",
        size=100 + n, format="xlsx", kind=kind, unit=unit, period=period, messages=messages,
        findings=[StoredFinding("not_held", unit, "大河村党支部", "未开展", {"reason": "防汛"})],
        rows=list(rows),
    )


def test_a_good_file_is_accepted_automatically_and_current(ledger):
    sub = ledger.record(checked(1), auto_accept=True, actor="张三")
    assert (sub.state, sub.current, sub.version) == (State.ACCEPTED, True, 1)
    assert [e.action for e in ledger.events(sub.id)] == ["arrived", "checked", "accepted"]
    assert ledger.events(sub.id)[-1].actor == "张三"
    assert ledger.findings(sub.id)[0].data == {"reason": "防汛"}


def test_without_auto_accept_a_good_file_waits(ledger):
    sub = ledger.record(checked(1), auto_accept=False)
    assert (sub.state, sub.current) == (State.VALID, False)
    assert ledger.accept(sub.id, "李四").state is State.ACCEPTED


def test_a_file_with_errors_waits_and_needs_a_reason_to_accept(ledger):
    sub = ledger.record(checked(1, errors=2), auto_accept=True)
    assert sub.state is State.INVALID
    assert [m.place for m in ledger.messages(sub.id)] == ["月报!L5", "月报!L6"]
    with pytest.raises(LedgerError, match="必须写明理由"):
        ledger.accept(sub.id)
    accepted = ledger.accept(sub.id, "王五", reason="电话核实，数据无误")
    assert accepted.current
    assert ledger.events(sub.id)[-1].reason == "电话核实，数据无误"


def test_a_new_version_supersedes_and_keeps_history(ledger):
    v1 = ledger.record(checked(1), auto_accept=True)
    v2 = ledger.record(checked(2), auto_accept=True)
    assert v2.version == 2 and v2.current
    old = ledger.get(v1.id)
    assert (old.state, old.current) == (State.SUPERSEDED, False)
    assert [s.id for s in ledger.versions(v2.id)] == [v1.id, v2.id]
    assert "由编号" in ledger.events(v1.id)[-1].detail
    other_unit = ledger.record(checked(3, unit="花园口镇党委"), auto_accept=True)
    assert other_unit.version == 1 and ledger.get(v2.id).current


def test_an_invalid_new_version_leaves_the_old_one_current(ledger):
    v1 = ledger.record(checked(1), auto_accept=True)
    v2 = ledger.record(checked(2, errors=1), auto_accept=True)
    assert ledger.get(v1.id).current and not v2.current
    ledger.reject(v2.id, reason="实到人数有误")
    assert ledger.get(v2.id).state is State.REJECTED


def test_rejecting_the_current_version_restores_the_previous(ledger):
    v1 = ledger.record(checked(1), auto_accept=True)
    v2 = ledger.record(checked(2), auto_accept=True)
    ledger.reject(v2.id, reason="误收")
    assert ledger.get(v1.id).current and ledger.get(v1.id).state is State.ACCEPTED
    assert ledger.events(v1.id)[-1].action == "restored"


def test_an_older_version_cannot_replace_a_newer_current_one(ledger):
    v1 = ledger.record(checked(1, errors=1), auto_accept=True)
    v2 = ledger.record(checked(2), auto_accept=True)
    with pytest.raises(LedgerError, match="第1版，早于现行的第2版"):
        ledger.accept(v1.id, reason="试试")
    assert ledger.get(v2.id).current


def test_decisions_are_refused_when_they_make_no_sense(ledger):
    sub = ledger.record(checked(1), auto_accept=True)
    with pytest.raises(LedgerError, match="已经通过"):
        ledger.accept(sub.id)
    with pytest.raises(LedgerError, match="必须写明理由"):
        ledger.reject(sub.id, reason="  ")
    with pytest.raises(LedgerError, match="没有编号为 99"):
        ledger.get(99)


def test_receipt_date_correction(ledger):
    sub = ledger.record(checked(1), auto_accept=True)
    assert sub.received_on == date(2017, 3, 13)
    fixed = ledger.set_receipt_date(sub.id, date(2017, 3, 12), reason="周日收到纸质件")
    assert fixed.received_on == date(2017, 3, 12)
    assert ledger.events(sub.id)[-1].detail == "2017-03-13 → 2017-03-12"


def test_the_same_bytes_once_and_repeats_noted(ledger):
    sub = ledger.record(checked(1), auto_accept=True)
    with pytest.raises(DuplicateEntry):
        ledger.record(checked(1), auto_accept=True)
    assert ledger.note_repeat(sub.id, "sub/副本.xlsx#1")
    assert not ledger.note_repeat(sub.id, "sub/副本.xlsx#1")  # the same arrival seen again after a crash
    assert ledger.note_repeat(sub.id, "sub/副本.xlsx#2")
    assert ledger.repeats(sub.id) == 2
    assert ledger.by_sha(sub.sha256).id == sub.id
    # The history shows where each copy came, not the file time that keeps one arrival's note single.
    assert ledger.note_repeat(sub.id, "新建文件夹/乙.xlsx（乙.xlsx）#1796622176630963658")
    assert ledger.note_repeat(sub.id, "甲（1）.xlsx（甲（1）.xlsx）#17")
    assert [e.detail_zh for e in ledger.events(sub.id) if e.action == "repeat"] == [
        "sub/副本.xlsx", "sub/副本.xlsx", "新建文件夹/乙.xlsx", "甲（1）.xlsx"]


def test_current_rows_only_from_accepted_current_versions(ledger):
    def row(n):
        return FormRow(0, "monthly", "古荥镇党委", f"支部{n}", "2017-03", {"present": n})

    ledger.record(checked(1, rows=[row(1), row(2)]), auto_accept=True)
    ledger.record(checked(2, rows=[row(3)]), auto_accept=True)
    ledger.record(checked(3, unit="花园口镇党委", errors=1, rows=[row(9)]), auto_accept=True)
    rows = ledger.current_rows("monthly", ["2017-03"])
    assert [r.data["present"] for r in rows] == [3]


def test_rows_arriving_as_json_text_are_stored_as_is(ledger):
    encoded = EncodedRow("monthly", "古荥镇党委", "支部1", "2017-03", '{"present":3,"places":{"实到人数":"月报!L5"}}')
    ledger.record(checked(1, rows=[encoded]), auto_accept=True)
    [row] = ledger.current_rows("monthly", ["2017-03"])
    assert (row.branch, row.data) == ("支部1", {"present": 3, "places": {"实到人数": "月报!L5"}})


@pytest.mark.sqlite_only  # the SQLite file itself
def test_bookkeeping_commits_skip_the_disk_wait_and_leave_the_connection_durable(ledger):
    def synchronous():
        return ledger._conn.execute("PRAGMA synchronous").fetchone()[0]

    assert synchronous() == 2  # FULL: what records a submission waits for the disk
    ledger.begin_attempt("f" * 64)
    sub = ledger.record(checked(1), auto_accept=True)
    ledger.mark_removed(sub.id)
    assert synchronous() == 2
    with pytest.raises(sqlite3.Error):
        with ledger._tx(durable=False) as cur:
            cur.execute("SELECT * FROM no_such_table")
    assert synchronous() == 2
    assert ledger.get(sub.id).removed and ledger.attempt("f" * 64)[0] == 1


def test_filters_and_counts(ledger):
    ledger.record(checked(1), auto_accept=True)
    ledger.record(checked(2, unit="花园口镇党委", errors=1), auto_accept=True)
    ledger.record(checked(3, period="2017-04"), auto_accept=True)
    assert [s.unit for s in ledger.submissions(state="invalid")] == ["花园口镇党委"]
    assert len(ledger.submissions(period="2017")) == 3
    assert len(ledger.submissions(period="2017-03")) == 2
    assert ledger.counts_by_state() == {State.ACCEPTED: 2, State.INVALID: 1}
    assert [s.id for s in ledger.submissions(limit=2)] == [3, 2]


def test_attempts_survive_and_clear(ledger):
    assert ledger.begin_attempt("f" * 64) == 1
    assert ledger.begin_attempt("f" * 64) == 2
    ledger.note_attempt_error("f" * 64, "解析进程崩溃")
    assert ledger.attempt("f" * 64) == (2, "解析进程崩溃")
    ledger.clear_attempt("f" * 64)
    assert ledger.attempt("f" * 64) == (0, "")


def test_an_older_schema_is_migrated_on_open(tmp_path):
    state = tmp_path / "state"
    with Ledger.open(state, _target_version=1) as old:
        assert old.schema_version == 1
        old.record(checked(1), auto_accept=True)
    with Ledger.open(state) as led:
        assert led.schema_version == SCHEMA_VERSION
        assert led.get(1).state is State.ACCEPTED
        assert led.begin_attempt("a" * 64) == 1  # a v2 table


@pytest.mark.sqlite_only  # the SQLite file itself
def test_a_newer_schema_is_refused(tmp_path):
    state = tmp_path / "state"
    Ledger.open(state).close()
    conn = sqlite3.connect(state / DB_NAME)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(LedgerError, match="请升级"):
        Ledger.open(state)


@pytest.mark.sqlite_only  # the SQLite file itself
def test_backup_and_restore_database(tmp_path):
    state = tmp_path / "state"
    with Ledger.open(state) as led:
        led.record(checked(1), auto_accept=True)
        led.backup_database(tmp_path / "copy.sqlite3")
        led.record(checked(2), auto_accept=True)
    restore_database(tmp_path / "copy.sqlite3", state)
    with Ledger.open(state) as led:
        assert [s.id for s in led.submissions()] == [1]
    (tmp_path / "junk.sqlite3").write_bytes(b"not a database at all" * 100)
    with pytest.raises(LedgerError, match="不是有效的台账备份"):
        restore_database(tmp_path / "junk.sqlite3", state)


def test_roster_and_themes_versions(ledger):
    ledger.add_roster_version(date(2017, 1, 1), "roster.xlsx", "a" * 64, {"committees": []})
    ledger.add_roster_version(date(2017, 6, 1), "roster2.xlsx", "b" * 64, {"committees": [1]})
    assert [v[1] for v in ledger.roster_versions()] == [date(2017, 1, 1), date(2017, 6, 1)]
    ledger.add_themes(2018, "t.xlsx", {"year": 2018})
    assert ledger.themes(2018) == {"year": 2018} and ledger.themes(2019) is None


@pytest.mark.sqlite_only  # the SQLite file itself
def test_archive_is_content_addressed_and_verified(ledger):
    digest = ledger.archive.put(b"hello")
    assert digest == sha256_of(b"hello")
    assert ledger.archive.put(b"hello") == digest
    assert ledger.archive.get(digest) == b"hello"
    ledger.archive.path(digest).write_bytes(b"tampered")
    with pytest.raises(OSError, match="已损坏"):
        ledger.archive.get(digest)


@pytest.mark.sqlite_only  # the SQLite file itself
def test_network_state_folder_refused(tmp_path, monkeypatch):
    from themeday_office.ledger import database

    monkeypatch.setattr(database, "is_network_path", lambda p: True)
    with pytest.raises(LedgerError, match="网络磁盘"):
        Ledger.open(tmp_path / "state")


def test_two_openers_of_an_old_ledger_migrate_it_once(tmp_path):
    """The app and its watcher open the ledger at the same moment after an upgrade: the second
    one finds the migration done instead of failing on it ("duplicate column name")."""
    import threading

    from themeday_office.ledger.schema import SCHEMA_VERSION

    for attempt in range(8):
        state = tmp_path / f"state{attempt}"
        Ledger.open(state, _target_version=1).close()
        start = threading.Barrier(3)
        errors: list[BaseException] = []

        def open_now(state=state, start=start, errors=errors):
            start.wait()
            try:
                Ledger.open(state).close()
            except BaseException as exc:  # noqa: BLE001 - collected for the assertion
                errors.append(exc)

        threads = [threading.Thread(target=open_now) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert errors == []
        with Ledger.open(state) as ledger:
            assert ledger.schema_version == SCHEMA_VERSION
