"""日历 and 组织: the year's dates, themes and missing plans; the roster, its versions and imports."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from themeday_office.office.roster import RosterImport
from themeday_office.synthetic import make_district, write_roster_xlsx
from themeday_office.tui.widgets.calendar_pane import CalendarPane
from themeday_office.tui.widgets.roster_pane import RosterPane

from .pilot import SIZE, app_of, content_text, loaded, make_app, run, wait_until


async def open_calendar(pilot: Pilot[None]) -> CalendarPane:
    await loaded(pilot)
    await pilot.press("alt+4")
    pane = app_of(pilot).main_screen.query_one(CalendarPane)
    await wait_until(pilot, lambda: pane.calendar is not None, "日历读入")
    await pilot.pause()
    return pane


async def open_roster(pilot: Pilot[None]) -> RosterPane:
    await loaded(pilot)
    await pilot.press("alt+5")
    pane = app_of(pilot).main_screen.query_one(RosterPane)
    await wait_until(pilot, lambda: pane.view is not None, "组织名册读入")
    await pilot.pause()
    return pane


def test_calendar_shows_the_working_year_and_steps_to_the_next(workspace):
    async def scenario():
        app = make_app(workspace)
        async with app.run_test(size=SIZE) as pilot:
            pane = await open_calendar(pilot)
            cal = pane.calendar
            assert cal is not None
            assert cal.year == 2017 and len(cal.months) == 12
            march = cal.months[2]
            assert march.day == date(2017, 3, 10) and march.themes  # the seed's themes of 2017
            assert cal.without_plan  # the synthetic March has no year plans
            shown = content_text(pane.query_one("#calendar-month"))
            assert "1月" in shown and "指导性主题" in shown
            await pilot.press("right_square_bracket")
            await wait_until(pilot, lambda: pane.calendar is not None and pane.calendar.year == 2018, "下一年读入")
            assert "未导入2018年的指导性主题" in content_text(pane.query_one("#calendar-title"))

    run(scenario())


def _bad_roster(march_root, tmp_path):
    """A roster whose first branch names a committee that does not exist."""
    good = tmp_path / "组织架构_新.xlsx"
    write_roster_xlsx(make_district(seed=7, branches=40), good)
    book = openpyxl.load_workbook(good)
    book["党支部"].cell(2, 2).value = "不存在的党委"
    bad = tmp_path / "组织架构_有错.xlsx"
    book.save(bad)
    return good, bad


def test_roster_import_refuses_errors_and_adds_a_good_version(workspace, march, tmp_path):
    good, bad = _bad_roster(march.root, tmp_path)

    async def import_file(pilot: Pilot[None], pane: RosterPane, path: Path, effective: str) -> RosterImport:
        done = pane.last_import
        await pilot.press("f3")
        await pilot.pause()
        dialog = pilot.app.screen
        dialog.query_one("#roster-path", Input).value = str(path)
        dialog.query_one("#roster-effective", Input).value = effective
        await pilot.press("enter")
        await wait_until(pilot, lambda: pane.last_import is not done, "导入结束", timeout=60)
        await pilot.pause()
        assert pane.last_import is not None
        return pane.last_import

    async def scenario():
        app = make_app(workspace)
        async with app.run_test(size=SIZE) as pilot:
            pane = await open_roster(pilot)
            view, shown, ledger = pane.view, pane.shown, app.ledger
            assert view is not None and shown is not None and ledger is not None
            assert len(view.versions) == 1 and shown.id == view.in_force
            assert pane.query_one("#roster-committees", DataTable).row_count == len(shown.roster.committees)

            refused = await import_file(pilot, pane, bad, "2017-07-01")
            assert not refused.ok
            assert any("不存在的党委" in text for _s, text in refused.messages)
            assert "未导入" in content_text(pane.query_one("#roster-messages"))
            assert len(ledger.roster_versions()) == 1

            imported = await import_file(pilot, pane, good, "2017-07-01")
            assert imported.ok
            view = await wait_until(pilot, lambda: pane.view is not None and len(pane.view.versions) == 2 and pane.view,
                                    "新版本列出")
            assert len(ledger.roster_versions()) == 2
            # Judged on the app's day (2017-03-14), the July version is not yet in force.
            assert view.in_force == view.versions[0].id

    run(scenario())


def test_snapshot_calendar(workspace, snap_compare):
    async def run_before(pilot) -> None:
        pane = await open_calendar(pilot)
        pane.query_one("#calendar-months", DataTable).move_cursor(row=2)
        await pilot.pause()

    assert snap_compare(make_app(workspace), terminal_size=SIZE, run_before=run_before)


def test_snapshot_roster(workspace, snap_compare):
    async def run_before(pilot) -> None:
        await open_roster(pilot)

    assert snap_compare(make_app(workspace), terminal_size=SIZE, run_before=run_before)


def test_a_year_without_holiday_data_is_flagged(workspace):
    from themeday_office.ledger import Ledger
    from themeday_office.tui.calendar_data import load_calendar_year

    with Ledger.open(workspace.state) as ledger:
        cal = load_calendar_year(workspace, ledger, 2027)
    assert all(m.data_missing and "节假日数据缺失" in (m.warning or "") for m in cal.months)
    assert not cal.themes_known
