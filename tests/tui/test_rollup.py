"""汇总: the working month's figures, sorting, a figure's sources, other views and periods, export."""

from __future__ import annotations

from textual.coordinate import Coordinate
from textual.pilot import Pilot
from textual.widgets import DataTable

from themeday_office.rollup import Rollup
from themeday_office.tui.rollup_view import figures_of, sort_value
from themeday_office.tui.widgets.rollup_pane import RollupPane

from .pilot import SIZE, app_of, content_text, loaded, make_app, run, wait_until


async def open_rollup(pilot: Pilot[None]) -> RollupPane:
    await loaded(pilot)
    await pilot.press("alt+2")
    pane = app_of(pilot).main_screen.query_one(RollupPane)
    await wait_until(pilot, lambda: pane.result is not None, "汇总读入", timeout=60)
    await pilot.pause()
    return pane


def figures(pane: RollupPane) -> Rollup:
    """The figures the pane shows (it has read them)."""
    assert pane.result is not None
    return figures_of(pane.result)


def test_sort_trace_switch_and_export(workspace, march):
    async def scenario():
        app = make_app(workspace)
        async with app.run_test(size=SIZE) as pilot:
            pane = await open_rollup(pilot)
            assert str(pane.period) == "2017-03"
            table = pane.query_one("#rollup-table", DataTable)
            committees = figures(pane).views["committee"]
            assert table.row_count == len(committees) + 1  # and 全区

            held = next(i for i, c in enumerate(table.ordered_columns) if c.key.value == "held_rate")
            table.move_cursor(row=0, column=held)
            await pilot.press("s")
            order = [str(table.coordinate_to_cell_key(Coordinate(row, 0)).row_key.value)
                     for row in range(table.row_count)]
            rates = [sort_value(committees[name].get("held_rate")) for name in order[:-1]]
            assert rates == sorted(rates, reverse=True) and order[-1] == "全区"

            table.move_cursor(row=0, column=held)
            await pilot.press("enter")
            await wait_until(pilot, lambda: pane.traced is not None, "数字来源")
            assert pane.traced is not None
            _row, column, ids = pane.traced
            assert column == "held_rate" and ids and ids <= set(march.ids.values())
            assert f"编号 {min(ids)}" in content_text(pane.query_one("#rollup-trace"))

            await pilot.press("v")
            assert pane.view == "type"
            assert table.row_count == len(figures(pane).views["type"]) + 1
            await pilot.press("v")
            assert pane.view == "group" and table.row_count == len(figures(pane).views["group"]) + 1
            await pilot.press("p")
            await wait_until(pilot, lambda: str(pane.period) == "2017Q1", "季度汇总")
            await pilot.press("x")
            exported = await wait_until(pilot, lambda: pane.exported, "导出汇总表", timeout=60)
            assert exported.is_file() and exported.name.endswith("2017Q1.xlsx")

    run(scenario())


def test_snapshot_rollup(workspace, snap_compare):
    async def run_before(pilot) -> None:
        await open_rollup(pilot)

    assert snap_compare(make_app(workspace), terminal_size=SIZE, run_before=run_before)


def test_the_figures_follow_the_ledger(workspace, march):
    from themeday_office.ledger import Ledger

    accepted = march.ids[march.short_duration]

    async def scenario():
        app = make_app(workspace)
        async with app.run_test(size=SIZE) as pilot:
            pane = await open_rollup(pilot)
            table = pane.query_one("#rollup-table", DataTable)
            table.move_cursor(row=1, column=2)
            before = pane.result
            assert before is not None
            with Ledger.open(workspace.state) as other:  # another clerk, or `themeday reject`
                other.reject(accepted, "李四", "数据有误")
            await wait_until(pilot, lambda: pane.result is not before, "汇总随台账刷新")
            assert figures(pane).district != figures_of(before).district
            assert (table.cursor_coordinate.row, table.cursor_coordinate.column) == (1, 2)

            # Not on screen: read again only when shown.
            await pilot.press("alt+1")
            shown = pane.result
            with Ledger.open(workspace.state) as other:
                other.accept(march.ids[march.invalid_monthly], "李四", "已核实")
            await wait_until(pilot, lambda: app.main_screen._rollup_stale, "台账变化被记下")
            assert pane.result is shown
            await pilot.press("alt+2")
            await wait_until(pilot, lambda: pane.result is not shown, "切回汇总时重新汇总")

    run(scenario())
