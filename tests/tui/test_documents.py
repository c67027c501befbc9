"""发文: generate the period's batch in a worker, preview a draft, issue it after confirming, open it;
a 催报通知 among the drafts once the period's deadline has passed."""

from __future__ import annotations

from datetime import datetime

from textual.widgets import DataTable

from themeday_office.ledger import Ledger
from themeday_office.tui.app import ThemedayApp
from themeday_office.tui.widgets.documents_pane import DocumentsPane

from .conftest import CLERK, fixed_clock
from .pilot import SIZE, ViewerRecorder, app_of, content_text, loaded, make_app, run, wait_until


async def documents_tab(pilot) -> DocumentsPane:
    """The 发文 tab, once it has read the ledger."""
    await loaded(pilot)
    await pilot.press("alt+3")
    pane = app_of(pilot).main_screen.query_one(DocumentsPane)
    await wait_until(pilot, lambda: pane.period is not None, "发文读入")
    return pane


async def generated(pilot) -> DocumentsPane:
    pane = await documents_tab(pilot)
    await pilot.press("f9")
    await wait_until(pilot, lambda: pane.generated is not None, "生成公文", timeout=90)
    batch = pane.generated
    assert batch is not None and batch.written > 0
    await wait_until(pilot, lambda: len(pane.rows) == batch.written, "公文列出")
    table = pane.query_one("#documents-table", DataTable)
    await wait_until(pilot, lambda: pane.selected is not None and pane.previewed == pane.selected.id, "公文预览")
    await pilot.pause()
    assert table.row_count == len(pane.rows)
    return pane


def test_generate_preview_issue_and_open(workspace):
    viewer = ViewerRecorder()

    async def scenario():
        app = make_app(workspace, viewer=viewer)
        async with app.run_test(size=SIZE) as pilot:
            pane = await generated(pilot)
            assert str(pane.period) == "2017-03"
            assert all(not r.issued for r in pane.rows.values())
            first = pane.selected
            assert first is not None and first.path is not None and app.ledger is not None
            assert first.path.is_file() and first.path.is_relative_to(workspace.outbox)
            assert content_text(pane.query_one("#documents-preview")).strip()

            await pilot.press("i")
            await pilot.pause()
            await pilot.press("escape")  # 取消: nothing issued
            await pilot.pause()
            assert app.ledger.document(first.id).state != "issued"

            await pilot.press("i")
            await pilot.pause()
            await pilot.press("enter")  # the 签发 button has the focus
            await wait_until(pilot, lambda: pane.issued is not None, "签发")
            assert pane.issued == first.number
            assert app.ledger.document(first.id).state == "issued"
            await wait_until(pilot, lambda: pane.rows[first.id].issued, "状态更新")

            await pilot.press("o")
            await wait_until(pilot, lambda: viewer.opened, "打开公文")
            assert viewer.opened == [first.path]

    run(scenario())


def test_snapshot_documents(workspace, snap_compare):
    async def run_before(pilot) -> None:
        await generated(pilot)
        pilot.app.clear_notifications()  # the 生成公文 notice times out: not part of the picture
        await pilot.pause()

    assert snap_compare(make_app(workspace), terminal_size=SIZE, run_before=run_before)


def test_a_reminder_is_offered_once_the_deadline_has_passed(workspace, march):
    """March is due 3-15: on 3-20, the committee whose table the clerk sent back is reminded (催报通知)."""
    sent_back = march.ids[march.invalid_monthly]
    with Ledger.open(workspace.state) as ledger:
        ledger.reject(sent_back, CLERK, "实到人数大于应到人数")
        unit = ledger.get(sent_back).unit

    async def scenario():
        app = ThemedayApp(workspace, actor=CLERK, run_watcher=False, clock=fixed_clock(datetime(2017, 3, 20, 9)),
                          viewer=ViewerRecorder(), cursor_blink=False)
        async with app.run_test(size=SIZE) as pilot:
            pane = await generated(pilot)
            (reminder,) = [r for r in pane.rows.values() if r.kind == "催报通知"]
            assert reminder.title.startswith("关于催报2017年3月") and not reminder.issued
            table = pane.query_one("#documents-table", DataTable)
            table.move_cursor(row=list(pane.rows).index(reminder.id))
            await wait_until(pilot, lambda: pane.previewed == reminder.id, "催报通知预览")
            preview = content_text(pane.query_one("#documents-preview"))
            assert unit in preview and "2017年3月15日前报送" in preview

    run(scenario())


