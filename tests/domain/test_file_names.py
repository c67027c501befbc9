"""A file's name against its content (issue 24): what a name states, and the 提示 when it differs."""

from __future__ import annotations

import pytest

from themeday_office.domain.codes import CODES
from themeday_office.domain.file_names import name_against_content, period_clash, stated_periods, stem, unit_clash
from themeday_office.domain.messages import Severity
from themeday_office.domain.period import Period
from themeday_office.domain.roster import Branch, Committee, CooperationGroup, Roster
from themeday_office.domain.values import BranchType

from .conftest import GULONG, JIAOTI, XINCHENG, make_roster

MARCH = Period.of_month(2017, 3)


@pytest.mark.parametrize(("name", "stated"), [
    ("古荥镇党委2017年4月统计表.xlsx", ["2017年4月"]),
    ("古荥镇党委2017年04月统计表.xlsx", ["2017年4月"]),
    ("古荥镇2017-04.xlsx", ["2017年4月"]),
    ("古荥镇2017.4统计.xls", ["2017年4月"]),
    ("统计表201704.xlsx", ["2017年4月"]),
    ("古荥镇４月份统计表.xlsx", ["4月"]),  # full-width digit
    ("古荥镇三月份统计表.xlsx", ["3月"]),
    ("十二月统计表.xlsx", ["12月"]),
    ("2017年1-3月统计.xlsx", ["2017年1月", "2017年2月", "2017年3月"]),
    ("1、2月统计.xlsx", ["1月", "2月"]),
    ("2017年第一季度总结.docx", ["2017年第一季度"]),
    ("一季度总结.docx", ["第一季度"]),
    ("2017Q2总结.docx", ["2017年第二季度"]),
    ("2018年度计划.xlsx", ["2018年"]),
    ("计划2018.xlsx", ["2018年"]),
    # Dates with a day say when a file was sent, not what it reports.
    ("统计表（2017年4月5日报送）.xlsx", []),
    ("统计表2017-04-05.xlsx", []),
    ("统计表20170405.xlsx", []),
    ("4月5日报送统计表.xlsx", []),
    ("三月十日活动记录.docx", []),
    # Nothing to read.
    ("统计表.xlsx", []),
    ("统计表(2).xlsx", []),
    ("统一月报格式.xlsx", []),  # 一月 inside a word
    ("近3个月统计.xlsx", []),
    ("微信图片_20170410153012.xlsx", []),
])
def test_what_a_name_states(name, stated):
    assert [m.text for m in stated_periods(name)] == stated


def test_the_files_own_name_only():
    assert stem("打包2017年4月.zip/统计表.xlsx") == "统计表"
    assert stem("收件箱\\古荥镇.xlsx") == "古荥镇"
    assert stem("古荥镇2017.4") == "古荥镇2017.4"  # a number is not an extension


@pytest.mark.parametrize(("name", "period", "said"), [
    ("古荥镇党委2017年4月统计表.xlsx", MARCH, "文件名写的是2017年4月，内容是2017年3月：以内容为准"),
    ("古荥镇4月份统计表.xlsx", MARCH, "文件名写的是4月，内容是2017年3月：以内容为准"),
    ("2016年统计表.xlsx", MARCH, "文件名写的是2016年，内容是2017年3月：以内容为准"),
    ("2017年第一季度总结.docx", Period.of_quarter(2017, 2),
     "文件名写的是2017年第一季度，内容是2017年第二季度：以内容为准"),
    ("2017年度计划.xlsx", Period.of_year(2018), "文件名写的是2017年，内容是2018年：以内容为准"),
])
def test_a_name_stating_another_period_gets_a_hint(name, period, said):
    hint = period_clash(name, period)
    assert hint is not None
    assert (hint.severity, hint.code, hint.text) == (Severity.HINT, "name_period_differs", said)


@pytest.mark.parametrize(("name", "period"), [
    ("古荥镇党委2017年3月统计表.xlsx", MARCH),
    ("古荥镇3月份统计表（2017年4月5日报送）.xlsx", MARCH),
    ("2017年1-3月统计.xlsx", MARCH),  # the content's month is among those stated
    ("2017年统计表.xlsx", MARCH),
    ("统计表.xlsx", MARCH),
    ("2017年3月季度总结.docx", Period.of_quarter(2017, 1)),  # a quarter is compared by quarter or year
    ("2018年度计划（2017年12月报送）.xlsx", Period.of_year(2018)),
    ("计划2017年12月.xlsx", Period.of_year(2018)),  # the month a plan was sent in is not its year
])
def test_no_hint_when_the_name_agrees_or_says_nothing(name, period):
    assert period_clash(name, period) is None


