"""Return packages: what a rejected submitter gets back, and the fixed file coming back in."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from themeday_office.cli import main
from themeday_office.domain.period import Period
from themeday_office.ingest.pipeline import ACCEPTED, WAITING, Ingestor
from themeday_office.ledger import CheckedFile, Ledger, State, StoredMessage, sha256_of
from themeday_office.readers import Workbook, read_bytes
from themeday_office.render.submitter import RETURN_FOLDER, on_rejected, template_files, write_return_package
from themeday_office.render.submitter.workbook_marks import ERROR_COLOUR, LIST_SHEET, MARK_AUTHOR
from themeday_office.synthetic import Layout, Mistake, make_period_submissions

from . import fill

MARCH = Period.of_month(2017, 3)


class Desk:
    """An inbox, a real ledger in tmp_path, and the kit's ingest protocol on them."""

    def __init__(self, root: Path, env):
        self.inbox, self.outbox = root / "inbox", root / "outbox"
        self.inbox.mkdir(parents=True)
        self.ledger = Ledger.open(root / "state")
        self.ingestor = Ingestor(self.inbox, self.ledger, lambda: env, lambda data, name: read_bytes(data, name))

    def send(self, name: str, data: bytes):
        path = self.inbox / name
        path.write_bytes(data)
        return self.ingestor.ingest(path)

    def reject(self, submission_id: int, reason: str = "数据有误，请改正后重报") -> Path:
        self.ledger.reject(submission_id, "科员", reason)
        package = on_rejected(self.ledger, submission_id, self.outbox)
        assert package is not None
        return package


@pytest.fixture
def desk(tmp_path, env):
    d = Desk(tmp_path, env)
    yield d
    d.ledger.close()


def monthly_with(district, unit: str, folder: Path, *mistakes: Mistake):
    files = make_period_submissions(district, MARCH, folder, seed=1, mistakes={unit: set(mistakes)}, record_sample=0,
                                    adjusted=(), layouts={unit: Layout.plain()})
    return next(f for f in files if f.unit == unit)


def load(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def listed_rows(book) -> list[tuple]:
    ws = book[LIST_SHEET]
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "序号")
    return [tuple(ws.cell(r, c).value for c in range(1, 5)) for r in range(header + 1, ws.max_row + 1)]


def cell_at(book, place: str):
    sheet, ref = place.split("!")
    return book[sheet][ref]


def our_comments(book) -> dict[str, str]:
    return {f"{ws.title}!{c.coordinate}": c.comment.text for ws in book.worksheets for row in ws.iter_rows()
            for c in row if c.comment is not None and c.comment.author == MARK_AUTHOR}


def fix(data: bytes, place: str, value) -> bytes:
    book = load(data)
    cell_at(book, place).value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def header_columns(ws) -> dict[str, int]:
    row = next(r for r in range(1, 10) if "党支部名称" in [c.value for c in ws[r]])
    return {ws.cell(row, c).value: c for c in range(1, ws.max_column + 1)}


def corrected_present(book, place: str) -> int:
    """实到人数 that fits its row: 应到人数 less 请假人数."""
    sheet, ref = place.split("!")
    ws = book[sheet]
    cols, row = header_columns(ws), ws[ref].row
    return ws.cell(row, cols["应到人数"]).value - (ws.cell(row, cols["请假人数"]).value or 0)


