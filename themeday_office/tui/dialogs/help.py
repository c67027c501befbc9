"""F1: the keys of the screen below, with the action names themeday.toml's [tui] keymap rebinds."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from themeday_office.tui.bindings import commands_of


class HelpDialog(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "关闭", id="dialog-close"),
        Binding("f1", "close", "关闭", show=False, id="help-close"),
    ]

    def __init__(self, below: Screen) -> None:
        super().__init__()
        self.below = below

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("按键帮助", id="dialog-title")
            with VerticalScroll(id="help-keys"):
                yield Static(self._keys())
            yield Static("在 themeday.toml 的 [tui] 小节用 keymap 改键，如 keymap = { accept = \"f9\" }。"
                         "按 Esc 关闭。", id="dialog-explanation")

    def _keys(self) -> Table:
        table = Table(box=None, expand=True, pad_edge=False, padding=(0, 1), header_style="bold")
        table.add_column("按键", no_wrap=True)
        table.add_column("功能", no_wrap=True)
        table.add_column("动作（改键用）", no_wrap=True)
        table.add_column("说明")
        for binding, _node in commands_of(self.below):
            table.add_row(self.app.get_key_display(binding), binding.description, binding.id or "", binding.tooltip)
        return table

    def action_close(self) -> None:
        self.dismiss(None)
