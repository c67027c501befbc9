"""`themeday --help` and every command's help, as an 80-column terminal shows them: measured in
terminal cells (a Chinese character takes two), wrapped inside the width, the help column straight."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from themeday_office.cli import main
from themeday_office.cli.parser import cells, wrap_cells

WIDTH = 80


def help_of(capsys, monkeypatch, *argv: str) -> str:
    monkeypatch.setenv("COLUMNS", str(WIDTH))
    with pytest.raises(SystemExit) as done:
        main([*argv, "--help"])
    assert done.value.code == 0
    return capsys.readouterr().out


def test_every_help_fits_an_80_column_terminal_with_its_help_column_straight(capsys, monkeypatch):
    names = re.findall(r"^    ([a-z][a-z-]+) ", help_of(capsys, monkeypatch), re.MULTILINE)
    assert {"check", "ingest", "ledger", "render", "doctor", "tui"} <= set(names)
    nested = [["ledger", "migrate"], ["ledger", "backup"], ["roster", "import"], ["roster", "show"],
              ["themes", "import"]]
    for argv in ([], *([name] for name in names), *nested):
        text = help_of(capsys, monkeypatch, *argv)
        columns = set()
        for line in text.splitlines():
            # Measured as Rich measures a terminal (the CLI's tables do), not by the wrapping's own rule.
            assert cell_len(line) <= WIDTH and cells(line) <= WIDTH + 4, (argv, line)
            assert not line.lstrip().startswith(("，", "。", "、", "）", "：")), (argv, line)
            # "  --state 状态          待处理…": the help beside an option starts in one column.
            if found := re.match(r"^  (-\S.*?\S)  +(\S.*)$", line):
                columns.add(cells(line[: found.start(2)]))
        assert len(columns) <= 1, (argv, columns, text)
        headings = [line for line in text.splitlines() if line and not line.startswith(" ") and line.endswith(":")]
        assert not headings, (argv, headings)  # 选项： with the full-width colon, as 用法：


def test_wrapping_breaks_chinese_anywhere_latin_words_whole_and_keeps_punctuation_off_a_line_start():
    assert wrap_cells("检查运行环境：LibreOffice 与公文字体", 20) == ["检查运行环境：", "LibreOffice 与公文字", "体"]
    assert wrap_cells("迁入共享的 PostgreSQL 数据库", 20) == ["迁入共享的", "PostgreSQL 数据库"]
    assert wrap_cells("不缩短单位和文件名，行可能超出", 18) == ["不缩短单位和文件", "名，行可能超出"]
    assert wrap_cells("A_NAME_LONGER_THAN_A_LINE", 10) == ["A_NAME_LON", "GER_THAN_A", "_LINE"]
    assert wrap_cells("ab cdefghi xyz", 10) == ["ab cdefghi", "xyz"]  # a word that fits stays
    assert wrap_cells("中文中文中 abcdefghij", 10) == ["中文中文中", "abcdefghij"]  # no empty line
    assert wrap_cells("请按下（重新生成）签发", 8) == ["请按下", "（重新生", "成）签发"]  # （ goes down
