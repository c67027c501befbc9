"""Records, adjustments, summaries and plans: forms.md labels, and the domain reads them as planted."""

from __future__ import annotations

import random

import pytest

from themeday_office.domain.adjustments import FiledAdjustment
from themeday_office.domain.checks import CheckContext, check_adjustment, check_plan, check_record, check_summary
from themeday_office.domain.forms import (
    ADJUSTMENT_LABELS,
    PLAN_COLUMNS,
    RECORD_LABELS,
    SECTIONS,
    FormContext,
    parse_adjustment,
    parse_plan,
    parse_record,
    parse_summary,
)
from themeday_office.domain.labels import match_label
from themeday_office.domain.period import Period
from themeday_office.domain.values.raw import RawValue
from themeday_office.synthetic import (
    Mistake,
    month_of,
    plan_of,
    summary_of,
    write_adjustment_docx,
    write_adjustment_xlsx,
    write_plan_xlsx,
    write_record_docx,
    write_summary_docx,
)

from .readback import as_type, docx_table, paragraphs, xlsx_grids

MARCH = Period.of_month(2017, 3)
Q1 = Period.of_quarter(2017, 1)
RECORD_FORM_LABELS = (
    "党支部名称", "所属党(工)委", "活动日期", "活动时间", "活动地点", "活动主题", "开展方式", "联建单位",
    "主持人", "记录人", "应到人数", "实到人数", "请假人数", "缺席人员及原因", "列席人员",
    "参加的科级以上领导干部", "活动内容", "备注",
)  # fmt: skip


def outcome_codes(outcome) -> set[tuple[str, str]]:
    return {(m.code, m.place) for m in outcome.messages} | {
        (f.code, f.place) for f in outcome.findings if not f.compliant
    }


def test_record_has_the_forms_labels_and_what_the_branch_did(huiji, tmp_path):
    month = month_of(huiji, "古荥镇党委", MARCH, rng=random.Random(1))
    day = month.truth[3]
    assert write_record_docx(day, month, tmp_path / "r.docx") == []
    cells = docx_table(tmp_path / "r.docx")
    assert tuple(cells) == RECORD_FORM_LABELS
    assert all(match_label(label, RECORD_LABELS) for label in cells)
    assert paragraphs(tmp_path / "r.docx")[0].value == "主题党日活动记录表"
    form, problems = parse_record(cells, FormContext(place="表格1"))
    assert problems == [] and form is not None
    assert (form.record.branch, form.record.held_on, form.record.present) == (day.branch.name, day.held_on, day.present)
    assert cells["活动内容"].place == "表格1 第12行第2列"  # merged over the row's three value columns
    ctx = CheckContext(huiji.roster)
    assert outcome_codes(check_record(form, ctx)) == set()


def test_record_shows_what_the_branch_really_did(huiji, tmp_path):
    planted_here = {Mistake.SHORT_DURATION, Mistake.UNFILED_DATE, Mistake.LOW_ATTENDANCE, Mistake.EXPECTED_DIFFERS}
    month = month_of(huiji, "花园口镇党委", MARCH, mistakes=planted_here, rng=random.Random(2))
    found = set()
    for day in (d for d in month.truth if d.mistakes):
        path = tmp_path / f"{day.branch.name}.docx"
        planted = write_record_docx(day, month, path)
        form, _ = parse_record(docx_table(path), FormContext(place="表格1"))
        assert form is not None
        said = outcome_codes(check_record(form, CheckContext(huiji.roster)))
        assert said == {(_code(p.mistake), p.place) for p in planted}
        found |= {p.mistake for p in planted}
    assert found == planted_here


def _code(m: Mistake) -> str:
    return {
        Mistake.SHORT_DURATION: "short_duration",
        Mistake.UNFILED_DATE: "held_on_unfiled_date",
        Mistake.LOW_ATTENDANCE: "low_attendance",
        Mistake.EXPECTED_DIFFERS: "expected_differs_from_roster",
    }[m]


def test_a_branch_that_did_not_meet_has_no_record(huiji, tmp_path):
    month = month_of(huiji, "古荥镇党委", MARCH, mistakes={Mistake.NOT_HELD})
    day = next(d for d in month.truth if not d.held)
    with pytest.raises(ValueError):
        write_record_docx(day, month, tmp_path / "r.docx")


