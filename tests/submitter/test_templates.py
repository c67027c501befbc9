"""The fill-in templates: exact labels, formats, hints, dropdowns, markers, committed copies."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from tests.conftest import REPO
from themeday_office.cli import main
from themeday_office.domain.roster import Branch, Committee, Roster
from themeday_office.domain.values.choices import BranchType
from themeday_office.ledger import Ledger
from themeday_office.render.submitter import COMMITTEE_FOLDER, content_fingerprint, template_files, write_templates
from themeday_office.render.submitter.templates import committee_template_name

# forms.md, word for word: what every template must carry.
MONTHLY = [
    "序号",
    "党支部名称",
    "活动日期",
    "开始时间",
    "结束时间",
    "活动主题",
    "指导性主题序号",
    "开展方式",
    "联建单位",
    "活动地点",
    "应到人数",
    "实到人数",
    "请假人数",
    "列席人数",
    "科级以上领导干部参加人数",
    "未开展原因",
    "备注",
]
HEADER_BLOCK = {"填报单位", "填报人", "联系电话", "填报日期"}
PLAN = ["月份", "活动日期", "活动主题", "指导性主题序号", "开展方式", "联建单位", "活动地点", "备注"]
RECORD = [
    "党支部名称",
    "所属党(工)委",
    "活动日期",
    "活动时间",
    "活动地点",
    "活动主题",
    "开展方式",
    "联建单位",
    "主持人",
    "记录人",
    "应到人数",
    "实到人数",
    "请假人数",
    "缺席人员及原因",
    "列席人员",
    "参加的科级以上领导干部",
    "活动内容",
    "备注",
]
ADJUSTMENT = [
    "申请单位",
    "调整月份",
    "区定日期",
    "调整后日期",
    "调整原因",
    "涉及支部",
    "联系人",
    "联系电话",
    "报备日期",
]
ROSTER = {
    "党(工)委": ["名称", "类别", "所属协作组", "联系人", "联系电话"],
    "党支部": ["支部名称", "所属党(工)委", "支部类型", "党员人数", "书记"],
    "协作组": ["协作组名称", "牵头单位", "成员单位", "联建镇(街道)"],
}
THEMES = ["月份", "日期", "序号", "活动内容"]
FILES = {
    "月度开展情况统计表.xlsx": "monthly", "年度计划表.xlsx": "plan", "主题党日活动记录表.docx": "record",
    "调整日期备案表.docx": "adjustment", "调整日期备案表.xlsx": "adjustment", "季度总结报告.docx": "summary",
    "组织名册.xlsx": "roster", "指导性主题表.xlsx": "themes",
}


@pytest.fixture(scope="module")
def generic() -> dict[str, bytes]:
    return {f.name: f.data for f in template_files()}


def book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def row_values(ws, row: int) -> list:
    return [ws.cell(row, c).value for c in range(1, ws.max_column + 1)]


def validations(ws: Worksheet) -> dict[str, DataValidation]:
    """First cell of each validated range -> its validation."""
    return {rng.split(":")[0]: dv for dv in ws.data_validations.dataValidation for rng in str(dv.sqref).split()}


def table_labels(data: bytes) -> list[str]:
    """The label cells of a Word form's table (shaded cells), left to right, top to bottom."""
    table = docx.Document(io.BytesIO(data)).tables[0]
    labels = []
    for row in table.rows:
        seen = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            if cell._tc.tcPr is not None and cell._tc.tcPr.find(docx.oxml.ns.qn("w:shd")) is not None:
                labels.append(cell.text)
    return labels


def test_every_form_has_a_template_with_its_marker(generic):
    assert set(generic) == set(FILES)
    for name, kind in FILES.items():
        with zipfile.ZipFile(io.BytesIO(generic[name])) as zf:
            custom = zf.read("docProps/custom.xml").decode()
            assert f'name="themeday_form"><vt:lpwstr>{kind}:1</vt:lpwstr>' in custom
            assert "docProps/custom.xml" in zf.read("_rels/.rels").decode()


