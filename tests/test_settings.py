from datetime import time
from pathlib import Path

import pytest

from themeday_office.cli import main
from themeday_office.workspace import Workspace
from themeday_office.workspace.settings import SettingsError, load_settings


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_are_the_seeds_values():
    s = load_settings(None)
    assert s.district.organ == "中共郑州市惠济区委组织部"
    assert s.district.doc_prefix == "惠组"
    assert (s.calendar.weekday, s.calendar.week_ordinal, s.calendar.adjust_window_days) == (5, 2, 7)
    assert s.activity.min_duration_hours == 3.5
    assert (s.hours.morning_start, s.hours.afternoon_end) == (time(8, 30), time(18, 0))
    assert (s.deadlines.plan_month, s.deadlines.plan_day, s.deadlines.monthly_days_after) == (12, 30, 5)


def test_file_values_then_environment_wins(tmp_path, monkeypatch):
    toml = write(
        tmp_path / "themeday.toml",
        '[district]\nname = "金水区"\n[activity]\nmin_duration_hours = 3.0\nmin_attendance_rate = 0.5\n'
        "[hours]\nmorning_start = 08:00:00\n",
    )
    monkeypatch.setenv("THEMEDAY_ACTIVITY__MIN_DURATION_HOURS", "4")
    s = load_settings(toml)
    assert s.district.name == "金水区"
    assert s.activity.min_duration_hours == 4.0  # env over file
    assert s.activity.min_attendance_rate == 0.5  # the rest of the section stays from the file
    assert s.hours.morning_start == time(8, 0)


@pytest.mark.parametrize(
    "text, needles",
    [
        ('[activity]\nmin_duration_hours = "半天"\n', ["[activity] 小节的 min_duration_hours", "应为数字", "半天"]),
        ("[calendar]\nweekday = 9\n", ["[calendar] 小节的 weekday", "数值过大"]),
        ("[calendar]\nwindow = 3\n", ["[calendar] 小节的 window", "不认识的设置项"]),
        ('[hours]\nmorning_start = "13:00"\n', ["作息时间应依次为"]),
        ("[activity\n", ["格式有误", "第 1 行"]),
        ('[district]\nname = 惠济区\n', ["格式有误", "英文双引号"]),
    ],
)
def test_bad_settings_name_the_key_and_the_file(tmp_path, text, needles):
    toml = write(tmp_path / "themeday.toml", text)
    with pytest.raises(SettingsError) as err:
        load_settings(toml)
    message = str(err.value)
    assert str(toml) in message
    for needle in needles:
        assert needle in message


def test_a_bad_environment_variable_is_named(monkeypatch):
    monkeypatch.setenv("THEMEDAY_CALENDAR__ADJUST_WINDOW_DAYS", "一周")
    with pytest.raises(SettingsError, match="环境变量 THEMEDAY_CALENDAR__ADJUST_WINDOW_DAYS：应为整数"):
        load_settings(None)


def test_the_cli_prints_a_chinese_line_not_a_traceback(workspace_dir, capsys):
    (workspace_dir / "themeday.toml").write_text("[activity]\nmin_duration_hours = -1\n", encoding="utf-8")
    code = main(["calendar", "2017", "--workspace", str(workspace_dir)])
    err = capsys.readouterr().err
    assert code == 2
    assert "错误" in err and "min_duration_hours" in err and "themeday.toml" in err
    assert "Traceback" not in err


def test_the_calendar_rules_reach_the_calendar(workspace_dir):
    (workspace_dir / "themeday.toml").write_text("[calendar]\nweek_ordinal = 3\n", encoding="utf-8")
    ws = Workspace.open(workspace_dir)
    assert ws.calendar.district_date(2017, 3).day == 17
