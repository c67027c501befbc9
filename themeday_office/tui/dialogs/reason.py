"""The modal that asks for the reason of an accept or a reject; dismissed with the reason or None."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static


class ReasonDialog(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "取消", id="dialog-cancel"),
    ]

    def __init__(self, title: str, subject: str, explanation: str, *, required: bool, confirm: str) -> None:
        super().__init__()
        self.title_text = title
        self.subject = subject
        self.explanation = explanation
        self.required = required
        self.confirm = confirm

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.title_text, id="dialog-title")
            yield Static(self.subject, id="dialog-subject")
            yield Static(self.explanation, id="dialog-explanation")
            yield Input(placeholder="理由（记入台账）" if self.required else "理由（可不填）", id="reason")
            yield Static("", id="dialog-problem")
            with Horizontal(id="dialog-buttons"):
                yield Button(self.confirm, variant="primary", id="confirm")
                yield Button("取消", id="cancel")

    def on_mount(self) -> None:
        field = self.query_one("#reason", Input)
        field.cursor_blink = getattr(self.app, "cursor_blink", True)
        field.focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        if self.required and not reason:
            self.query_one("#dialog-problem", Static).update("请写明理由。")
            return
        self.dismiss(reason)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