def test_an_xlsx_comes_back_as_its_own_workbook_marked_with_the_list_first(desk, district, tmp_path):
    unit = district.committees[0].name
    bad = monthly_with(district, unit, tmp_path / "gen", Mistake.PRESENT_EXCEEDS_EXPECTED, Mistake.UNKNOWN_BRANCH)
    original = bad.path.read_bytes()
    sub = desk.send(bad.path.name, original).submission
    assert sub.state is State.INVALID
    package = desk.reject(sub.id, "实到人数有误，支部名称写错")

    assert package == desk.outbox / RETURN_FOLDER / f"{unit}_2017-03_{sub.id}_退回.xlsx"
    book = load(package.read_bytes())
    assert book.sheetnames[0] == LIST_SHEET and book.active is not None and book.active.title == LIST_SHEET
    stored = desk.ledger.messages(sub.id)
    rows = listed_rows(book)
    assert len(rows) == len(stored) >= 3  # the two planted errors and the branch their misspelling leaves out
    assert {(severity, place) for _, severity, place, _ in rows} == {(m.severity, m.place) for m in stored}
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
    for m in stored:
        text = m.text[len(m.place):].lstrip()
        assert (m.severity, m.place, text) in {(s, p, t) for _, s, p, t in rows}
    intro = " ".join(str(v) for row in book[LIST_SHEET].iter_rows(max_row=10, values_only=True) for v in row if v)
    assert "实到人数有误，支部名称写错" in intro and bad.path.name in intro and "2017年3月" in intro

    planted = {p.place for p in bad.planted}
    comments = our_comments(book)
    assert set(comments) == planted, "a comment on exactly the cells a message names"
    for m in stored:
        if m.place in planted:
            assert m.text[len(m.place):].lstrip() in comments[m.place]
            assert cell_at(book, m.place).fill.fgColor.rgb.endswith(ERROR_COLOUR)
    ws = book[LIST_SHEET]
    places = (ws.cell(r, 3) for r in range(1, ws.max_row + 1))
    links = {c.value: c.hyperlink.location for c in places if c.hyperlink}
    # Each cell place links to its cell; the sheet-level message (a missing branch) has none to link to.
    assert links == {p: "'{}'!{}".format(*p.split("!")) for p in planted}

    before = load(original)
    for name in before.sheetnames:  # their data untouched
        assert [list(r) for r in before[name].iter_rows(values_only=True)] == [
            list(r) for r in book[name].iter_rows(values_only=True)]


def test_the_fixed_package_sent_back_is_version_2_of_the_same_submission(desk, district, tmp_path):
    unit = district.committees[0].name
    bad = monthly_with(district, unit, tmp_path / "gen", Mistake.PRESENT_EXCEEDS_EXPECTED, Mistake.UNKNOWN_BRANCH)
    v1 = desk.send(bad.path.name, bad.path.read_bytes()).submission
    package = desk.reject(v1.id).read_bytes()

    present = next(p for p in bad.planted if p.mistake is Mistake.PRESENT_EXCEEDS_EXPECTED)
    misspelt = next(p for p in bad.planted if p.mistake is Mistake.UNKNOWN_BRANCH)
    fixed = fix(fix(package, present.place, corrected_present(load(package), present.place)), misspelt.place,
                misspelt.branch)
    outcome = desk.send("古荥镇党委3月统计表（已改正）.xlsx", fixed)

    v2 = outcome.submission
    assert outcome.word == ACCEPTED, desk.ledger.messages(v2.id)
    assert (v2.kind, v2.unit, v2.period, v2.version) == (v1.kind, v1.unit, v1.period, 2)
    assert v2.current and desk.ledger.get(v1.id).state is State.REJECTED
    assert [v.id for v in desk.ledger.versions(v2.id)] == [v1.id, v2.id]


def test_a_file_returned_twice_shows_only_what_is_still_wrong(desk, district, tmp_path):
    unit = district.committees[0].name
    bad = monthly_with(district, unit, tmp_path / "gen", Mistake.PRESENT_EXCEEDS_EXPECTED, Mistake.UNKNOWN_BRANCH)
    v1 = desk.send(bad.path.name, bad.path.read_bytes()).submission
    first = desk.reject(v1.id).read_bytes()
    present = next(p for p in bad.planted if p.mistake is Mistake.PRESENT_EXCEEDS_EXPECTED)
    misspelt = next(p for p in bad.planted if p.mistake is Mistake.UNKNOWN_BRANCH)

    outcome = desk.send("重报.xlsx", fix(first, present.place, corrected_present(load(first), present.place)))
    assert outcome.word == WAITING and outcome.submission.version == 2
    second = load(desk.reject(outcome.submission.id).read_bytes())

    assert second.sheetnames.count(LIST_SHEET) == 1 and second.sheetnames[0] == LIST_SHEET
    assert set(our_comments(second)) == {misspelt.place}
    assert cell_at(second, present.place).fill.fill_type is None, "the fixed cell is no longer marked"
    assert {r[2] for r in listed_rows(second)} >= {misspelt.place}
    assert present.place not in {r[2] for r in listed_rows(second)}