def test_a_name_stating_another_committee_gets_a_hint_naming_both(roster):
    hint = unit_clash("新城街道党工委2017年3月统计表.xlsx", GULONG, roster)
    assert hint is not None and hint.code == "name_unit_differs"
    assert hint.text == "文件名写的是新城街道党工委，内容是古荥镇党委：以内容为准"
    by_stem = unit_clash("新城街道3月统计表.xlsx", GULONG, roster)  # the everyday short name
    assert by_stem is not None and by_stem.text == hint.text
    assert unit_clash("古荥镇3月统计表.xlsx", GULONG, roster) is None
    assert unit_clash("惠济区古荥镇党委3月统计表.xlsx", GULONG, roster) is None
    assert unit_clash("统计表.xlsx", GULONG, roster) is None
    assert unit_clash("古荥镇新城街道统计表.xlsx", GULONG, roster) is None  # the content's unit is among them


def _nested() -> Roster:
    """Names that contain each other: a committee inside another's name, a group holding a stem."""
    return Roster(
        effective=make_roster().effective,
        committees=(
            Committee(name="区教体局党委", category="区直机关", group="区教体局片区协作组"),
            Committee(name="区教体局机关党委", category="区直机关"),
            Committee(name="区委党委", category="区直机关"),  # a stem of two characters: 区委
            Committee(name=GULONG, category="镇"),
        ),
        branches=(Branch(name="古荥镇中学党支部", committee="区教体局党委", type=BranchType.SCHOOL, members=30),),
        groups=(CooperationGroup(name="区教体局片区协作组", members=("区教体局党委",)),),
    )


def test_a_name_inside_a_longer_one_counts_as_the_longer():
    nested = _nested()
    hint = unit_clash("区教体局机关党委3月统计表.xlsx", "区教体局党委", nested)
    assert hint is not None and hint.text == "文件名写的是区教体局机关党委，内容是区教体局党委：以内容为准"
    hint = unit_clash("区教体局党委3月统计表.xlsx", "区教体局机关党委", nested)
    assert hint is not None and hint.text == "文件名写的是区教体局党委，内容是区教体局机关党委：以内容为准"
    assert unit_clash("区教体局3月统计表.xlsx", "区教体局机关党委", nested) is None  # the stem fits both
    hint = unit_clash("区教体局片区协作组年度计划.xlsx", "区教体局党委", nested)
    assert hint is not None and "文件名写的是区教体局片区协作组" in hint.text
    assert unit_clash("区教体局片区协作组年度计划.xlsx", "区教体局片区协作组", nested) is None
    assert unit_clash("区委组织部通知3月.xlsx", GULONG, nested) is None  # 区委 is a word, not the stem
    assert unit_clash("区委党委3月.xlsx", GULONG, nested) is not None  # the full name counts


def test_a_record_compares_its_branchs_committee_and_not_the_town_in_the_branchs_name():
    nested = _nested()
    assert unit_clash("古荥镇中学党支部3月活动记录表.docx", "区教体局党委", nested, branch="古荥镇中学党支部") is None
    hint = unit_clash("古荥镇党委古荥镇中学3月活动记录表.docx", "区教体局党委", nested, branch="古荥镇中学党支部")
    assert hint is None  # the town is in the branch's own name: not read as a committee
    hint = unit_clash("区教体局机关党委3月活动记录表.docx", "区教体局党委", nested, branch="古荥镇中学党支部")
    assert hint is not None
    assert hint.text == "文件名写的是区教体局机关党委，内容是古荥镇中学党支部（区教体局党委）：以内容为准"


def test_both_hints_at_once_and_none_without_a_roster(roster):
    found = name_against_content("新城街道2017年4月统计表.xlsx", MARCH, GULONG, roster)
    assert [m.code for m in found] == ["name_period_differs", "name_unit_differs"]
    assert all(m.severity is Severity.HINT for m in found)
    assert [m.code for m in name_against_content("新城街道2017年4月统计表.xlsx", MARCH, GULONG, None)] == [
        "name_period_differs"
    ]
    assert name_against_content("新城街道统计表.xlsx", MARCH, "", roster) == []  # the content's unit unknown
    assert name_against_content(f"{JIAOTI}{XINCHENG}.xlsx", MARCH, XINCHENG, roster) == []


def test_the_codes_are_catalogued_hints():
    for code in ("name_period_differs", "name_unit_differs"):
        assert CODES[code].severity is Severity.HINT
