"""详情: one submission's messages with their places, findings, parsed table with bad cells, history."""

from __future__ import annotations

from datetime import date

from textual.coordinate import Coordinate
from textual.widgets import TabbedContent

from themeday_office.ledger import CheckedFile, Ledger
from themeday_office.tui.screens.details import DetailScreen
from themeday_office.tui.screens.main import MainScreen
from themeday_office.tui.widgets.check_lists import FindingList, MessageList
from themeday_office.tui.widgets.history_view import HistoryView
from themeday_office.tui.widgets.preview_table import PreviewTable
from themeday_office.tui.widgets.submission_summary import SubmissionSummary

from .pilot import SIZE, content_text, loaded, make_app, open_details, queued, run, wait_until


def test_details_show_messages_with_places_and_the_bad_cell_in_the_parsed_table(workspace, march):
    invalid = march.ids[march.invalid_monthly]
    with Ledger.open(workspace.state) as ledger:
        wrong = next(m for m in ledger.messages(invalid) if m.code == "present_exceeds_expected")

    async def scenario():
        app = make_app(workspace)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            screen = await open_details(pilot, invalid)

            summary = content_text(screen.query_one(SubmissionSummary))
            assert f"编号 {invalid}" in summary and march.invalid_monthly in summary
            assert "待处理（有错误）" in summary and "月度开展情况统计表" in summary and "2017年3月" in summary

            messages = content_text(screen.query_one(MessageList))
            assert wrong.place in messages and "大于应到人数" in messages and "错误" in messages

            preview = screen.query_one(PreviewTable)
            headings = [str(c.label) for c in preview.ordered_columns]
            marked = [(r, c) for r in range(preview.row_count) for c in range(len(headings))
                      if preview.get_cell_at(Coordinate(r, c)).plain.startswith("!")]
            assert len(marked) == 1
            row, column = marked[0]
            assert headings[column] == "实到人数"
            assert preview.get_cell_at(Coordinate(row, 0)).plain == wrong.place.rsplit("!", 1)[1].lstrip(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
            )
            assert "1 处标出" in str(screen.query_one("#detail-tabs", TabbedContent).get_tab("preview").label)

            history = content_text(screen.query_one(HistoryView))
            assert "收到" in history and "审核" in history and "张三" in history

            await pilot.press("escape")
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "返回收件箱")

    run(scenario())


def test_details_show_findings_and_follow_new_versions_and_receipt_date_corrections(workspace, march):
    short = march.ids[march.short_duration]

    async def scenario():
        app = make_app(workspace)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            screen: DetailScreen = await open_details(pilot, short)
            findings = content_text(screen.query_one(FindingList))
            assert "不足 3.5 小时" in findings and "符合要求" in findings

            # Another process files a second version and corrects the first one's receipt date.
            sub = queued(app, short)
            with Ledger.open(workspace.state) as other:
                other.record(
                    CheckedFile(
                        sha256="a" * 64,
                        original_name="第二版.xlsx",
                        inbox_path="第二版.xlsx",
                        size=1,
                        format="xlsx",
                        kind=sub.kind,
                        unit=sub.unit,
                        period=sub.period,
                    ),
                    auto_accept=True,
                )
                other.set_receipt_date(short, date(2017, 3, 12), "邮件 3 月 12 日已到", actor="李四")
            await wait_until(
                pilot, lambda: "更正收文日期" in content_text(screen.query_one(HistoryView)), "详情随台账更新"
            )
            history = content_text(screen.query_one(HistoryView))
            assert "第1版" in history and "第2版" in history and "本文件" in history
            assert "被新版本替代" in history and "邮件 3 月 12 日已到" in history
            assert "2017-03-13 改为 2017-03-12" in history
            assert "已替代" in content_text(screen.query_one(SubmissionSummary))

    run(scenario())
