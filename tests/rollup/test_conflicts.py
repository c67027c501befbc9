"""Each kind of conflict, found by `find_conflicts` over rows stored as ingest stores them (the
domain's models dumped to JSON, with `matched`), and what is not a conflict."""

from __future__ import annotations

from datetime import date
from typing import Any

from themeday_office.domain.adjustments import FiledAdjustment
from themeday_office.domain.forms.monthly import MonthlyRow
from themeday_office.domain.forms.plan import PlanRow
from themeday_office.domain.forms.record import ActivityRecord, RecordForm
from themeday_office.domain.period import Period
from themeday_office.ledger import FormRow
from themeday_office.rollup.conflicts import Evidence, find_conflicts, tables_needed

MAR = Period.of_month(2017, 3)
GUXING, BRANCH, OFFICE = "古荥镇党委", "大河村党支部", "古荥镇机关党支部"
DAY = date(2017, 3, 10)
THEME = "学习贯彻党的十八届六中全会精神"
NAMES = {1: "古荥3月.xlsx", 2: "大河村记录表.docx", 3: "古荥备案.xlsx", 4: "古荥计划.xlsx", 5: "古荥3月改.xlsx"}


def monthly(branch: str = BRANCH, held_on: date | None = DAY, *, sid: int = 1, matched: bool = True,
            **values: Any) -> FormRow:
    values = {"expected": 30, "present": 27, "excused": 2, "theme": THEME, **values}
    data = MonthlyRow(branch=branch, held_on=held_on, **values).model_dump(mode="json")
    return FormRow(sid, "monthly", GUXING, branch, str(MAR), {**data, "matched": matched})


def record(branch: str = BRANCH, held_on: date = DAY, *, committee: str = GUXING, **values: Any) -> FormRow:
    values = {"expected": 30, "present": 27, "excused": 2, "theme": THEME, **values}
    form = RecordForm(period=MAR, record=ActivityRecord(branch=branch, held_on=held_on, committee=committee or None,
                                                        **values))
    return FormRow(2, "record", committee, branch, str(MAR), {**form.model_dump(mode="json"), "matched": True})


def filing(new_date: date, branches: tuple[str, ...] | None = None) -> FormRow:
    data = FiledAdjustment(committee=GUXING, period=MAR, new_date=new_date, branches=branches)
    return FormRow(3, "adjustment", GUXING, "", str(MAR), data.model_dump(mode="json"))


def plan(*months: int) -> list[FormRow]:
    return [FormRow(4, "plan", GUXING, "", "2017", PlanRow(month=m, planned_on=date(2017, m, 10)).model_dump(
        mode="json")) for m in months]


def conflicts(*rows: FormRow):
    return find_conflicts(Evidence(tuple(rows), NAMES))


def test_a_record_that_agrees_with_the_table_is_no_conflict():
    assert conflicts(monthly(), record()) == ()


def test_held_the_table_says_not_held_or_leaves_the_branch_out():
    (c,) = conflicts(monthly(held_on=None, reason_not_held="书记外出"), record())
    assert (c.kind, c.field, c.monthly.value) == ("held", "是否开展", "未开展")
    assert c.other.value == "已开展（2017年3月10日）"
    assert (c.monthly.submission, c.other.submission, c.branches) == (1, 2, (BRANCH,))
    (c,) = conflicts(monthly(OFFICE), record())
    assert (c.kind, c.monthly.value) == ("held", "未列该支部")


def test_date():
    (c,) = conflicts(monthly(), record(held_on=date(2017, 3, 9)))
    assert (c.kind, c.field, c.monthly.value, c.other.value) == ("date", "活动日期", "2017年3月10日", "2017年3月9日")
    assert c.seen_from(2) == ("大河村党支部“活动日期”与月度开展情况统计表（编号 1“古荥3月.xlsx”）不一致："
                              "本文件2017年3月9日，该表2017年3月10日")
    assert c.seen_from(1) == ("大河村党支部“活动日期”与主题党日活动记录表（编号 2“大河村记录表.docx”）不一致："
                              "本文件2017年3月10日，该表2017年3月9日")


def test_counts_each_a_conflict_of_its_own():
    found = conflicts(monthly(), record(expected=31, present=26, excused=3))
    assert [(c.kind, c.field, c.monthly.value, c.other.value) for c in found] == [
        ("expected", "应到人数", "30人", "31人"),
        ("present", "实到人数", "27人", "26人"),
        ("excused", "请假人数", "2人", "3人"),
    ]


