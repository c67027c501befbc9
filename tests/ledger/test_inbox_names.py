"""Inbox paths that are not plain text are kept as bytes beside their display text (schema v4)."""

import os
import sqlite3

import pytest

from themeday_office.ledger import SCHEMA_VERSION, CheckedFile, Ledger, State, StoredMessage, sha256_of
from themeday_office.ledger.store import DB_NAME

GBK_NAME = os.fsdecode(b"\xff\xfe\xb9\xfa.xlsx")  # what Python gives for these bytes on POSIX


def checked(n: int, *, name: str = "", raw: bytes | None = None) -> CheckedFile:
    name = name or f"报表{n}.xlsx"
    return CheckedFile(sha256=sha256_of(f"file {n}".encode()), original_name=name, inbox_path=name, size=10,
                       format="xlsx", messages=[StoredMessage("错误", "unreadable", "", "无法读取")],
                       inbox_path_raw=raw)


def test_a_raw_path_is_kept_losslessly_and_found_again(tmp_path):
    with Ledger.open(tmp_path / "state") as ledger:
        odd = ledger.record(checked(1, name="��国.xlsx", raw=os.fsencode(GBK_NAME)), auto_accept=False)
        plain = ledger.record(checked(2), auto_accept=False)
        assert odd.inbox_path == "��国.xlsx"
        assert ledger.inbox_path_raw(odd.id) == b"\xff\xfe\xb9\xfa.xlsx"
        assert ledger.inbox_fspath(odd) == GBK_NAME
        assert ledger.inbox_path_raw(plain.id) is None
        assert ledger.inbox_fspath(plain) == "报表2.xlsx"


def test_one_bad_name_does_not_block_the_batch_it_is_committed_with(tmp_path):
    with Ledger.open(tmp_path / "state") as ledger:
        batch = [checked(1), checked(2, name="��国.xlsx", raw=os.fsencode(GBK_NAME)), checked(3)]
        recorded = ledger.record_many(batch, auto_accept=True)
        assert [sub.state for sub, _ in recorded] == [State.INVALID] * 3
        assert len(ledger.submissions()) == 3


def test_a_version_3_ledger_opens_migrated_with_its_rows(tmp_path):
    state = tmp_path / "state"
    with Ledger.open(state, _target_version=3) as old:
        assert old.schema_version == 3
        sub = old.record(checked(1), auto_accept=False)
        assert old.inbox_fspath(sub) == "报表1.xlsx"  # no raw column yet: the text is the path
    conn = sqlite3.connect(state / DB_NAME)
    assert "inbox_path_raw" not in {row[1] for row in conn.execute("PRAGMA table_info(submission)")}
    conn.close()
    with Ledger.open(state) as ledger:
        assert ledger.schema_version == SCHEMA_VERSION >= 4
        old_sub = ledger.get(sub.id)
        assert old_sub.original_name == "报表1.xlsx" and ledger.inbox_path_raw(sub.id) is None
        new = ledger.record(checked(2, name="x.xlsx", raw=b"\xffx.xlsx"), auto_accept=False)
        assert ledger.inbox_path_raw(new.id) == b"\xffx.xlsx"


@pytest.mark.parametrize("version", [1, 2, 3])
def test_every_older_schema_reaches_the_current_one(tmp_path, version):
    state = tmp_path / "state"
    Ledger.open(state, _target_version=version).close()
    with Ledger.open(state) as ledger:
        assert ledger.schema_version == SCHEMA_VERSION
