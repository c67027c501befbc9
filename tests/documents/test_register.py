"""The 发文字号 register, drafts and issuing: numbers in sequence per prefix and year, manual
numbers, never reused (also under two threads and two processes), issued documents frozen,
corrections; and the `themeday render / issue / documents` commands."""

from __future__ import annotations

import datetime
import multiprocessing
import threading
from pathlib import Path

import docx
import pytest

from tests.rollup.conftest import build_q1
from themeday_office.cli import main
from themeday_office.ledger import Ledger, LedgerError
from themeday_office.render.documents import (
    FROZEN,
    WRITTEN,
    DocumentDesk,
    Draft,
    Office,
    changed_on_disk,
    file_sha256,
    number_text,
)
from themeday_office.render.gbt9704 import OfficialDocument, Paragraph


def _ledger(tmp_path: Path) -> Ledger:
    return Ledger.open(tmp_path / "state")


def test_numbers_run_in_sequence_per_prefix_and_restart_each_year(tmp_path):
    with _ledger(tmp_path) as led:
        got = [led.create_document(f"k{i}", "monthly", "2017-03", "t", "惠组", 2017).number for i in range(3)]
        assert got == [1, 2, 3]
        assert led.create_document("k2018", "monthly", "2018-01", "t", "惠组", 2018).number == 1
        assert led.create_document("k-other", "monthly", "2017-04", "t", "惠组办", 2017).number == 1
        assert led.create_document("k2017", "monthly", "2017-04", "t", "惠组", 2017).number == 4


def test_the_same_document_takes_one_number_however_often_it_is_created(tmp_path):
    with _ledger(tmp_path) as led:
        first = led.create_document("monthly/2017-03", "monthly", "2017-03", "t", "惠组", 2017)
        again = led.create_document("monthly/2017-03", "monthly", "2017-03", "t", "惠组", 2017)
        assert again.id == first.id and led.numbers_taken("惠组", 2017) == [1]
        fix = led.create_document("monthly/2017-03", "monthly", "2017-03", "t", "惠组", 2017, corrects=first.id)
        fix_again = led.create_document("monthly/2017-03", "monthly", "2017-03", "t", "惠组", 2017, corrects=first.id)
        assert fix.number == 2 and fix_again.id == fix.id and led.numbers_taken("惠组", 2017) == [1, 2]


def test_a_manual_number_is_kept_and_never_given_out_again(tmp_path):
    with _ledger(tmp_path) as led:
        assert led.create_document("a", "monthly", "", "t", "惠组", 2017, number=12).number == 12
        with pytest.raises(LedgerError, match="惠组〔2017〕12号已被使用"):
            led.create_document("b", "monthly", "", "t", "惠组", 2017, number=12)
        assert led.create_document("c", "monthly", "", "t", "惠组", 2017).number == 13
        # A number below the highest, never taken, may still be entered by hand.
        assert led.create_document("d", "monthly", "", "t", "惠组", 2017, number=5).number == 5
        assert led.numbers_taken("惠组", 2017) == [5, 12, 13]


def _allocate(state: str, count: int, tag: str) -> list[int]:
    with Ledger.open(Path(state)) as led:
        return [led.create_document(f"{tag}{i}", "monthly", "", "t", "惠组", 2017).number for i in range(count)]


