"""表格预览: the values the kit read from the file, the cells its messages point at marked."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from themeday_office.tui.preview import ERROR, TablePreview
from themeday_office.tui.widgets.colours import mark_style


class PreviewTable(DataTable):
    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="cell", zebra_stripes=True, **kwargs)

    def show(self, preview: TablePreview | None) -> None:
        self.clear(columns=True)
        if preview is None:
            self.add_column("说明")
            self.add_row("这个文件没有可预览的表格数据（未能读取，或不是报表）。")
            return
        for heading in preview.columns:
            self.add_column(heading)
        for row in preview.rows:
            cells = []
            for cell in row:
                # "!" says "wrong" without colour, for a monochrome terminal or a colour-blind clerk.
                shown = f"!{cell.text}" if cell.mark == ERROR else cell.text
                cells.append(Text(shown, style=mark_style(self.app, cell.mark), no_wrap=True, overflow="crop"))
            self.add_row(*cells)
