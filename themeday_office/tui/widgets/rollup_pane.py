"""汇总: a month's, quarter's or year's figures by committee, branch type or group; sortable; rates
below the mark shown in the error colour; bars of 开展率 and 参与率; Enter on a figure lists the
submissions it was made from; export to xlsx.

The table comes first: it keeps at least MIN_TABLE_ROWS rows in sight, and the charts show
below it (scrolling) only where the whole table and a useful part of them both fit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.reactive import var
from textual.widgets import DataTable, Static

from themeday_office.domain.period import Period
from themeday_office.ledger import Submission
from themeday_office.office import Clock
from themeday_office.office.rollup import RollupExport, RollupView, export_rollup, figure_text, rollup_view
from themeday_office.tui.failures import WorkProblem, reports_failure
from themeday_office.tui.rollup_view import VIEW_HEADING, VIEW_ORDER, bar_chart, figures_of, sort_value
from themeday_office.tui.shortening import ShortText, shorten
from themeday_office.tui.widgets.colours import severity_style

if TYPE_CHECKING:
    from themeday_office.rollup import Column, Rollup

MIN_TABLE_ROWS = 8  # figures always in sight; themeday.tcss gives the table this many and its header
MIN_CHART_LINES = 8  # fewer lines of bars than this are not worth the room: the charts are hidden
TRACE_HINT = "在数字上按 Enter 查看它来自哪些报送文件。"
TRACE_SHOWN = 5  # submissions listed under a traced figure: with its heading and 另有, 7 lines


class RollupPane(Static):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("v", "rollup_view", "分组", id="rollup-view", tooltip="汇总：按党(工)委、支部类型、协作组轮换"),
        Binding("p", "rollup_period", "月/季/年", id="rollup-period", tooltip="汇总：按月、季度、年度轮换"),
        Binding("s", "rollup_sort", "排序", id="rollup-sort", tooltip="汇总：按光标所在列排序（再按一次反向）"),
        Binding("x", "rollup_export", "导出", id="rollup-export", tooltip="汇总：写出本期的 Excel 汇总表到发件箱"),
    ]

    @dataclass
    class PeriodStepped(Message):
        """The clerk asked for the next kind of period (month, quarter, year): the screen owns it,
        the 发文 tab shares it."""

    @dataclass
    class Loaded(Message):
        result: RollupView

    @dataclass
    class Exported(Message):
        export: RollupExport

    # What the table shows of the figures read: each change draws the table again (watch_…).
    view: var[str] = var("committee", init=False)  # the grouping: a key of VIEW_HEADING
    sorted_by: var[tuple[str, bool] | None] = var(None, init=False)  # (column key, descending)

    def __init__(self, find: Callable[[int], Submission | None] = lambda _id: None, **kwargs) -> None:
        """`find` looks a traced figure's submission up by its ledger id (for its unit and file name)."""
        super().__init__(**kwargs)
        self.find = find
        self._source: tuple[object, Clock] | None = None  # the workspace and clock the figures were read with
        self.result: RollupView | None = None
        self.traced: tuple[str, str, frozenset[int]] | None = None  # (row, column, ledger ids)
        self.exported: Path | None = None

    def compose(self) -> ComposeResult:
        yield Static("正在汇总", id="rollup-title")
        # The names stay in view while the figures scroll sideways (the table is wider than 80 columns).
        yield DataTable(id="rollup-table", cursor_type="cell", zebra_stripes=True, fixed_columns=1)
        yield Static("", id="rollup-trace")
        with VerticalScroll(id="rollup-charts"), Horizontal(id="rollup-chart-row"):
            yield Static("", id="rollup-held-chart")
            yield Static("", id="rollup-attendance-chart")

    # ---- the layout --------------------------------------------------------------------------

    def on_resize(self) -> None:
        self._arrange()

    def _arrange(self) -> None:
        """Show the charts (class -charts) where the whole table and MIN_CHART_LINES of them fit."""
        table = self.query_one("#rollup-table", DataTable)
        trace = self.query_one("#rollup-trace", Static)
        fixed = 2 + 1 + trace.outer_size.height + 1  # title and its margin, trace and margins
        table_rows = 1 + max(table.row_count, MIN_TABLE_ROWS) + 1  # header, rows, a scroll bar
        fits = self.size.height - fixed - table_rows >= MIN_CHART_LINES
        if fits != self.has_class("-charts"):
            self.set_class(fits, "-charts")
            if self.traced is None:
                trace.update(self._hint())

    def _hint(self) -> str:
        return TRACE_HINT if self.has_class("-charts") or self.result is None else TRACE_HINT + "窗口加高后显示柱状图。"

    # ---- reading -----------------------------------------------------------------------------

    def load(self, workspace, clock: Clock, period: Period) -> None:
        self._source = (workspace, clock)
        if period != self.period:  # reading the figures shown again keeps them up meanwhile
            self.query_one("#rollup-title", Static).update(f"正在汇总{period.zh}")
        self._read(workspace, clock, period)

    @work(thread=True, group="rollup", exclusive=True, exit_on_error=False)
    @reports_failure("无法汇总")
    def _read(self, workspace, clock: Clock, period: Period) -> None:
        result = rollup_view(workspace, clock, period)
        if result.rollup is None:  # no ledger at all
            raise WorkProblem("".join(result.sentences))
        self.post_message(self.Loaded(result))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        event.stop()
        again = self.period is not None and figures_of(event.result).period == self.period
        self.result = event.result
        table = self.query_one("#rollup-table", DataTable)
        cursor = table.cursor_coordinate
        if not again:
            self.set_reactive(RollupPane.sorted_by, None)  # drawn just below
        # A figure's sources may have changed with the ledger: they are looked up again on Enter.
        self.traced = None
        self.query_one("#rollup-trace", Static).update(self._hint())
        self._fill(event.result)
        if again:
            table.move_cursor(row=cursor.row, column=cursor.column)  # the same rows and columns, re-read
        self._charts(event.result)

    @property
    def period(self) -> Period | None:
        return figures_of(self.result).period if self.result is not None else None

    def watch_view(self) -> None:
        self.set_reactive(RollupPane.sorted_by, None)  # another grouping starts unsorted
        if self.result is not None:
            self._fill(self.result)

    def watch_sorted_by(self) -> None:
        if self.result is not None:
            self._fill(self.result)

    def _columns(self, r: Rollup) -> tuple[Column, ...]:
        from themeday_office.rollup.figures import shown_columns

        return shown_columns(r.period.kind, self.view)

    def _fill(self, result: RollupView) -> None:
        from themeday_office.rollup import DISTRICT

        r = figures_of(result)
        low = severity_style(self.app, "错误")
        self.query_one("#rollup-title", Static).update(Text.assemble(
            (f"{r.period.zh}主题党日汇总（按{VIEW_HEADING[self.view]}）", "bold"),
            f"　比率低于 {result.low_rate:.0%} 的标为红色"))
        table = self.query_one("#rollup-table", DataTable)
        table.clear(columns=True)
        columns = self._columns(r)
        table.add_column(VIEW_HEADING[self.view], key="name", width=20)
        for c in columns:
            table.add_column(c.zh, key=c.key, width=max(6, len(c.zh) * 2))
        rows = list(r.views[self.view].items())
        if self.sorted_by is not None:
            key, descending = self.sorted_by
            rows.sort(key=lambda item: sort_value(item[1].get(key)), reverse=descending)
        for name, tally in [*rows, (DISTRICT, r.district)]:
            cells: list[Text] = [ShortText(name, style="bold" if name == DISTRICT else "")]
            for c in columns:
                f = tally.get(c.key)
                shown = Text(figure_text(f, c), justify="right")
                if f is not None and c.rate and f.rate is not None and f.rate < result.low_rate:
                    shown.stylize(low)
                cells.append(shown)
            table.add_row(*cells, key=name)
        self.call_after_refresh(self._arrange)

    def _charts(self, result: RollupView) -> None:
        r = figures_of(result)
        low = severity_style(self.app, "错误")
        rows = list(r.views["committee"].items())
        for column, title, widget in (("held_rate", "开展率", "#rollup-held-chart"),
                                      ("attendance_rate", "参与率", "#rollup-attendance-chart")):
            data = [(name, f.rate if (f := tally.get(column)) is not None else None) for name, tally in rows]
            self.query_one(widget, Static).update(
                bar_chart(f"各党(工)委{title}（{r.period.zh}）", data, result.low_rate, low))

    # ---- sorting and tracing -----------------------------------------------------------------

    def sort_by_cursor(self) -> None:
        """Sort by the column under the cursor; again, the other way round. 全区 stays last."""
        table = self.query_one("#rollup-table", DataTable)
        if self.result is None or table.cursor_column == 0:
            return
        key = str(table.ordered_columns[table.cursor_column].key.value)
        descending = not (self.sorted_by is not None and self.sorted_by[0] == key and self.sorted_by[1])
        column = table.cursor_column
        self.sorted_by = (key, descending)
        table.move_cursor(row=0, column=column)

    @on(DataTable.HeaderSelected, "#rollup-table")
    def _header_chosen(self, event: DataTable.HeaderSelected) -> None:
        self.query_one("#rollup-table", DataTable).move_cursor(column=event.column_index)
        self.sort_by_cursor()

    @on(DataTable.CellSelected, "#rollup-table")
    def _cell_chosen(self, event: DataTable.CellSelected) -> None:
        event.stop()
        from themeday_office.rollup import DISTRICT

        if self.result is None:
            return
        row, column = str(event.cell_key.row_key.value), str(event.cell_key.column_key.value)
        if column == "name":
            return
        view = "district" if row == DISTRICT else self.view
        ids = figures_of(self.result).trace(view, row, column)
        self.traced = (row, column, ids)
        heading = self.query_one("#rollup-table", DataTable).ordered_columns[event.coordinate.column].label.plain
        text = Text(f"{row}“{heading}”来自 {len(ids)} 份报送：", style="bold")
        if not ids:
            text.append("（没有报送文件，如未报送或不适用）")
        width = self.content_size.width
        for i in sorted(ids)[:TRACE_SHOWN]:
            sub = self.find(i)
            line = f"编号 {i}　" + (f"{sub.unit}　{sub.original_name}" if sub is not None else "")
            text.append("\n" + shorten(line, width, middle=True))
        if len(ids) > TRACE_SHOWN:
            text.append(f"\n另有 {len(ids) - TRACE_SHOWN} 份")
        self.query_one("#rollup-trace", Static).update(text)
        self.call_after_refresh(self._arrange)

    # ---- the keys ----------------------------------------------------------------------------

    def action_rollup_view(self) -> None:
        self.view = VIEW_ORDER[(VIEW_ORDER.index(self.view) + 1) % len(VIEW_ORDER)]

    def action_rollup_period(self) -> None:
        self.post_message(self.PeriodStepped())

    def action_rollup_sort(self) -> None:
        self.sort_by_cursor()

    def action_rollup_export(self) -> None:
        if self._source is not None:
            self.export(*self._source)

    # ---- export ------------------------------------------------------------------------------

    def export(self, workspace, clock: Clock) -> None:
        if self.result is None:
            return
        self._export(workspace, clock, self.result)

    @work(thread=True, group="rollup-export", exclusive=True, exit_on_error=False)
    @reports_failure("未能导出汇总表")
    def _export(self, workspace, clock: Clock, result: RollupView) -> None:
        export = export_rollup(workspace, clock, result)
        if export.problem:
            raise WorkProblem(export.problem)
        self.post_message(self.Exported(export))

    @on(Exported)
    def _exported(self, event: Exported) -> None:
        event.stop()
        self.exported = event.export.path
        self.app.notify("".join(event.export.sentences), title="导出汇总表")
