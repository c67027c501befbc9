"""The top line: the organ, the period being worked on (a picker), the watcher's state."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, Select

from themeday_office.domain.period import Period
from themeday_office.tui.widgets.watcher_badge import WatcherBadge

ALL_PERIODS = ""  # the picker's value for 全部期间


class AppHeader(Horizontal):
    def __init__(self, organ: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.organ = organ
        self._periods: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        yield Label(f"themeday | {self.organ} |", id="organ")
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
