"""SVG snapshots at a fixed size with Chinese content: fixed ledger times, no watcher, no cursor blink.

Update after an intended change with `pytest tests/tui/test_snapshots.py --snapshot-update`,
then look at the SVGs (snapshot_report.html shows the differences).
"""

from __future__ import annotations

from .pilot import SIZE, loaded, make_app, open_details, wait_until


async def _inbox_ready(pilot) -> None:
    await loaded(pilot)
    # The count of ignored files arrives with the first look at the inbox.
    await wait_until(pilot, lambda: pilot.app.ignored is not None, "忽略文件计数")
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
        screen.query_one("#detail-tabs").active = "preview"

    assert snap_compare(make_app(workspace), terminal_size=SIZE, run_before=run_before)


def test_reject_dialog(workspace, march, snap_compare):
    async def run_before(pilot) -> None:
        await _inbox_ready(pilot)
        await open_details(pilot, march.ids[march.invalid_monthly])
        await pilot.press("f6", *"缺少支部")

    assert snap_compare(make_app(workspace), terminal_size=SIZE, run_before=run_before)
