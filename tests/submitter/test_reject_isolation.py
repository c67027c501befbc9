"""`themeday reject` reads and marks the original in a parser process, under the workspace's [limits]."""

from __future__ import annotations

import io
import os
from pathlib import Path

import openpyxl
import pytest

from themeday_office.cli import main
from themeday_office.ledger import CheckedFile, Ledger, StoredMessage, sha256_of
from themeday_office.readers import ReadLimits
from themeday_office.render.submitter import RETURN_FOLDER, package_step, write_return_package
from themeday_office.render.submitter.workbook_marks import LIST_SHEET, MARK_AUTHOR
from themeday_office.workspace import init_workspace


def report(rows: int = 8) -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None  # a new workbook has its one sheet active
    ws.title = "月报"
    ws.append(["序号", "党支部名称", "应到人数", "实到人数"])
    for n in range(1, rows + 1):
        ws.append([n, f"第{n}党支部", 30, 28])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def recorded(state: Path, data: bytes) -> int:
    with Ledger.open(state) as ledger:
        ledger.archive.put(data)
        sub = ledger.record(CheckedFile(
            sha256=sha256_of(data), original_name="月报.xlsx", inbox_path="月报.xlsx", size=len(data), format="xlsx",
            kind="monthly", unit="古荥镇党委", period="2017-03",
            messages=[StoredMessage("错误", "value_invalid", "月报!D3", "月报!D3“实到人数”有误")]), auto_accept=False)
        return sub.id


def with_limits(root: Path, **limits: object) -> None:
    settings = root / "themeday.toml"
    text = settings.read_text(encoding="utf-8")
    for key, value in limits.items():
        text = text.replace(f"# {key} = ", f"{key} = {value}\n# was: ", 1)
    settings.write_text(text, encoding="utf-8")


def package_of(root: Path, submission_id: int) -> openpyxl.Workbook:
    (path,) = (root / "outbox" / RETURN_FOLDER).glob(f"*_{submission_id}_退回.xlsx")
    return openpyxl.load_workbook(path)


def intro(book: openpyxl.Workbook) -> str:
    return " ".join(str(v) for row in book[LIST_SHEET].iter_rows(max_row=12, values_only=True) for v in row if v)


def test_the_package_is_built_in_the_parser_process_not_in_the_command(tmp_path, monkeypatch):
    def not_here(*args):
        raise AssertionError("the original was marked in the command's own process")

    monkeypatch.setattr(package_step, "mark_own_workbook", not_here)
    submission_id = recorded(tmp_path / "state", report())
    with Ledger.open(tmp_path / "state") as ledger:
        ledger.reject(submission_id, "科员", "有误")
        package = write_return_package(ledger, submission_id, tmp_path / "outbox", limits=ReadLimits())
    book = openpyxl.load_workbook(package)
    assert book["月报"]["D3"].comment.author == MARK_AUTHOR  # marked: by the child's own, unpatched module


def test_a_file_beyond_the_limits_now_gets_the_list_saying_why(tmp_path, capsys):
    root = tmp_path / "ws"
    init_workspace(root)
    submission_id = recorded(root / "state", report(rows=8))
    with_limits(root, max_rows=5)
    assert main(["reject", str(submission_id), "--reason", "有误", "-w", str(root)]) == 0
    captured = capsys.readouterr()
    assert "退回包" in captured.out and "Traceback" not in captured.err
    book = package_of(root, submission_id)
    assert book.sheetnames == [LIST_SHEET]
    assert "原文件未能再次读取" in intro(book) and "超过 5 行" in intro(book)


@pytest.mark.skipif(os.name != "posix", reason="the parser's time limit is what is tested; any OS has it")
def test_a_parser_that_takes_too_long_is_stopped_and_the_list_goes_back(tmp_path, capsys):
    root = tmp_path / "ws"
    init_workspace(root)
    submission_id = recorded(root / "state", report(rows=3000))
    with_limits(root, parse_timeout_s=0.01)
    assert main(["reject", str(submission_id), "--reason", "有误", "-w", str(root)]) == 0
    assert "Traceback" not in capsys.readouterr().err
    book = package_of(root, submission_id)
    assert book.sheetnames == [LIST_SHEET] and "读取文件超过" in intro(book)
