"""The modal where the clerk chooses the month bulletin's 好的做法: dismissed with the chosen keys
(in the candidates' order), or None when cancelled."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, SelectionList, Static

from themeday_office.office.documents import PracticeCandidates
from themeday_office.tui.shortening import shorten

NUMERALS = "一二三四五六七八九十"
LINE_CELLS = 64  # a practice's line in the 80-cell dialog, beside the list's tick: terminal cells


def practice_line(index: int, lead: str, text: str, units: int) -> str:
    """（一）lead：text, shortened to fit the dialog's line, and how many committees reported it."""
    number = NUMERALS[index] if index < len(NUMERALS) else str(index + 1)
    head, tail = f"（{number}）", f"（{units}个党（工）委）"
    body = f"{lead}：{text}" if lead else text
    return head + shorten(body, LINE_CELLS - cell_len(head) - cell_len(tail)) + tail


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
            # The list's ticks differ by colour only, which some terminals barely show: said in words too.
            yield Static(self._chosen_text(len(self.chosen)), id="practices-chosen")
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

    @staticmethod
    def _chosen_text(count: int) -> str:
        return f"已选 {count} 条"

    @on(SelectionList.SelectedChanged)
    def _count_chosen(self, event: SelectionList.SelectedChanged) -> None:
        self.query_one("#practices-chosen", Static).update(self._chosen_text(len(event.selection_list.selected)))

    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        selected = set(self.query_one("#practices", SelectionList).selected)
        self.dismiss([c.key for c in self.found.candidates if c.key in selected])

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
