"""收件箱: the filters, the queue and a status line under it; the keys for the selected file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from themeday_office.tui.bindings import DECISION_BINDINGS
from themeday_office.tui.messages import DecisionWanted, DetailsWanted, SubmissionFileWanted
from themeday_office.tui.widgets.filter_bar import FilterBar
from themeday_office.tui.widgets.queue_table import QueueTable


class InboxPane(Vertical):
    # Active while the focus is in the pane (the queue or a filter): the focus chain gates them.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "details", "详情", id="details", tooltip="查看选中文件的审核意见、表格预览和处理记录"),
        Binding("f2", "search", "搜索", id="search", tooltip="在收件箱中按编号、文件名或单位查找"),
        Binding("f4", "clear_filters", "清除筛选", id="clear-filters", show=False, tooltip="清除收件箱的全部筛选条件"),
        *DECISION_BINDINGS,
    ]

    @dataclass
    class Ready(Message):
        """The pane is mounted: the queue can be filled."""

    @dataclass
    class FiltersCleared(Message):
        """The pane's filters were cleared: the period being worked on goes back to all periods."""

    def on_mount(self) -> None:
        self.post_message(self.Ready())

    def compose(self) -> ComposeResult:
        yield FilterBar(id="filters")
        yield QueueTable(id="queue")
        yield Static("正在读取台账", id="queue-status")

    @property
    def table(self) -> QueueTable:
        return self.query_one(QueueTable)

    def show_status(self, shown: int, total: int, ignored: int | None, filtered: bool) -> None:
        count = f"显示 {shown} 个，共 {total} 个文件" if filtered else f"共 {total} 个文件"
        if filtered and not shown:
            count = f"没有符合条件的文件（F4 清除筛选），共 {total} 个文件"
        parts = [count]
        if ignored is not None:
            parts.append(f"收件箱中被忽略的临时/锁定文件 {ignored} 个")
        self.query_one("#queue-status", Static).update("　".join(parts))

    # ---- the keys ----------------------------------------------------------------------------

    def action_search(self) -> None:
        self.query_one("#filter-search", Input).focus()

    @on(FilterBar.Left)
    def _back_to_the_list(self, event: FilterBar.Left) -> None:
        event.stop()
        self.table.focus()

    def action_clear_filters(self) -> None:
        self.query_one(FilterBar).clear()
        self.post_message(self.FiltersCleared())
        self.table.focus()

    def action_details(self) -> None:
        self.post_message(DetailsWanted(self.table.selected_id))

    def action_accept(self) -> None:
        self.post_message(DecisionWanted("accept", self.table.selected_id))

    def action_reject(self) -> None:
        self.post_message(DecisionWanted("reject", self.table.selected_id))

    def action_open_original(self) -> None:
        self.post_message(SubmissionFileWanted(self.table.selected_id, "original"))

    def action_open_return(self) -> None:
        self.post_message(SubmissionFileWanted(self.table.selected_id, "package"))

    @on(DataTable.RowSelected, "#queue")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        # Enter on the queue, or a click on the row already under the cursor.
        self.post_message(DetailsWanted(int(event.row_key.value) if event.row_key.value else None))
