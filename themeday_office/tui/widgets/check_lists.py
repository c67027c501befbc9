"""审核意见 and 开展情况: the messages with their places, the conflicts with the committee's other
files, and the findings that count against a branch."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from themeday_office.office.conflicts import COUNTING, HEADING
from themeday_office.tui.details_data import SubmissionDetails, message_text
from themeday_office.tui.widgets.colours import severity_style


def _table(*headings: str) -> Table:
    # No box: box-drawing characters are ambiguous in width next to Chinese text.
    table = Table(box=None, expand=True, show_edge=False, pad_edge=False, padding=(0, 1), header_style="bold")
    for heading in headings:
        # Only the sentence takes the spare width; the short columns stay as wide as their text.
        table.add_column(heading, no_wrap=heading in ("类别", "位置", "项目"), overflow="fold",
                         ratio=1 if heading in ("内容", "情况") else None)
    return table


class MessageList(Static):
    def show(self, details: SubmissionDetails) -> None:
        if not details.messages:
            self.update("没有审核意见。" if details.conflicts else "没有审核意见：文件各项均符合要求。")
            return
        table = _table("类别", "位置", "内容")
        for m in details.messages:
            table.add_row(Text(m.severity, style=severity_style(self.app, m.severity)), m.place or "全文",
                          message_text(m))
        self.update(table)


class ConflictList(Static):
    """Under the messages: each field where this file and another of the committee's disagree,
    naming the other file; hidden when there is none."""

    DEFAULT_CSS = "ConflictList { display: none; margin-top: 1; }"

    def show(self, details: SubmissionDetails) -> None:
        self.display = bool(details.conflicts)
        if not details.conflicts:
            self.update("")
            return
        table = _table("项目", "内容")
        table.title = f"{HEADING}（{COUNTING}）"
        table.title_justify = "left"
        table.title_style = "bold"
        for c in details.conflicts:
            table.add_row(Text(c.field, style=severity_style(self.app, "提示")), c.sentence)
        self.update(table)


class FindingList(Static):
    def show(self, details: SubmissionDetails) -> None:
        note = f"另有 {details.compliant} 项符合要求，未列出。" if details.compliant else ""
        if not details.findings:
            self.update(("没有未达标的情况。" + note).strip())
            return
        table = _table("党支部", "位置", "情况")
        for f in details.findings:
            table.add_row(f.branch or f.committee, str(f.data.get("place", "")), f.text)
        if note:
            table.caption = note
            table.caption_justify = "left"
        self.update(table)
