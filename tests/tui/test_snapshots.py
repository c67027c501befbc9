"""SVG snapshots at a fixed size with Chinese content: fixed ledger times, no watcher, no cursor blink.

Update after an intended change with `pytest tests/tui/test_snapshots.py --snapshot-update`,
then look at the SVGs (snapshot_report.html shows the differences).
"""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import DataTable, TabbedContent

from .pilot import SIZE, SMALL, app_of, loaded, make_app, open_details, wait_until
from .test_calendar_roster import open_calendar, open_roster
from .test_documents import generated
from .test_rollup import open_rollup


async def _inbox_ready(pilot: Pilot[None]) -> None:
    await loaded(pilot)
    # The count of ignored files arrives with the first look at the inbox.
    app = app_of(pilot)
    await wait_until(pilot, lambda: app.ignored is not None, "忽略文件计数")
    await pilot.pause()


def test_inbox(workspace, snap_compare):
    assert snap_compare(make_app(workspace), terminal_size=SIZE, run_before=_inbox_ready)


def test_details_of_a_file_with_errors(workspace, march, snap_compare):
    async def run_before(pilot) -> None:
        await _inbox_ready(pilot)
        await open_details(pilot, march.ids[march.invalid_monthly])

    assert snap_compare(make_app(workspace), terminal_size=SIZE, run_before=run_before)


def test_parsed_table_with_the_bad_cell_marked(workspace, march, snap_compare):
    async def run_before(pilot) -> None:
        await _inbox_ready(pilot)
        screen = await open_details(pilot, march.ids[march.unknown_branch])
        screen.query_one("#detail-tabs", TabbedContent).active = "preview"

    assert snap_compare(make_app(workspace), terminal_size=SIZE, run_before=run_before)


def test_reject_dialog(workspace, march, snap_compare):
    async def run_before(pilot) -> None:
        await _inbox_ready(pilot)
        await open_details(pilot, march.ids[march.invalid_monthly])
        await pilot.press("f6", *"缺少支部")

    assert snap_compare(make_app(workspace), terminal_size=SIZE, run_before=run_before)


# ---- every screen at 80×24 ----------------------------------------------------------------


def test_inbox_at_80x24(workspace, snap_compare):
    assert snap_compare(make_app(workspace), terminal_size=SMALL, run_before=_inbox_ready)


def test_details_at_80x24(workspace, march, snap_compare):
    async def run_before(pilot) -> None:
        await _inbox_ready(pilot)
        await open_details(pilot, march.ids[march.invalid_monthly])

    assert snap_compare(make_app(workspace), terminal_size=SMALL, run_before=run_before)


def test_rollup_at_80x24(workspace, snap_compare):
    async def run_before(pilot) -> None:
        await open_rollup(pilot)

    assert snap_compare(make_app(workspace), terminal_size=SMALL, run_before=run_before)


def test_documents_at_80x24(workspace, snap_compare):
    async def run_before(pilot) -> None:
        await generated(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(make_app(workspace), terminal_size=SMALL, run_before=run_before)


def test_calendar_at_80x24(workspace, snap_compare):
    async def run_before(pilot) -> None:
        pane = await open_calendar(pilot)
        pane.query_one("#calendar-months", DataTable).move_cursor(row=2)
        await pilot.pause()

    assert snap_compare(make_app(workspace), terminal_size=SMALL, run_before=run_before)


def test_roster_at_80x24(workspace, snap_compare):
    async def run_before(pilot) -> None:
        await open_roster(pilot)

    assert snap_compare(make_app(workspace), terminal_size=SMALL, run_before=run_before)


def test_help_at_80x24(workspace, snap_compare):
    async def run_before(pilot) -> None:
        await _inbox_ready(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(make_app(workspace), terminal_size=SMALL, run_before=run_before)
