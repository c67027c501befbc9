import json
import subprocess
import sys

from themeday_office.cli import main


def test_calendar_json_shape_for_2017(workspace_dir, capsys):
    assert main(["calendar", "2017", "--json", "-w", str(workspace_dir)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 12
    assert rows[0] == {
        "month": 1,
        "date": "2017-01-13",
        "holiday": None,
        "holiday_data": "ok",
        "themes": rows[0]["themes"],
    }
    assert rows[0]["themes"][0] == "“迎新春送温暖”慰问困难党员、老党员及贫困户"
    assert [r["date"] for r in rows][-1] == "2017-12-08"
    assert len(rows[5]["themes"]) == 13


def test_calendar_json_holiday_and_missing_data(workspace_dir, capsys):
    main(["calendar", "2019", "--json", "-w", str(workspace_dir)])
    feb = json.loads(capsys.readouterr().out)[1]
    assert (feb["date"], feb["holiday"], feb["holiday_data"], feb["themes"]) == ("2019-02-08", "春节", "ok", [])
    main(["calendar", "2031", "--json", "-w", str(workspace_dir)])
    assert {r["holiday_data"] for r in json.loads(capsys.readouterr().out)} == {"missing"}


def test_calendar_table_shows_warnings(workspace_dir, capsys):
    assert main(["calendar", "2019", "-w", str(workspace_dir)]) == 0
    out = capsys.readouterr().out
    assert "2019年2月8日是法定节假日（春节）" in out
    assert "2月8日 星期五" in out
    main(["calendar", "2031", "-w", str(workspace_dir)])
    assert "2031年节假日数据缺失" in capsys.readouterr().out


def test_holiday_override_file_in_the_workspace_is_used(workspace_dir, capsys):
    (workspace_dir / "holidays.toml").write_text('[2031]\nholidays = ["2031-02-14 春节"]\n', encoding="utf-8")
    main(["calendar", "2031", "--json", "-w", str(workspace_dir)])
    rows = json.loads(capsys.readouterr().out)
    assert rows[1]["holiday"] == "春节"
    assert {r["holiday_data"] for r in rows} == {"ok"}


def test_bad_usage_exits_2_with_a_chinese_message(capsys):
    for argv in (["calendar"], ["calendar", "17"], ["calendar", "2017", "--bogus"], ["nosuch"]):
        try:
            main(argv)
        except SystemExit as exc:
            assert exc.code == 2
        else:
            raise AssertionError(argv)
        err = capsys.readouterr().err
        assert "用法错误" in err, err


def test_the_console_script_and_module_run(workspace_dir):
    out = subprocess.run(
        [sys.executable, "-m", "themeday_office", "calendar", "2017", "--json", "-w", str(workspace_dir)],
        capture_output=True, text=True, encoding="utf-8", check=True,
    )
    assert json.loads(out.stdout)[2]["date"] == "2017-03-10"
