"""日历: the year's district dates with holiday warnings, each month's themes and filed adjustments,
and the committees that have not filed the year's plan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Static

from themeday_office.ledger import Ledger
from themeday_office.tui.calendar_data import (
    CalendarMonth,
    CalendarYear,
    load_calendar_year,
)
from themeday_office.tui.failures import reports_failure
from themeday_office.tui.widgets.colours import severity_style


class CalendarPane(Static):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket", "previous_year", "上一年", id="calendar-previous-year",
                tooltip="日历：看上一年的全区主题党日"),
        Binding("right_square_bracket", "next_year", "下一年", id="calendar-next-year",
                tooltip="日历：看下一年的全区主题党日"),
    ]

    @dataclass
    class YearStepped(Message):
        """Show the year `step` years from the one shown (the screen knows the working year)."""

        step: int

    @dataclass
    class Loaded(Message):
        calendar: CalendarYear

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.calendar: CalendarYear | None = None
        self.year: int | None = None

    def compose(self) -> ComposeResult:
        yield Static("正在读取日历", id="calendar-title")
        with Horizontal(id="calendar-body"):
            yield DataTable(id="calendar-months", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="calendar-month-box"):
                yield Static("", id="calendar-month")
        yield Static("", id="calendar-plans")

    def on_mount(self) -> None:
        table = self.query_one("#calendar-months", DataTable)
        # Fixed widths: a table filled again must not change its layout (nor a snapshot).
        for label, key, width in (("月份", "month", 4), ("全区主题党日", "day", 12), ("星期", "weekday", 6),
                                  ("主题", "themes", 6), ("调整备案", "adjustments", 8), ("节假日", "warning", 14)):
            table.add_column(label, key=key, width=width)

    def action_previous_year(self) -> None:
        self.post_message(self.YearStepped(-1))

    def action_next_year(self) -> None:
        self.post_message(self.YearStepped(1))

    def load(self, workspace, ledger: Ledger, year: int) -> None:
        """Read `year` in a worker; the pane redraws when it is read."""
        self.year = year
        self._read(workspace, ledger, year)

    @work(thread=True, group="calendar", exclusive=True, exit_on_error=False)
    @reports_failure("无法读取日历")
    def _read(self, workspace, ledger: Ledger, year: int) -> None:
        calendar = load_calendar_year(workspace, ledger, year)
        self.post_message(self.Loaded(calendar))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        event.stop()
        self.calendar = cal = event.calendar
        title = f"{cal.year}年全区主题党日"
        if not cal.themes_known:
            title += f"　（未导入{cal.year}年的指导性主题）"
        self.query_one("#calendar-title", Static).update(Text(title, style="bold"))
        table = self.query_one("#calendar-months", DataTable)
        row = table.cursor_row
        table.clear()
        for m in cal.months:
            warning = Text("")
            if m.warning:
                warning = Text("节假日数据缺失" if m.data_missing else "法定节假日",
                               style=severity_style(self.app, "提示" if m.data_missing else "错误"))
            table.add_row(
                f"{m.month}月",
                f"{m.day.month}月{m.day.day}日",
                m.weekday,
                f"{len(m.themes)} 条" if m.themes else "",
                f"{len(m.adjustments)} 个" if m.adjustments else "",
                warning,
                key=str(m.month),
            )
        table.move_cursor(row=min(max(row, 0), len(cal.months) - 1))
        self._show_month(cal.months[table.cursor_row])
        self._show_plans(cal)

    def _show_plans(self, cal: CalendarYear) -> None:
        text = Text()
        if cal.notes:
            text.append("　".join(cal.notes))
        elif cal.without_plan:
            text.append(
                f"未报{cal.year}年度计划的党(工)委 {len(cal.without_plan)} 个（已收计划 {cal.plans} 份）：",
                style="bold",
            )
            text.append("\n" + "、".join(cal.without_plan))
        else:
            text.append(f"{cal.year}年度计划已全部报送（{cal.plans} 份）。")
        self.query_one("#calendar-plans", Static).update(text)

    @on(DataTable.RowHighlighted, "#calendar-months")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.calendar is not None and event.row_key.value:
            self._show_month(self.calendar.months[int(event.row_key.value) - 1])

    def _show_month(self, m: CalendarMonth) -> None:
        text = Text()
        text.append(f"{m.month}月　全区主题党日 {m.day.year}年{m.day.month}月{m.day.day}日 {m.weekday}\n", style="bold")
        if m.warning:
            text.append(f"提示：{m.warning}\n", style=severity_style(self.app, "提示" if m.data_missing else "错误"))
        text.append("\n指导性主题\n", style="bold")
        if m.themes:
            for i, item in enumerate(m.themes, 1):
                text.append(f"{i}. {item}\n")
        else:
            text.append("（未导入本月主题）\n")
        text.append("\n已备案的日期调整\n", style="bold")
        if m.adjustments:
            for a in m.adjustments:
                who = "全部党支部" if a.branches is None else "、".join(a.branches)
                text.append(f"{a.committee}　改在 {a.new_date.month}月{a.new_date.day}日　{who}\n")
        else:
            text.append("（无）\n")
        self.query_one("#calendar-month", Static).update(text)
