"""The main screen: the header, the tabs (收件箱, 汇总, 发文, 日历, 组织), the keys.

Each tab's keys are the screen's bindings, shown and active only while their tab is: the command
palette offers them all, and running one from another tab switches to its tab first.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Select, TabbedContent, TabPane, TextArea

from themeday_office.tui.bindings import DECISION_BINDINGS, TAB_BINDINGS, TAB_ORDER
from themeday_office.tui.dialogs.confirm import ConfirmDialog
from themeday_office.tui.dialogs.roster_import import RosterImportDialog
from themeday_office.tui.messages import (
    DecisionWanted,
    DetailsWanted,
    DocumentFileWanted,
    QueueCounted,
    QueueFilled,
    QueueUpdated,
    SubmissionFileWanted,
)
from themeday_office.tui.rollup_view import PERIOD_KINDS, VIEW_ORDER, period_of
from themeday_office.tui.session import Session
from themeday_office.tui.widgets.app_header import ALL_PERIODS, AppHeader
from themeday_office.tui.widgets.calendar_pane import CalendarPane
from themeday_office.tui.widgets.documents_pane import DocumentsPane
from themeday_office.tui.widgets.filter_bar import FilterBar
from themeday_office.tui.widgets.inbox_pane import InboxPane
from themeday_office.tui.widgets.queue_table import QueueTable
from themeday_office.tui.widgets.rollup_pane import RollupPane
from themeday_office.tui.widgets.roster_pane import RosterPane

# The tab whose keys each action is (the others are the 收件箱's or every tab's).
TAB_OF_ACTION = {
    "details": "inbox", "search": "inbox", "clear_filters": "inbox", "accept": "inbox", "reject": "inbox",
    "open_original": "inbox", "open_return": "inbox",
    "previous_year": "calendar", "next_year": "calendar",
    "import_roster": "roster",
    "generate_documents": "documents", "issue_document": "documents", "open_document": "documents",
    "rollup_view": "rollup", "rollup_period": "rollup", "rollup_sort": "rollup", "rollup_export": "rollup",
}


class MainScreen(Screen):
    # Narrow terminals (80 columns) stack the side-by-side panes; see themeday.tcss.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "details", "详情", id="details", tooltip="查看选中文件的审核意见、表格预览和处理记录"),
        Binding("f2", "search", "搜索", id="search", tooltip="在收件箱中按编号、文件名或单位查找"),
        Binding("f4", "clear_filters", "清除筛选", id="clear-filters", show=False, tooltip="清除收件箱的全部筛选条件"),
        *DECISION_BINDINGS,
        Binding("v", "rollup_view", "分组", id="rollup-view", tooltip="汇总：按党(工)委、支部类型、协作组轮换"),
        Binding("p", "rollup_period", "月/季/年", id="rollup-period", tooltip="汇总：按月、季度、年度轮换"),
        Binding("s", "rollup_sort", "排序", id="rollup-sort", tooltip="汇总：按光标所在列排序（再按一次反向）"),
        Binding("x", "rollup_export", "导出", id="rollup-export", tooltip="汇总：写出本期的 Excel 汇总表到发件箱"),
        Binding("f9", "generate_documents", "生成公文", id="documents-generate",
                tooltip="发文：生成本期的全部公文（草稿；已签发的不再改动）"),
        Binding("i", "issue_document", "签发", id="documents-issue", tooltip="发文：签发选中的草稿（签发后不再重新生成）"),
        Binding("o", "open_document", "打开", id="documents-open", tooltip="发文：用本机的 Word 或 WPS 打开选中的公文"),
        Binding("left_square_bracket", "previous_year", "上一年", id="calendar-previous-year",
                tooltip="日历：看上一年的全区主题党日"),
        Binding("right_square_bracket", "next_year", "下一年", id="calendar-next-year",
                tooltip="日历：看下一年的全区主题党日"),
        Binding("f3", "import_roster", "导入名册", id="roster-import",
                tooltip="组织：导入新的组织名册文件（有错误时不导入，现有名册不变）"),
        *TAB_BINDINGS,
    ]

    def __init__(self, organ: str, session: Session) -> None:
        super().__init__()
        self.organ = organ
        self.session = session
        self._rollup_kind = "month"  # the 汇总's and the 发文's period: month, quarter or year
        self._rollup_stale = False  # the ledger changed since the 汇总 shown was read

    def compose(self) -> ComposeResult:
        yield AppHeader(self.organ, id="header")
        with TabbedContent(id="tabs", initial="inbox"):
            with TabPane("收件箱", id="inbox"):
                yield InboxPane(id="inbox-pane")
            with TabPane("汇总", id="rollup"):
                yield RollupPane(self.session.queue.get, id="rollup-pane")
            with TabPane("发文", id="documents"):
                yield DocumentsPane(id="documents-pane")
            with TabPane("日历", id="calendar"):
                yield CalendarPane(id="calendar-pane")
            with TabPane("组织", id="roster"):
                yield RosterPane(id="roster-pane")
        yield Footer(compact=True)  # compact: every tab's keys fit in 80 columns

    def on_mount(self) -> None:
        self.query_one(QueueTable).focus()

    # ---- what the app tells the screen to show -------------------------------------------------

    @on(QueueFilled)
    def _queue_filled(self, event: QueueFilled) -> None:
        self.inbox.table.fill(event.submissions)

    @on(QueueUpdated)
    def _queue_updated(self, event: QueueUpdated) -> None:
        self.inbox.table.apply(event.diff)
        self.ledger_changed()

    @on(QueueCounted)
    def _queue_counted(self, event: QueueCounted) -> None:
        try:
            self.header.set_periods(event.periods, event.period)
            self.inbox.show_status(event.shown, event.total, event.ignored, event.filtered)
        except NoMatches:
            pass  # a worker's late report while the app is closing: there is no screen to update

    @property
    def inbox(self) -> InboxPane:
        return self.query_one(InboxPane)

    @property
    def header(self) -> AppHeader:
        return self.query_one(AppHeader)

    @property
    def tab(self) -> str:
        return self.query_one("#tabs", TabbedContent).active

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "tab_by_digit":
            return not self._typing()  # a digit typed into a field is the field's
        tab = TAB_OF_ACTION.get(action)
        return tab is None or tab == self.tab

    def _typing(self) -> bool:
        """Whether the focus is where typed characters go: a text field, or an open list (which
        jumps to the option typed)."""
        focused = self.focused
        if focused is None:
            return False
        return isinstance(focused, (Input, TextArea)) or any(isinstance(n, Select) and n.expanded
                                                             for n in focused.ancestors_with_self)

    def show_tab_of(self, action: str) -> None:
        """Show the tab `action` belongs to, if it belongs to one."""
        tab = TAB_OF_ACTION.get(action)
        if tab is not None and tab != self.tab:
            self.show_tab(tab)

    def show_tab(self, tab: str) -> None:
        self.query_one("#tabs", TabbedContent).active = tab

    @on(TabbedContent.TabActivated, "#tabs")
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()
        tab = event.pane.id
        if tab == "inbox":
            self.query_one(QueueTable).focus()
        elif tab == "rollup":
            if self._rollup_stale or self.rollup.period != period_of(self._rollup_kind, *self._working_month()):
                self._load_rollup()  # first time, the working period was changed, or the ledger since
            self.query_one("#rollup-table").focus()
        elif tab == "documents":
            self._load_documents()
            self.query_one("#documents-table").focus()
        elif tab == "calendar":
            self._load_calendar(self.calendar.year)
            self.query_one("#calendar-months").focus()
        elif tab == "roster":
            self._load_roster()
            self.query_one("#roster-committees").focus()

    def action_show_tab(self, tab: str) -> None:
        self.show_tab(tab)

    def action_tab_by_digit(self, tab: str) -> None:
        self.show_tab(tab)

    def action_step_tab(self, step: int) -> None:
        """Show the tab `step` places to the right (left if negative), going round."""
        self.show_tab(TAB_ORDER[(TAB_ORDER.index(self.tab) + step) % len(TAB_ORDER)])

    # ---- 日历 ---------------------------------------------------------------------------------

    @property
    def calendar(self) -> CalendarPane:
        return self.query_one(CalendarPane)

    def _working_year(self) -> int:
        period = self.session.working_period
        if period is not None:
            return period.start.year
        periods = self.session.queue.periods()
        return max(p.start.year for p in periods) if periods else date.today().year

    def _load_calendar(self, year: int | None) -> None:
        ledger = self.session.ledger
        if ledger is None:
            self.notify("台账尚未读入，请稍候", severity="warning")
            return
        self.calendar.load(self.session.workspace, ledger, year or self._working_year())

    def action_previous_year(self) -> None:
        self._step_year(-1)

    def action_next_year(self) -> None:
        self._step_year(1)

    def _step_year(self, step: int) -> None:
        if self.tab != "calendar":
            self.show_tab("calendar")  # from the palette: show the year first
            return
        self._load_calendar((self.calendar.year or self._working_year()) + step)

    # ---- 汇总 ---------------------------------------------------------------------------------

    @property
    def rollup(self) -> RollupPane:
        return self.query_one(RollupPane)

    def _working_month(self) -> tuple[int, int]:
        """The month the 汇总 starts from: the working period's first month, else the newest submitted."""
        period = self.session.working_period
        if period is None:
            months = [p for p in self.session.queue.periods() if p.kind == "month"]
            period = max(months, key=lambda p: p.start) if months else None
        day = period.start if period is not None else date.today()
        return day.year, day.month

    def _load_rollup(self) -> None:
        if self.session.ledger is None:
            self.notify("台账尚未读入，请稍候", severity="warning")
            return
        self._rollup_stale = False
        period = period_of(self._rollup_kind, *self._working_month())
        self.rollup.load(self.session.workspace, self.session.clock, period)

    def ledger_changed(self) -> None:
        """Submissions arrived or changed: the 汇总 on screen is read again (keeping its view,
        sort and cursor); one not on screen is read when its tab is shown next."""
        if self.rollup.result is None:
            return  # never shown: nothing to bring up to date
        if self.tab == "rollup":
            self._load_rollup()
        else:
            self._rollup_stale = True

    def _on_rollup_tab(self) -> bool:
        if self.tab != "rollup":
            self.show_tab("rollup")  # from the palette: show the figures first
            return False
        return True

    def action_rollup_view(self) -> None:
        if self._on_rollup_tab():
            self.rollup.set_view(VIEW_ORDER[(VIEW_ORDER.index(self.rollup.view) + 1) % len(VIEW_ORDER)])

    def action_rollup_period(self) -> None:
        if self._on_rollup_tab():
            self._rollup_kind = PERIOD_KINDS[(PERIOD_KINDS.index(self._rollup_kind) + 1) % len(PERIOD_KINDS)]
            self._load_rollup()

    def action_rollup_sort(self) -> None:
        if self._on_rollup_tab():
            self.rollup.sort_by_cursor()

    def action_rollup_export(self) -> None:
        if self._on_rollup_tab():
            self.rollup.export(self.session.workspace, self.session.clock)

    # ---- 发文 ---------------------------------------------------------------------------------

    @property
    def documents(self) -> DocumentsPane:
        return self.query_one(DocumentsPane)

    def _documents_period(self):
        """The period of the 发文 tab: the 汇总's (month, quarter or year of the working month)."""
        return period_of(self._rollup_kind, *self._working_month())

    def _load_documents(self) -> None:
        if self.session.ledger is None:
            self.notify("台账尚未读入，请稍候", severity="warning")
            return
        self.documents.load(self.session.workspace, self.session.clock, self._documents_period())

    def _on_documents_tab(self) -> bool:
        if self.tab != "documents":
            self.show_tab("documents")
            return False
        return True

    def action_generate_documents(self) -> None:
        if self.session.ledger is None:
            return
        if self.tab != "documents":
            self.show_tab("documents")
        self.documents.generate(self.session.workspace, self.session.clock, self._documents_period(),
                                self.session.reader)

    def action_issue_document(self) -> None:
        if not self._on_documents_tab():
            return
        row = self.documents.selected
        if row is None:
            self.notify("请先选中一份公文", severity="warning")
            return
        if row.issued:
            self.notify(f"{row.number} 已签发", severity="warning")
            return
        self.app.push_screen(
            ConfirmDialog("签发公文", f"{row.number}　{row.title}",
                          "签发后这份公文即定稿：记下文件的校验值，此后不再重新生成；如需更正须另行发文。", confirm="签发"),
            callback=lambda yes: self._issue_confirmed(row, yes))

    def _issue_confirmed(self, row, yes: bool | None) -> None:
        if yes and self.session.ledger is not None:
            self.documents.issue(self.session.workspace, self.session.clock, row)

    def action_open_document(self) -> None:
        if not self._on_documents_tab():
            return
        row = self.documents.selected
        if row is None or row.path is None:
            self.notify("请先选中一份公文", severity="warning")
            return
        self.post_message(DocumentFileWanted(row.path, "公文"))

    # ---- 组织 ---------------------------------------------------------------------------------

    @property
    def roster(self) -> RosterPane:
        return self.query_one(RosterPane)

    def _load_roster(self) -> None:
        if self.session.ledger is None:
            self.notify("台账尚未读入，请稍候", severity="warning")
            return
        self.roster.load(self.session.workspace, self.session.clock, self.session.today())

    def action_import_roster(self) -> None:
        if self.tab != "roster":
            self.show_tab("roster")
        self.app.push_screen(RosterImportDialog(self.session.today()), callback=self._roster_file_chosen)

    def _roster_file_chosen(self, chosen) -> None:
        if chosen is None or self.session.ledger is None:
            return
        path, effective = chosen
        self.roster.start_import(self.session.workspace, self.session.clock, path, effective, self.session.reader,
                                 self.session.today())

    def _selected(self) -> int | None:
        return self.query_one(QueueTable).selected_id

    def action_search(self) -> None:
        self.query_one("#filter-search", Input).focus()

    def action_clear_filters(self) -> None:
        self.query_one(FilterBar).clear()
        self.query_one("#period", Select).value = ALL_PERIODS
        self.query_one(QueueTable).focus()

    def action_details(self) -> None:
        self.post_message(DetailsWanted(self._selected()))

    def action_accept(self) -> None:
        self.post_message(DecisionWanted("accept", self._selected()))

    def action_reject(self) -> None:
        self.post_message(DecisionWanted("reject", self._selected()))

    def action_open_original(self) -> None:
        self.post_message(SubmissionFileWanted(self._selected(), "original"))

    def action_open_return(self) -> None:
        self.post_message(SubmissionFileWanted(self._selected(), "package"))

    @on(DataTable.RowSelected, "#queue")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        # Enter on the queue, or a click on the row already under the cursor.
        self.post_message(DetailsWanted(int(event.row_key.value) if event.row_key.value else None))
