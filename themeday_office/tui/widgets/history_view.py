"""处理记录: the versions of the same report, the files an archive held, and every event with its reason."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from themeday_office.tui.details_data import SubmissionDetails
from themeday_office.tui.widgets.colours import state_style


def _table(title: str, *headings: str) -> Table:
    table = Table(box=None, expand=True, show_edge=False, pad_edge=False, padding=(0, 1), header_style="bold",
                  title=title, title_justify="left", title_style="bold")
    for heading in headings:
        short = heading in ("时间", "收到", "编号", "版本", "状态", "操作", "操作人")
        table.add_column(heading, no_wrap=short, overflow="fold", ratio=None if short else 1)
    return table


class HistoryView(Static):
    def show(self, details: SubmissionDetails) -> None:
        parts = []
        if len(details.versions) > 1:
            versions = _table("版本", "版本", "编号", "状态", "收到", "")
            for v in details.versions:
                versions.add_row(f"第{v.version}版", str(v.id), Text(v.state.zh, style=state_style(self.app, v.state)),
                                 f"{v.arrived_at:%Y-%m-%d %H:%M}", "本文件" if v.id == details.submission.id else "")
            parts.append(versions)
        if details.members:
            members = _table("压缩包内的文件", "编号", "状态", "文件名")
            for m in details.members:
                members.add_row(str(m.id), Text(m.state.zh, style=state_style(self.app, m.state)), m.original_name)
            parts.append(members)
        events = _table("处理记录", "时间", "操作", "操作人", "理由", "说明")
        for e in details.events:
            # The ledger writes receipt-date corrections as `old → new`; the arrow is ambiguous in width.
            detail = e.detail_zh.replace(" → ", " 改为 ")
            events.add_row(f"{e.at:%Y-%m-%d %H:%M}", e.action_zh, e.actor, e.reason, detail)
        parts.append(events)
        self.update(Group(*parts))
