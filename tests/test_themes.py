import re
from pathlib import Path

import pytest

from themeday_office.domain.themes import MonthThemes, ThemesError, YearThemes, bundled_themes

SEED = Path(__file__).parent / "data" / "seed-themes-2017.tsv"


def _month(themes: YearThemes, month: int) -> MonthThemes:
    mt = themes.month(month)
    assert mt is not None, f"no themes for month {month}"
    return mt


def _seed_table() -> dict[int, tuple[str, list[str]]]:
    """The seed's table lines (copied verbatim from huiji-themeday-2017.txt), parsed independently."""
    table = {}
    for line in SEED.read_text(encoding="utf-8").splitlines():
        month, day, text = line.split("\t")
        items = []
        for n, chunk in enumerate(text.rstrip("。").split(";"), 1):
            number, dot, body = chunk.partition(".")
            assert (number, dot) == (str(n), "."), chunk
            items.append(body)
        table[int(month.removesuffix("月"))] = (day, items)
    return table


def test_every_2017_month_and_item_word_for_word():
    seed = _seed_table()
    themes = bundled_themes()[2017]
    assert sorted(seed) == list(range(1, 13))
    for month, (day, items) in seed.items():
        mt = _month(themes, month)
        assert mt.day is not None
        assert f"{mt.day.month}月{mt.day.day}日" == day
        assert list(mt.items) == items
    assert sum(len(_month(themes, m).items) for m in range(1, 13)) == 91


def test_items_are_numbered_from_one():
    june = _month(bundled_themes()[2017], 6)
    assert june.item(1) == "开展党组织书记讲党课活动"
    assert june.item(13) == "组织党员交纳党费"
    assert june.item(14) is None and june.item(0) is None


def test_the_kits_own_format_loads_another_year():
    data = {"year": 2018, "month": [{"month": 1, "items": ["学习十九大精神", "召开“三会一课”"]}]}
    themes = YearThemes.from_mapping(data)
    assert _month(themes, 1).items == ("学习十九大精神", "召开“三会一课”")
    assert themes.month(2) is None


@pytest.mark.parametrize(
    "data, needle",
    [
        ({"year": 2018, "month": [{"month": 13, "items": ["x"]}]}, "数值过大"),
        ({"year": 2018, "month": [{"month": 1, "items": []}]}, "至少要有一条"),
        ({"year": 2018, "month": [{"month": 1, "items": ["x"]}, {"month": 1, "items": ["y"]}]}, "1月重复出现"),
        ({"year": 2018, "month": [{"month": 2, "date": "2018-03-09", "items": ["x"]}]}, "不在2018年2月"),
        ({"month": []}, "year（年份）：缺少此项"),
    ],
)
def test_bad_theme_tables_get_chinese_messages(data, needle):
    with pytest.raises(ThemesError) as err:
        YearThemes.from_mapping(data, "themes/2018.toml")
    assert needle in str(err.value)
    assert str(err.value).startswith("themes/2018.toml：")
    assert not re.search(r"[A-Za-z]{6,}", str(err.value).replace("themes/2018.toml", ""))
