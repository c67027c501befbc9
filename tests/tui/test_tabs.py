"""The second part's tabs: each one's keys have ids, are palette commands, and act only on their tab."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Footer, Input, Select
from textual.widgets._footer import FooterKey

from themeday_office.tui.app import ThemedayApp, known_binding_ids
from themeday_office.tui.bindings import TAB_ORDER, commands_of
from themeday_office.tui.dialogs.confirm import ConfirmDialog
from themeday_office.tui.dialogs.help import HelpDialog
from themeday_office.tui.dialogs.practices import PracticesDialog
from themeday_office.tui.dialogs.roster_import import RosterImportDialog
from themeday_office.tui.screens.main import MainScreen
from themeday_office.tui.widgets.queue_table import QueueTable

from .pilot import SIZE, SMALL, content_text, loaded, make_app, run, wait_until

TAB_IDS = {
    "rollup-view", "rollup-period", "rollup-sort", "rollup-export",
    "documents-generate", "documents-issue", "documents-open", "documents-practices",
    "calendar-previous-year", "calendar-next-year", "roster-import",
    "tab-inbox", "tab-rollup", "tab-documents", "tab-calendar", "tab-roster",
}


def test_each_tab_has_keys_with_ids_in_the_palette(workspace):
    for owner in (MainScreen, RosterImportDialog, ConfirmDialog, PracticesDialog):
        assert all(isinstance(binding, Binding) and binding.id for binding in owner.BINDINGS), owner.__name__
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


# ---- keys that reach the app in every terminal (tmux turns Alt+2 into another character) ----


def test_digits_switch_tabs_unless_a_field_has_the_focus(workspace):
    async def scenario():
        app = make_app(workspace)
        async with app.run_test(size=SMALL) as pilot:
            await loaded(pilot)
            screen = app.main_screen
            assert isinstance(app.focused, QueueTable)
            await pilot.press("2")
            assert screen.tab == "rollup"
            await pilot.press("5")
            assert screen.tab == "roster"
            await pilot.press("1")
            assert screen.tab == "inbox"

            # In the search field a digit is typed, not a tab shown.
            await pilot.press("f2")
            search = screen.query_one("#filter-search", Input)
            assert app.focused is search
            await pilot.press("2", "7")
            assert search.value == "27" and screen.tab == "inbox"
            # ...and the footer does not offer the digits meanwhile.
            assert "tab-rollup-digit" not in _enabled(screen)
            # Esc gives the keys back to the list, the search kept; so does Enter in a field.
            await pilot.press("escape")
            assert isinstance(app.focused, QueueTable) and search.value == "27"
            await pilot.press("2")
            assert screen.tab == "rollup"
            await pilot.press("1", "f2", "backspace", "backspace", "enter")
            assert isinstance(app.focused, QueueTable) and search.value == ""

            # On a closed list the digits are the tabs'; an open list jumps to the option typed.
            state = screen.query_one("#filter-state", Select)
            state.focus()
            await pilot.pause()
            await pilot.press("enter")
            assert state.expanded
            await pilot.press("3")
            assert screen.tab == "inbox"
            await pilot.press("escape")
            assert not state.expanded
            await pilot.press("3")
            assert screen.tab == "documents"
            await pilot.press("1")

            # Alt+2 still works where the terminal passes it on.
            await pilot.press("alt+2")
            assert screen.tab == "rollup"

    run(scenario())


def test_ctrl_page_down_and_up_go_round_the_tabs(workspace):
    async def scenario():
        app = make_app(workspace)
        async with app.run_test(size=SMALL) as pilot:
            await loaded(pilot)
            screen = app.main_screen
            seen = []
            for _ in TAB_ORDER:
                await pilot.press("ctrl+pagedown")  # a focused table would scroll sideways with it
                seen.append(screen.tab)
            assert seen == [*TAB_ORDER[1:], TAB_ORDER[0]]
            await pilot.press("ctrl+pageup")
            assert screen.tab == TAB_ORDER[-1]
            await pilot.press("ctrl+pageup")
            assert screen.tab == TAB_ORDER[-2]
            # From the search field, too.
            await pilot.press("1", "f2", "ctrl+pagedown")
            assert screen.tab == "rollup"

    run(scenario())


def test_the_footer_shows_the_tab_keys_within_80_columns(workspace):
    async def scenario():
        app = make_app(workspace)
        async with app.run_test(size=SMALL) as pilot:
            await loaded(pilot)
            for tab in TAB_ORDER:
                app.main_screen.show_tab(tab)
                await pilot.pause()
                await pilot.pause()
                keys = list(app.main_screen.query_one(Footer).query(FooterKey))
                palette = next(k for k in keys if k.has_class("-command-palette"))
                shown = [k for k in keys if k is not palette]
                assert "1-5" in [k.key_display for k in shown], tab
                assert max(k.region.right for k in shown) <= palette.region.x, tab

    run(scenario())


def test_the_tab_keys_have_ids_and_f1_lists_them(workspace):
    ids = {"tab-previous", "tab-next", *(f"tab-{tab}-digit" for tab in TAB_ORDER)}
    assert ids <= known_binding_ids()
    all_ids = [b.id for owner in (MainScreen, ThemedayApp) for b in owner.BINDINGS if isinstance(b, Binding)]
    assert len(all_ids) == len(set(all_ids))

    async def scenario():
        app = make_app(workspace)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            # The palette offers each tab once (the digits are the Alt keys' alternates).
            titles = [c.title for c in app.get_system_commands(app.main_screen)]
            assert titles.count("切换到汇总") == 1 and "切换到下一页" in titles
            await pilot.press("f1")
            dialog = await wait_until(pilot, lambda: isinstance(app.screen, HelpDialog) and app.screen, "按键帮助")
            keys = content_text(dialog.query_one("#help-keys Static"))
            assert "Alt+2 或 2" in keys and "tab-rollup-digit" in keys
            assert "Ctrl+PgDn" in keys and "tab-next" in keys
            assert "[tui]" in content_text(dialog.query_one("#dialog-explanation"))

    run(scenario())


def _enabled(screen) -> set[str]:
    return {a.binding.id for a in screen.active_bindings.values() if a.enabled}
