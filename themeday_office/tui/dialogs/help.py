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

WIDE_COLUMNS = 110  # from this terminal width the action names have a column of their own
TAB_KEYS = ("切换页面：数字键 1-5（光标不在输入框中时）在任何终端里都能用；\n"
            "Ctrl+PageUp/PageDown 在 tmux 等终端里也能用（PuTTY 用它们翻看窗口）；\n"
            "Alt+数字在 tmux 里不起作用。\n")


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
            explanation = TAB_KEYS if alternates_of(self.below) else ""
            explanation += "改键：在 themeday.toml 的 [tui] 小节写 keymap = { accept = \"f9\" }。\n按 Esc 关闭。"
            yield Static(Text(explanation), id="dialog-explanation")  # Text: "[tui]" is no markup
            with VerticalScroll(id="help-keys"):
                yield Static(self._keys())

    def on_resize(self) -> None:
        self.query_one("#help-keys Static", Static).update(self._keys())

    def _keys(self) -> Table:
        """A line per command: its keys, what it does, and the action names [tui] keymap rebinds it by;
        where the dialog is narrow (80 columns) the action names go under the explanation."""
        wide = self.app.size.width >= WIDE_COLUMNS
        table = Table(box=None, expand=True, pad_edge=False, padding=(0, 1), header_style="bold")
        table.add_column("按键", no_wrap=True)
        table.add_column("功能", no_wrap=True)
        if wide:
            table.add_column("动作（改键用）", no_wrap=True)
        table.add_column("说明" if wide else "说明及动作（改键用）", ratio=1, overflow="fold")
        alternates = alternates_of(self.below)
        for binding, _node in commands_of(self.below):
            # A command's other keys on its line: "Alt+2 或 2"; its actions under each other when in a column.
            others = alternates.get(binding.id or "", [])
            keys = " 或 ".join([self.app.get_key_display(binding),
                               *(self.app.get_key_display(plain_key(k)) for k in others)])
            actions = ("\n" if wide else " ").join(k.id or "" for k in [binding, *others])
            if wide:
                table.add_row(keys, binding.description, actions, binding.tooltip)
            else:
                table.add_row(keys, binding.description, Text.assemble(binding.tooltip, "\n", (actions, "dim")))
        return table

    def action_close(self) -> None:
        self.dismiss(None)
