"""The CLI commands of the roster, check, ingest and the ledger, run as a clerk runs them."""

from __future__ import annotations

import json
import shutil
import zipfile

import openpyxl
import pytest

from themeday_office.cli import main
from themeday_office.ledger import Ledger
from themeday_office.synthetic import Mistake

from .conftest import month_files


def run(capsys, *argv):
    code = main([*argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_roster_import_with_an_error_changes_nothing(workspace, roster_file, tmp_path, capsys):
    book = openpyxl.load_workbook(roster_file)
    sheet = book["党支部"]
    sheet.cell(row=3, column=2).value = "不存在的党委"
    sheet.cell(row=4, column=4).value = -3
    bad = tmp_path / "坏名册.xlsx"
    book.save(bad)
    code, out, _ = run(capsys, "roster", "import", str(bad), "--effective", "2017-06-01", "-w", str(workspace.root))
    assert code == 1
    assert "党支部!B3" in out and "不存在的党委" in out
    assert "党支部!D4" in out
    assert "未导入" in out
    with Ledger.open(workspace.state) as ledger:
        assert len(ledger.roster_versions()) == 1
    code, out, _ = run(capsys, "roster", "show", "--at", "2017-07-01", "-w", str(workspace.root))
    assert code == 0 and "2017-01-01 起生效" in out


def test_roster_import_of_a_new_version(workspace, roster_file, capsys):
    code, out, _ = run(capsys, "roster", "import", str(roster_file), "--effective", "2017-06-01",
                       "-w", str(workspace.root))
    assert code == 0 and "党支部 40 个" in out
    code, out, _ = run(capsys, "roster", "show", "--at", "2017-03-01", "-w", str(workspace.root))
    assert "共 2 个版本" in out and "2017-01-01 起生效" in out


def test_check_reports_and_exit_codes(workspace, district, tmp_path, capsys):
    unit = district.committees[0].name
    generated = month_files(district, tmp_path, mistakes={unit: {Mistake.PRESENT_EXCEEDS_EXPECTED}})
    bad = next(g for g in generated if g.unit == unit)
    good = next(g for g in generated if g.unit != unit)
    code, out, _ = run(capsys, "check", str(good.path), "--json", "-w", str(workspace.root))
    assert code == 0
    [result] = json.loads(out)
    assert set(result) == {"file", "kind", "unit", "period", "ok", "messages", "findings"}
    assert (result["kind"], result["unit"], result["period"], result["ok"]) == ("monthly", good.unit, "2017-03", True)
    code, out, _ = run(capsys, "check", str(bad.path), str(good.path), "-w", str(workspace.root))
    assert code == 1
    planted = bad.planted[0]
    assert "实到人数" in out and "有错误" in out
    assert planted.place in out
    assert not list(workspace.inbox.iterdir()), "check writes nothing"


def test_check_of_a_folder_reports_every_file_in_order_as_checked_in_process(workspace, district, tmp_path, capsys):
    """Files are checked in parser processes at once; the report keeps the order they were named in
    (a zip's members after it) and says exactly what an in-process check of each file says."""
    from themeday_office.ingest.check import check_submission
    from themeday_office.ingest.environment import environment_for

    unit = district.committees[0].name
    folder = tmp_path / "待审"
    generated = month_files(district, folder, mistakes={unit: {Mistake.PRESENT_EXCEEDS_EXPECTED}})
    with zipfile.ZipFile(folder / "打包.zip", "w") as pack:
        for g in generated[:2]:
            pack.write(g.path, g.path.name)
    (folder / "坏文件.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    code, out, _ = run(capsys, "check", str(folder), "--json", "-w", str(workspace.root))
    assert code == 1  # the planted mistake
    reported = json.loads(out)

    with Ledger.open(workspace.state) as ledger:
        env = environment_for(workspace, ledger)
        expected = [r.as_json() for path in sorted(p for p in folder.rglob("*") if p.is_file())
                    for r in check_submission(path.read_bytes(), path.name, env)]
    assert reported == expected
    assert len(reported) == len(generated) + 3  # each file, the zip's two members, the broken file
    assert [r["file"] for r in reported if r["file"].startswith("打包.zip/")] == [f"打包.zip/{g.path.name}"
                                                                                for g in generated[:2]]
    assert next(r for r in reported if r["file"] == "坏文件.xlsx")["messages"][0]["code"] == "file_unreadable"
    bad = next(g for g in generated if g.unit == unit).path.name
    in_pack = {f"打包.zip/{bad}"} if bad in {g.path.name for g in generated[:2]} else set()
    assert {r["file"] for r in reported if not r["ok"]} == {"坏文件.xlsx", bad, *in_pack}


def test_ingest_ledger_show_accept_reject_receipt_date(workspace, district, capsys):
    unit = district.committees[0].name
    generated = month_files(district, workspace.inbox, mistakes={unit: {Mistake.PRESENT_EXCEEDS_EXPECTED}})
    shutil.copy(generated[-1].path, workspace.inbox / "重复件.xlsx")
    root = str(workspace.root)
    code, out, _ = run(capsys, "ingest", "-w", root, "--by", "张科员")
    assert code == 0
    assert f"共处理 {len(generated) + 1} 个文件" in out
    assert "待处理 1" in out and "重复 1" in out
    code, out, _ = run(capsys, "ledger", "--json", "-w", root)
    rows = json.loads(out)
    assert {"id", "sha256", "original_name", "kind", "unit", "period", "state", "arrived_at", "current"} <= set(rows[0])
    waiting = next(r for r in rows if r["state"] == "invalid")
    code, out, err = run(capsys, "accept", str(waiting["id"]), "-w", root)
    assert code == 2 and "必须写明理由" in err
    code, out, _ = run(capsys, "accept", str(waiting["id"]), "--reason", "电话核实", "--by", "李科长", "-w", root)
    assert code == 0 and "已通过" in out
    code, out, _ = run(
        capsys, "receipt-date", str(waiting["id"]), "2017-03-12", "--reason", "周日收到纸质件", "-w", root
    )
    assert code == 0 and "2017-03-12" in out
    code, out, _ = run(capsys, "show", str(waiting["id"]), "-w", root)
    assert "电话核实" in out and "李科长" in out and "更正收文日期" in out and "实到人数" in out
    code, out, _ = run(capsys, "ledger", "--state", "accepted", "--unit", unit, "-w", root)
    assert unit in out
    other = next(r for r in rows if r["state"] == "accepted")
    code, out, _ = run(capsys, "reject", str(other["id"]), "--reason", "单位盖章缺失", "-w", root)
    assert code == 0 and "已退回" in out


def test_backup_and_restore(workspace, district, tmp_path, capsys):
    month_files(district, workspace.inbox)
    root = str(workspace.root)
    run(capsys, "ingest", "-w", root)
    backup = tmp_path / "备份.zip"
    code, out, _ = run(capsys, "backup", str(backup), "-w", root)
    assert code == 0 and "原件" in out
    with Ledger.open(workspace.state) as ledger:
        before = [s.as_json() for s in ledger.submissions()]
    shutil.rmtree(workspace.state)
    code, out, _ = run(capsys, "restore", str(backup), "-w", root)
    assert code == 0
    with Ledger.open(workspace.state) as ledger:
        assert [s.as_json() for s in ledger.submissions()] == before
        assert all(ledger.archive.get(s.sha256) for s in ledger.submissions())
    (tmp_path / "假备份.zip").write_bytes(b"PK junk")
    code, _, err = run(capsys, "restore", str(tmp_path / "假备份.zip"), "-w", root)
    assert code == 2 and "不是 themeday 备份文件" in err


def test_ingest_shows_a_packages_files_and_an_empty_package_waits_saying_so(workspace, district, tmp_path, capsys):
    """A .zip reads as its files: each is listed under it with its state, the package is 待处理 when
    one of them is, the summary's counts add up; an empty .zip waits for the clerk, saying why."""
    generated = month_files(district, tmp_path / "来件")
    with zipfile.ZipFile(workspace.inbox / "打包.zip", "w") as pack:
        pack.write(generated[0].path, generated[0].path.name)
        pack.writestr("坏文件.xlsx", b"PK\x03\x04 not a workbook")
    with zipfile.ZipFile(workspace.inbox / "空包.zip", "w"):
        pass
    code, out, _ = run(capsys, "ingest", "-w", str(workspace.root))
    assert code == 0
    assert "打包.zip → 待处理" in out and "内含 2 个新文件，0 个重复，其中 1 个待处理" in out
    assert f"  {generated[0].path.name} → 已通过 编号" in out and "  坏文件.xlsx → 待处理 编号" in out
    assert "空包.zip → 待处理" in out and "（文件无法读取：压缩包里没有可读取的文件" in out  # why, on its line
    assert "共处理 2 个文件（其中 1 个压缩包，内含 2 个文件）：已通过 1，待处理 2。" in out
    with Ledger.open(workspace.state) as ledger:
        (empty,) = [s for s in ledger.submissions() if s.original_name == "空包.zip"]
        (said,) = [m.text for m in ledger.messages(empty.id)]
        assert said == "文件无法读取：压缩包里没有可读取的文件；请把报表文件直接报送"


def test_ledger_filters_take_the_words_the_ledger_shows_and_refuse_unknown_ones(workspace, district, capsys):
    generated = month_files(district, workspace.inbox)
    assert run(capsys, "ingest", "-w", str(workspace.root))[0] == 0
    root = str(workspace.root)
    code, out, _ = run(capsys, "ledger", "--state", "已通过", "--kind", "月报", "--period", "2017-03", "-w", root)
    assert code == 0 and f"台账（{len(generated)} 个文件）" in out
    assert "台账（0 个文件）" in run(capsys, "ledger", "--state", "待处理、已退回", "-w", root)[1]
    for option, value, said in (("--state", "foo", "没有“foo”这种状态；可用：已收到、待处理、已通过"),
                                ("--state", "，", "请写出要列出的状态"),
                                ("--kind", "报表", "没有“报表”这种报表；可用：计划、月报"),
                                ("--period", "2017年3月", "应写作 2017-03（月）")):
        with pytest.raises(SystemExit) as usage:
            main(["ledger", option, value, "-w", root])
        assert usage.value.code == 2 and said in capsys.readouterr().err


def test_a_monthly_table_with_wrong_headers_is_read_as_a_monthly_table_not_a_plan(workspace, district, tmp_path):
    """Its title says 统计表: its messages are a monthly table's (no 党支部名称), and it can never become
    a newer version of the unit's plan (it once did, when a clerk accepted it)."""
    from themeday_office.ingest.check import check_bytes
    from themeday_office.ingest.environment import environment_for

    book = openpyxl.Workbook()
    sheet = book.worksheets[0]
    sheet.append([f"{district.committees[0].name}2017年3月主题党日活动开展情况统计表"])
    sheet.append([f"填报单位：{district.committees[0].name}"])
    sheet.append(["名称", "日期", "时间", "主题", "序号", "方式", "单位", "地点", "人数甲", "人数乙"])
    sheet.append(["第一党支部", "2017-03-10", "9:00-12:00", "学习党章", 1, "集中学习", "", "会议室", 30, 28])
    path = tmp_path / "3月统计表（表头错）.xlsx"
    book.save(path)
    with Ledger.open(workspace.state) as ledger:
        result = check_bytes(path.read_bytes(), path.name, environment_for(workspace, ledger))
    assert result.kind == "monthly"
    assert not result.ok and any("党支部名称" in m.text for m in result.messages)
    # Headers that match no form at all, under a title naming a 计划生育 unit: still the monthly table.
    sheet.delete_rows(1, 3)
    sheet.insert_rows(1, 3)
    sheet["A1"] = "区计划生育协会党委2017年3月主题党日活动开展情况统计表"
    sheet.append(["甲", "乙", "丙"])
    book.save(path)
    with Ledger.open(workspace.state) as ledger:
        result = check_bytes(path.read_bytes(), "未命名.xlsx", environment_for(workspace, ledger))
    assert result.kind == "monthly" and any("党支部名称" in m.text for m in result.messages)
