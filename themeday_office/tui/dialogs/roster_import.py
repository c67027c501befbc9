"""The modal that asks for a roster file and the date it takes effect; dismissed with both or None."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from themeday_office.domain.values.dates import parse_date


class RosterImportDialog(ModalScreen[tuple[Path, date] | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "取消", id="dialog-cancel"),
    ]

    def __init__(self, effective: date) -> None:
        super().__init__()
        self.effective = effective

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("导入组织名册", id="dialog-title")
            yield Static("名册为 Excel 工作簿，含“党(工)委”“党支部”“协作组”工作表。有错误时不导入，现有名册不变。",
                         id="dialog-explanation")
            yield Label("名册文件")
            yield Input(placeholder="名册文件的路径", id="roster-path")
            yield Label("生效日期（从这一天起的报表按新名册审核和汇总）")
            yield Input(self.effective.isoformat(), placeholder="生效日期，如 2017-07-01", id="roster-effective")
            yield Static("", id="dialog-problem")
            with Horizontal(id="dialog-buttons"):
                yield Button("导入", variant="primary", id="confirm")
                yield Button("取消", id="cancel")

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = getattr(self.app, "cursor_blink", True)
        self.query_one("#roster-path", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        text = self.query_one("#roster-path", Input).value.strip().strip('"')
        problem = self.query_one("#dialog-problem", Static)
        if not text:
            problem.update("请填写名册文件的路径。")
            return
        path = Path(text).expanduser()
        if not path.is_file():
            problem.update(f"找不到文件：{path}")
            return
        try:
            effective = parse_date(self.query_one("#roster-effective", Input).value.strip())
        except Exception:  # noqa: BLE001 - any unreadable date is the same mistake to the clerk
            effective = None
        if not isinstance(effective, date):
            problem.update("生效日期无法识别，请写成 2017-07-01 或 2017年7月1日。")
            return
        self.dismiss((path, effective))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
