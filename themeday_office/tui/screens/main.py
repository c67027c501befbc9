"""The main screen: the header, the tabs (收件箱, 汇总, 发文, 日历, 组织), the keys to go between them.

Each tab's keys are its pane's bindings, shown and active while the focus is in the pane (the
focus chain gates them): the command palette offers them all, and running one from another tab
shows its tab first. What a pane cannot do alone (the period it shares with another tab, a
dialog that needs the session) it asks the screen for with a message.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.dom import DOMNode
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Input, Select, TabbedContent, TabPane, TextArea

from themeday_office.tui.bindings import TAB_BINDINGS, TAB_ORDER
from themeday_office.tui.dialogs.roster_import import RosterImportDialog
from themeday_office.tui.messages import QueueCounted, QueueFilled, QueueUpdated
from themeday_office.tui.rollup_view import PERIOD_KINDS, period_of
from themeday_office.tui.session import Session
from themeday_office.tui.widgets.app_header import ALL_PERIODS, AppHeader
from themeday_office.tui.widgets.calendar_pane import CalendarPane
from themeday_office.tui.widgets.documents_pane import DocumentsPane
from themeday_office.tui.widgets.inbox_pane import InboxPane
from themeday_office.tui.widgets.queue_table import QueueTable
from themeday_office.tui.widgets.rollup_pane import RollupPane
from themeday_office.tui.widgets.roster_pane import RosterPane


class MainScreen(Screen):
    # Narrow terminals (80 columns) stack the side-by-side panes; see themeday.tcss.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    BINDINGS: ClassVar[list[BindingType]] = [*TAB_BINDINGS]

    # The 汇总's and the 发文's kind of period: month, quarter or year (of the working month).
    rollup_kind: var[str] = var("month", init=False)

    def __init__(self, organ: str, session: Session) -> None:
        super().__init__()
        self.organ = organ
        self.session = session
        self._rollup_stale = False  # the ledger changed since the 汇总 shown was read

    def compose(self) -> ComposeResult:
        yield AppHeader(self.organ, shared=self.session.workspace.settings.ledger.url, id="header")
        with TabbedContent(id="tabs", initial="inbox"):
            with TabPane("收件箱", id="inbox"):
                yield InboxPane(classes="tab-keys", id="inbox-pane")
            with TabPane("汇总", id="rollup"):
                yield RollupPane(self.session.queue.get, classes="tab-keys", id="rollup-pane")
            with TabPane("发文", id="documents"):
                yield DocumentsPane(classes="tab-keys", id="documents-pane")
            with TabPane("日历", id="calendar"):
                yield CalendarPane(classes="tab-keys", id="calendar-pane")
            with TabPane("组织", id="roster"):
                yield RosterPane(classes="tab-keys", id="roster-pane")
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
        return True

    def _typing(self) -> bool:
        """Whether the focus is where typed characters go: a text field, or an open list (which
        jumps to the option typed)."""
        focused = self.focused
        if focused is None:
            return False
        return isinstance(focused, (Input, TextArea)) or any(isinstance(n, Select) and n.expanded
                                                             for n in focused.ancestors_with_self)

    def command_target(self, action: str, node: DOMNode) -> DOMNode:
        """Where a palette command `action` of `node` runs: the pane whose key it is, its tab shown
        first (the pane's keys act only there), or `node` itself."""
        if node is self:
            node = next((pane for pane in self.query(".tab-keys")
                         if any(isinstance(b, Binding) and b.action == action for b in type(pane).BINDINGS)), self)
        tab = next((a.id for a in node.ancestors if isinstance(a, TabPane)), None)
        if tab is not None and tab != self.tab:
            self.show_tab(tab)
        return node

    def show_tab(self, tab: str) -> None:
        self.query_one("#tabs", TabbedContent).active = tab

    @on(TabbedContent.TabActivated, "#tabs")
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()
        tab = event.pane.id
        if tab == "inbox":
            self.query_one(QueueTable).focus()
        elif tab == "rollup":
            if self._rollup_stale or self.rollup.period != period_of(self.rollup_kind, *self._working_month()):
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

    @on(CalendarPane.YearStepped)
    def _step_year(self, event: CalendarPane.YearStepped) -> None:
        self._load_calendar((self.calendar.year or self._working_year()) + event.step)

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
        period = period_of(self.rollup_kind, *self._working_month())
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

    @on(RollupPane.PeriodStepped)
    def _rollup_period_stepped(self) -> None:
        self.rollup_kind = PERIOD_KINDS[(PERIOD_KINDS.index(self.rollup_kind) + 1) % len(PERIOD_KINDS)]

    def watch_rollup_kind(self) -> None:
        self._load_rollup()

    # ---- 发文 ---------------------------------------------------------------------------------

    @property
    def documents(self) -> DocumentsPane:
        return self.query_one(DocumentsPane)

    def _documents_period(self):
        """The period of the 发文 tab: the 汇总's (month, quarter or year of the working month)."""
        return period_of(self.rollup_kind, *self._working_month())

    def _load_documents(self) -> None:
        if self.session.ledger is None:
            self.notify("台账尚未读入，请稍候", severity="warning")
            return
        self.documents.load(self.session.workspace, self.session.clock, self._documents_period())

    @on(DocumentsPane.GenerateWanted)
    def _generate_documents(self) -> None:
        if self.session.ledger is not None:
            self.documents.generate(self.session.workspace, self.session.clock, self._documents_period(),
                                    self.session.reader)

    @on(DocumentsPane.PracticesWanted)
    def _choose_practices(self) -> None:
        if self.session.ledger is not None:
            self.documents.choose_practices(self.session.workspace, self.session.clock, self._documents_period(),
                                            self.session.reader)

    # ---- 组织 ---------------------------------------------------------------------------------

    @property
    def roster(self) -> RosterPane:
        return self.query_one(RosterPane)

    def _load_roster(self) -> None:
        if self.session.ledger is None:
            self.notify("台账尚未读入，请稍候", severity="warning")
            return
        self.roster.load(self.session.workspace, self.session.clock, self.session.today())

    @on(RosterPane.ImportWanted)
    def _import_roster(self) -> None:
        self.app.push_screen(RosterImportDialog(self.session.today()), callback=self._roster_file_chosen)

    def _roster_file_chosen(self, chosen) -> None:
        if chosen is None or self.session.ledger is None:
            return
        path, effective = chosen
        self.roster.start_import(self.session.workspace, self.session.clock, path, effective, self.session.reader,
                                 self.session.today())

    # ---- 收件箱 -------------------------------------------------------------------------------

    @on(InboxPane.FiltersCleared)
    def _filters_cleared(self) -> None:
        self.query_one("#period", Select).value = ALL_PERIODS