def adjustment_cells_from_xlsx(path) -> dict[str, RawValue]:
    grid = xlsx_grids(path)["备案表"]
    assert grid[0][0] == "主题党日活动调整日期备案表"
    return {as_type(row[0], str): RawValue(row[1], f"备案表!B{r}") for r, row in enumerate(grid[1:], start=2)}


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
@pytest.mark.parametrize(
    "planted, code",
    [
        (set(), None),
        ({Mistake.ADJUSTMENT_OUTSIDE_WINDOW}, "adjustment_outside_window"),
        ({Mistake.ADJUSTMENT_WITHOUT_REASON}, "adjustment_reason_missing"),
    ],
)
def test_adjustment_filing(huiji, tmp_path, fmt, planted, code):
    month = month_of(huiji, "新城街道党工委", MARCH, mistakes=planted, adjusted=True)
    a = month.adjustment
    assert a is not None
    path = tmp_path / f"a.{fmt}"
    where = write_adjustment_docx(a, path) if fmt == "docx" else write_adjustment_xlsx(a, path)
    cells = docx_table(path) if fmt == "docx" else adjustment_cells_from_xlsx(path)
    assert list(cells) == [label.name for label in ADJUSTMENT_LABELS]
    form, problems = parse_adjustment(cells, FormContext(place="备案表"))
    assert problems == [] and form is not None and form.new_date == a.new_date
    said = outcome_codes(check_adjustment(form, CheckContext(huiji.roster, arrived=a.arrives.date())))
    assert said == {(code, p.place) for p in where}
    # A rejected filing leaves the committee on the district date; a proper one moves it.
    assert month.day == (a.new_date if not planted else month.district_date)


def quarter_months(district, committee: str):
    return [month_of(district, committee, m, rng=random.Random(i)) for i, m in enumerate(Q1.months())]


@pytest.mark.parametrize(
    "planted", [set(), {Mistake.SUMMARY_MISSING_SECTION}, {Mistake.LATE_SUMMARY}], ids=["good", "section", "late"]
)
def test_summary(huiji, tmp_path, planted):
    summary = summary_of(huiji, quarter_months(huiji, "古荥镇党委"), mistakes=planted)
    path = tmp_path / "s.docx"
    where = write_summary_docx(summary, path)
    texts = paragraphs(path)
    assert texts[0].value == "惠济区古荥镇党委2017年第一季度“主题党日”活动开展情况总结"
    assert texts[-1].value == f"{summary.dated.year}年{summary.dated.month}月{summary.dated.day}日"
    report, problems = parse_summary(texts, FormContext(place=""))
    assert problems == [] and report is not None and report.period == Q1
    expected_sections = set(SECTIONS) - ({"存在问题"} if Mistake.SUMMARY_MISSING_SECTION in planted else set())
    assert set(report.sections) == expected_sections
    said = check_summary(report, CheckContext(huiji.roster, arrived=summary.arrives.date()))
    codes = {"summary_section_missing": Mistake.SUMMARY_MISSING_SECTION, "late_arrival": Mistake.LATE_SUMMARY}
    assert {codes[c] for c, _ in outcome_codes(said)} == {p.mistake for p in where} == planted


def test_summary_figures_come_from_the_months(huiji):
    months = quarter_months(huiji, "古荥镇党委")
    summary = summary_of(huiji, months)
    held = sum(d.held for m in months for d in m.truth)
    present = sum(d.present or 0 for m in months for d in m.truth)
    assert f"共开展“主题党日”活动{held}次，参加党员{present}人次" in summary.sections[0][1][0]


@pytest.mark.parametrize("unit", ["古荥镇党委", "区教体局党委", "三个开发区党建协作组"])
def test_plan(huiji, tmp_path, unit):
    plan = plan_of(huiji, unit, 2017)
    path = tmp_path / "p.xlsx"
    write_plan_xlsx(plan, path)
    grid = xlsx_grids(path)["计划表"]
    assert grid[0][0] == "2017年“主题党日”活动计划表"
    assert grid[1][0] == f"填报单位：{unit}（盖章）"
    labels = [as_type(text, str) for text in grid[2]]
    assert [match_label(text, PLAN_COLUMNS) for text in labels] == [label.name for label in PLAN_COLUMNS]
    header = {"填报单位": RawValue(unit, "计划表!A2")}
    rows = [
        {label: RawValue(v, f"计划表!{chr(65 + c)}{r}") for c, (label, v) in enumerate(zip(labels, row, strict=False))}
        for r, row in enumerate(grid[3:], 4)
    ]
    form, problems = parse_plan(header, rows, FormContext(title=RawValue(grid[0][0], "计划表!A1"), place="计划表"))
    assert problems == [] and form is not None and len(form.rows) == 12
    assert outcome_codes(check_plan(form, CheckContext(huiji.roster, arrived=plan.filled_on))) == set()


def test_filed_adjustments_make_adjusted_dates_compliant(huiji):
    month = month_of(huiji, "刘寨街道党工委", MARCH, adjusted=True)
    assert month.adjustment is not None
    filed = FiledAdjustment(committee=month.committee.name, period=MARCH, new_date=month.adjustment.new_date)
    assert month.day == filed.new_date != month.district_date
    assert all(
        d.held_on is not None and filed.covers(month.committee.name, MARCH, d.held_on, d.branch.name)
        for d in month.truth
    )