def test_two_threads_with_their_own_connections_never_share_a_number(tmp_path):
    _ledger(tmp_path).close()
    results: dict[str, list[int]] = {}
    threads = [threading.Thread(target=lambda t=t: results.__setitem__(t, _allocate(str(tmp_path / "state"), 30, t)))
               for t in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    numbers = results["a"] + results["b"]
    assert sorted(numbers) == list(range(1, 61))


def test_two_processes_never_share_a_number(tmp_path):
    _ledger(tmp_path).close()
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        a, b = pool.starmap(_allocate, [(str(tmp_path / "state"), 25, "p"), (str(tmp_path / "state"), 25, "q")])
    assert sorted(a + b) == list(range(1, 51))
    assert a == sorted(a) and b == sorted(b)


def _draft(key: str = "monthly/2017-03", text: str = "正文。", day=datetime.date(2017, 3, 25)) -> Draft:
    def build(number, correction):
        blocks = [Paragraph(text)]
        if correction:
            blocks.insert(0, Paragraph(f"本通报更正{correction.number}。"))
        return OfficialDocument("中共郑州市惠济区委组织部", number, "关于测试的通报", ["各党（工）委"], blocks,
                                "中共郑州市惠济区委组织部", day, "中共郑州市惠济区委组织部办公室", day)
    return Draft(key, "monthly", "2017-03", "关于测试的通报", day, {"held": 9}, build)


def test_a_draft_rerenders_with_its_number_an_issued_document_is_frozen(tmp_path):
    with _ledger(tmp_path) as led:
        desk = DocumentDesk(led, Office(), tmp_path / "outbox", actor="王敏")
        first = desk.render(_draft(text="第一稿。"))
        again = desk.render(_draft(text="第二稿。"))
        assert first.status == again.status == WRITTEN
        assert again.path is not None  # written, so it has its file
        assert again.record.id == first.record.id and again.number == "惠组〔2017〕1号"
        issued = desk.issue(desk.find("惠组〔2017〕1号"))
        assert issued.issued and issued.issued_by == "王敏"
        assert issued.sha256 == file_sha256(again.path) and issued.figures == {"held": 9}
        before = again.path.read_bytes()
        frozen = desk.render(_draft(text="第三稿。"))
        assert frozen.status == FROZEN and again.path.read_bytes() == before
        with pytest.raises(LedgerError, match="已签发，不能重新生成"):
            led.record_rendering(issued.id, str(again.path), "x", {}, "t")
        with pytest.raises(LedgerError, match="已于"):
            desk.issue(desk.find(str(issued.id)))
        assert changed_on_disk(led.document(issued.id)) is False
        again.path.write_bytes(before + b"edited")  # someone edits the issued file by hand
        assert changed_on_disk(led.document(issued.id)) is True


def test_a_correction_is_a_new_document_with_a_new_number(tmp_path):
    with _ledger(tmp_path) as led:
        desk = DocumentDesk(led, Office(), tmp_path / "outbox")
        original = desk.render(_draft())
        desk.issue(original.record)
        other = desk.render(_draft(key="receipt/3"))  # numbers keep running between them
        fixed = desk.render(_draft(text="改正后的数字。"), correct=True)
        assert fixed.status == WRITTEN and fixed.record.corrects == original.record.id
        assert number_text(fixed.record) == "惠组〔2017〕3号" and other.number == "惠组〔2017〕2号"
        assert original.path is not None and original.path.is_file() and fixed.path != original.path
        assert led.document(original.record.id).issued
        # The correcting draft re-renders with its number and still says what it corrects.
        again = desk.render(_draft(text="再改。"))
        assert again.record.id == fixed.record.id
        text = "\n".join(p.text for p in docx.Document(str(again.path)).paragraphs)
        assert "本通报更正惠组〔2017〕1号。" in text and "再改。" in text


def test_manual_number_only_on_first_rendering(tmp_path):
    with _ledger(tmp_path) as led:
        desk = DocumentDesk(led, Office(), tmp_path / "outbox")
        assert desk.render(_draft(), number=7).number == "惠组〔2017〕7号"
        with pytest.raises(LedgerError, match="已取号"):
            desk.render(_draft(), number=8)


def test_render_issue_and_documents_commands(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    world = build_q1(tmp_path / "ws")
    world.desk.ledger.close()
    ws = str(world.desk.workspace.root)
    assert main(["-w", ws, "render", "--month", "2017-03", "--date", "2017-03-27"]) == 0
    out = capsys.readouterr().out
    assert "共 4 份：生成草稿 4 份" in out  # the bulletin, two receipts and a 催报通知 (区直机关工委 is missing)
    outbox = world.desk.workspace.outbox
    bulletin = outbox / "惠组〔2017〕1号_关于2017年3月份“主题党日”活动开展情况的通报.docx"
    assert bulletin.is_file()
    assert len(list((outbox / "备案回执").glob("*.docx"))) == 2
    assert len(list((outbox / "催报通知").glob("*.docx"))) == 1
    assert not list(outbox.rglob(".~*"))  # no temporary file left behind
    assert main(["-w", ws, "issue", "惠组〔2017〕1号"]) == 0
    assert main(["-w", ws, "render", "--month", "2017-03", "--kind", "monthly"]) == 0
    assert "已签发" in capsys.readouterr().out
    assert main(["-w", ws, "render", "--month", "2017-03", "--kind", "monthly", "--correct"]) == 0
    assert main(["-w", ws, "documents"]) == 0
    listing = capsys.readouterr().out
    assert "惠组〔2017〕5号" in listing and "更正 惠组〔2017〕1号" in listing and "已签发" in listing
    assert main(["-w", ws, "render", "--quarter", "2017Q1", "--kind", "receipt"]) == 2
    assert "季度没有这类公文" in capsys.readouterr().out


def test_pdf_copies_say_so_when_libreoffice_is_missing(tmp_path, capsys, monkeypatch):
    world = build_q1(tmp_path / "ws")
    world.desk.ledger.close()
    monkeypatch.setattr("themeday_office.render.documents.pdf.find_soffice", lambda: None)
    ws = str(world.desk.workspace.root)
    assert main(["-w", ws, "render", "--month", "2017-03", "--kind", "monthly", "--pdf"]) == 0
    out = capsys.readouterr().out
    assert "未安装 LibreOffice，无法生成 PDF 副本" in out
    assert list(world.desk.workspace.outbox.glob("*.docx")) and not list(world.desk.workspace.outbox.glob("*.pdf"))


def test_show_template_prints_the_bundled_wording(capsys):
    assert main(["render", "--show-template", "monthly"]) == 0
    out = capsys.readouterr().out
    assert 'title = "关于{year}年{month}月份“主题党日”活动开展情况的通报"' in out


def test_a_draft_the_ledger_changed_under_is_not_issued_until_it_is_generated_again(tmp_path):
    """签发 of a 通报 rendered before a decision on one of its month's files is refused (its figures
    may no longer be true) until it is generated again; a 回执 of one file is not held up."""
    from tests.rollup.conftest import GUXING, MAR
    from themeday_office.office.documents import generate_documents, issue_document

    world = build_q1(tmp_path / "ws")
    desk, workspace = world.desk, world.desk.workspace
    desk.ledger.close()
    desk.now = datetime.datetime(2017, 4, 20, 9)  # after every file of the world (its Q1 summaries too)

    def clock() -> datetime.datetime:
        return desk.now

    generate_documents(workspace, clock, MAR)
    desk.now = datetime.datetime(2017, 4, 20, 10)  # the clerk sends a March table back
    with Ledger.open(workspace.state, clock=clock) as ledger:
        ledger.reject(world.ids[GUXING], "测试员", "实到人数有误")
    with pytest.raises(LedgerError, match="生成以后，本期的台账有了变化（新收文、通过或退回）"):
        issue_document(workspace, clock, "惠组〔2017〕1号")
    assert issue_document(workspace, clock, "惠组〔2017〕2号").number == "惠组〔2017〕2号"  # a 备案回执: one file's
    desk.now = datetime.datetime(2017, 4, 20, 11)
    generate_documents(workspace, clock, MAR, kinds=["monthly"])
    assert issue_document(workspace, clock, "惠组〔2017〕1号").number == "惠组〔2017〕1号"