def _with_a_summary(workspace) -> tuple[str, ...]:
    """A 季度总结 for the first quarter from one committee, with three practices; their texts."""
    from datetime import date

    from tests.rollup.files import write_summary
    from themeday_office.domain.period import Period
    from themeday_office.ingest.pipeline import Ingestor
    from themeday_office.ingest.session import EnvironmentCache
    from themeday_office.readers import read_bytes
    from themeday_office.synthetic import make_district

    texts = ("每个支部都有固定活动场所。", "对流动党员开展远程学习。", "每季度通报一次。")
    practices = tuple(f"（{n}）{lead}。{t}" for n, lead, t in zip("一二三", ("建强阵地", "创新方式", "考核问效"),
                                                                   texts, strict=True))
    committee = make_district(seed=7, branches=40).committees[0]
    path = write_summary(workspace.inbox / "季度总结.docx", committee, Period.parse("2017Q1"), date(2017, 3, 13),
                         practices=practices)
    with Ledger.open(workspace.state, lambda: datetime(2017, 3, 13, 16)) as ledger:
        environment = EnvironmentCache(workspace, ledger)
        Ingestor(workspace.inbox, ledger, environment,
                 lambda data, name: read_bytes(data, name, workspace.settings.limits.to_read_limits()),
                 actor=CLERK).ingest(path)
    return texts


def test_the_clerk_chooses_the_bulletins_good_practices(workspace):
    from docx import Document
    from rich.cells import cell_len
    from textual.widgets import SelectionList, Static

    from themeday_office.tui.dialogs.practices import PracticesDialog

    texts = _with_a_summary(workspace)

    async def scenario():
        app = make_app(workspace)
        async with app.run_test(size=SIZE) as pilot:
            pane = await documents_tab(pilot)
            await pilot.press("g")
            await wait_until(pilot, lambda: isinstance(app.screen, PracticesDialog), "好的做法对话框", timeout=30)
            choices = app.screen.query_one(SelectionList)
            assert [choices.get_option_at_index(i).value for i in range(choices.option_count)] == list(texts)
            assert choices.selected == list(texts)  # the template's three, by default
            chosen = app.screen.query_one("#practices-chosen", Static)
            assert str(chosen.render()) == "已选 3 条"
            await pilot.press("space")  # the first, highlighted: left out
            await pilot.pause()
            assert choices.selected == list(texts[1:])
            assert str(chosen.render()) == "已选 2 条"  # said in words, not only by the tick's colour
            # Each line fits the dialog, with how many committees reported the practice at its end.
            lines = [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)]
            assert all(cell_len(line) <= 64 and line.endswith("个党（工）委）") for line in lines), lines
            await pilot.click("#confirm")
            await wait_until(pilot, lambda: not isinstance(app.screen, PracticesDialog), "确定")
            assert pane.practices["2017-03"] == texts[1:]

            await pilot.press("f9")
            await wait_until(pilot, lambda: pane.generated is not None, "生成公文", timeout=90)
            await wait_until(pilot, lambda: any(r.kind == "月度通报" for r in pane.rows.values()), "公文列出")
            (bulletin,) = [r for r in pane.rows.values() if r.kind == "月度通报"]
            text = "\n".join(p.text for p in Document(str(bulletin.path)).paragraphs)
            assert texts[0] not in text and all(t in text for t in texts[1:])
            table = pane.query_one("#documents-table", DataTable)
            table.move_cursor(row=list(pane.rows).index(bulletin.id))
            await wait_until(pilot, lambda: pane.previewed == bulletin.id, "通报预览")
            preview = content_text(pane.query_one("#documents-preview"))
            assert texts[0] not in preview and texts[1] in preview

    run(scenario())


def test_a_month_without_summaries_has_no_good_practices_to_choose(workspace):
    async def scenario():
        app = make_app(workspace)
        async with app.run_test(size=SIZE) as pilot:
            await documents_tab(pilot)
            await pilot.press("g")  # March, and no 季度总结 yet in this workspace
            await wait_until(pilot, lambda: any("好的做法" in str(n.message) for n in app._notifications), "提示")

    run(scenario())
