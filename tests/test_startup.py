"""The program starts light: `themeday --help` loads no command, a command loads only its own module
(issue 25). Asserted on what a fresh `themeday` process has imported, never on timings;
bench/startup.py measures the time."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from themeday_office.cli import COMMANDS, build_parser, commands

HEAVY = ("themeday_office.readers", "themeday_office.ledger", "themeday_office.workspace", "openpyxl", "docx",
         "textual", "pydantic", "rich")


# The program as `themeday` runs it, then the names of the modules it imported (after --help's exit).
PROGRAM = """
import atexit, sys
atexit.register(lambda: print("\\n".join(sorted(sys.modules)), file=sys.stderr))
from themeday_office.cli import run
sys.argv = ["themeday", *sys.argv[1:]]
run()
"""


def imported(*args: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", PROGRAM, *args], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    return set(out.stderr.split())


def test_the_command_table_says_what_each_module_registers():
    parser = build_parser()  # every command in full
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {c.dest: c.help for c in sub._choices_actions}
    assert [name for name, _, _ in COMMANDS] == list(sub.choices), "the same commands, in the same order"
    assert {name: text for name, _, text in COMMANDS} == helps
    for name, module_name, _ in COMMANDS:
        (module,) = commands((name,))
        assert module.__name__ == f"themeday_office.cli.{module_name}"


def test_help_loads_no_command_and_nothing_heavy():
    modules = imported("--help")
    assert not {m for m in modules if m.startswith("themeday_office.cli.") and m.endswith("_cmd")}
    assert not {m for m in modules if m.startswith(HEAVY)}


@pytest.mark.parametrize(("argv", "module"), [(["check", "--help"], "check_cmd"), (["show", "--help"], "ledger_cmd")])
def test_a_command_loads_its_own_module_only(argv, module):
    loaded = {m for m in imported(*argv) if m.startswith("themeday_office.cli.") and m.endswith("_cmd")}
    assert loaded == {f"themeday_office.cli.{module}"}


def test_the_help_of_a_command_and_of_the_program_agree_in_a_usage_error(capsys):
    from themeday_office.cli import main

    with pytest.raises(SystemExit):
        main(["show"])  # its argument missing: the command's own usage, in Chinese
    assert "用法：themeday show" in capsys.readouterr().err