def test_the_monthly_template_carries_the_exact_labels_formats_and_hints(generic):
    ws = book(generic["月度开展情况统计表.xlsx"])["月报"]
    assert ws.cell(1, 1).value == "“主题党日”活动开展情况统计表"
    assert row_values(ws, 4) == MONTHLY
    assert HEADER_BLOCK | {"填报月份"} <= {v for r in (2, 3) for v in row_values(ws, r) if v}
    assert ws.freeze_panes == "C5"
    assert ws.print_title_rows == "$1:$4"
    assert all(ws.column_dimensions[c].width >= 6 for c in "ABCDEFGHIJKLMNOPQ")
    assert ws.column_dimensions["B"].width >= 20  # branch names are long
    formats = {label: ws.cell(5, c).number_format for c, label in enumerate(MONTHLY, start=1)}
    assert formats["活动日期"] == 'yyyy"年"m"月"d"日"'
    assert formats["开始时间"] == formats["结束时间"] == "h:mm"
    assert formats["应到人数"] == formats["实到人数"] == "0"
    assert formats["党支部名称"] == formats["指导性主题序号"] == "@"  # 1、4 and 01 stay as typed
    dv = validations(ws)
    mode = dv["H5"]
    assert (mode.type, mode.formula1, mode.errorStyle, mode.showErrorMessage) == (
        "list",
        '"联建共建,支部单独开展"',
        "stop",
        True,
    )
    assert str(mode.sqref) == "H5:H104"
    assert (dv["K5"].type, dv["K5"].operator, dv["K5"].formula1) == ("whole", "greaterThanOrEqual", "0")
    assert dv["C5"].type == "date" and dv["C5"].errorStyle == "warning"  # 2017年3月10日 typed as text still reads
    assert dv["D5"].type == "time"
    for cell, words in (("B5", "全称"), ("C5", "未开展"), ("I5", "联建共建"), ("K5", "列席"), ("C2", "全称")):
        assert dv[cell].showInputMessage and words in (dv[cell].prompt or "")
    assert all(len(v.prompt or "") <= 255 and len(v.promptTitle or "") <= 32 for v in dv.values())


def test_the_plan_template_lists_the_months(generic):
    ws = book(generic["年度计划表.xlsx"])["计划表"]
    assert row_values(ws, 5) == PLAN
    assert [ws.cell(r, 1).value for r in range(6, 18)] == [f"{m}月" for m in range(1, 13)]
    assert HEADER_BLOCK | {"年度"} <= {v for r in (2, 3, 4) for v in row_values(ws, r) if v}
    assert validations(ws)["E6"].formula1 == '"联建共建,支部单独开展"'


def test_the_word_forms_carry_label_cells(generic):
    assert table_labels(generic["主题党日活动记录表.docx"]) == RECORD
    assert table_labels(generic["调整日期备案表.docx"]) == ADJUSTMENT
    ws = book(generic["调整日期备案表.xlsx"])["备案表"]
    assert [ws.cell(r, 1).value for r in range(2, 11)] == ADJUSTMENT
    summary = [p.text for p in docx.Document(io.BytesIO(generic["季度总结报告.docx"])).paragraphs]
    assert "季度“主题党日”活动开展情况总结" in summary[0]
    assert [t for t in summary if t[:2] in ("一、", "二、", "三、", "四、")] == [
        "一、基本情况", "二、主要做法", "三、存在问题", "四、下步打算"]


def test_the_department_tables(generic):
    roster = book(generic["组织名册.xlsx"])
    assert {name: row_values(roster[name], 1) for name in ROSTER} == ROSTER
    types = validations(roster["党支部"])["C2"]
    assert types.formula1 == '"党政机关,事业单位,农村,社区,国有企业,学校,两新组织"' and types.errorStyle == "stop"
    assert validations(roster["党支部"])["B2"].formula1 == "'党(工)委'!$A$2:$A$201"
    assert validations(roster["党(工)委"])["B2"].errorStyle == "information"  # other categories allowed
    themes = book(generic["指导性主题表.xlsx"]).worksheets[0]
    assert row_values(themes, 2) == THEMES


