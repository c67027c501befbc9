"""The top line: the organ, a shared ledger's mark, the period being worked on (a picker), the watcher's state."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, Select

from themeday_office.domain.period import Period
from themeday_office.ledger.postgres import safe_url
from themeday_office.tui.widgets.watcher_badge import WatcherBadge

ALL_PERIODS = ""  # the picker's value for 全部期间


class AppHeader(Horizontal):
    def __init__(self, organ: str, *, shared: str = "", **kwargs: Any) -> None:
        """`shared`: the URL of a ledger several desks share (empty: this desk's own SQLite ledger)."""
        super().__init__(**kwargs)
        self.organ = organ
        self.shared = shared
        self._periods: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        yield Label(f"themeday | {self.organ} |", id="organ")
        if self.shared:
            # Other desks' decisions and files show up here too (the ledger is read every refresh).
            mark = Label("共享台账", id="shared-ledger")
            mark.tooltip = f"多人共用的台账（PostgreSQL）：{safe_url(self.shared)}；其他工位的收文和审核随时显示"
            yield mark
        yield Select([("全部期间", ALL_PERIODS)], value=ALL_PERIODS, allow_blank=False, compact=True,
                     id="period", tooltip="正在办理的期间：收件箱只显示这一期间的文件")
        yield WatcherBadge(id="watcher")

    def set_periods(self, periods: list[Period], current: str) -> None:
        """Offer `periods` (newest first), keeping `current` chosen when it is still offered."""
        values = tuple(str(p) for p in periods)
        if values == self._periods:
            return
        self._periods = values
        picker = self.query_one("#period", Select)
        with picker.prevent(Select.Changed):
            picker.set_options([("全部期间", ALL_PERIODS), *((p.zh, str(p)) for p in periods)])
            picker.value = current if current in values else ALL_PERIODS
