"""Every screen at 80×24 and 120×30: names shortened with an ASCII ellipsis, the 汇总 table in sight."""

from __future__ import annotations

from rich.cells import cell_len

from themeday_office.tui.shortening import ELLIPSIS, shorten
from themeday_office.tui.widgets.queue_table import NAME_MIN, column_widths

from .pilot import SMALL, loaded, make_app, run, table, wait_until
from .test_rollup import open_rollup

NAME = "古荥镇党委2017年3月主题党日活动开展情况统计表.xlsx"


def test_shortening_counts_chinese_as_two_cells_and_keeps_the_extension():
    assert shorten(NAME, 80) == NAME
    for width in range(5, cell_len(NAME)):
        end, middle = shorten(NAME, width), shorten(NAME, width, middle=True)
        assert cell_len(end) <= width and cell_len(middle) <= width
        assert end.endswith(ELLIPSIS) and ELLIPSIS in middle
        assert width - cell_len(middle) <= 1  # at most the half of a Chinese character left over
    assert shorten(NAME, 18, middle=True).endswith("表.xlsx")
    # Never "…": terminals with a Chinese font draw it two cells wide while Rich counts one.
    assert "…" not in ELLIPSIS and ELLIPSIS.isascii()


def test_the_file_name_takes_what_the_other_columns_leave():
    wide, narrow = column_widths(114), column_widths(76)  # 120 and 80 columns, less padding and scroll bar
    assert wide["name"] >= NAME_MIN and wide["arrived"] == 11
    assert narrow["arrived"] == 5 and narrow["name"] >= 16
    for room, widths in ((114, wide), (76, narrow)):
        assert sum(widths.values()) + 2 * len(widths) == room


def test_at_80x24_the_inbox_fits_without_scrolling_sideways(workspace, march):
    async def scenario():
        app = make_app(workspace)
        async with app.run_test(size=SMALL) as pilot:
            await loaded(pilot)
            # As the snapshots do: the first count of the inbox's ignored files arrives before the end.
            await wait_until(pilot, lambda: app.ignored is not None, "忽略文件计数")
            queue = table(app)
            assert queue.virtual_size.width <= queue.scrollable_content_region.width
            # The full name stays in the row (the search and the tests read it); it is drawn shortened.
            row = queue.get_row(str(march.ids[march.invalid_monthly]))
            assert row[-1].plain == march.invalid_monthly
            line = queue.render_line(2).text  # the header, then the first rows
            assert ELLIPSIS in line and "…" not in line

    run(scenario())


def test_the_rollup_table_keeps_eight_rows_and_the_charts_go_when_there_is_no_room(workspace):
    for size, charts in ((SMALL, False), ((120, 30), True)):  # five committees: both fit at 120×30
        async def scenario(size=size, charts=charts):
            app = make_app(workspace)
            async with app.run_test(size=size) as pilot:
                pane = await open_rollup(pilot)
                await pilot.pause()
                rollup_table = pane.query_one("#rollup-table")
                assert rollup_table.size.height >= 1 + 8 + 1, size  # header, 8 rows, a scroll bar
                assert pane.has_class("-charts") is charts, size
                assert pane.query_one("#rollup-charts").display is charts, size

        run(scenario())
