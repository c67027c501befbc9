"""The queue's filters: state, form, unit, and a search over number, file name and unit.

The period filter is the header's period picker: the period being worked on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Select

from themeday_office.tui.queue import KIND_CHOICES, STATE_CHOICES

SEARCH_DELAY_S = 0.25  # typing a name filters once the clerk pauses, not on every key


class FilterBar(Horizontal):
    # Esc (or Enter in a field) gives the keys back to the list: the page digits, F5, F6 and Enter
    # for details work again, instead of being typed into the field.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "回到列表", id="leave-filters", show=False,
                tooltip="离开筛选和搜索框，回到文件列表（筛选条件保留）"),
    ]

    @dataclass
    class Changed(Message):
        """The clerk changed a filter."""

        state: str
        kind: str
        unit: str
        search: str

    @dataclass
    class Left(Message):
        """The clerk is done with the filters (Esc, or Enter in a field): the list takes the keys."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._typing: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Select([(label, key) for key, (label, _) in STATE_CHOICES.items()], prompt="全部状态",
                     compact=True, id="filter-state")
        yield Select([(label, key) for key, label in KIND_CHOICES.items()], prompt="全部类型",
                     compact=True, id="filter-kind")
        yield Input(placeholder="单位", compact=True, id="filter-unit")
        yield Input(placeholder="搜索：编号、文件名、单位", compact=True, id="filter-search")

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = getattr(self.app, "cursor_blink", True)

    def values(self) -> tuple[str, str, str, str]:
        state = self.query_one("#filter-state", Select).value
        kind = self.query_one("#filter-kind", Select).value
        return (
            state if isinstance(state, str) else "",
            kind if isinstance(kind, str) else "",
            self.query_one("#filter-unit", Input).value,
            self.query_one("#filter-search", Input).value,
        )

    def clear(self) -> None:
        self.query_one("#filter-state", Select).clear()
        self.query_one("#filter-kind", Select).clear()
        self.query_one("#filter-unit", Input).value = ""
        self.query_one("#filter-search", Input).value = ""
        self._announce()

    @on(Select.Changed)
    @on(Input.Submitted)
    def _now(self, event: Message) -> None:
        event.stop()
        self._announce()
        if isinstance(event, Input.Submitted):
            self.post_message(self.Left())

    def action_leave(self) -> None:
        self._announce()
        self.post_message(self.Left())

    @on(Input.Changed)
    def _soon(self, event: Input.Changed) -> None:
        event.stop()
        if self._typing is not None:
            self._typing.stop()
        self._typing = self.set_timer(SEARCH_DELAY_S, self._announce)

    def _announce(self) -> None:
        if self._typing is not None:
            self._typing.stop()
            self._typing = None
        self.post_message(self.Changed(*self.values()))
