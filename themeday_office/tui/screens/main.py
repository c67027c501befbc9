"""The main screen: the header, the tabs (收件箱 now; 汇总, 发文, 日历, 组织 in the next part), the keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Select, TabbedContent, TabPane

from themeday_office.tui.bindings import DECISION_BINDINGS
from themeday_office.tui.widgets.app_header import ALL_PERIODS, AppHeader
from themeday_office.tui.widgets.filter_bar import FilterBar
from themeday_office.tui.widgets.inbox_pane import InboxPane
from themeday_office.tui.widgets.queue_table import QueueTable

if TYPE_CHECKING:
    from themeday_office.tui.app import ThemedayApp

# Tabs whose screens come with the app's second part: shown, but not yet selectable.
LATER_TABS = (("汇总", "rollup"), ("发文", "documents"), ("日历", "calendar"), ("组织", "roster"))


class MainScreen(Screen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "details", "详情", id="details", tooltip="查看选中文件的审核意见、表格预览和处理记录"),
        Binding("f2", "search", "搜索", id="search", tooltip="在收件箱中按编号、文件名或单位查找"),
        Binding("f4", "clear_filters", "清除筛选", id="clear-filters", show=False, tooltip="清除收件箱的全部筛选条件"),
        *DECISION_BINDINGS,
    ]

    def __init__(self, organ: str) -> None:
        super().__init__()
        self.organ = organ

    @property
    def themeday(self) -> ThemedayApp:
        return cast("ThemedayApp", self.app)

    def compose(self) -> ComposeResult:
        yield AppHeader(self.organ, id="header")
        with TabbedContent(id="tabs", initial="inbox"):
            with TabPane("收件箱", id="inbox"):
                yield InboxPane(id="inbox-pane")
            for title, pane_id in LATER_TABS:
                yield TabPane(title, id=pane_id, disabled=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(QueueTable).focus()

    @property
    def inbox(self) -> InboxPane:
        return self.query_one(InboxPane)

    @property
    def header(self) -> AppHeader:
        return self.query_one(AppHeader)

    def _selected(self) -> int | None:
        return self.query_one(QueueTable).selected_id

    def action_search(self) -> None:
        self.query_one("#filter-search", Input).focus()

    def action_clear_filters(self) -> None:
        self.query_one(FilterBar).clear()
        self.query_one("#period", Select).value = ALL_PERIODS
        self.query_one(QueueTable).focus()

    def action_details(self) -> None:
        self.themeday.show_details(self._selected())

    def action_accept(self) -> None:
        self.themeday.ask_decision("accept", self._selected())

    def action_reject(self) -> None:
        self.themeday.ask_decision("reject", self._selected())

    def action_open_original(self) -> None:
        self.themeday.open_original(self._selected())

    def action_open_return(self) -> None:
        self.themeday.open_return_package(self._selected())

    @on(DataTable.RowSelected, "#queue")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        # Enter on the queue, or a click on the row already under the cursor.
        self.themeday.show_details(int(event.row_key.value) if event.row_key.value else None)
