"""The modal where the clerk chooses the month bulletin's 好的做法: dismissed with the chosen keys
(in the candidates' order), or None when cancelled."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, SelectionList, Static

from themeday_office.office.documents import PracticeCandidates

NUMERALS = "一二三四五六七八九十"
SHOWN = 56  # characters of a practice shown in its line


def practice_line(index: int, lead: str, text: str, units: int) -> str:
    """（一）lead：text, shortened, and how many committees reported it."""
    number = NUMERALS[index] if index < len(NUMERALS) else str(index + 1)
    body = f"{lead}：{text}" if lead else text
    if len(body) > SHOWN:
        body = body[: SHOWN - 1] + "…"
    return f"（{number}）{body}（{units}个党（工）委）"


class PracticesDialog(ModalScreen[list[str] | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "取消", id="dialog-cancel"),
    ]
    # Declarative focus: Textual focuses it once the screen is composed (a query in on_mount once
    # found no list under a loaded machine).
    AUTO_FOCUS = "#practices"

    def __init__(self, found: PracticeCandidates, chosen: tuple[str, ...] | None = None) -> None:
        super().__init__()
        self.found = found
        self.chosen = set(found.default if chosen is None else chosen)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(f"{self.found.period.zh}月度通报的好的做法", id="dialog-title")
            yield Static(
                f"共 {len(self.found.candidates)} 条，模板默认选 {self.found.count} 条。"
                "空格键勾选或取消，确定后按 F9 生成通报（已签发的通报不再改动）。",
                id="dialog-explanation",
            )
            yield SelectionList[str](
                *(
                    (practice_line(i, c.lead, c.text, len(c.units)), c.key, c.key in self.chosen)
                    for i, c in enumerate(self.found.candidates)
                ),
                id="practices",
            )
            with Horizontal(id="dialog-buttons"):
                yield Button("确定", variant="primary", id="confirm")
                yield Button("取消", id="cancel")

    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        selected = set(self.query_one("#practices", SelectionList).selected)
        self.dismiss([c.key for c in self.found.candidates if c.key in selected])

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
