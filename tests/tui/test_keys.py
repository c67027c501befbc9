"""Keys: every binding has an id, [tui] keymap rebinds it, F1 and the command palette list each screen's
commands; the `themeday` command starts the app."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.binding import Binding
from textual.command import CommandList
from textual.pilot import Pilot

from themeday_office.cli import main, tui_cmd
from themeday_office.tui.app import ThemedayApp, known_binding_ids
from themeday_office.tui.dialogs.help import HelpDialog
from themeday_office.tui.dialogs.reason import ReasonDialog
from themeday_office.tui.screens.details import DetailScreen
from themeday_office.tui.screens.main import MainScreen
from themeday_office.tui.settings import TuiSettings
from themeday_office.workspace import Workspace

from .pilot import (
    SIZE,
    content_text,
    loaded,
    make_app,
    open_details,
    palette_open,
    run,
    table,
    wait_until,
)


def test_every_binding_has_an_id():
    for owner in (ThemedayApp, MainScreen, DetailScreen, ReasonDialog, HelpDialog):
        assert all(isinstance(binding, Binding) and binding.id for binding in owner.BINDINGS), owner.__name__
    assert {"accept", "reject", "open-original", "open-return", "details", "search", "back", "help", "quit"} <= (
        known_binding_ids())


async def _dialog_after(pilot: Pilot[None], key: str) -> ReasonDialog | None:
    await pilot.press(key)
    await pilot.pause()
    return pilot.app.screen if isinstance(pilot.app.screen, ReasonDialog) else None


def test_a_keymap_rebinds_an_action(workspace, march):
    invalid = march.ids[march.invalid_monthly]

    async def scenario():
        app = make_app(workspace, settings=TuiSettings(keymap={"accept": "f9", "no-such-action": "f12"}))
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            table(app).move_cursor(row=table(app).get_row_index(str(invalid)))
            assert await _dialog_after(pilot, "f5") is None
            dialog = await _dialog_after(pilot, "f9")
            assert dialog is not None and dialog.confirm == "通过"
            await pilot.press("escape")
            assert app.get_key_display(app.main_screen.active_bindings["f9"].binding) == "F9"
            assert any("no-such-action" in n.message for n in app._notifications)

    run(scenario())


def test_a_keymap_in_themeday_toml_rebinds_an_action(workspace, march):
    settings_file = workspace.root / "themeday.toml"
    text = settings_file.read_text(encoding="utf-8")
    assert "\n[tui]\n" in text  # the generated file has the section; the clerk fills in a key
    settings_file.write_text(text.replace("\n[tui]\n", '\n[tui]\nkeymap = { reject = "ctrl+r" }\n'), encoding="utf-8")
    workspace = Workspace.open(workspace.root)

    async def scenario():
        app = ThemedayApp(workspace, run_watcher=False, cursor_blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            table(app).move_cursor(row=table(app).get_row_index(str(march.ids[march.invalid_monthly])))
            assert await _dialog_after(pilot, "f6") is None
            dialog = await _dialog_after(pilot, "ctrl+r")
            assert dialog is not None and dialog.confirm == "退回"

    run(scenario())


def test_the_palette_and_f1_list_the_commands_of_each_screen(workspace, march):
    async def scenario():
        app = make_app(workspace)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            main_commands = {c.title for c in app.get_system_commands(app.main_screen)}
            assert {
                "详情",
                "搜索",
                "清除筛选",
                "通过",
                "退回",
                "原表",
                "退回包",
                "帮助",
                "退出",
                "切换配色",
            } <= main_commands

            await pilot.press("f1")
            help_dialog = await wait_until(pilot, lambda: isinstance(app.screen, HelpDialog) and app.screen, "按键帮助")
            keys = content_text(help_dialog.query_one("#help-keys Static"))
            assert "F5" in keys and "accept" in keys and "open-return" in keys
            await pilot.press("escape")

            details = await open_details(pilot, march.ids[march.invalid_monthly])
            detail_commands = {c.title for c in app.get_system_commands(details)}
            assert "返回" in detail_commands and "通过" in detail_commands and "搜索" not in detail_commands

            # Run one from the palette: 退回 opens the reason dialog for this submission.
            await pilot.press("ctrl+p")
            await wait_until(pilot, lambda: palette_open(app), "命令面板")
            await pilot.press(*"退回")
            hits = await wait_until(pilot, lambda: _palette_hits(app), "命令面板列出匹配的命令")
            assert set(hits) == {"退回", "退回包"}
            app.screen.query_one(CommandList).highlighted = hits.index("退回")
            await pilot.press("enter")
            dialog = await wait_until(pilot, lambda: isinstance(app.screen, ReasonDialog) and app.screen, "退回对话框")
            assert dialog.confirm == "退回" and str(march.ids[march.invalid_monthly]) in dialog.subject

    run(scenario())


def _palette_hits(app: ThemedayApp) -> list[str]:
    if not palette_open(app):
        return []
    found = app.screen.query(CommandList)
    if not found:
        return []
    commands = found.first()
    return [str(commands.get_option_at_index(i).prompt).splitlines()[0] for i in range(commands.option_count)]


def test_a_bare_themeday_starts_the_app_and_help_still_prints(workspace, monkeypatch, capsys):
    started: list[tuple[Path, dict[str, object]]] = []

    def run_app(ws: Workspace, **options: object) -> int:
        started.append((ws.root, options))
        return 0

    monkeypatch.setattr(tui_cmd, "run_app", run_app)

    monkeypatch.setattr(tui_cmd, "interactive", lambda: True)
    assert main(["-w", str(workspace.root)]) == 0
    assert started == [(workspace.root, {"actor": None, "run_watcher": None})]
    assert main(["tui", "--no-watch", "--by", "王五", "-w", str(workspace.root)]) == 0
    assert started[-1] == (workspace.root, {"actor": "王五", "run_watcher": False})

    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0 and "命令" in capsys.readouterr().out
    assert len(started) == 2

    monkeypatch.setattr(tui_cmd, "interactive", lambda: False)  # in a pipe: the help, not a full-screen app
    assert main(["-w", str(workspace.root)]) == 0
    assert "用法" in capsys.readouterr().out and len(started) == 2


def test_the_command_line_loads_textual_only_for_the_app():
    # A static import graph cannot show that tui_cmd defers its import: ask a fresh interpreter.
    import subprocess
    import sys

    code = "import sys, themeday_office.cli; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
