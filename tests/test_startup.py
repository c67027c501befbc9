"""The program starts light: `themeday --help` loads no command, a command loads only its own module
(issue 25). Asserted on what a fresh `themeday` process has imported, never on timings;
bench/startup.py measures the time."""

from __future__ import annotations

import argparse
import random
import subprocess
import sys

import pytest

from tests.workspaces import rostered_workspace
from themeday_office.cli import COMMANDS, build_parser, commands
from themeday_office.domain.period import Period
from themeday_office.synthetic import make_district, month_of, write_monthly_xlsx

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


# What `themeday check` leaves to its parser processes, or never needs for a spreadsheet: the
# parsers (calamine, python-docx), the form checks, the watcher, the app, the other programs.
NOT_FOR_CHECKING_IN_THE_PARENT = ("python_calamine", "docx", "openpyxl", "watchdog", "textual",
                                  "themeday_office.synthetic", "themeday_office.watch.watcher",
                                  "themeday_office.readers.workbook", "themeday_office.readers.document",
                                  "themeday_office.office", "themeday_office.render", "themeday_office.tui")


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


def test_check_leaves_the_parsers_and_the_rest_to_its_parser_processes(tmp_path):
    """`themeday check one.xlsx` imports what it uses (issue 25): the file is read and checked in a
    parser process, so the command itself loads no parser, and nothing of the other commands."""
    district = make_district(seed=2017, branches=40, committees=5)
    root = rostered_workspace(tmp_path, district)
    report = tmp_path / "月报.xlsx"
    month = month_of(district, district.committees[0].name, Period.of_month(2017, 3), rng=random.Random(1))
    write_monthly_xlsx(month, report)
    modules = imported("check", str(report), "-w", str(root))
    assert not {m for m in modules if m.startswith(NOT_FOR_CHECKING_IN_THE_PARENT)}
    assert "themeday_office.ingest.check" in modules, "the results come back as CheckResult"


@pytest.mark.parametrize("package", ["themeday_office.readers", "themeday_office.watch"])
def test_a_package_loads_its_names_on_first_use_and_each_is_what_it_names(package):
    """The names a package loads on first use (lazy_exports) are its __all__, and each is the thing
    itself, also once every module of the package has been imported directly (the module
    `readers.sniff`, imported first, once took the place of the function `readers.sniff`)."""
    fresh = f"""
import importlib, pkgutil, types
package = importlib.import_module({package!r})
assert set(package.WHERE) <= set(package.__all__)
assert all(name in package.WHERE or name in vars(package) for name in package.__all__)
for module in pkgutil.iter_modules(package.__path__):
    if module.name != "lo_bridge":  # LibreOffice's Python runs that one, not ours
        importlib.import_module(f"{package}.{{module.name}}")
for name in package.__all__:
    value = getattr(package, name)
    assert not isinstance(value, types.ModuleType), name
    if name in package.WHERE:
        assert getattr(importlib.import_module(package.WHERE[name]), name) is value, name
"""
    done = subprocess.run([sys.executable, "-c", fresh], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
