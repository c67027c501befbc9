"""Rows of clerk-accepted tables that cannot all count: duplicates, gaps, unreadable dates, two tables."""

from __future__ import annotations

from datetime import date, time

from themeday_office.domain.forms.monthly import MonthlyRow
from themeday_office.domain.values.times import ActivityTime
from themeday_office.rollup import RollupInputs, StoredReport, rollup_month

from .conftest import GUXING, MAR, XINCHENG, Q1World

HALF_DAY = ActivityTime.between(time(8, 30), time(12, 0))


def row(branch: str, held_on: date | None = date(2017, 3, 10), **values) -> dict:
    values.setdefault("expected", 10)
    if held_on is not None:
        values = {"time": HALF_DAY, "present": values["expected"], **values}
    data = MonthlyRow(branch=branch, held_on=held_on, places={"党支部名称": f"统计表!B{len(branch)}"}, **values)
    return {**data.model_dump(mode="json"), "matched": True}


def inputs_with(q1: Q1World, *reports: StoredReport) -> RollupInputs:
    """The q1 district's rosters and rules, with only these stored tables."""
    rosters = q1.desk.inputs().rosters
    return RollupInputs(rosters, [], lambda kind, period: [r for r in reports if r.kind == kind and r.period == period])


def test_a_branch_written_twice_counts_once_and_is_listed(q1):
    table = StoredReport(101, "monthly", GUXING, "2017-03", date(2017, 3, 13), (
        row("大河村党支部", expected=30), row("古荥镇大河村党支部", expected=30), row("黄河滩村党支部", expected=15),
        row("古荥镇机关党支部", None, reason_not_held="外出培训"),
    ))
    march = rollup_month(inputs_with(q1, table), MAR)
    assert march.cell("committee", GUXING, "reported").numerator == 3
    assert march.cell("committee", GUXING, "held").numerator == 2
    [dup] = march.unmatched
    assert (dup.written, dup.submission) == ("古荥镇大河村党支部", 101) and "重复填写" in dup.why


def test_a_branch_the_table_left_out_is_listed_not_counted_as_held(q1):
    table = StoredReport(102, "monthly", GUXING, "2017-03", date(2017, 3, 13), (row("大河村党支部", expected=30),))
    march = rollup_month(inputs_with(q1, table), MAR)
    f = march.cell("committee", GUXING, "held_rate")
    assert (f.numerator, f.denominator) == (1, 3)
    assert march.cell("committee", GUXING, "not_held").numerator == 0  # nobody said they did not meet
    assert {(x.branch, x.listed) for x in march.not_held} == {("古荥镇机关党支部", False), ("黄河滩村党支部", False)}


def test_an_unreadable_date_is_neither_held_nor_not_held(q1):
    unreadable = {**row("天河社区党支部", None, expected=20), "unreadable": ["活动日期"]}
    table = StoredReport(103, "monthly", XINCHENG, "2017-03", date(2017, 3, 13),
                         (unreadable, row("新城街道机关党支部", expected=8)))
    march = rollup_month(inputs_with(q1, table), MAR)
    assert march.cell("committee", XINCHENG, "reported").numerator == 2
    assert march.cell("committee", XINCHENG, "held").numerator == 1
    assert march.cell("committee", XINCHENG, "not_held").numerator == 0
    assert [x.why for x in march.unmatched] == ["“活动日期”无法识别，未计入开展情况"]


def test_two_current_tables_for_one_committee_the_newer_counts(q1):
    # The ledger keeps one current table per unit as written; two spellings of one committee can both be current.
    older = StoredReport(104, "monthly", "古荥镇", "2017-03", date(2017, 3, 11), (row("大河村党支部", None, expected=30,
                                                                                  reason_not_held="雨天"),))
    newer = StoredReport(105, "monthly", GUXING, "2017-03", date(2017, 3, 13), (row("大河村党支部", expected=30),))
    march = rollup_month(inputs_with(q1, older, newer), MAR)
    assert march.trace("committee", GUXING, "held") == {105}
    assert march.cell("committee", GUXING, "held").numerator == 1
    assert [(x.submission, x.written) for x in march.unmatched] == [(104, "大河村党支部")]
    assert "另有一份现行统计表（编号 105）" in march.unmatched[0].why
