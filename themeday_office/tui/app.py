"""ThemedayApp: the clerk's terminal app. It owns all state; workers read and write and post back.

On mount it opens the ledger and shows the queue, starts (or follows) the inbox watcher,
and looks at the ledger's newest events on a timer: a watcher in this process, another
process or a command line writes there, and each change redraws just its row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.reactive import reactive, var
from textual.screen import Screen
from textual.widgets import Select
from textual.worker import Worker, WorkerState, get_current_worker

from themeday_office.domain.period import Period
from themeday_office.ledger import Ledger, State, Submission
from themeday_office.office import Clock, decide, system_clock
from themeday_office.office.opening import open_ledger_when_reachable
from themeday_office.office.submission_files import submission_file
from themeday_office.tui.bindings import commands_of
from themeday_office.tui.dialogs.confirm import ConfirmDialog
from themeday_office.tui.dialogs.help import HelpDialog
from themeday_office.tui.dialogs.reason import ReasonDialog
from themeday_office.tui.dialogs.roster_import import RosterImportDialog
from themeday_office.tui.failures import describe_error, reports_failure
from themeday_office.tui.lazy_reader import LazyReader
from themeday_office.tui.ledger_feed import changes_since, load_queue
from themeday_office.tui.messages import (
    Decided,
    DecisionWanted,
    DetailsWanted,
    DocumentFileWanted,
    FileOpened,
    InboxIgnored,
    LedgerChanged,
    LedgerOpened,
    QueueCounted,
    QueueFilled,
    QueueUpdated,
    SubmissionFileWanted,
    SubmissionsChanged,
    WatcherReport,
    WorkFailed,
)
from themeday_office.tui.queue import QueueFilter
from themeday_office.tui.screens.details import DetailScreen
from themeday_office.tui.screens.main import MainScreen
from themeday_office.tui.session import Session
from themeday_office.tui.settings import TuiSettings, tui_settings
from themeday_office.tui.viewer import Viewer, open_in_system_viewer
from themeday_office.tui.watcher_link import LinkMode, LinkState, WatcherLink
from themeday_office.tui.watcher_status import STARTING, WatcherStatus
from themeday_office.tui.widgets.calendar_pane import CalendarPane
from themeday_office.tui.widgets.documents_pane import DocumentsPane
from themeday_office.tui.widgets.filter_bar import FilterBar
from themeday_office.tui.widgets.inbox_pane import InboxPane
from themeday_office.tui.widgets.rollup_pane import RollupPane
from themeday_office.tui.widgets.roster_pane import RosterPane
from themeday_office.watch import FileDone, IgnoredCountChanged, WatchEvent, count_ignored

if TYPE_CHECKING:
    from themeday_office.workspace import Workspace

IGNORED_EVERY_POLLS = 10  # without its own watcher the app counts the inbox's temp files now and then
# On exit the watcher and the parser may finish what they are doing for this long; then they are
# left behind (the ledger finishes an abandoned ingest on its next run), so Ctrl+Q ends the app in 2 s.
STOP_WATCHER_S = 1.0
STOP_READER_S = 0.3


class ThemedayApp(App[None]):
    TITLE = "themeday"
    CSS_PATH = "themeday.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "帮助", id="help", tooltip="显示本屏的按键，以及改键用的动作名"),
        # Shown at the footer's right edge by the Footer itself.
        Binding("ctrl+p", "command_palette", "命令", id="command-palette", priority=True, show=False,
                tooltip="按名称查找并执行命令"),
        Binding("ctrl+q", "quit", "退出", id="quit", priority=True, tooltip="退出终端界面（本界面的监视随之停止）"),
    ]

    # (text, level, tooltip) for the watcher badge in each screen's header
    watcher_status: reactive[tuple[str, str, str]] = reactive(STARTING)
    # What the clerk narrowed the queue to (the filter bar and the header's period): each change
    # fills the queue anew (watch_queue_filter).
    queue_filter: var[QueueFilter] = var(QueueFilter(), init=False)

    def __init__(
        self,
        workspace: Workspace,
        *,
        actor: str | None = None,
        settings: TuiSettings | None = None,
        run_watcher: bool | None = None,
        clock: Clock | None = None,
        viewer: Viewer | None = None,
        cursor_blink: bool = True,
    ) -> None:
        """`workspace` is an opened Workspace; `settings` overrides its [tui] section; `clock` stamps
        the clerk's decisions (tests fix it); `viewer` opens files (tests record instead)."""
        super().__init__()
        self.workspace = workspace
        self.settings = settings or tui_settings(workspace.settings)
        self.actor = actor
        self.run_watcher = self.settings.run_watcher if run_watcher is None else run_watcher
        self.clock = clock or system_clock
        self.viewer = viewer or open_in_system_viewer
        self.cursor_blink = cursor_blink
        # One parser for the session: return packages and imported files are read in it (from workers).
        self.session = Session(workspace, self.clock, LazyReader(workspace.settings.limits.to_read_limits()))
        self.reader = self.session.reader
        self.queue = self.session.queue
        self._opened: LedgerOpened | None = None
        self._inbox_is_ready = False
        self.last_event = 0
        self.ignored: int | None = None
        self._link: WatcherLink | None = None
        self.watcher = WatcherStatus(self._inbox_label(), LinkMode.STARTING if self.run_watcher else LinkMode.OFF)
        self._refreshing = False
        self._refresh_again = False
        self._refresh_problem = ""
        self._polls = 0
        self.main_screen = MainScreen(workspace.settings.district.organ, self.session)

    @property
    def ledger(self) -> Ledger | None:
        """The ledger the workers read, once it is open and the first queue is shown."""
        return self.session.ledger

    # ---- lifecycle ---------------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        return self.main_screen

    def on_mount(self) -> None:
        self._apply_keymap()
        self._open_ledger(self.workspace, self.clock)
        if self.run_watcher:
            self._link = WatcherLink(self.workspace, self._watcher_said, actor=self.actor)
            self._link.start()
        else:
            self.watcher_status = self.watcher.badge()
        self.set_interval(self.settings.refresh_seconds, self._poll)
        self.theme_changed_signal.subscribe(self, lambda _theme: self._refill())

    def on_unmount(self) -> None:
        if self._link is not None:
            self._link.stop(timeout=STOP_WATCHER_S)
        self.reader.close(timeout=STOP_READER_S)
        for ledger in (self.ledger, self._opened.ledger if self._opened else None):
            if ledger is not None:
                ledger.close()

    def _apply_keymap(self) -> None:
        keymap = self.settings.keymap
        known = known_binding_ids()
        unknown = sorted(set(keymap) - known)
        if unknown:
            self.notify(f"设置 [tui] keymap 中没有这些动作：{'、'.join(unknown)}。"
                        f"可用的动作：{'、'.join(sorted(known))}", title="改键设置有误", severity="warning", timeout=15)
        self.set_keymap({action: key for action, key in keymap.items() if action in known})

    # ---- the ledger and the queue ------------------------------------------------------------

    @work(thread=True, group="ledger", exit_on_error=False)
    @reports_failure("无法打开台账")
    def _open_ledger(self, workspace: Workspace, clock: Clock) -> None:
        worker = get_current_worker()  # a shared ledger's server away: the app waits for it
        ledger = open_ledger_when_reachable(workspace, clock, stopped=lambda: worker.is_cancelled,
                                            told=lambda why: self.post_message(WorkFailed("无法打开台账", why)))
        if ledger is None:
            return
        first = load_queue(ledger)
        self.post_message(LedgerOpened(ledger, first))

    @on(LedgerOpened)
    def _ledger_opened(self, event: LedgerOpened) -> None:
        self._opened = event
        self._show_first_queue()

    @on(InboxPane.Ready)
    def _inbox_ready(self) -> None:
        self._inbox_is_ready = True
        self._show_first_queue()

    def _show_first_queue(self) -> None:
        # The ledger is read while the screen is built; whichever finishes last shows the queue.
        if self._opened is None or not self._inbox_is_ready:
            return
        event, self._opened = self._opened, None
        self.last_event = event.first.last_event
        self.session.ledger = event.ledger
        self.main_screen.post_message(QueueFilled(self.queue.load(event.first.submissions)))
        self._queue_counts_changed()
        self.refresh_queue()  # anything that happened while the first page was drawn

    def _poll(self) -> None:
        self._polls += 1
        if self.link_mode is not LinkMode.WATCHING and self._polls % IGNORED_EVERY_POLLS == 1:
            self._count_ignored(self.workspace.inbox)
        self.refresh_queue()

    def refresh_queue(self) -> None:
        """Look for the ledger's changes now (at most one look at a time; a request meanwhile runs after)."""
        if self.ledger is None:
            return
        if self._refreshing:
            self._refresh_again = True
            return
        self._refreshing = True
        self._read_changes(self.ledger, self.last_event)

    @work(thread=True, group="refresh", exit_on_error=False)
    def _read_changes(self, ledger: Ledger, last_event: int) -> None:
        try:
            changes = changes_since(ledger, last_event)
        except Exception as exc:  # noqa: BLE001
            self.post_message(LedgerChanged(None, describe_error(exc)))
            return
        self.post_message(LedgerChanged(changes))

    @on(LedgerChanged)
    def _ledger_changed(self, event: LedgerChanged) -> None:
        self._refreshing = False
        if event.changes is None:
            if event.problem != self._refresh_problem:  # once, not twice a second
                self.notify(event.problem, title="读取台账出错", severity="error")
            self._refresh_problem = event.problem
        else:
            self._refresh_problem = ""
            self.last_event = event.changes.last_event
            if event.changes.submissions:
                self._apply(event.changes.submissions)
        if self._refresh_again:
            self._refresh_again = False
            self.refresh_queue()

    def _apply(self, subs: list[Submission]) -> None:
        self.main_screen.post_message(QueueUpdated(self.queue.apply(subs)))
        self._queue_counts_changed()
        self._submissions_changed({s.id for s in subs})

    def _submissions_changed(self, ids: set[int]) -> None:
        """Tell every open screen (a 详情 of one of them reads it again)."""
        for screen in self.screen_stack:
            screen.post_message(SubmissionsChanged(ids))

    def _queue_counts_changed(self) -> None:
        if self.ledger is None:
            return  # not shown yet: the first queue shows the counts (an early count must wait for it)
        self.main_screen.post_message(QueueCounted(self.queue.periods(), self.queue.filter.period, self.queue.shown,
                                                   len(self.queue), self.ignored, self.queue.filter.active))

    def _refill(self) -> None:
        if self.ledger is not None:
            self.main_screen.post_message(QueueFilled(self.queue.visible()))

    @property
    def working_period(self) -> Period | None:
        """The period being worked on (the header's picker); None for all periods."""
        return self.session.working_period

    @on(FilterBar.Changed)
    def _filters_changed(self, event: FilterBar.Changed) -> None:
        self.queue_filter = replace(self.queue_filter, state=event.state, kind=event.kind, unit=event.unit,
                                    search=event.search)

    @on(Select.Changed, "#period")
    def _period_chosen(self, event: Select.Changed) -> None:
        self.queue_filter = replace(self.queue_filter, period=event.value if isinstance(event.value, str) else "")

    def watch_queue_filter(self, queue_filter: QueueFilter) -> None:
        self.main_screen.post_message(QueueFilled(self.queue.set_filter(queue_filter)))
        self._queue_counts_changed()

    @work(thread=True, group="inbox", exit_on_error=False)
    def _count_ignored(self, inbox: Path) -> None:
        try:
            count = count_ignored(inbox) if inbox.is_dir() else 0
        except OSError:
            return  # an unreachable share: the watcher (ours or theirs) reports the outage
        self.post_message(InboxIgnored(count))

    @on(InboxIgnored)
    def _ignored(self, event: InboxIgnored) -> None:
        if event.count != self.ignored:
            self.ignored = event.count
            self._queue_counts_changed()

    # ---- the watcher -------------------------------------------------------------------------

    def _watcher_said(self, item: LinkState | WatchEvent) -> None:
        self.post_message(WatcherReport(item))  # from the link's thread to the UI thread

    @on(WatcherReport)
    def _watcher_report(self, event: WatcherReport) -> None:
        item = event.item
        if isinstance(item, FileDone):
            self.refresh_queue()
        elif isinstance(item, IgnoredCountChanged):
            self.post_message(InboxIgnored(item.count))
        badge, notice = self.watcher.apply(item)
        if badge is not None:
            self.watcher_status = badge
        if notice is not None:
            self.notify(notice.text, title=notice.title, severity=notice.severity,
                        timeout=15 if notice.severity == "error" else 5)

    @property
    def link_mode(self) -> LinkMode:
        """Whether this app watches the inbox, follows another watcher, or neither."""
        return self.watcher.mode

    def _inbox_label(self) -> str:
        inbox = self.workspace.inbox
        try:
            return inbox.relative_to(self.workspace.root).as_posix() + "/"
        except ValueError:
            return inbox.name + "/"

    # ---- decisions and files -----------------------------------------------------------------

    @on(DetailsWanted)
    def show_details(self, event: DetailsWanted) -> None:
        if event.submission_id is None:
            self.notify("请先在收件箱中选中一个文件", severity="warning")
            return
        self.push_screen(DetailScreen(event.submission_id, self.workspace.settings.district.organ, self.session))

    @on(DecisionWanted)
    def ask_decision(self, event: DecisionWanted) -> None:
        """Ask for the reason of an accept or a reject of the submission, then decide in a worker."""
        action, submission_id = event.action, event.submission_id
        sub = self.queue.get(submission_id) if submission_id is not None else None
        if sub is None or self.ledger is None:
            self.notify("请先在收件箱中选中一个文件", severity="warning")
            return
        refusal = decide.refusal(action, sub)
        if refusal:
            self.notify(refusal, severity="warning")
            return
        subject = f"编号 {sub.id}　{sub.original_name}"
        if action == "accept":
            required = sub.state in decide.NEEDS_REASON_TO_ACCEPT
            dialog = ReasonDialog(
                "通过", subject,
                "这个文件有错误或已被退回，通过时必须写明理由。" if required else "理由可不填；填写的理由记入台账。",
                required=required, confirm="通过",
            )
        else:
            dialog = ReasonDialog(
                "退回", subject,
                "退回时必须写明理由。将在发件箱的“退回”文件夹中生成退回包（标出错误的原表和错误清单），请发给报送单位。",
                required=True, confirm="退回",
            )
        # Decided on the state shown: another desk's decision in between is refused, not overridden.
        self.push_screen(dialog, callback=partial(self._reason_given, action, sub.id, sub.state))

    def _reason_given(self, action: str, submission_id: int, seen: State, reason: str | None) -> None:
        if reason is not None and self.ledger is not None:
            (self._accept if action == "accept" else self._reject)(submission_id, reason, seen)

    @work(thread=True, group="decide", exit_on_error=False)
    @reports_failure("未能通过")  # the ledger refused or failed: nothing was decided
    def _accept(self, submission_id: int, reason: str, seen: State) -> None:
        self.post_message(Decided(decide.accept(self.workspace, self.clock, submission_id, actor=self.actor,
                                                reason=reason, seen=seen)))

    @work(thread=True, group="decide", exit_on_error=False)
    @reports_failure("未能退回")
    def _reject(self, submission_id: int, reason: str, seen: State) -> None:
        self.post_message(Decided(decide.reject(self.workspace, self.clock, submission_id, actor=self.actor,
                                                reason=reason, reader=self.reader.as_isolated(), seen=seen)))

    @on(Decided)
    def _decided(self, event: Decided) -> None:
        d = event.decision
        lines = [*d.sentences, *(f"提示：{w}" for w in d.warnings)]
        self.notify("\n".join(lines), title="通过" if d.action == "accept" else "退回",
                    severity="warning" if d.warnings else "information", timeout=15 if d.action == "reject" else 5)
        # The ledger's change may have been read (and the details shown) before the return package
        # was written: what the decision wrote besides the ledger is shown now.
        self._submissions_changed({d.submission.id})
        self.refresh_queue()

    @on(SubmissionFileWanted)
    def open_submission_file(self, event: SubmissionFileWanted) -> None:
        """Open a submission's "original" (a copy of it) or its return "package" in the system's viewer."""
        if event.submission_id is None or self.ledger is None:
            self.notify("请先在收件箱中选中一个文件", severity="warning")
            return
        self._open_file(event.submission_id, event.which)

    @on(DocumentFileWanted)
    def _document_wanted(self, event: DocumentFileWanted) -> None:
        self.open_path(event.path, event.what)

    @work(thread=True, group="open", exit_on_error=False)
    @reports_failure("无法打开文件")
    def _open_file(self, submission_id: int, which: str) -> None:
        found = submission_file(self.workspace, self.clock, submission_id, which)
        if found.path is None:
            self.post_message(WorkFailed(f"没有{found.what}", found.problem, severity="warning"))
            return
        self._view(found.path, found.what)

    @work(thread=True, group="open", exit_on_error=False)
    @reports_failure("无法打开文件")
    def open_path(self, path: Path, what: str) -> None:
        """Hand a file of the outbox (a document) to the system's viewer, in a worker."""
        if not path.is_file():
            self.post_message(WorkFailed(f"没有{what}", f"文件不在：{path}", severity="warning"))
            return
        self._view(path, what)

    def _view(self, path: Path, what: str) -> None:
        """Hand `path` to the system's viewer (from a worker) and say how it went."""
        self.post_message(FileOpened(path, self.viewer(path), what))

    @on(FileOpened)
    def _file_opened(self, event: FileOpened) -> None:
        if event.opened:
            self.notify(f"已用本机程序打开{event.what}：{event.path}", title=event.what)
        else:
            self.notify(f"本机没有可用的查看程序。{event.what}在：{event.path}", title=event.what,
                        severity="warning", timeout=20)

    @on(WorkFailed)
    def _work_failed(self, event: WorkFailed) -> None:
        self.notify(event.text, title=event.title, severity=event.severity, timeout=15)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        # Workers catch what they expect; anything else still ends as a notice, not a crash.
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self.notify(describe_error(event.worker.error), title="后台任务出错", severity="error", timeout=15)

    def today(self) -> date:
        """Today by the app's clock (tests fix it): what a roster version in force is judged by."""
        return self.session.today()

    # ---- help and the command palette --------------------------------------------------------

    def get_key_display(self, binding: Binding) -> str:
        # F5 and ^Q, as the keys are printed on the keyboard and in the clerk's manual.
        if binding.key in ("escape", "enter", "tab"):
            return {"escape": "Esc"}.get(binding.key, binding.key.capitalize())  # Textual would show ⏎
        shown = super().get_key_display(binding)
        if re.fullmatch(r"f[0-9]{1,2}", shown) or re.fullmatch(r"\^[a-z]", shown):
            return shown.upper()
        if len(shown) == 1 and shown.isalpha():
            return shown.upper()  # V, as printed on the key
        return shown

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpDialog):
            self.push_screen(HelpDialog(self.screen))

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):  # App is invariant
            self.push_screen(CommandPalette(placeholder="输入命令名称查找，如“退回”", id="--command-palette"))

    async def run_command(self, action: str, node: DOMNode) -> None:
        """Run a palette command: a tab's command first shows its tab (its keys act only there)."""
        screen = node if isinstance(node, Screen) else node.screen
        if isinstance(screen, MainScreen):
            node = screen.command_target(action, node)
        await self.run_action(action, node)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette lists the commands of the screen it was opened on, then the app's own."""
        for binding, node in commands_of(screen):
            if binding.action != "command_palette":
                yield SystemCommand(binding.description, binding.tooltip or binding.description,
                                    partial(self.run_command, binding.action, node))
        yield SystemCommand("切换配色", "选择界面的配色方案", self.action_change_theme)


def known_binding_ids() -> set[str]:
    """Every binding id the keymap may rebind."""
    ids: set[str] = set()
    for owner in (ThemedayApp, MainScreen, InboxPane, RollupPane, DocumentsPane, CalendarPane, RosterPane, DetailScreen,
                  ReasonDialog, HelpDialog, RosterImportDialog, ConfirmDialog):
        ids.update(b.id for b in owner.BINDINGS if isinstance(b, Binding) and b.id)
    return ids
