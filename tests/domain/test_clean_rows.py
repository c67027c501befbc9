"""Clean rows read in one loop (forms.clean_rows) give what the row parser gives, cell by cell.

Every table is parsed twice: as the kit does (clean rows through CleanRows, the rest through the
row parser) and with CleanRows turned off (every row through the row parser, as before it
existed). The reports and the messages, in order, must be equal.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time

import pytest

from themeday_office.domain.forms import FormContext, parse_monthly
from themeday_office.domain.forms.clean_rows import CleanRows
from themeday_office.domain.rules import WorkingHours
from themeday_office.domain.values.raw import TableColumns, TableRow

from .sheets import MONTHLY_COLUMNS, cells, header, monthly_row, not_held_row

COLUMNS = [*MONTHLY_COLUMNS, "开始时间", "结束时间"]


def row_of(row: int, branch, drop: tuple[str, ...] = (), **values) -> dict:
    """monthly_row with the two time columns too, and labels left out (no such column)."""
    data = {label: cell.value for label, cell in monthly_row(row, branch).items()}
    data.update(values)
    return cells("月报", row, {k: v for k, v in data.items() if k not in drop}, COLUMNS)


def as_table_rows(rows: list[dict]) -> list:
    """The rows as a sheet reader hands them over (TableRow: values, the columns' places, the row's number)."""
    out = []
    for row in rows:
        number = next(iter(row.values())).place.lstrip("月报!ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        prefixes = tuple(cell.place.removesuffix(number) for cell in row.values())
        out.append(TableRow(TableColumns(tuple(row), prefixes), [cell.value for cell in row.values()], number))
        assert dict(out[-1].items()) == row
    return out


def both_ways(rows, monkeypatch, **context):
    """(as the kit reads them, as the row parser alone reads them); the kit's way also from TableRows."""
    context.setdefault("place", "月报")
    fast = parse_monthly(header(), rows, FormContext(**context))
    assert parse_monthly(header(), as_table_rows(rows), FormContext(**context)) == fast
    with monkeypatch.context() as m:
        m.setattr(CleanRows, "row", lambda self, cells: None)
        slow = parse_monthly(header(), rows, FormContext(**context))
    return fast, slow


# Values a clerk types into each column, good and bad, and the ones that collide as dict keys.
VARIANTS: dict[str, list[object]] = {
    "序号": [1, 2.0, "3", "合计", "一", None, True, "", "  "],
    "党支部名称": ["大河村党支部", " 八里庙村党支部 ", None, "合计", "填报人：张三", "", "  ", 12345, "注:无"],
    "活动日期": ["2017年3月10日", "3月10日", "2017.3.10", 42804, 42804.0, date(2017, 3, 10),
                datetime(2017, 3, 10, 9, 0), "三月十日", "2017-13-40", True, None, " ", "2017年3月"],
    "活动时间": ["8:30-12:00", "上午", "全天", "下午2:30-5:30", "12:00-8:30", "8:30", time(8, 30), 0.5, "abc", None,
                ""],
    "开始时间": [None, "8:30", time(9, 0), "14:00", "x", 0.375, ""],
    "结束时间": [None, "12:00", time(8, 0), "11:30", "y", 0.5, " "],
    "活动主题": ["学习", None, 12, 3.0, "  "],
    "指导性主题序号": ["1", "1、4", "2-4", 3, 3.0, "第3项", "x", True, None],
    "开展方式": ["支部单独开展", "联建共建", "联建", "单独", "随便", None, 1],
    "联建单位": [None, "无", "/", "区检察院", 7],
    "活动地点": ["村委会", None, 101],
    "应到人数": [30, 30.0, "30人", "３０", "-3", 2.5, "无", True, 1e400, float("nan"), None, "abc", 1, 1.0],
    "实到人数": [28, "28", 31, 1, 1.0, True, None, "二十八"],
    "请假人数": [2, None, "两", 0, -1],
    "列席人数": [0, None, "x", 5],
    "科级以上领导干部参加人数": [0, 1, 40, "x", None],
    "未开展原因": [None, "村两委换届", "  ", 5],
    "备注": [None, "无", 1.5],
}