def _roster(*committees: tuple[str, list[str]]) -> Roster:
    return Roster(
        effective=date(2017, 1, 1),
        committees=tuple(Committee(name=name, category="镇") for name, _ in committees),
        branches=tuple(Branch(name=b, committee=name, type=BranchType.VILLAGE, members=10 + i)
                       for name, branches in committees for i, b in enumerate(branches)),
    )


def test_a_committee_workbook_lists_its_branches_and_long_lists_go_to_a_hidden_sheet():
    many = [f"古荥镇第{n}网格村民小组联合党支部" for n in range(1, 31)]  # far over 255 characters together
    roster = _roster(("古荥镇党委", many), ("新城街道党工委", ["甲社区党支部", "乙社区党支部"]), ("空党委", []))
    files = {f.name: f for f in template_files(2017, roster)}
    assert committee_template_name("空党委") not in files  # no branches, nothing to report monthly

    big = book(files[committee_template_name("古荥镇党委")].data)
    ws = big["月报"]
    assert ws.cell(1, 1).value == "2017年　　月份“主题党日”活动开展情况统计表"
    assert ws.cell(2, 3).value == "古荥镇党委"
    rows = [row_values(ws, r) for r in range(5, ws.max_row + 1)]
    assert [r[1] for r in rows] == many
    assert [r[0] for r in rows] == list(range(1, 31))
    assert [r[10] for r in rows] == [10 + i for i in range(30)]  # 应到人数: the roster's members, as a hint
    names = validations(ws)["B5"]
    assert str(names.sqref) == "B5:B34" and names.type == "list" and names.errorStyle == "stop"
    assert names.formula1 == "'选项'!$A$1:$A$30"
    hidden = big["选项"]
    assert hidden.sheet_state == "hidden"
    assert [hidden.cell(r, 1).value for r in range(1, 31)] == many
    assert validations(ws)["H5"].formula1 == '"联建共建,支部单独开展"'  # short lists stay inline

    small = book(files[committee_template_name("新城街道党工委")].data)
    assert validations(small["月报"])["B5"].formula1 == '"甲社区党支部,乙社区党支部"'
    assert "选项" not in small.sheetnames


def test_a_branch_name_with_a_comma_goes_to_the_hidden_sheet():
    roster = _roster(("古荥镇党委", ["甲,乙联合党支部", "丙党支部"]))
    ws = book(template_files(None, roster)[-1].data)
    assert validations(ws["月报"])["B5"].formula1 == "'选项'!$A$1:$A$2"


def test_generation_is_deterministic_and_the_fingerprint_ignores_only_dates(generic):
    again = {f.name: f.data for f in template_files()}
    assert again == generic  # byte for byte: fixed dates everywhere
    for name in ("月度开展情况统计表.xlsx", "主题党日活动记录表.docx"):
        suffix = Path(name).suffix
        redated = _rewrite(generic[name], "docProps/core.xml", lambda xml: xml.replace(b"2017-01-01T00:00:00Z",
                                                                                         b"2024-06-30T08:00:00Z"))
        assert content_fingerprint(redated, suffix) == content_fingerprint(generic[name], suffix)
    edited = book(generic["月度开展情况统计表.xlsx"])
    edited["月报"]["P4"] = "未开展的原因"
    out = io.BytesIO()
    edited.save(out)
    assert content_fingerprint(out.getvalue(), ".xlsx") != content_fingerprint(
        generic["月度开展情况统计表.xlsx"], ".xlsx"
    )
    reworded = _rewrite(generic["主题党日活动记录表.docx"], "word/document.xml",
                        lambda xml: xml.replace("记录人".encode(), "记录员".encode()))
    assert content_fingerprint(reworded, ".docx") != content_fingerprint(generic["主题党日活动记录表.docx"], ".docx")


