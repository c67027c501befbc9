"""详情: one submission's messages, conflicts with other files, findings, parsed table and history,
with accept and reject."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, TabbedContent, TabPane

from themeday_office.ledger import Ledger
from themeday_office.tui.bindings import DECISION_BINDINGS
from themeday_office.tui.details_data import SubmissionDetails, load_details
from themeday_office.tui.failures import reports_failure
from themeday_office.tui.messages import DecisionWanted, DetailsLoaded, SubmissionFileWanted, SubmissionsChanged
from themeday_office.tui.session import Session
from themeday_office.tui.widgets.check_lists import ConflictList, FindingList, MessageList
from themeday_office.tui.widgets.history_view import HistoryView
from themeday_office.tui.widgets.preview_table import PreviewTable
from themeday_office.tui.widgets.submission_summary import SubmissionSummary
from themeday_office.tui.widgets.watcher_badge import WatcherBadge


class DetailScreen(Screen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "返回", id="back", tooltip="回到收件箱"),
        *DECISION_BINDINGS,
    ]

    def __init__(self, submission_id: int, organ: str, session: Session) -> None:
        super().__init__()
        self.submission_id = submission_id
        self.organ = organ
        self.session = session
        self.details: SubmissionDetails | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="header"):
            yield Label(f"themeday | {self.organ} | 详情", id="organ")
            yield WatcherBadge(id="watcher")
        yield SubmissionSummary(f"编号 {self.submission_id}　正在读取", id="summary")
        with TabbedContent(id="detail-tabs"):
            with TabPane("审核意见", id="messages"), VerticalScroll():
                yield MessageList()
                yield ConflictList()
            with TabPane("开展情况", id="findings"), VerticalScroll():
                yield FindingList()
            with TabPane("表格预览", id="preview"):
                yield PreviewTable(id="preview-table")
            with TabPane("处理记录", id="history"), VerticalScroll():
                yield HistoryView()
        yield Footer(compact=True)  # as on the main screen

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the submission again (after a decision, or when the ledger changed it)."""
        ledger = self.session.ledger
        if ledger is not None:
            self._load(ledger, self.submission_id, self.session.workspace.outbox)

    @on(SubmissionsChanged)
    def _submissions_changed(self, event: SubmissionsChanged) -> None:
        if self.submission_id in event.ids:
            self.reload()

    @work(thread=True, exclusive=True, group="details", exit_on_error=False)
    @reports_failure("无法读取文件详情")
    def _load(self, ledger: Ledger, submission_id: int, outbox: Path) -> None:
        details = load_details(ledger, submission_id, outbox)
        self.post_message(DetailsLoaded(details))

    @on(DetailsLoaded)
    def _show(self, event: DetailsLoaded) -> None:
        details = self.details = event.details
        self.query_one(SubmissionSummary).show(details)
        self.query_one(MessageList).show(details)
        self.query_one(ConflictList).show(details)
        self.query_one(FindingList).show(details)
        self.query_one(PreviewTable).show(details.preview)
        self.query_one(HistoryView).show(details)
        tabs = self.query_one(TabbedContent)
        conflicts = f"　不一致 {len(details.conflicts)}" if details.conflicts else ""
        tabs.get_tab("messages").label = f"审核意见 {len(details.messages)}{conflicts}"
        tabs.get_tab("findings").label = f"开展情况 {len(details.findings)}"
        marked = details.preview.marked if details.preview else 0
        tabs.get_tab("preview").label = f"表格预览 {marked} 处标出" if marked else "表格预览"
        tabs.get_tab("history").label = f"处理记录 {len(details.events)}"

    def action_back(self) -> None:
        self.dismiss()

    def action_accept(self) -> None:
        self.post_message(DecisionWanted("accept", self.submission_id))

    def action_reject(self) -> None:
        self.post_message(DecisionWanted("reject", self.submission_id))

    def action_open_original(self) -> None:
        self.post_message(SubmissionFileWanted(self.submission_id, "original"))

    def action_open_return(self) -> None:
        self.post_message(SubmissionFileWanted(self.submission_id, "package"))
