"""Driving the app in tests: a deterministic app, bounded waits, and what the queue shows.

No test sleeps a fixed time: each waits for a condition and fails after a bound.
`workers.wait_for_complete()` is no use here, it never returns while a watcher runs.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from textual.app import App
from textual.command import CommandPalette
from textual.coordinate import Coordinate
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Static

from themeday_office.ledger import Submission
from themeday_office.tui.app import ThemedayApp
from themeday_office.tui.settings import TuiSettings
from themeday_office.tui.viewer import Viewer
from themeday_office.tui.widgets.queue_table import QueueTable
from themeday_office.workspace import Workspace

from .conftest import CLERK, fixed_clock

SIZE = (120, 36)
SMALL = (80, 24)  # the default of most terminals: every screen must work here

if TYPE_CHECKING:
    from themeday_office.tui.screens.details import DetailScreen

T = TypeVar("T")


class ViewerRecorder:
    """Stands in for the system's viewer: remembers what it was asked to open."""

    def __init__(self, available: bool = True) -> None:
        self.available = available
        self.opened: list[Path] = []

    def __call__(self, path: Path) -> bool:
        if self.available:
            self.opened.append(path)
        return self.available


def make_app(workspace: Workspace, *, watch: bool = False, settings: TuiSettings | None = None,
             viewer: Viewer | None = None) -> ThemedayApp:
    return ThemedayApp(workspace, actor=CLERK, settings=settings, run_watcher=watch, clock=fixed_clock(),
                       viewer=viewer or ViewerRecorder(), cursor_blink=False)


def run(scenario: Coroutine[Any, Any, None]) -> None:
    """Run an async test scenario (the suite has no asyncio plugin)."""
    asyncio.run(scenario)


def app_of(pilot: Pilot[None]) -> ThemedayApp:
    """The app a pilot drives, as the ThemedayApp it is (Pilot knows only App[None])."""
    assert isinstance(pilot.app, ThemedayApp)
    return pilot.app


def palette_open(app: ThemedayApp) -> bool:
    """CommandPalette.is_open, which is typed for an App[object] (App is invariant in its result)."""
    return CommandPalette.is_open(cast("App[object]", app))


async def wait_until(
    pilot: Pilot[None], condition: Callable[[], T | Literal[False] | None], what: str, timeout: float = 60.0
) -> T:
    """Wait until `condition()` gives something true, and return that."""
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"等待超时（{timeout:g} 秒）：{what}")
        await pilot.pause(0.02)
    return value


def table(app: ThemedayApp) -> QueueTable:
    return app.main_screen.query_one(QueueTable)


def shown_ids(app: ThemedayApp) -> list[int]:
    """The submission ids in the queue, top to bottom."""
    t = table(app)
    return [int(str(t.coordinate_to_cell_key(Coordinate(row, 0)).row_key.value)) for row in range(t.row_count)]


def queued(app: ThemedayApp, submission_id: int) -> Submission:
    """The queue's submission with this id (the test knows it is there)."""
    sub = app.queue.get(submission_id)
    assert sub is not None, submission_id
    return sub


def row_texts(app: ThemedayApp, submission_id: int) -> list[str]:
    return [cell.plain for cell in table(app).get_row(str(submission_id))]


async def loaded(pilot: Pilot[None], rows: int | None = None) -> None:
    """Wait until the queue shows the ledger (all `rows` of it, when given)."""
    app = app_of(pilot)
    await wait_until(pilot, lambda: app.ledger is not None and not table(app).filling
                     and (rows is None or table(app).row_count == rows), "收件箱读入台账")
    await pilot.pause()


def content_text(widget: Widget, width: int = 116) -> str:
    """What a Static shows, as plain text (Rich tables laid out at `width`)."""
    import io

    from rich.console import Console

    assert isinstance(widget, Static), widget
    console = Console(file=io.StringIO(), width=width, record=True, color_system=None)
    console.print(widget.content)
    return console.export_text()


async def open_details(pilot: Pilot[None], submission_id: int) -> DetailScreen:
    """Put the cursor on a submission's row and press Enter; the details screen once it is read."""
    from themeday_office.tui.screens.details import DetailScreen

    app = app_of(pilot)
    queue = table(app)
    queue.move_cursor(row=queue.get_row_index(str(submission_id)))
    await pilot.press("enter")
    return await wait_until(
        pilot, lambda: isinstance(app.screen, DetailScreen) and app.screen.details is not None
        and app.screen.details.submission.id == submission_id and app.screen, "详情读入")
