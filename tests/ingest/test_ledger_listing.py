"""`themeday ledger` as a clerk reads it: one line a file at 80 columns, everything with --wide or --json."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from rich.cells import cell_len

from themeday_office.cli import main
from themeday_office.cli.fitting import ELLIPSIS, Cell, Column, fit_table, shorten
from themeday_office.ledger import Ledger, State
from themeday_office.ledger.records import STATE_ZH
from themeday_office.synthetic import Mistake

from .conftest import month_files

LONG_NAME = "郑州农业高新区党工委关于报送2017年3月份主题党日活动开展情况统计表的函（第二次修改稿）.xlsx"
ROW = re.compile(r"^ *(\d+) (\S+) ")


@pytest.fixture
def ledger_workspace(workspace, district, tmp_path):
    """A ledger holding every state a clerk meets: passed, waiting, returned, replaced, repeated."""
    first, second, bad = (c.name for c in district.committees[:3])
    generated = month_files(district, workspace.inbox, mistakes={bad: {Mistake.PRESENT_EXCEEDS_EXPECTED}})
    long = next(g for g in generated if g.unit == district.committees[-1].name)
    long.path.rename(workspace.inbox / LONG_NAME)
    shutil.copy(next(g for g in generated if g.unit == second).path, workspace.inbox / "重复件.xlsx")
    root = str(workspace.root)
    assert main(["ingest", "-w", root]) == 0
    newer = next(g for g in month_files(district, tmp_path / "第二版", seed=2) if g.unit == first)
    shutil.copy(newer.path, workspace.inbox / "第二版.xlsx")
    assert main(["ingest", "-w", root]) == 0
    with Ledger.open(workspace.state) as ledger:
        returned = next(s for s in ledger.submissions() if s.unit == second and s.state is State.ACCEPTED)
    assert main(["reject", str(returned.id), "--reason", "单位盖章缺失", "-w", root]) == 0
    return workspace


def _listing(capsys, *argv) -> list[str]:
    capsys.readouterr()
    assert main(["ledger", *argv]) == 0
    return capsys.readouterr().out.splitlines()


def _submissions(workspace) -> dict[int, dict]:
    with Ledger.open(workspace.state) as ledger:
        return {s.id: s.as_json() for s in ledger.submissions()}


def _rows(lines: list[str]) -> dict[int, str]:
    """The lines that list a file, by the file's id; no id may be listed twice."""
    rows = [(int(m.group(1)), line) for line in lines if (m := ROW.match(line))]
    assert len(rows) == len(dict(rows)), "a file listed on more than one line"
    return dict(rows)


def _state(row: str) -> str:
    """The state word of a line that lists a file."""
    match = ROW.match(row)
    assert match is not None, row
    return match.group(2)


def test_at_80_columns_one_line_a_file_states_in_full_long_names_shortened(ledger_workspace, monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "80")
    lines = _listing(capsys, "-w", str(ledger_workspace.root))
    submissions = _submissions(ledger_workspace)
    assert {"accepted", "invalid", "rejected", "superseded"} <= {s["state"] for s in submissions.values()}

    assert max(cell_len(line) for line in lines) <= 80
    rows = _rows(lines)
    assert list(rows) == list(submissions)  # every file, in the ledger's order, each on exactly one line
    assert len(lines) == len(rows) + 4  # title, header, totals, ignored files: nothing wraps
    for sid, line in rows.items():
        state = _state(line)
        assert state == submissions[sid]["state_zh"] and state in STATE_ZH.values()
        assert line.endswith(ELLIPSIS) or line.endswith(submissions[sid]["original_name"]) or "（重复" in line

    [long] = [line for sid, line in rows.items() if submissions[sid]["original_name"] == LONG_NAME]
    assert long.endswith(ELLIPSIS) and LONG_NAME not in long
    assert LONG_NAME[:10] in long
    [repeated] = [line for line in rows.values() if line.endswith("（重复 1 次）")]
    assert "已退回" in repeated


def test_wide_shows_every_name_in_full_still_one_line_a_file(ledger_workspace, monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "80")
    lines = _listing(capsys, "--wide", "-w", str(ledger_workspace.root))
    submissions = _submissions(ledger_workspace)
    rows = _rows(lines)
    assert list(rows) == list(submissions)
    for sid, line in rows.items():
        assert submissions[sid]["original_name"] in line and submissions[sid]["unit"] in line
    assert any(line.endswith(LONG_NAME) for line in rows.values())
    assert max(cell_len(line) for line in lines) > 80


def test_into_a_pipe_every_column_in_full_unless_columns_is_set(ledger_workspace, monkeypatch, capsys):
    monkeypatch.delenv("COLUMNS", raising=False)
    rows = _rows(_listing(capsys, "-w", str(ledger_workspace.root)))
    assert any(line.endswith(LONG_NAME) for line in rows.values())
    monkeypatch.setenv("COLUMNS", "100")
    lines = _listing(capsys, "-w", str(ledger_workspace.root))
    assert max(cell_len(line) for line in lines) <= 100 and not any(LONG_NAME in line for line in lines)


def test_filters_and_json_keep_everything(ledger_workspace, monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "80")
    rows = _rows(_listing(capsys, "--state", "superseded,rejected", "-w", str(ledger_workspace.root)))
    assert {_state(line) for line in rows.values()} == {"已替代", "已退回"}
    listed = json.loads("\n".join(_listing(capsys, "--json", "-w", str(ledger_workspace.root))))
    assert LONG_NAME in {r["original_name"] for r in listed}
    assert sorted(r["repeats"] for r in listed)[-1] == 1


def test_shorten_measures_cells_and_never_halves_a_wide_character():
    assert shorten("区直机关工委", 12) == "区直机关工委"
    assert shorten("区直机关工委", 11) == "区直机关..."
    assert shorten("区直机关工委", 10) == "区直机..."  # 区直机关 and the dots would take 11 cells
    assert shorten("ab区直x", 6) == "ab..."
    for width in range(3, 20):
        cut = shorten(LONG_NAME, width)
        assert cell_len(cut) in (width, width - 1) and cut.endswith(ELLIPSIS)
        assert LONG_NAME.startswith(cut[: -len(ELLIPSIS)])


def test_a_newline_in_a_file_name_keeps_its_row_on_one_line():
    lines = fit_table([Column("编号"), Column("文件名", floor=6)], [[Cell("1"), Cell("第一行\n第二行\u202e.xlsx")]], 40)
    assert [line.plain for line in lines] == ["编号 文件名", "1    第一行?第二行?.xlsx"]