def _rewrite(data: bytes, part: str, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            dst.writestr(info.filename, change(body) if info.filename == part else body)
    return out.getvalue()


def _files(folder: Path) -> dict[str, Path]:
    # A committee's own workbooks are a workspace's data (made from its roster), never committed.
    return {p.relative_to(folder).as_posix(): p for p in folder.rglob("*")
            if p.is_file() and not p.name.startswith(".") and COMMITTEE_FOLDER not in p.parts}


def test_the_committed_templates_are_what_the_command_writes(tmp_path, capsys):
    assert main(["templates", str(tmp_path), "-w", str(REPO)]) == 0
    written, committed = _files(tmp_path), _files(REPO / "templates")
    assert set(written) == set(FILES)
    assert set(committed) == set(written), "run `themeday templates` at the repository root and commit templates/"
    for name, path in written.items():
        suffix = Path(name).suffix
        expected = content_fingerprint(path.read_bytes(), suffix)
        assert content_fingerprint(committed[name].read_bytes(), suffix) == expected, (
            f"templates/{name} is out of date: run `themeday templates` at the repository root"
        )


def test_the_command_writes_year_titles_and_one_workbook_per_committee(tmp_path, capsys):
    roster = _roster(("古荥镇党委", ["大河村党支部"]), ("新城街道党工委", ["甲社区党支部"]))
    folder = tmp_path / "templates"
    stale = folder / COMMITTEE_FOLDER / "月度开展情况统计表_已撤销党委.xlsx"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    (folder / COMMITTEE_FOLDER / "说明.txt").write_text("clerk's own note", encoding="utf-8")
    written = write_templates(folder, year=2017, roster=roster)
    assert sum(w.for_committee for w in written) == 2
    assert not stale.exists(), "a committee gone from the roster loses its template"
    assert (folder / COMMITTEE_FOLDER / "说明.txt").exists(), "files the kit did not write are left alone"
    plan = book((folder / "年度计划表.xlsx").read_bytes())["计划表"]
    assert plan.cell(1, 1).value == "2017年“主题党日”活动计划表" and plan.cell(2, 7).value == 2017

    ws_root = tmp_path / "ws"
    main(["init", str(ws_root)])
    code = main(["templates", "--year", "2017", "-w", str(ws_root)])
    out = capsys.readouterr().out
    assert code == 0 and "年度计划表.xlsx" in out
    assert {p.name for p in (ws_root / "templates").iterdir()} == set(FILES)
    code = main(["templates", "--roster", "-w", str(ws_root)])
    assert code == 1 and "组织名册" in capsys.readouterr().out


def test_the_command_makes_each_committee_its_workbook_from_the_roster_in_force(workspace_dir, district, capsys):
    rows = {"committees": list(district.committee_rows), "branches": list(district.branch_rows),
            "groups": list(district.group_rows)}
    with Ledger.open(workspace_dir / "state") as ledger:
        ledger.add_roster_version(date(2017, 1, 1), "组织架构.xlsx", "0" * 64, rows)
    assert main(["templates", "--at", "2017-03-01", "--year", "2017", "-w", str(workspace_dir)]) == 0
    assert f"为 {len(district.committees)} 个党(工)委生成月度统计表" in capsys.readouterr().out
    folder = workspace_dir / "templates" / COMMITTEE_FOLDER
    assert {p.name for p in folder.iterdir()} == {f"月度开展情况统计表_{c.name}.xlsx" for c in district.committees}
    committee = district.committees[0]
    ws = book((folder / f"月度开展情况统计表_{committee.name}.xlsx").read_bytes())["月报"]
    listed = [ws.cell(r, 2).value for r in range(5, ws.max_row + 1)]
    assert listed == [b.name for b in district.branches_of(committee.name)]
