"""The monthly table: forms.md labels in every layout, values as the month has them, and each
planted mistake exactly where the manifest says — judged by the domain's own checks."""

from __future__ import annotations

import random
from datetime import datetime, time

import pytest

from themeday_office.domain.adjustments import FiledAdjustment
from themeday_office.domain.checks import CheckContext, check_monthly
from themeday_office.domain.forms import parse_monthly
from themeday_office.domain.period import Period
from themeday_office.domain.themes import bundled_themes
from themeday_office.synthetic import CommitteeMonth, Layout, Mistake, month_of, write_monthly_xls, write_monthly_xlsx
from themeday_office.synthetic.mistakes import ROW_MISTAKES

from .readback import as_type, cell, monthly_input, xls_grids, xlsx_grids

MARCH = Period.of_month(2017, 3)
FORMS_ORDER = [
    "党支部名称", "活动日期", "开始时间", "结束时间", "活动主题", "指导性主题序号", "开展方式", "联建单位", "活动地点",
    "应到人数", "实到人数", "请假人数", "列席人数", "科级以上领导干部参加人数", "未开展原因",
]  # fmt: skip
# What the domain says about each planted mistake (messages and non-compliance findings).
CODES = {
    Mistake.MISSING_BRANCH: "branch_missing",
    Mistake.DUPLICATE_BRANCH: "branch_duplicate",
    Mistake.UNKNOWN_BRANCH: "branch_unknown",
    Mistake.PRESENT_EXCEEDS_EXPECTED: "present_exceeds_expected",
    Mistake.ATTENDANCE_EXCEEDS_EXPECTED: "attendance_exceeds_expected",
    Mistake.PARTNER_MISSING: "partner_missing",
    Mistake.REASON_MISSING: "reason_missing",
    Mistake.EXPECTED_DIFFERS: "expected_differs_from_roster",
    Mistake.NOT_HELD: "not_held",
    Mistake.UNFILED_DATE: "held_on_unfiled_date",
    Mistake.SHORT_DURATION: "short_duration",
    Mistake.LOW_ATTENDANCE: "low_attendance",
    Mistake.WRONG_PERIOD: "period_inconsistent",
}
ALL_ON_ROWS = frozenset(ROW_MISTAKES)


def judged(district, month: CommitteeMonth, grids) -> set[tuple[str, str]]:
    """(code, place) of every message and non-compliance finding the domain has for the file."""
    header, rows, context = monthly_input(grids)
    report, parse_messages = parse_monthly(header, rows, context)
    assert report is not None
    filed = []
    if month.adjustment is not None and not month.adjustment.mistakes:
        filed = [FiledAdjustment(committee=month.committee.name, period=month.period, new_date=month.day)]
    ctx = CheckContext(district.roster, adjustments=filed, arrived=month.filled_on, themes=bundled_themes()[2017])
    outcome = check_monthly(report, ctx)
    said = {(m.code, m.place) for m in (*parse_messages, *outcome.messages)}
    return said | {(f.code, f.place) for f in outcome.findings if not f.compliant}


def expected(planted, sheet: str) -> set[tuple[str, str]]:
    out = {(CODES[p.mistake], p.place) for p in planted}
    # A misspelt branch is also one the table lacks.
    out |= {("branch_missing", sheet) for p in planted if p.mistake is Mistake.UNKNOWN_BRANCH}
    return out


def test_plain_layout_has_the_forms_labels_in_order_and_the_months_values(huiji, tmp_path):
    month = month_of(huiji, "古荥镇党委", MARCH)
    write_monthly_xlsx(month, tmp_path / "m.xlsx", layout=Layout.plain())
    grid = xlsx_grids(tmp_path / "m.xlsx")["Sheet1"]
    assert grid[0][0] == "2017年3月份“主题党日”活动开展情况统计表"
    assert grid[1][:2] == ["填报单位", "古荥镇党委"] and "填报月份" in grid[1] and "填报日期" in grid[1]
    assert list(grid[2]) == FORMS_ORDER
    assert len(grid) == 3 + len(huiji.branches_of("古荥镇党委"))
    first = month.rows[0]
    assert first.held_on is not None
    assert grid[3][:4] == [
        first.branch.name,
        datetime.combine(first.held_on, time()),
        first.segments[0][0],
        first.segments[-1][1],
    ]
    assert [r[9] for r in grid[3:]] == [d.expected for d in month.rows]
    assert all(d.held_on == month.day for d in month.rows)


def test_a_perfect_month_is_clean_for_the_domain_in_any_layout(huiji, tmp_path):
    for seed in range(6):
        layout = Layout.varied(random.Random(seed))
        month = month_of(huiji, "古荥镇党委", MARCH, adjusted=seed % 2 == 1, rng=random.Random(seed))
        path = tmp_path / f"{seed}.xlsx"
        assert write_monthly_xlsx(month, path, layout=layout) == []
        assert judged(huiji, month, xlsx_grids(path)) == set(), layout


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_row_mistake_is_found_exactly_where_planted(huiji, tmp_path, seed):
    layout = Layout.plain() if seed == 0 else Layout.varied(random.Random(seed + 40))
    month = month_of(huiji, "古荥镇党委", MARCH, mistakes=ALL_ON_ROWS, rng=random.Random(seed))
    path = tmp_path / "m.xlsx"
    planted = write_monthly_xlsx(month, path, layout=layout)
    assert {p.mistake for p in planted} == ALL_ON_ROWS
    assert judged(huiji, month, xlsx_grids(path)) == expected(planted, layout.sheet_name)


