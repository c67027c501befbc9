from dataclasses import replace
from datetime import date

from themeday_office.domain.period import Period
from themeday_office.domain.roster import Branch, RosterHistory
from themeday_office.domain.values import BranchType

from .conftest import GULONG, make_roster
from .monthly_case import rows, run
from .sheets import monthly_row

NEW_BRANCH = Branch(name="新村党支部", committee=GULONG, type=BranchType.VILLAGE, members=18)
JANUARY = make_roster(date(2017, 1, 1))
JUNE = make_roster(date(2017, 6, 1), extra=(NEW_BRANCH,))
HISTORY = RosterHistory([JUNE, JANUARY])  # order of import does not matter


def test_the_version_in_force_by_date_and_period():
    assert HISTORY.in_force(date(2016, 12, 31)) is JANUARY  # the first version serves the past (issue 24)
    assert HISTORY.in_force(Period.of_month(2015, 6)) is JANUARY
    assert HISTORY.first is JANUARY
    assert RosterHistory().in_force(date(2017, 3, 1)) is None and RosterHistory().first is None
    assert HISTORY.in_force(date(2017, 5, 31)) is JANUARY
    assert HISTORY.in_force(date(2017, 6, 1)) is JUNE
    assert HISTORY.in_force(Period.of_month(2017, 3)) is JANUARY
    assert HISTORY.in_force(Period.of_month(2017, 6)) is JUNE
    assert HISTORY.in_force(Period.of_quarter(2017, 2)) is JANUARY  # a period uses its first day


def test_a_version_taking_effect_mid_month_applies_from_the_next_month():
    mid_june = make_roster(date(2017, 6, 20), extra=(NEW_BRANCH,))
    history = RosterHistory([JANUARY, mid_june])
    assert history.in_force(Period.of_month(2017, 6)) is JANUARY
    assert history.in_force(Period.of_month(2017, 7)) is mid_june


def test_an_earlier_first_version_takes_over_the_past():
    earliest = make_roster(date(2016, 7, 1))
    history = HISTORY.with_version(earliest)
    assert history.first is earliest
    assert history.in_force(Period.of_month(2016, 3)) is earliest
    assert history.in_force(Period.of_month(2017, 3)) is JANUARY


def test_a_reimport_with_the_same_date_replaces_that_version():
    corrected = make_roster(date(2017, 1, 1), extra=(NEW_BRANCH,))
    history = HISTORY.with_version(corrected)
    assert len(history.versions) == 2
    assert history.in_force(date(2017, 3, 1)) is corrected


def test_a_branch_added_in_june_does_not_count_in_march(ctx):
    march = replace(ctx, roster=HISTORY.in_force(Period.of_month(2017, 3)))
    _, outcome = run(march)
    assert outcome.messages == ()  # three rows are the whole committee in March

    table = [*rows(), monthly_row(8, "新村党支部", 应到人数=18, 实到人数=18, 请假人数=0)]
    _, outcome = run(march, table)
    assert [m.code for m in outcome.messages] == ["branch_unknown"]


def test_in_june_the_new_branch_is_expected(ctx):
    june = replace(ctx, roster=HISTORY.in_force(Period.of_month(2017, 6)))
    _, outcome = run(june, rows(on="2017年6月9日"), month="2017年6月")
    assert [m.text for m in outcome.messages] == [
        "月报 缺少古荥镇党委所属党支部“新村党支部”（未开展活动的支部也应填写一行，并注明未开展原因）"
    ]
