"""`themeday rollup`: the screen, --json, and the formatted workbook (--xlsx)."""

from __future__ import annotations

import json
import zipfile
from xml.etree import ElementTree

import pytest
from openpyxl import Workbook, load_workbook

from themeday_office.cli import main
from themeday_office.render.office_text import put

from .conftest import (
    FORMULA_BRANCH,
    FORMULA_REASON,
    GONGWEI,
    GROUP_1,
    GUXING,
    WEIJI,
    XINQU,
    Q1World,
)


def run(q1: Q1World, capsys, *args: str) -> tuple[int, str]:
    code = main(["rollup", *args, "-w", str(q1.desk.workspace.root)])
    return code, capsys.readouterr().out


def test_json_has_the_figures_with_numerators_denominators_and_sources(q1, capsys):
    code, out = run(q1, capsys, "--month", "2017-03", "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["period"], data["view"]) == ("2017-03", "committee")
    held = data["district"]["held_rate"]
    assert (held["numerator"], held["denominator"]) == (9, 11)
    assert held["rate"] == pytest.approx(9 / 11)
    assert held["sources"] == sorted({q1.ids[k] for k in (GUXING, "新城街道党工委", "区教体局党委", WEIJI, XINQU)})
    rows = {r["key"]: r["figures"] for r in data["rows"]}
    assert rows[GONGWEI]["attendance_rate"] == {"rate": None, "numerator": 0, "denominator": 0, "sources": []}
    assert data["missing"] == [GONGWEI]
    assert data["unmatched"][0]["written"] == FORMULA_BRANCH


def test_json_by_group_and_for_a_quarter(q1, capsys):
    code, out = run(q1, capsys, "--quarter", "2017Q1", "--by", "group", "--json")
    data = json.loads(out)
    assert code == 0 and [r["key"] for r in data["rows"]] == [GROUP_1, "开发区党建协作组"]
    assert data["assessments"][WEIJI]["grade"] == "良好"
    assert data["assessments"][WEIJI]["score"]["value"] == pytest.approx(88.67)


def test_the_screen(q1, capsys):
    code, out = run(q1, capsys, "--month", "2017-03")
    assert code == 0
    assert "2017年3月主题党日开展情况（按党(工)委）" in out
    assert "81.8%" in out  # the district's 开展率
    assert f"未报送（1）：{GONGWEI}" in out
    assert FORMULA_REASON in out
    code, out = run(q1, capsys, "--year", "2017", "--by", "type")
    assert code == 0 and "计划与开展" in out


def test_usage_errors_are_chinese(q1, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["rollup", "--month", "2017Q1", "-w", str(q1.desk.workspace.root)])
    assert exc.value.code == 2
    assert "不是月份，应写作 2017-03" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["rollup", "--month", "2017-03", "--year", "2017"])
    assert "不能与" in capsys.readouterr().err


def test_no_ledger_yet(workspace_dir, capsys):
    assert main(["rollup", "--month", "2017-03", "-w", str(workspace_dir)]) == 1
    assert "还没有台账" in capsys.readouterr().out


@pytest.fixture(scope="module")
def march_xlsx(q1, tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "2017年3月汇总.xlsx"
    assert main(["rollup", "--month", "2017-03", "--xlsx", str(path), "-w", str(q1.desk.workspace.root)]) == 0
    return path


def test_the_workbook_has_a_formatted_sheet_per_view(march_xlsx):
    book = load_workbook(march_xlsx)
    assert book.sheetnames == ["按党(工)委", "按支部类型", "按协作组", "图表", "未报送与逾期", "未开展支部", "附注"]
    ws = book["按党(工)委"]
    headers = [c.value for c in ws[2]]
    assert headers[:6] == ["党(工)委", "支部数", "已报支部", "已开展", "未开展", "开展率"]
    assert ws.freeze_panes == "B3"
    assert ws["A2"].font.bold and ws["A2"].fill.fgColor.rgb.endswith("9C1F1F")
    rows = {r[0].value: r for r in ws.iter_rows(min_row=3)}
    held_rate = rows["全区"][headers.index("开展率")]
    assert held_rate.value == pytest.approx(9 / 11) and held_rate.number_format == "0.0%"
    assert rows[GUXING][headers.index("支部数")].value == 3
    assert rows["全区"][headers.index("实到合计")].value == 151
    assert rows["全区"][0].font.bold  # the total row stands out
    assert book["按支部类型"].freeze_panes == "B3"


def test_the_workbook_has_a_native_bar_chart_of_the_two_rates(march_xlsx):
    with zipfile.ZipFile(march_xlsx) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        root = ElementTree.fromstring(z.read(charts[0]))
    ns = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
    bar = root.find(".//c:plotArea/c:barChart", ns)
    assert bar is not None
    direction = bar.find("c:barDir", ns)
    assert direction is not None and direction.get("val") == "col"
    series = bar.findall("c:ser", ns)
    # 开展率 (column F) and 参与率 (column I) of the committee sheet, committees only (rows 3-8).
    assert [s.findtext("c:tx//c:f", None, ns) for s in series] == ["'按党(工)委'!F2", "'按党(工)委'!I2"]
    assert [s.findtext("c:val//c:f", None, ns) for s in series] == ["'按党(工)委'!$F$3:$F$8", "'按党(工)委'!$I$3:$I$8"]
    assert {s.findtext("c:cat//c:f", None, ns) for s in series} == {"'按党(工)委'!$A$3:$A$8"}
    book = load_workbook(march_xlsx)
    assert book["按党(工)委"]["F2"].value == "开展率" and book["按党(工)委"]["I2"].value == "参与率"


def test_submitter_text_that_looks_like_a_formula_is_written_as_text(march_xlsx):
    book = load_workbook(march_xlsx)
    reason = next(c for row in book["未开展支部"].iter_rows() for c in row if c.value == FORMULA_REASON)
    branch = next(c for row in book["附注"].iter_rows() for c in row if c.value == FORMULA_BRANCH)
    for cell in (reason, branch):
        assert cell.data_type == "s" and cell.quotePrefix
    with zipfile.ZipFile(march_xlsx) as z:
        sheets = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert not any("<f>" in s or "<f " in s for s in sheets)  # no formula anywhere in the workbook


def test_put_escapes_every_formula_start_and_leaves_numbers_alone(tmp_path):
    book = Workbook()
    ws = book.active
    assert ws is not None
    values = ["=SUM(A1:A2)", "+86 13800000000", "-3天", "@SUM(1)", "\t=1", "正常文本", -3, 0.5]
    for i, v in enumerate(values, start=1):
        put(ws.cell(row=i, column=1), v)
    book.save(tmp_path / "t.xlsx")
    back = load_workbook(tmp_path / "t.xlsx").active
    assert back is not None
    got = [back.cell(row=i, column=1) for i in range(1, len(values) + 1)]
    assert [c.value for c in got] == values
    assert [c.data_type for c in got] == ["s"] * 6 + ["n", "n"]
    assert [bool(c.quotePrefix) for c in got] == [True] * 5 + [False] * 3