def test_a_count_left_blank_on_one_side_is_no_conflict():
    assert conflicts(monthly(excused=None), record(excused=5)) == ()


def test_theme_compared_without_spaces_and_punctuation():
    assert conflicts(monthly(theme="“两学一做” 专题学习讨论。"), record(theme="两学一做专题学习讨论")) == ()
    (c,) = conflicts(monthly(), record(theme="重温入党誓词"))
    assert (c.kind, c.monthly.value, c.other.value) == ("theme", f"“{THEME}”", "“重温入党誓词”")


def test_a_record_naming_no_committee_is_matched_by_its_branch():
    (c,) = conflicts(monthly(), record(committee="", present=20))
    assert (c.kind, c.committee) == ("present", GUXING)


def test_an_unmatched_record_or_row_and_an_unreadable_date_take_no_part():
    unmatched = record("大河村支部", present=1)
    unmatched.data["matched"] = False
    assert conflicts(monthly(), unmatched) == ()
    # A row the roster does not know counts nowhere, as in the rollup: the branch is not listed.
    (c,) = conflicts(monthly(matched=False), record())
    assert (c.kind, c.monthly.value) == ("held", "未列该支部")
    row = monthly(held_on=None)
    row.data["unreadable"] = ["活动日期"]
    assert conflicts(row, record()) == ()


def test_the_newer_of_two_current_tables_counts():
    assert conflicts(monthly(held_on=date(2017, 3, 9)), monthly(sid=5), record()) == ()


def test_adjustment_date_names_the_branches_that_met_on_another_day():
    rows = [monthly(), monthly(OFFICE, date(2017, 3, 8)), filing(date(2017, 3, 8))]
    (c,) = conflicts(*rows)
    assert (c.kind, c.field, c.branches) == ("adjustment_date", "活动日期", (BRANCH,))
    assert (c.monthly.value, c.other.value, c.other.submission) == ("2017年3月10日", "2017年3月8日", 3)
    assert c.text == ("古荥镇党委大河村党支部的调整日期备案表（编号 3“古荥备案.xlsx”）与月度开展情况统计表"
                      "（编号 1“古荥3月.xlsx”）“活动日期”不一致：备案表2017年3月8日，统计表2017年3月10日")


def test_adjustment_for_some_branches_leaves_the_others_alone():
    assert conflicts(monthly(), monthly(OFFICE, date(2017, 3, 8)), filing(date(2017, 3, 8), (OFFICE,))) == ()
    assert conflicts(monthly(held_on=None), filing(date(2017, 3, 8))) == ()  # not held: no date to differ


def test_plan_month_missing_while_the_table_shows_an_activity():
    (c,) = conflicts(monthly(), monthly(OFFICE, None), *plan(1, 2, 4))
    assert (c.kind, c.field, c.branches, c.subject) == ("plan_month", "计划月份", (), GUXING)
    assert (c.monthly.value, c.other.value, c.other.name) == ("已开展（1个党支部）", "未列3月", "古荥计划.xlsx")
    assert conflicts(monthly(), *plan(1, 2, 3)) == ()
    assert conflicts(monthly(held_on=None), *plan(1, 2)) == ()  # nothing held: nothing the plan lacks


def test_no_monthly_table_no_conflicts():
    assert conflicts(record(), filing(date(2017, 3, 8)), *plan(1)) == ()


def test_json_names_both_files_the_field_and_both_values():
    (c,) = conflicts(monthly(), record(expected=28))
    assert c.as_json() == {
        "kind": "expected", "field": "应到人数", "period": "2017-03", "committee": GUXING, "branches": [BRANCH],
        "monthly": {"submission": 1, "form": "monthly", "name": "古荥3月.xlsx", "value": "30人"},
        "other": {"submission": 2, "form": "record", "name": "大河村记录表.docx", "value": "28人"},
        "text": c.text,
    }


def test_only_the_tables_a_record_filing_or_plan_gap_can_involve_are_read():
    keys = {("2017-03", GUXING), ("2017-03", "新城街道党工委"), ("2017-04", GUXING), ("2017-03", "区直机关工委")}
    new_town = FormRow(3, "adjustment", "新城街道党工委", "", "2017-03", {})
    evidence = Evidence((record(), new_town, *plan(1, 2, 3)))
    assert tables_needed(evidence, keys) == {("2017-03", GUXING), ("2017-03", "新城街道党工委"), ("2017-04", GUXING)}
    assert tables_needed(Evidence(), keys) == set()