def random_row(rng: random.Random, row: int, drop: tuple[str, ...]) -> dict:
    if rng.random() < 0.6:  # mostly clean rows, as in real tables
        return row_of(row, f"第{row}党支部", drop)
    values: dict[str, object] = {
        label: rng.choice(choices) for label, choices in VARIANTS.items() if rng.random() < 0.7
    }
    return row_of(row, values.pop("党支部名称", f"第{row}党支部"), drop, **values)


@pytest.mark.parametrize("seed", range(40))
def test_random_tables_of_good_and_bad_values_read_the_same_both_ways(seed, monkeypatch):
    rng = random.Random(seed)
    # one time column or two, and now and then a column the table lacks
    drop = rng.choice([("开始时间", "结束时间"), ("活动时间",)]) + tuple(rng.sample(list(VARIANTS), rng.randint(0, 2)))
    rows = [random_row(rng, 5 + k, drop) for k in range(rng.randint(1, 30))]
    if rng.random() < 0.3:
        rows.append(not_held_row(5 + len(rows), "后庄王村党支部", rng.choice([None, "换届"])))
    hours = WorkingHours() if seed % 2 else WorkingHours(morning_start=time(9, 0))
    fast, slow = both_ways(rows, monkeypatch, working_hours=hours)
    assert fast == slow
    report, _ = fast
    if report is not None:  # the models, field by field and as the ledger's JSON
        assert [row.model_dump_json() for row in report.rows] == [row.model_dump_json() for row in slow[0].rows]


def test_one_one_point_zero_and_true_in_one_column_are_read_as_what_they_are(monkeypatch):
    # Equal as keys of a memo, but a count of 1, 1.0 and a checkbox's TRUE read differently.
    rows = [monthly_row(5 + k, f"第{k}党支部", 实到人数=value, 应到人数=value)
            for k, value in enumerate([1, True, 1.0, 1])]
    fast, slow = both_ways(rows, monkeypatch)
    assert fast == slow
    report, messages = fast
    assert [row.present for row in report.rows] == [1, None, 1, 1]
    assert [m.place for m in messages] == ["月报!J6", "月报!K6"]


def test_a_time_that_ends_before_it_starts_and_one_time_column_alone(monkeypatch):
    rows = [
        row_of(5, "大河村党支部", 活动时间=None, 开始时间="9:00", 结束时间="8:00"),
        row_of(6, "八里庙村党支部", 活动时间=None, 开始时间="8:30-11:30", 结束时间=None),
        row_of(7, "后庄王村党支部", 活动时间=None, 开始时间=None, 结束时间="下午"),
        row_of(8, "西史赵村党支部", 活动时间=" ", 开始时间="8:30", 结束时间="11:30"),
    ]
    fast, slow = both_ways(rows, monkeypatch)
    assert fast == slow
    report, messages = fast
    assert [row.time is None for row in report.rows] == [True, False, False, False]
    assert [m.code for m in messages] == ["value_invalid"] and report.rows[0].unreadable == ("结束时间",)


def test_rows_that_are_no_branchs_read_the_same(monkeypatch):
    rows = [
        monthly_row(5, "大河村党支部"),
        {label: cell._replace(value=None) for label, cell in monthly_row(6, None).items()},  # blank
        monthly_row(7, None, 序号=3, **{label: None for label in ("活动日期", "活动时间", "活动主题", "指导性主题序号",
                                                                 "开展方式", "活动地点", "应到人数", "实到人数",
                                                                 "请假人数", "列席人数", "科级以上领导干部参加人数")}),
        monthly_row(8, None),  # values but no branch: 错误
        monthly_row(9, "合计"),
        monthly_row(10, "八里庙村党支部", 序号="合计"),
    ]
    fast, slow = both_ways(rows, monkeypatch)
    assert fast == slow
    report, messages = fast
    assert [row.branch for row in report.rows] == ["大河村党支部"]
    assert [(m.code, m.place) for m in messages] == [("value_missing", "月报!B8")]
