"""A yes/no modal (签发 a document): dismissed with True to go ahead, False otherwise."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static


class ConfirmDialog(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "取消", id="dialog-cancel"),
    ]

    def __init__(self, title: str, subject: str, explanation: str, *, confirm: str) -> None:
        super().__init__()
        self.title_text, self.subject, self.explanation, self.confirm = title, subject, explanation, confirm

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.title_text, id="dialog-title")
            yield Static(self.subject, id="dialog-subject")
            yield Static(self.explanation, id="dialog-explanation")
            with Horizontal(id="dialog-buttons"):
                yield Button(self.confirm, variant="primary", id="confirm")
                yield Button("取消", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#confirm", Button).focus()

    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
