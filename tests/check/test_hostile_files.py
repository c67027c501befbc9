"""A hostile or unlucky file ends in its own message, and the files around it go on (issue 20).

Real files: the crafted ones of tests/data/fuzz (tests/fuzz/crafted.py), the synthetic district's
reports, a real workspace and ledger, the real parser processes.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from functools import partial
from pathlib import Path

import pytest

import themeday_office.ingest.check as check_module
from tests.fuzz.crafted import NON_FINITE
from tests.ingest.conftest import district, month_files, roster_file, workspace  # noqa: F401 - pytest fixtures, used by name
from tests.readers import craft
from themeday_office.cli import main
from themeday_office.ingest.check import check_bytes, check_isolated, unreadable
from themeday_office.ingest.pipeline import ACCEPTED, WAITING
from themeday_office.ingest.session import ingest_session
from themeday_office.ledger import Ledger
from themeday_office.readers import ReadError

FUZZ = Path(__file__).resolve().parent.parent / "data" / "fuzz"
ARRIVED = date(2017, 3, 12)
CHECK_FAILED = "审核时程序出错（ValueError），文件已保留；请把文件发给技术人员"


def _raises(content, name, context, extra):
    raise ValueError("cannot convert float NaN to integer")  # what an inf cell once raised


def test_number_cells_of_inf_nan_and_1e400_are_messages_at_their_cells(environment, isolated_reader):
    """`<c r="D4" t="n"><v>inf</v></c>` in a time column stopped the check in the parser process
    (a RuntimeError in the caller: no attempt recorded, every ingest stopped at the file)."""
    data = (FUZZ / "cells-inf-nan-1e400.xlsx").read_bytes()
    env = environment(ARRIVED)
    isolated = check_isolated(isolated_reader, data, "月报.xlsx", env)
    here = check_bytes(data, "月报.xlsx", env)
    for result in (isolated, here):
        assert result.kind == "monthly" and result.read_error is None and not result.ok
        invalid = {m.place: m.text for m in result.messages if m.code == "value_invalid"}
        assert {f"Sheet1!{cell}" for cell in NON_FINITE} <= set(invalid), invalid
    assert "“结束时间”为“inf”，无法识别为时间" in invalid["Sheet1!D4"]
    assert "“实到人数”为“1e+308”，不是人数" in invalid["Sheet1!K4"]
    assert [m.text for m in isolated.messages] == [m.text for m in here.messages]


def test_a_check_that_raises_in_the_parser_process_is_the_files_error(isolated_reader):
    data = (FUZZ.parent.parent / "corpus" / "monthly-perfect.xlsx").read_bytes()
    with pytest.raises(ReadError) as raised:
        isolated_reader.read_then(data, "月报.xlsx", _raises, "raises", "context")
    assert raised.value.code == "check_failed"
    assert raised.value.message == CHECK_FAILED
    assert "cannot convert float NaN" in raised.value.details["detail"]
    assert isolated_reader.read_bytes(data, "月报.xlsx").sheets  # the same worker reads on


def test_a_check_that_raises_in_this_process_is_the_files_error(environment, monkeypatch):
    def boom(content, name, env):
        raise ValueError("cannot convert float NaN to integer")

    monkeypatch.setattr(check_module, "check_content", boom)
    data = (FUZZ.parent.parent / "corpus" / "monthly-perfect.xlsx").read_bytes()
    result = check_bytes(data, "月报.xlsx", environment(ARRIVED))
    assert result.read_error == "check_failed" and not result.ok
    assert [(m.code, m.text) for m in result.messages] == [("file_unreadable", f"文件无法读取：{CHECK_FAILED}")]


def test_a_spreadsheet_carrying_a_word_forms_marker_is_told_by_its_sheets(environment):
    """The kit's marker of a record or a summary (Word forms) on a workbook once sent it to that
    form's check, which reads a document's tables: 审核时程序出错 for the clerk."""
    for form in ("record", "summary"):
        data = craft.xlsx_bytes(craft.monthly_book(form=form))
        result = check_bytes(data, "月报.xlsx", environment(ARRIVED))
        assert result.kind == "monthly" and result.read_error is None, [m.text for m in result.messages]


def _poisoned_inbox(workspace, district, folder: Path) -> tuple[list[Path], list[str]]:  # noqa: F811 - the fixtures imported above
    """Good reports with the hostile files between them, in name order."""
    good = [g.path for g in month_files(district, folder)]
    poisoned = ["0-zip-version-25.5.xlsx", "1-cells-inf-nan-1e400.xlsx", "2-审核出错.xlsx",
                "3-zip-negative-seek.xlsx"]
    for name in poisoned:
        source = FUZZ / name.split("-", 1)[1] if "审核出错" not in name else good[0]
        shutil.copy(source, folder / name)
    (folder / "2-审核出错.xlsx").write_bytes((folder / "2-审核出错.xlsx").read_bytes() + b"\0")  # its own bytes
    return good, poisoned


def test_ingest_records_each_hostile_file_as_waiting_with_its_message_and_takes_the_rest(workspace, district):  # noqa: F811 - the fixtures imported above
    good, poisoned = _poisoned_inbox(workspace, district, workspace.inbox)
    with ingest_session(workspace) as ingestor:
        real = ingestor.check
        assert isinstance(real, partial) and real.func is check_isolated
        reader = real.args[0]  # the session's IsolatedReader: check_isolated(reader, ...)

        def check(data, name, env):
            if name != "2-审核出错.xlsx":
                return real(data, name, env)
            try:  # the real parser process, whose check raises on this one file
                return reader.read_then(data, name, _raises, "raises", "context")
            except ReadError as error:
                return unreadable(name, error)

        ingestor.check = check
        outcomes = {p.name: ingestor.ingest(p) for p in sorted(workspace.inbox.iterdir())}

    assert not list(workspace.inbox.iterdir()), "every file was taken"
    assert {outcomes[p.name].word for p in good} == {ACCEPTED}
    assert {name: outcomes[name].word for name in poisoned} == dict.fromkeys(poisoned, WAITING)
    subs = {name: outcomes[name].submission for name in poisoned}
    with Ledger.open(workspace.state) as ledger:
        texts = {name: [m.text for m in ledger.messages(sub.id)] for name, sub in subs.items() if sub is not None}
    assert texts.keys() == subs.keys(), "each hostile file was recorded"
    assert texts["0-zip-version-25.5.xlsx"] == [
        "文件无法读取：文件已损坏或不完整，无法打开；请用 Excel 或 WPS 重新保存后报送"
    ]
    assert texts["3-zip-negative-seek.xlsx"] == texts["0-zip-version-25.5.xlsx"]
    assert texts["2-审核出错.xlsx"] == [f"文件无法读取：{CHECK_FAILED}"]
    assert any("“结束时间”为“inf”" in text for text in texts["1-cells-inf-nan-1e400.xlsx"])


def test_check_json_answers_for_every_file_of_a_folder_with_poisoned_ones(workspace, district, tmp_path, capsys):  # noqa: F811 - the fixtures imported above
    folder = tmp_path / "待审"
    folder.mkdir()
    good, poisoned = _poisoned_inbox(workspace, district, folder)
    code = main(["check", str(folder), "--json", "-w", str(workspace.root)])
    out = capsys.readouterr()
    reported = {r["file"]: r for r in json.loads(out.out)}
    assert code == 1 and "Traceback" not in out.err
    assert set(reported) == {p.name for p in good} | set(poisoned)
    assert all(reported[p.name]["ok"] for p in good)
    assert reported["0-zip-version-25.5.xlsx"]["messages"][0]["code"] == "file_unreadable"
    assert reported["1-cells-inf-nan-1e400.xlsx"]["kind"] == "monthly"
