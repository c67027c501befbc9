"""Issue 24, as a clerk meets it: the first roster serves the past; a file's name against its content.

Real files made by the code (synthetic), the real `themeday` commands, the real ledger (SQLite and
PostgreSQL, through the autouse fixture in conftest.py).
"""

from __future__ import annotations

import json
import shutil

from themeday_office.cli import main
from themeday_office.ledger import Ledger, State
from themeday_office.synthetic import make_period_submissions
from themeday_office.workspace import Workspace, init_workspace

from .conftest import MARCH, month_files

APRIL_NAME = "文件名写的是2017年4月，内容是2017年3月：以内容为准"


def run(capsys, *argv):
    code = main([*argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def checked(capsys, workspace: Workspace, *paths) -> list[dict]:
    code, out, _ = run(capsys, "check", *map(str, paths), "--json", "-w", str(workspace.root))
    assert code in (0, 1)
    return json.loads(out)


def test_a_first_roster_imported_today_checks_a_report_from_2017(roster_file, district, tmp_path, capsys):
    root = tmp_path / "新工作区"
    init_workspace(root)
    code, out, _ = run(capsys, "roster", "import", str(roster_file), "-w", str(root))  # no --effective
    assert code == 0
    assert "未指定生效日期，按今天" in out and "首个名册，也用于此前各期" in out
    workspace = Workspace.open(root)
    report = month_files(district, tmp_path / "报表")[0]

    [result] = checked(capsys, workspace, report.path)
    assert result["ok"] and result["period"] == "2017-03" and result["unit"] == report.unit
    assert "roster_missing" not in {m["code"] for m in result["messages"]}

    shutil.copy(report.path, workspace.inbox / report.path.name)
    code, out, _ = run(capsys, "ingest", "-w", str(root))
    assert code == 0 and "已通过" in out
    with Ledger.open(workspace.state) as ledger:
        [sub] = ledger.submissions()
        assert (sub.state, sub.period) == (State.ACCEPTED, "2017-03")

    code, out, _ = run(capsys, "roster", "show", "--at", "2016-01-01", "-w", str(root))
    assert code == 0 and "这是首个名册" in out


def test_the_import_says_which_date_it_took_and_which_periods_the_version_serves(workspace, roster_file, capsys):
    root = str(workspace.root)  # holds a first version effective 2017-01-01
    code, out, _ = run(capsys, "roster", "import", str(roster_file), "--effective", "2017-06-20", "-w", root)
    assert code == 0
    assert "生效日期2017年6月20日；2017年7月起的各期按此名册核对，此前各期仍按2017年1月1日起生效的名册。" in out
    assert "首个名册" not in out

    code, out, _ = run(capsys, "roster", "import", str(roster_file), "--effective", "2016-09-01", "-w", root)
    assert code == 0 and "生效日期2016年9月1日；首个名册，也用于此前各期。" in out

    # The same date again replaces that version; the versions on file still show.
    code, out, _ = run(capsys, "roster", "import", str(roster_file), "--effective", "2017-06-20", "-w", root)
    assert code == 0 and "替换原同日生效的版本" in out
    code, out, _ = run(capsys, "roster", "show", "--at", "2015-03-01", "-w", root)
    assert code == 0 and "2016-09-01 起生效" in out and "共 3 个版本" in out and "这是首个名册" in out
    code, out, _ = run(capsys, "roster", "show", "--at", "2017-08-01", "-w", root)
    assert code == 0 and "2017-06-20 起生效" in out and "这是首个名册" not in out


def test_a_name_stating_another_month_or_unit_gets_a_hint_and_the_content_decides(workspace, district, tmp_path,
                                                                                     capsys):
    reports = {g.unit: g.path for g in month_files(district, tmp_path / "报表")}
    gulong, xincheng = reports["古荥镇党委"], reports["新城街道党工委"]
    folder = tmp_path / "改名"
    folder.mkdir()
    cases = {
        "古荥镇党委2017年4月主题党日统计表.xlsx": (gulong, [APRIL_NAME]),
        "古荥镇201704统计表.xlsx": (gulong, [APRIL_NAME]),
        "古荥镇4月份统计表.xlsx": (gulong, ["文件名写的是4月，内容是2017年3月：以内容为准"]),
        "新城街道党工委3月统计表.xlsx": (gulong, ["文件名写的是新城街道党工委，内容是古荥镇党委：以内容为准"]),
        "新城街道2017-04.xlsx": (gulong, [APRIL_NAME, "文件名写的是新城街道党工委，内容是古荥镇党委：以内容为准"]),
        # Nothing stated, or the content's own among what is stated: no hint.
        "统计表.xlsx": (gulong, []),
        "古荥镇3月份统计表（2017年4月5日报送）.xlsx": (gulong, []),
        "2017年1-3月统计表.xlsx": (gulong, []),
        "区直机关第一党建协作组区教体局党委3月.xlsx": (reports["区教体局党委"], []),
        # 区直机关 (区直机关工委's stem) inside the group's name is the group, not that committee.
        "区直机关第一党建协作组3月.xlsx": (
            reports["区直机关工委"], ["文件名写的是区直机关第一党建协作组，内容是区直机关工委：以内容为准"]
        ),
        "新城街道党工委2017年3月主题党日活动开展情况统计表.xlsx": (xincheng, []),
    }
    for name, (source, _hints) in cases.items():
        shutil.copy(source, folder / name)

    results = {r["file"]: r for r in checked(capsys, workspace, *(folder / n for n in cases))}
    for name, (source, hints) in cases.items():
        result = results[name]
        assert result["ok"], name
        said = [m for m in result["messages"] if m["code"].startswith("name_")]
        assert [m["text"] for m in said] == hints, name
        assert all(m["severity"] == "提示" for m in said)
        expected_unit = next(unit for unit, path in reports.items() if path == source)
        assert (result["unit"], result["period"]) == (expected_unit, "2017-03"), "the content decides"

    april = folder / "古荥镇党委2017年4月主题党日统计表.xlsx"
    code, out, _ = run(capsys, "check", str(april), "-w", str(workspace.root))
    assert code == 0 and f"提示  {APRIL_NAME}" in out


def test_a_records_name_against_its_branchs_committee(workspace, district, tmp_path, capsys):
    files = make_period_submissions(district, MARCH, tmp_path / "记录", seed=3, record_sample=1, adjusted=())
    record = next(g for g in files if g.kind.value == "record")
    other = next(c.name for c in district.committees if c.name != record.unit)
    renamed = tmp_path / f"{other}{record.branch}2017年4月活动记录表.docx"
    shutil.copy(record.path, renamed)
    [result] = checked(capsys, workspace, renamed)
    assert result["ok"] and result["unit"] == record.branch
    assert [m["text"] for m in result["messages"] if m["code"].startswith("name_")] == [
        APRIL_NAME,
        f"文件名写的是{other}，内容是{record.branch}（{record.unit}）：以内容为准",
    ]
    [result] = checked(capsys, workspace, record.path)  # as the kit names it
    assert not [m for m in result["messages"] if m["code"].startswith("name_")]


def test_the_ledger_passes_the_file_and_keeps_the_hint(workspace, district, tmp_path, capsys):
    report = next(g for g in month_files(district, tmp_path / "报表") if g.unit == "古荥镇党委")
    shutil.copy(report.path, workspace.inbox / "古荥镇党委2017年4月统计表.xlsx")
    code, out, _ = run(capsys, "ingest", "-w", str(workspace.root))
    assert code == 0 and "已通过" in out
    with Ledger.open(workspace.state) as ledger:
        [sub] = ledger.submissions()
        assert (sub.state, sub.unit, sub.period) == (State.ACCEPTED, "古荥镇党委", "2017-03")
        stored = [(m.severity, m.code, m.text) for m in ledger.messages(sub.id)]
        assert ("提示", "name_period_differs", APRIL_NAME) in stored
    code, out, _ = run(capsys, "show", str(sub.id), "-w", str(workspace.root))
    assert code == 0 and APRIL_NAME in out
