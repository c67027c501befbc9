import tomllib

import pytest
from pydantic import BaseModel

from themeday_office.workspace import (
    WORKSPACE_FILE,
    Workspace,
    init_workspace,
    locate_workspace,
)
from themeday_office.workspace.holidays import load_holiday_overrides
from themeday_office.workspace.settings import Settings, SettingsError
from themeday_office.workspace.template import settings_template

from .conftest import REPO


def test_discovery_order(tmp_path):
    explicit, from_env, found = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for d in (explicit, from_env, found):
        d.mkdir()
    (found / WORKSPACE_FILE).write_text("", encoding="utf-8")
    deep = found / "x" / "y"
    deep.mkdir(parents=True)
    env = {"THEMEDAY_WORKSPACE": str(from_env)}
    assert locate_workspace(explicit, env, deep) == explicit.resolve()
    assert locate_workspace(None, env, deep) == from_env.resolve()
    assert locate_workspace(None, {}, deep) == found.resolve()
    lonely = tmp_path / "lonely"
    lonely.mkdir()
    assert locate_workspace(None, {}, lonely) == lonely.resolve()


def test_init_creates_a_workspace_and_keeps_what_exists(tmp_path):
    root = tmp_path / "新工作区"
    report = init_workspace(root)
    for name in ("themeday.toml", "holidays.toml", "inbox", "outbox", "state", "themes"):
        assert (root / name).exists(), name
    assert not report.kept
    (root / "themeday.toml").write_text('[district]\nname = "金水区"\n', encoding="utf-8")
    again = init_workspace(root)
    assert not again.created
    assert Workspace.open(root).settings.district.name == "金水区"


def test_the_template_holds_every_key_commented_at_its_default():
    text = settings_template()
    uncommented = "\n".join(
        line[2:] if line.startswith("# ") and " = " in line and not line.startswith("#   ") else line
        for line in text.splitlines()
    )
    data = tomllib.loads(uncommented)
    assert Settings(**data) == Settings()
    for section, field in Settings.model_fields.items():
        model = field.annotation
        assert isinstance(model, type) and issubclass(model, BaseModel), section
        for key in model.model_fields:
            assert f"# {key} = " in text, (section, key)
    assert tomllib.loads(text) == {s: {} for s in Settings.model_fields}  # all commented


def test_the_repository_root_is_a_workspace_with_the_current_template():
    assert (REPO / WORKSPACE_FILE).read_text(encoding="utf-8") == settings_template()
    ws = Workspace.open(REPO)
    assert ws.inbox == REPO / "inbox"


def test_an_inbox_outside_the_workspace(tmp_path):
    share = tmp_path / "share" / "inbox"
    root = tmp_path / "ws"
    root.mkdir()
    (root / WORKSPACE_FILE).write_text(f'[folders]\ninbox = "{share.as_posix()}"\n', encoding="utf-8")
    ws = Workspace.open(root)
    assert ws.inbox == share
    assert ws.outbox == root / "outbox"


def test_holiday_overrides_file(tmp_path):
    path = tmp_path / "holidays.toml"
    path.write_text(
        '[2031]\nholidays = ["2031-01-01 元旦", "2031-01-22~2031-01-28 春节"]\nworkdays = ["2031-01-19 春节"]\n',
        encoding="utf-8",
    )
    table = load_holiday_overrides(path)
    year = table.years[2031]
    assert len(year.holidays) == 8
    assert year.holidays[max(year.holidays)] == "春节"
    assert list(year.workdays.values()) == ["春节"]
    assert load_holiday_overrides(tmp_path / "absent.toml").years == {}


@pytest.mark.parametrize(
    "text, needle",
    [
        ('[abc]\nholidays = []\n', "四位年份"),
        ('[2031]\nholidays = ["2031/1/1 元旦"]\n', "日期应写成"),
        ('[2031]\nholidays = ["2030-01-01 元旦"]\n', "不在2031年内"),
        ('[2031]\nfestivals = []\n', "不认识的项目 festivals"),
        ('[2031\n', "无法读取"),
    ],
)
def test_bad_holiday_overrides(tmp_path, text, needle):
    path = tmp_path / "holidays.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError, match=needle):
        load_holiday_overrides(path)


def test_workspace_themes_win_over_the_bundled_table(workspace_dir):
    ws = Workspace.open(workspace_dir)
    themes_2017 = ws.themes(2017)
    assert themes_2017 is not None
    january = themes_2017.month(1)
    assert january is not None
    first = january.item(1)
    assert first is not None and first.startswith("“迎新春送温暖”")
    assert ws.themes(2018) is None
    (ws.themes_dir / "2018.toml").write_text('year = 2018\n[[month]]\nmonth = 1\nitems = ["学习党的十九大精神"]\n',
                                            encoding="utf-8")
    themes_2018 = ws.themes(2018)
    assert themes_2018 is not None
    january = themes_2018.month(1)
    assert january is not None and january.items == ("学习党的十九大精神",)
    (ws.themes_dir / "2019.toml").write_text('year = 2018\n[[month]]\nmonth = 1\nitems = ["x"]\n', encoding="utf-8")
    from themeday_office.domain.themes import ThemesError

    with pytest.raises(ThemesError, match="文件名是2019年"):
        ws.themes(2019)