def test_a_stale_month_in_the_header_is_found_there(huiji, tmp_path):
    month = month_of(huiji, "花园口镇党委", MARCH, mistakes={Mistake.WRONG_PERIOD})
    path = tmp_path / "m.xlsx"
    (planted,) = write_monthly_xlsx(month, path, layout=Layout.varied(random.Random(9)))
    said = judged(huiji, month, xlsx_grids(path))
    assert ("period_inconsistent", planted.place) in said
    # The rest follows from the domain taking 填报月份 (February) as the file's month.
    assert {code for code, _ in said} <= {
        "period_inconsistent",
        "date_outside_period",
        "held_on_unfiled_date",
        "late_arrival",
    }


def beside(place: str, column: str) -> str:
    """The cell of `column` in the same row: beside("Sheet1!K7", "J") -> "Sheet1!J7"."""
    sheet, ref = place.split("!")
    return f"{sheet}!{column}{ref.lstrip('ABCDEFGHIJKLMNOPQRSTUVWXYZ')}"


def test_planted_cells_read_back(huiji, tmp_path):
    # Plain layout: 开始时间 C, 结束时间 D, 应到人数 J, 实到人数 K.
    month = month_of(huiji, "古荥镇党委", MARCH, mistakes=ALL_ON_ROWS | {Mistake.WRONG_PERIOD}, rng=random.Random(7))
    path = tmp_path / "m.xlsx"
    planted = {p.mistake: p for p in write_monthly_xlsx(month, path, layout=Layout.plain())}
    grids = xlsx_grids(path)
    exceeds = planted[Mistake.PRESENT_EXCEEDS_EXPECTED]
    assert as_type(cell(grids, exceeds.place), int) > as_type(cell(grids, beside(exceeds.place, "J")), int)
    short = planted[Mistake.SHORT_DURATION]
    start = as_type(cell(grids, short.place), time)
    end = as_type(cell(grids, beside(short.place, "D")), time)
    assert (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute) == 120
    low = planted[Mistake.LOW_ATTENDANCE]
    assert as_type(cell(grids, low.place), int) < 0.8 * as_type(cell(grids, beside(low.place, "J")), int)
    misspelt = planted[Mistake.UNKNOWN_BRANCH]
    written = as_type(cell(grids, misspelt.place), str)
    assert misspelt.branch is not None
    assert (
        len(written) == len(misspelt.branch)
        and sum(a != b for a, b in zip(written, misspelt.branch, strict=False)) == 1
    )
    assert misspelt.branch in huiji.roster.find_branch(written, "古荥镇党委").suggestions
    assert cell(grids, planted[Mistake.REASON_MISSING].place) is None
    assert cell(grids, planted[Mistake.NOT_HELD].place)  # a reason is given
    assert cell(grids, planted[Mistake.WRONG_PERIOD].place) == "2017年2月"
    assert as_type(cell(grids, planted[Mistake.UNFILED_DATE].place), datetime).date() != month.day
    assert cell(grids, planted[Mistake.PARTNER_MISSING].place) is None
    assert cell(grids, beside(planted[Mistake.PARTNER_MISSING].place, "G")) == "联建共建"


def test_layout_variations_show_up(huiji, tmp_path):
    month = month_of(huiji, "新城街道党工委", MARCH)
    layout = Layout(
        sheet_name="月报", merged_title=True, header_inline=True, sequence=True, remarks=True, time_range=True,
        dash="—",
        order="counts_first", units=True, line_breaks=True, grouped_header=True, date_style="dotted",
        full_width_counts=True, totals_row=True, signature=True, instructions_sheet=True,
    )  # fmt: skip
    write_monthly_xlsx(month, tmp_path / "m.xlsx", layout=layout)
    grids = xlsx_grids(tmp_path / "m.xlsx")
    assert list(grids) == ["填表说明", "月报"]
    grid = grids["月报"]
    assert grid[1][0] == "填报单位：新城街道党工委（盖章）"
    assert grid[2][:3] == ["序号", "党支部名称", "参加人数"] and grid[3][2:5] == [
        "应到（人）",
        "实到（人）",
        "请假（人）",
    ]
    assert "活动时间" in grid[2] and "科级以上领导干部\n参加人数（人）" in grid[2]
    body = grid[4 : 4 + len(month.rows)]
    dates = [r[grid[2].index("活动日期")] for r in body]
    assert all(isinstance(d, str) and d.startswith("2017.3.") for d in dates)
    assert any(isinstance(r[2], str) and r[2].isdigit() and not r[2].isascii() for r in body)  # ３０
    when = as_type(body[0][grid[2].index("活动时间")], str)
    assert "—" in when or when == "全天"
    assert grid[4 + len(month.rows)][1] == "合计" and as_type(grid[-1][0], str).startswith("填报人：")
    assert judged(huiji, month, grids) == set()


def test_old_excel_format_carries_the_same_table(huiji, tmp_path):
    month = month_of(huiji, "古荥镇党委", MARCH, mistakes={Mistake.SHORT_DURATION, Mistake.MISSING_BRANCH})
    layout = Layout.varied(random.Random(3))
    planted = write_monthly_xls(month, tmp_path / "m.xls", layout=layout)
    grids = xls_grids(tmp_path / "m.xls")
    assert grids[layout.sheet_name][0][0] == "2017年3月份“主题党日”活动开展情况统计表"
    assert judged(huiji, month, grids) == expected(planted, layout.sheet_name)


def test_too_many_row_mistakes_for_a_committee_are_refused(small):
    tiny = min(small.committees, key=lambda c: len(small.branches_of(c.name))).name
    with pytest.raises(ValueError):
        month_of(small, tiny, MARCH, mistakes=ROW_MISTAKES)
