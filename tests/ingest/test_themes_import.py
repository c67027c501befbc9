"""`themeday themes import`: a year's guiding themes from the `themes` xlsx form."""

from __future__ import annotations

import json
from datetime import date

import openpyxl

from themeday_office.cli import main


def themes_book(path, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "指导性主题"
    sheet.append(["2018年惠济区“主题党日”活动指导性主题"])
    sheet.append(["月份", "日期", "序号", "活动内容"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_good_table_is_imported_and_used_by_the_calendar(workspace, tmp_path, capsys):
    path = themes_book(tmp_path / "2018.xlsx", [
        ["1月", date(2018, 1, 12), 1, "学习宣传党的十九大精神"],
        ["1月", date(2018, 1, 12), 2, "召开“三会一课”"],
        [2, "2018年2月9日", 1, "慰问困难党员"],
    ])
    assert main(["themes", "import", str(path), "-w", str(workspace.root)]) == 0
    assert "已导入2018年指导性主题：2 个月，共 3 项" in capsys.readouterr().out
    assert main(["calendar", "2018", "--json", "-w", str(workspace.root)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["themes"] == ["学习宣传党的十九大精神", "召开“三会一课”"]
    assert rows[1]["themes"] == ["慰问困难党员"]
    assert rows[2]["themes"] == []


def test_a_bad_table_is_refused_with_places(workspace, tmp_path, capsys):
    path = themes_book(
        tmp_path / "bad.xlsx", [["13月", date(2018, 1, 12), 1, "某主题"], ["1月", "某天", 2, "另一主题"]]
    )
    assert main(["themes", "import", str(path), "-w", str(workspace.root)]) == 1
    out = capsys.readouterr().out
    assert "“月份”为“13月”" in out and "“日期”为“某天”" in out and "未导入" in out
