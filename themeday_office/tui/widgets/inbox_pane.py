"""收件箱: the filters, the queue and a status line under it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from themeday_office.tui.widgets.filter_bar import FilterBar
from themeday_office.tui.widgets.queue_table import QueueTable


class InboxPane(Vertical):
    class Ready(Message):
        """The pane is mounted: the queue can be filled."""

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
        parts = [count]
        if ignored is not None:
            parts.append(f"收件箱中被忽略的临时/锁定文件 {ignored} 个")
        self.query_one("#queue-status", Static).update("　".join(parts))
