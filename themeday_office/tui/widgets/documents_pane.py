"""发文: the period's documents with number, state and date; generating the batch (a progress bar);
the highlighted document's text; issuing a draft and opening a file are asked for by the screen."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable, ProgressBar, Static

from themeday_office.domain.period import Period
from themeday_office.office import Clock
from themeday_office.office.documents import (
    DocumentBatch,
    DocumentRow,
    PracticeCandidates,
    WrittenDocument,
    document_text,
    generate_documents,
    issue_document,
    list_documents,
    practice_candidates,
)
from themeday_office.tui.dialogs.confirm import ConfirmDialog
from themeday_office.tui.dialogs.practices import PracticesDialog
from themeday_office.tui.failures import WorkProblem, describe_error, reports_failure
from themeday_office.tui.messages import DocumentFileWanted
from themeday_office.tui.shortening import ShortText
from themeday_office.tui.widgets.colours import severity_style


class DocumentsPane(Static):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "f9",
            "generate_documents",
            "生成公文",
            id="documents-generate",
            tooltip="发文：生成本期的全部公文（草稿；已签发的不再改动）",
        ),
        Binding(
            "i", "issue_document", "签发", id="documents-issue", tooltip="发文：签发选中的草稿（签发后不再重新生成）"
        ),
        Binding(
            "g",
            "choose_practices",
            "好的做法",
            id="documents-practices",
            tooltip="发文：选择本月通报刊登哪几条好的做法（下次按 F9 生成时采用）",
            show=False,  # in the help (F1) and the palette; the footer keeps its width
        ),
        Binding("o", "open_document", "打开", id="documents-open", tooltip="发文：用本机的 Word 或 WPS 打开选中的公文"),
    ]

    @dataclass
    class GenerateWanted(Message):
        """Generate the period's documents: the screen knows the period (the 汇总's) and the parser."""

    @dataclass
    class PracticesWanted(Message):
        """Choose the month bulletin's good practices: the screen knows the period and the parser."""

    @dataclass
    class PracticesFound(Message):
        found: PracticeCandidates

    @dataclass
    class Listed(Message):
        period: Period
        rows: list[DocumentRow]

    @dataclass
    class Progressed(Message):
        done: int
        total: int
        title: str

    @dataclass
    class Generated(Message):
        """A batch's end; `batch` is None when it failed (a notice says why)."""

        batch: DocumentBatch | None

        @property
        def written(self) -> int:
            return self.batch.written if self.batch is not None else -1

    @dataclass
    class Issued(Message):
        number: str

    @dataclass
    class Previewed(Message):
        document_id: int
        lines: list[str]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.period: Period | None = None
        self._source: tuple[object, Clock] | None = None  # the workspace and clock the list was read with
        self.rows: dict[int, DocumentRow] = {}
        self.generating = False
        self.generated: DocumentsPane.Generated | None = None
        self.issued: str | None = None
        self.previewed: int | None = None
        self.practices: dict[str, tuple[str, ...]] = {}  # period -> the clerk's chosen good practices

    def compose(self) -> ComposeResult:
        yield Static("正在读取发文", id="documents-title")
        with Horizontal(id="documents-progress-line"):
            yield ProgressBar(id="documents-progress", show_eta=False)
            yield Static("", id="documents-progress-text")
        with Horizontal(id="documents-body"):
            with Vertical(id="documents-left"):
                yield DataTable(id="documents-table", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="documents-preview-box"):
                yield Static("", id="documents-preview")

    def on_mount(self) -> None:
        table = self.query_one("#documents-table", DataTable)
        for label, key, width in (
            ("发文字号", "number", 16),
            ("种类", "kind", 14),  # 指导性主题通知, the longest kind, whole
            ("状态", "state", 6),
            ("日期", "day", 10),
            ("标题", "title", 20),
        ):
            table.add_column(label, key=key, width=width)
        self.query_one("#documents-progress-line").display = False

    @property
    def selected(self) -> DocumentRow | None:
        table = self.query_one("#documents-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return self.rows.get(int(key)) if key else None

    # ---- the list ----------------------------------------------------------------------------

    def load(self, workspace, clock: Clock, period: Period) -> None:
        self._source = (workspace, clock)
        self._list(workspace, clock, period)

    @work(thread=True, group="documents", exit_on_error=False)
    @reports_failure("无法读取发文")
    def _list(self, workspace, clock: Clock, period: Period) -> None:
        rows = list(list_documents(workspace, clock, period).rows)
        self.post_message(self.Listed(period, rows))

    @on(Listed)
    def _listed(self, event: Listed) -> None:
        event.stop()
        self.period = event.period
        self.rows = {r.id: r for r in event.rows}
        drafts = sum(not r.issued for r in event.rows)
        self.query_one("#documents-title", Static).update(
            Text.assemble(
                (f"{event.period.zh}的公文", "bold"),
                f"　共 {len(event.rows)} 份，草稿 {drafts} 份，已签发 {len(event.rows) - drafts} 份"
                if event.rows
                else "　还没有生成。按 F9 生成本期公文。",
            )
        )
        table = self.query_one("#documents-table", DataTable)
        row = table.cursor_row
        table.clear()
        ok, draft = severity_style(self.app, ""), severity_style(self.app, "提示")
        for r in event.rows:
            table.add_row(
                r.number,
                r.kind,
                Text("已签发", style=ok) if r.issued else Text("草稿", style=draft),
                f"{r.day:%Y-%m-%d}",
                ShortText(r.title),
                key=str(r.id),
            )
        if event.rows:
            table.move_cursor(row=min(max(row, 0), len(event.rows) - 1))
        else:
            self.query_one("#documents-preview", Static).update("")

    @on(DataTable.RowHighlighted, "#documents-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        row = self.rows.get(int(event.row_key.value)) if event.row_key.value else None
        if row is not None and row.path is not None:
            self._preview(row.id, row.path)

    @work(thread=True, group="documents-preview", exclusive=True, exit_on_error=False)
    def _preview(self, document_id: int, path: Path) -> None:
        try:
            lines = document_text(path) if path.is_file() else [f"文件不在发件箱中：{path}"]
        except Exception as exc:  # noqa: BLE001 - a damaged or locked file: say so in the preview
            lines = [f"无法读取这份公文：{describe_error(exc)}"]
        self.post_message(self.Previewed(document_id, lines))

    @on(Previewed)
    def _previewed(self, event: Previewed) -> None:
        event.stop()
        self.previewed = event.document_id
        self.query_one("#documents-preview", Static).update(Text("\n".join(event.lines)))

    # ---- generating and issuing ----------------------------------------------------------------

    def generate(self, workspace, clock: Clock, period: Period, reader) -> None:
        if self.generating:
            self.app.notify("正在生成公文，请稍候", severity="warning")
            return
        self.generating = True
        self.generated = None
        self.query_one("#documents-progress-line").display = True
        self.query_one("#documents-progress", ProgressBar).update(total=None, progress=0)
        self.query_one("#documents-progress-text", Static).update(f"正在生成{period.zh}的公文")
        self.period = period
        self._source = (workspace, clock)
        self._generate(workspace, clock, period, reader)

    @work(thread=True, group="documents-generate", exclusive=True, exit_on_error=False)
    @reports_failure("未能生成公文", then=lambda pane: pane.Generated(None))
    def _generate(self, workspace, clock: Clock, period: Period, reader) -> None:
        batch = generate_documents(
            workspace,
            clock,
            period,
            reader=reader,
            practices=self.practices.get(str(period)),
            progress=self._report_progress,
        )
        problem = batch.problem or ("".join(batch.sentences) if not batch.ready else "")
        if problem:
            raise WorkProblem(problem)
        self.post_message(self.Generated(batch))

    @on(Progressed)
    def _progressed(self, event: Progressed) -> None:
        event.stop()
        self.query_one("#documents-progress", ProgressBar).update(total=max(event.total, 1), progress=event.done)
        self.query_one("#documents-progress-text", Static).update(
            f"{event.done}/{event.total}　{event.title}" if event.title else f"共 {event.total} 份"
        )

    def _report_progress(self, done: int, total: int, last: WrittenDocument | None) -> None:
        self.post_message(self.Progressed(done, total, last.title if last else ""))

    @on(Generated)
    def _generated(self, event: Generated) -> None:
        event.stop()
        self.generating = False
        self.generated = event
        self._relist()
        self.query_one("#documents-progress-line").display = False
        if event.batch is not None:
            # The batch's own words, then how to go on in this app.
            self.app.notify("".join(event.batch.sentences) + "选中草稿按 I 签发。", title="生成公文")

    def action_generate_documents(self) -> None:
        self.post_message(self.GenerateWanted())

    # ---- the bulletin's good practices ---------------------------------------------------------

    def action_choose_practices(self) -> None:
        self.post_message(self.PracticesWanted())

    def choose_practices(self, workspace, clock: Clock, period: Period, reader) -> None:
        self._source = (workspace, clock)
        self._practices(workspace, clock, period, reader)

    @work(thread=True, group="documents-practices", exclusive=True, exit_on_error=False)
    @reports_failure("无法读取好的做法")
    def _practices(self, workspace, clock: Clock, period: Period, reader) -> None:
        self.post_message(self.PracticesFound(practice_candidates(workspace, clock, period, reader=reader)))

    @on(PracticesFound)
    def _practices_found(self, event: PracticesFound) -> None:
        event.stop()
        found = event.found
        if not found.candidates:
            self.app.notify("".join(found.sentences), title="好的做法", severity="warning")
            return
        key = str(found.period)
        self.app.push_screen(
            PracticesDialog(found, self.practices.get(key)),
            callback=lambda keys: self._practices_chosen(key, keys),
        )

    def _practices_chosen(self, period: str, keys: list[str] | None) -> None:
        if keys is None:
            return
        self.practices[period] = tuple(keys)
        self.app.notify(
            f"已选 {len(keys)} 条好的做法，按 F9 生成通报时采用（已签发的通报不再改动）。", title="好的做法"
        )

    def action_issue_document(self) -> None:
        row = self.selected
        if row is None:
            self.notify("请先选中一份公文", severity="warning")
            return
        if row.issued:
            self.notify(f"{row.number} 已签发", severity="warning")
            return
        self.app.push_screen(
            ConfirmDialog(
                "签发公文",
                f"{row.number}　{row.title}",
                "签发后这份公文即定稿：记下文件的校验值，此后不再重新生成；如需更正须另行发文。",
                confirm="签发",
            ),
            callback=lambda yes: self._issue_confirmed(row, yes),
        )

    def _issue_confirmed(self, row: DocumentRow, yes: bool | None) -> None:
        if yes and self._source is not None:
            self.issue(*self._source, row)

    def action_open_document(self) -> None:
        row = self.selected
        if row is None or row.path is None:
            self.notify("请先选中一份公文", severity="warning")
            return
        self.post_message(DocumentFileWanted(row.path, "公文"))

    def _relist(self) -> None:
        if self._source is not None and self.period is not None:
            self._list(*self._source, self.period)

    def issue(self, workspace, clock: Clock, row: DocumentRow) -> None:
        self._source = (workspace, clock)
        self._issue(workspace, clock, row.id)

    @work(thread=True, group="documents-issue", exit_on_error=False)
    @reports_failure("未能签发")
    def _issue(self, workspace, clock: Clock, document_id: int) -> None:
        issued = issue_document(workspace, clock, str(document_id))
        self.post_message(self.Issued(issued.number))

    @on(Issued)
    def _issued(self, event: Issued) -> None:
        event.stop()
        self.issued = event.number
        self._relist()
        self.app.notify(f"{event.number} 已签发，此后不再重新生成。", title="签发")
