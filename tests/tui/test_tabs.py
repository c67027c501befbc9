"""The second part's tabs: each one's keys have ids, are palette commands, and act only on their tab."""

from __future__ import annotations

from themeday_office.tui.app import known_binding_ids
from themeday_office.tui.bindings import commands_of
from themeday_office.tui.dialogs.confirm import ConfirmDialog
from themeday_office.tui.dialogs.roster_import import RosterImportDialog
from themeday_office.tui.screens.main import MainScreen

from .pilot import SIZE, loaded, make_app, run

TAB_IDS = {
    "rollup-view", "rollup-period", "rollup-sort", "rollup-export",
    "documents-generate", "documents-issue", "documents-open",
    "calendar-previous-year", "calendar-next-year", "roster-import",
    "tab-inbox", "tab-rollup", "tab-documents", "tab-calendar", "tab-roster",
}


def test_each_tab_has_keys_with_ids_in_the_palette(workspace):
    for owner in (MainScreen, RosterImportDialog, ConfirmDialog):
        assert all(binding.id for binding in owner.BINDINGS), owner.__name__
    assert TAB_IDS <= known_binding_ids()

    async def scenario():
        app = make_app(workspace)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            assert TAB_IDS <= {binding.id for binding, _node in commands_of(app.main_screen)}
            # On the 收件箱 the other tabs' keys are not in force (and not in the footer)...
            shown = {a.binding.id for a in app.main_screen.active_bindings.values() if a.enabled}
            assert "rollup-sort" not in shown and "accept" in shown
            # ...the palette's command goes to its tab.
            await app.run_command("rollup_sort", app.main_screen)
            await pilot.pause()
            assert app.main_screen.tab == "rollup"
            shown = {a.binding.id for a in app.main_screen.active_bindings.values() if a.enabled}
            assert "rollup-sort" in shown and "accept" not in shown

    run(scenario())