def test_an_xls_comes_back_as_an_xlsx_of_its_values_and_can_be_resent(desk, district, tmp_path):
    unit = district.committees[1].name
    bad = monthly_with(district, unit, tmp_path / "gen", Mistake.LEGACY_XLS, Mistake.PRESENT_EXCEEDS_EXPECTED)
    assert bad.path.suffix == ".xls"
    v1 = desk.send(bad.path.name, bad.path.read_bytes()).submission
    package = desk.reject(v1.id)
    assert package.name == f"{unit}_2017-03_{v1.id}_退回.xlsx"

    original, rebuilt = read_bytes(bad.path.read_bytes(), "a.xls"), read_bytes(package.read_bytes(), "b.xlsx")
    assert isinstance(original, Workbook) and isinstance(rebuilt, Workbook)
    assert [s.name for s in rebuilt.sheets] == [LIST_SHEET] + [s.name for s in original.sheets]
    for sheet in original.sheets:
        again = rebuilt.sheet(sheet.name)
        assert again is not None and again.rows == sheet.rows, "every value at its own cell"
    book = load(package.read_bytes())
    (place,) = [p.place for p in bad.planted if p.mistake is Mistake.PRESENT_EXCEEDS_EXPECTED]
    assert set(our_comments(book)) == {place}

    v2 = desk.send("重报.xlsx", fix(package.read_bytes(), place, corrected_present(book, place))).submission
    assert (v2.state, v2.unit, v2.version) == (State.ACCEPTED, v1.unit, 2)


def test_a_word_record_comes_back_as_the_list_and_its_table_with_the_cell_marked(desk, district, town):
    committee, branches = town
    branch = branches[0]
    template = next(f.data for f in template_files() if f.name == "主题党日活动记录表.docx")
    too_many = str(branch.members + 5)
    data = fill.fill_record(template, committee, branch, 实到人数=too_many)
    sub = desk.send("记录表.docx", data).submission
    assert "present_exceeds_expected" in {m.code for m in desk.ledger.messages(sub.id)}
    package = desk.reject(sub.id)
    assert package.name == f"{branch.name}_2017-03_{sub.id}_退回.docx"

    document = docx.Document(str(package))
    listing, copy = document.tables
    assert [c.text for c in listing.rows[0].cells] == ["序号", "级别", "位置", "说明"]
    assert len(listing.rows) - 1 == len(desk.ledger.messages(sub.id))
    shaded = {c.text for row in copy.rows for c in row.cells if _fill(c) == ERROR_COLOUR}
    assert shaded == {"实到人数", too_many}, "the label the message quotes and its value cell, nothing else"
    assert branch.name in {c.text for row in copy.rows for c in row.cells}


def _fill(cell) -> str | None:
    shd = cell._tc.tcPr.find(docx.oxml.ns.qn("w:shd")) if cell._tc.tcPr is not None else None
    return shd.get(docx.oxml.ns.qn("w:fill")) if shd is not None else None


def test_an_unreadable_file_gets_the_list_alone(desk):
    sub = desk.send("说明.txt", "请查收".encode()).submission
    package = desk.reject(sub.id, "不是报表")
    assert package.name == f"说明_{sub.id}_退回.xlsx"
    book = load(package.read_bytes())
    assert book.sheetnames == [LIST_SHEET]
    ((number, severity, place, text),) = listed_rows(book)
    assert (number, severity, place) == (1, "错误", "（全文件）") and text.startswith("文件无法读取")


