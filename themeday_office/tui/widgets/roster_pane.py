"""组织: the roster versions on file, the committees of the chosen one (in force by default) with
the branches of the highlighted committee, its cooperation groups, and the last import's messages."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Static

from themeday_office.office import Clock
from themeday_office.office.roster import RosterImport, RosterVersion, RosterView, import_roster, roster_view
from themeday_office.tui.failures import reports_failure
from themeday_office.tui.widgets.colours import severity_style


def _zh(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


class RosterPane(Static):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f3", "import_roster", "导入名册", id="roster-import",
                tooltip="组织：导入新的组织名册文件（有错误时不导入，现有名册不变）"),
    ]

    @dataclass
    class ImportWanted(Message):
        """Ask for a roster file and import it (the screen has the session's clock and parser)."""

    @dataclass
    class Loaded(Message):
        view: RosterView

    @dataclass
    class Imported(Message):
        outcome: RosterImport

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.view: RosterView | None = None
        self.shown: RosterVersion | None = None
        self.last_import: RosterImport | None = None

    def compose(self) -> ComposeResult:
        yield Static("正在读取组织名册", id="roster-title")
        with Horizontal(id="roster-body"):
            with Vertical(id="roster-left"):
                yield DataTable(id="roster-versions", cursor_type="row")
                yield DataTable(id="roster-committees", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="roster-branches-box"):
                yield Static("", id="roster-branches")
        yield Static("", id="roster-groups")
        yield Static("", id="roster-messages")

    def on_mount(self) -> None:
        self.query_one("#roster-messages").display = False  # until an import has something to say
        versions = self.query_one("#roster-versions", DataTable)
        # Fixed widths: a table filled again must not change its layout (nor a snapshot).
        for label, width in (("生效日期", 14), ("导入时间", 16), ("来源文件", 16), ("党(工)委", 8), ("党支部", 6),
                             ("状态", 4)):
            versions.add_column(label, width=width)
        committees = self.query_one("#roster-committees", DataTable)
        for label, width in (("党(工)委", 22), ("类别", 8), ("协作组", 22), ("党支部", 6), ("党员", 6)):
            committees.add_column(label, width=width)

    # ---- reading -----------------------------------------------------------------------------

    def action_import_roster(self) -> None:
        self.post_message(self.ImportWanted())

    def load(self, workspace, clock: Clock, at: date) -> None:
        self._read(workspace, clock, at)

    @work(thread=True, group="roster", exclusive=True, exit_on_error=False)
    @reports_failure("无法读取组织名册")
    def _read(self, workspace, clock: Clock, at: date) -> None:
        view = roster_view(workspace, clock, at)
        self.post_message(self.Loaded(view))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        event.stop()
        self.view = view = event.view
        table = self.query_one("#roster-versions", DataTable)
        table.clear()
        current = view.get(view.in_force)  # None when no version is in force
        for v in reversed(view.versions):  # newest first
            state = "现行" if v.id == view.in_force else ("待生效" if current is not None
                                                           and v.effective > current.effective else "")
            table.add_row(_zh(v.effective), v.imported_at.strftime("%Y-%m-%d %H:%M"), v.source_name,
                          str(len(v.roster.committees)), str(len(v.roster.branches)), state, key=str(v.id))
        table.styles.height = min(len(view.versions), 4) + 1
        if not view.versions:
            self.query_one("#roster-title", Static).update("还没有导入组织名册。按 F3 导入。")
            self._show(None)
            return
        chosen = current if current is not None else view.versions[-1]
        table.move_cursor(row=table.get_row_index(str(chosen.id)))
        self._show(chosen)

    @on(DataTable.RowHighlighted, "#roster-versions")
    def _version_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.view is not None and event.row_key.value:
            version = self.view.get(int(event.row_key.value))
            if version is not None and version is not self.shown:
                self._show(version)

    def _show(self, version: RosterVersion | None) -> None:
        self.shown = version
        committees = self.query_one("#roster-committees", DataTable)
        committees.clear()
        if version is None:
            self.query_one("#roster-branches", Static).update("")
            self.query_one("#roster-groups", Static).update("")
            return
        r = version.roster
        in_force = self.view is not None and version.id == self.view.in_force
        which = "现行组织名册" if in_force else "历史版本"
        served = self.view.served(version) if self.view is not None else f"{_zh(version.effective)}起生效"
        self.query_one("#roster-title", Static).update(Text(
            f"{which}：{served}（{version.source_name}）　"
            f"党(工)委 {len(r.committees)} 个，党支部 {len(r.branches)} 个，协作组 {len(r.groups)} 个", style="bold"))
        for c in r.committees:
            branches = r.branches_of(c.name)
            committees.add_row(c.name, c.category, c.group or "", str(len(branches)),
                               str(sum(b.members for b in branches)), key=c.name)
        if r.committees:
            committees.move_cursor(row=0)
            self._show_branches(r.committees[0].name)
        groups = Text()
        for g in r.groups:
            if groups:
                groups.append("\n")
            groups.append(f"{g.name}", style="bold")
            groups.append(f"　牵头：{g.leader or '未填'}　成员：{'、'.join(g.members) or '无'}"
                          f"　联建：{'、'.join(g.partners) or '无'}")
        self.query_one("#roster-groups", Static).update(groups or Text("协作组：无"))

    @on(DataTable.RowHighlighted, "#roster-committees")
    def _committee_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value:
            self._show_branches(event.row_key.value)

    def _show_branches(self, committee: str) -> None:
        if self.shown is None:
            return
        branches = self.shown.roster.branches_of(committee)
        text = Text(f"{committee} 的党支部（{len(branches)} 个）\n", style="bold")
        kinds = Counter(b.type.value for b in branches)
        text.append("　".join(f"{k} {n}" for k, n in kinds.items()) + "\n\n")
        for b in branches:
            text.append(f"{b.name}　{b.type.value}　党员 {b.members}\n")
        self.query_one("#roster-branches", Static).update(text)

    # ---- importing ---------------------------------------------------------------------------

    def start_import(self, workspace, clock: Clock, path: Path, effective: date, reader, at: date) -> None:
        messages = self.query_one("#roster-messages", Static)
        messages.display = True
        messages.update(f"正在导入 {path.name}")
        self._import(workspace, clock, path, effective, reader, at)

    @work(thread=True, group="roster", exclusive=True, exit_on_error=False)
    @reports_failure("未能导入组织名册")
    def _import(self, workspace, clock: Clock, path: Path, effective: date, reader, at: date) -> None:
        outcome = import_roster(workspace, clock, path, effective, reader=reader)
        view = roster_view(workspace, clock, at)
        self.post_message(self.Imported(outcome))
        self.post_message(self.Loaded(view))

    @on(Imported)
    def _imported(self, event: Imported) -> None:
        event.stop()
        self.last_import = o = event.outcome
        text = Text()
        text.append("".join(o.sentences), style="bold" if o.ok else severity_style(self.app, "错误"))
        for severity, sentence in o.messages[:8]:
            text.append("\n")
            text.append(severity, style=severity_style(self.app, severity))
            text.append(f"　{sentence}")
        if len(o.messages) > 8:
            text.append(f"\n另有 {len(o.messages) - 8} 条")
        self.query_one("#roster-messages", Static).update(text)
        self.app.notify("".join(o.sentences) if o.ok else f"{o.name} 有错误，未导入", title="导入组织名册",
                        severity="information" if o.ok else "error")
