"""F1: the keys of the screen below, with the action names themeday.toml's [tui] keymap rebinds."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from themeday_office.tui.bindings import alternates_of, commands_of, plain_key


TAB_KEYS = ("数字键 1-5（光标不在输入框中时）和 Ctrl+PageUp/PageDown 在各种终端（tmux、Windows Terminal、"
            "PuTTY、Xshell）里都能切换页面；Alt+数字在有的终端里不起作用。\n")


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
            explanation = TAB_KEYS if alternates_of(self.below) else ""
            explanation += "在 themeday.toml 的 [tui] 小节用 keymap 改键，如 keymap = { accept = \"f9\" }。按 Esc 关闭。"
            yield Static(Text(explanation), id="dialog-explanation")  # Text: "[tui]" is no markup

    def _keys(self) -> Table:
        table = Table(box=None, expand=True, pad_edge=False, padding=(0, 1), header_style="bold")
        table.add_column("按键", no_wrap=True)
        table.add_column("功能", no_wrap=True)
        table.add_column("动作（改键用）")
        table.add_column("说明", ratio=1)
        alternates = alternates_of(self.below)
        for binding, _node in commands_of(self.below):
            # A command's other keys on its line: "Alt+2 或 2", actions "tab-rollup tab-rollup-digit".
            others = alternates.get(binding.id or "", [])
            keys = [self.app.get_key_display(binding), *(self.app.get_key_display(plain_key(k)) for k in others)]
            table.add_row(" 或 ".join(keys), binding.description, " ".join(k.id or "" for k in [binding, *others]),
                          binding.tooltip)
        return table

    def action_close(self) -> None:
        self.dismiss(None)