def test_hostile_names_and_formula_like_text_stay_harmless(desk, town):
    committee, branches = town
    template = next(f.data for f in template_files() if f.name == "月度开展情况统计表.xlsx")
    data = fill.fill_monthly(template, committee, branches)
    desk.ledger.archive.put(data)
    evil = '=HYPERLINK("http://example.invalid","点我")'
    checked = CheckedFile(
        sha256=sha256_of(data), original_name="../../x.xlsx", inbox_path="x.xlsx", size=len(data), format="xlsx",
        kind="monthly", unit="../..\\CON\u202e<单位>|?*\x07", period="2017-03",
        messages=[StoredMessage("错误", "value_invalid", "月报!B5", f"月报!B5{evil}"),
                  StoredMessage("错误", "value_invalid", "月报!C5", "月报!C5 +1\x00-@"),
                  StoredMessage("提示", "duration_unusual", "", "@SUM(A1)")],
    )
    sub = desk.ledger.record(checked, auto_accept=False)
    package = desk.reject(sub.id)

    assert package.parent == desk.outbox / RETURN_FOLDER
    assert re.fullmatch(r"[^/\\<>:\"|?*\x00-\x1f\u202e]+_2017-03_\d+_退回\.xlsx", package.name), package.name
    assert ".." not in package.name
    book = load(package.read_bytes())
    texts = {row[3] for row in listed_rows(book)}
    assert evil in texts and "@SUM(A1)" in texts and "+1\ufffd-@" in texts
    ws = book[LIST_SHEET]
    assert all(ws.cell(r, 4).data_type == "s" for r in range(1, ws.max_row + 1) if ws.cell(r, 4).value)
    with zipfile.ZipFile(package) as zf:
        sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in zf.read(n) or b"<f " in zf.read(n) for n in sheets), "no formula anywhere"
    assert evil in our_comments(book)["月报!B5"]


def test_only_a_rejected_submission_gets_a_package(desk, district, tmp_path):
    good = monthly_with(district, district.committees[2].name, tmp_path / "gen")
    sub = desk.send(good.path.name, good.path.read_bytes()).submission
    assert sub.state is State.ACCEPTED
    assert on_rejected(desk.ledger, sub.id, desk.outbox) is None
    assert not (desk.outbox / RETURN_FOLDER).exists()
    assert write_return_package(desk.ledger, sub.id, desk.outbox).is_file()  # on request, any time


def test_the_reject_command_writes_the_package(workspace_dir, town, capsys):
    committee, branches = town
    template = next(f.data for f in template_files() if f.name == "月度开展情况统计表.xlsx")
    data = fill.fill_monthly(template, committee, branches)
    with Ledger.open(workspace_dir / "state") as ledger:
        ledger.archive.put(data)
        sub = ledger.record(CheckedFile(sha256=sha256_of(data), original_name="月报.xlsx", inbox_path="月报.xlsx",
                                        size=len(data), format="xlsx", kind="monthly", unit=committee,
                                        period="2017-03"), auto_accept=True)
    assert main(["reject", str(sub.id), "--reason", "单位盖章缺失", "-w", str(workspace_dir)]) == 0
    out = capsys.readouterr().out
    package = workspace_dir / "outbox" / RETURN_FOLDER / f"{committee}_2017-03_{sub.id}_退回.xlsx"
    assert "已退回" in out and "退回包" in out and package.is_file()
    rows = listed_rows(load(package.read_bytes()))
    assert rows == [(None, None, None, "审核时未发现问题；退回原因见上方“退回理由”。")]
    shutil.rmtree(workspace_dir / "state" / "archive")  # the original lost: the rejection still stands
    with Ledger.open(workspace_dir / "state") as ledger:
        other = ledger.record(CheckedFile(sha256="0" * 64, original_name="b.xlsx", inbox_path="b.xlsx", size=1,
                                          format="xlsx"), auto_accept=False)
    assert main(["reject", str(other.id), "--reason", "重复", "-w", str(workspace_dir)]) == 0
    assert "未能生成退回包" in capsys.readouterr().out
