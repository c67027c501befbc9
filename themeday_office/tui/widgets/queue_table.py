"""The inbox queue: one DataTable row per submission, keyed by its ledger id, newest first.

The file name takes the width the other columns leave; in 80 columns the unit is narrower and
the time of arrival shows only its day. Names and units too long for their column are
shortened with an ellipsis as they are drawn, so a resize redraws no row.

Rows change in place (dolphie's way): a refresh adds the new rows, redraws only the cells
that changed and takes out rows that left the filter; the table is filled from scratch
only when the filter changes. A long ledger is added in chunks after the first screenful,
so the first paint does not wait for ten thousand rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import islice

from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist, RowDoesNotExist

from themeday_office.ledger import State, Submission
from themeday_office.tui.queue import QueueDiff, queue_row
from themeday_office.tui.shortening import ShortText
from themeday_office.tui.widgets.colours import state_style

# key, heading, width in cells (a Chinese character is two), width when narrow; fixed widths
# keep adding rows free of measuring and the columns steady while files arrive. The file
# name's width is what the others leave (see `column_widths`).
COLUMNS = (
    ("number", "编号", 6, 6),
    ("state", "状态", 6, 6),
    ("kind", "类型", 6, 6),
    ("unit", "单位", 20, 14),
    ("period", "期间", 7, 7),
    ("arrived", "收到", 11, 5),  # 03-13 09:00, or the day alone
    ("name", "文件名", 0, 0),
)
SHORTENED = {"unit", "name"}  # with an ellipsis; the others are short by nature or cut (the time of day)
CELL_PADDING = 1  # DataTable's, on each side of every column
NAME_MIN = 24  # a narrower file name column makes the other columns narrow
NAME_FLOOR = 12
FIRST_ROWS = 120  # more than any screen shows
CHUNK_ROWS = 1000  # added between screen updates: keys stay answered while a long ledger loads


class CellText(Text):
    """A one-line cell, measured by its length alone.

    DataTable measures every new row's cells, even in fixed-width columns; Rich's general
    measure splits the text into words first, which for ten thousand rows costs seconds.
    """

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        width = self.cell_len
        return Measurement(width, width)


def column_widths(room: int) -> dict[str, int]:
    """Each column's width when the table's rows are `room` cells wide."""
    padding = 2 * CELL_PADDING * len(COLUMNS)
    for narrow in (False, True):
        widths = {key: narrow_width if narrow else width for key, _, width, narrow_width in COLUMNS}
        widths["name"] = room - padding - sum(widths.values())
        if widths["name"] >= NAME_MIN:
            break
    widths["name"] = max(widths["name"], NAME_FLOOR)
    return widths


class QueueTable(DataTable):
    """The queue's rows. `touched` counts, per submission, how often its row was written after
    the first fill; `fills` counts fills from scratch (the tests read both)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self.touched: Counter[int] = Counter()
        self.fills = 0
        self._pending: dict[int, Submission] = {}  # rows of the current fill not yet added
        self._generation = 0
        self._styles: dict[State, Style] = {}  # per state, for the current theme

    def on_mount(self) -> None:
        widths = column_widths(self.scrollable_content_region.width)
        for key, heading, _, _ in COLUMNS:
            self.add_column(heading, key=key, width=widths[key])

    def on_resize(self, event: events.Resize) -> None:
        widths = column_widths(self.scrollable_content_region.width)
        for column in self.columns.values():
            column.width = widths[str(column.key.value)]
        # Cells are drawn again at their new widths (a resize starts a new drawing); the scroll
        # extent follows the columns.
        self.virtual_size = Size(sum(c.get_render_width(self) for c in self.columns.values()),
                                 self.virtual_size.height)

    # ---- reading ---------------------------------------------------------------------------

    @property
    def selected_id(self) -> int | None:
        """The ledger id of the row under the cursor."""
        if not self.row_count:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        except CellDoesNotExist:  # the cursor is past the rows of a table being refilled
            return None
        return int(key.value) if key.value is not None else None

    @property
    def filling(self) -> bool:
        return bool(self._pending)

    # ---- writing ---------------------------------------------------------------------------

    def fill(self, subs: Sequence[Submission]) -> None:
        """Show exactly `subs` (newest first), keeping the cursor on the same submission if shown."""
        keep = self.selected_id
        self.fills += 1
        self._generation += 1
        self._styles.clear()  # a refill follows a theme change, too
        self.clear()
        self._pending = {s.id: s for s in subs}
        self._add_pending(self._generation, FIRST_ROWS)
        if keep is not None and str(keep) in self.rows:
            self.move_cursor(row=self.get_row_index(str(keep)), animate=False)

    def _add_pending(self, generation: int, count: int) -> None:
        if generation != self._generation:
            return  # a newer fill replaced this one
        for submission_id in list(islice(self._pending, count)):
            self._add(self._pending.pop(submission_id))
        if self._pending:
            # After a paint, so the screen shows the first rows while the rest is added.
            self.call_after_refresh(self._add_pending, generation, CHUNK_ROWS)

    def apply(self, diff: QueueDiff) -> None:
        """Add, redraw and remove just the rows in `diff`."""
        keep = self.selected_id
        for sub in diff.changed:
            if sub.id in self._pending:
                self._pending[sub.id] = sub  # not drawn yet: drawn with its new values
            else:
                self._redraw(sub)
        for submission_id in diff.removed:
            if self._pending.pop(submission_id, None) is None:
                self._remove(submission_id)
        if diff.added:
            for sub in diff.added:
                self._add(sub)
                self.touched[sub.id] += 1
            # New rows went to the bottom; order by number, newest first (the rows stay as they are).
            self.sort("number", key=lambda cell: int(cell.plain), reverse=True)
            if keep is not None and str(keep) in self.rows:
                self.move_cursor(row=self.get_row_index(str(keep)), animate=False)

    def _cells(self, sub: Submission) -> list[Text]:
        cells: list[Text] = [
            ShortText(value, middle=key == "name") if key in SHORTENED
            else CellText(value, no_wrap=True, overflow="crop")
            for (key, *_), value in zip(COLUMNS, queue_row(sub), strict=False)
        ]
        style = self._styles.get(sub.state)
        if style is None:
            style = self._styles[sub.state] = state_style(self.app, sub.state)
        cells[1].stylize(style)
        return cells

    def _add(self, sub: Submission) -> None:
        self.add_row(*self._cells(sub), key=str(sub.id), height=1)

    def _redraw(self, sub: Submission) -> None:
        try:
            old = self.get_row(str(sub.id))
        except RowDoesNotExist:
            return
        new = self._cells(sub)
        changed = False
        for (key, *_), before, after in zip(COLUMNS, old, new, strict=False):
            if before != after:
                self.update_cell(str(sub.id), key, after)
                changed = True
        if changed:
            self.touched[sub.id] += 1

    def _remove(self, submission_id: int) -> None:
        try:
            self.remove_row(str(submission_id))
        except RowDoesNotExist:
            return
        self.touched[submission_id] += 1
