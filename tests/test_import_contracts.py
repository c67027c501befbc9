"""Dependencies point one way (DESIGN.md §4): checked statically and at run time."""

import os
import subprocess
import sys

from .conftest import REPO

# What the `lint-imports` script runs, from this interpreter: the script is on PATH only while
# its environment is activated, and a venv's python runs the tests without that too.
LINT_IMPORTS = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"


def test_import_linter_contracts_hold():
    env = {**os.environ, "PATH": os.defpath}  # nothing found through PATH: as in an unactivated venv
    result = subprocess.run([sys.executable, "-c", LINT_IMPORTS, "--no-logo"], cwd=REPO, env=env,
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "kept, 0 broken." in result.stdout, result.stdout  # the contracts were read and checked
    assert "broken" not in result.stdout.lower().replace("0 broken", "")


def test_importing_the_domain_loads_no_ui_file_format_or_database():
    # A static graph cannot prove a deferred import stays deferred: ask a fresh interpreter.
    code = (
        "import sys, themeday_office.domain.calendar, themeday_office.domain.themes, themeday_office.domain.rules\n"
        "import pkgutil, importlib, themeday_office.domain as d\n"
        "for m in pkgutil.walk_packages(d.__path__, d.__name__ + '.'): importlib.import_module(m.name)\n"
        "bad = {'textual', 'sqlite3', '_sqlite3', 'docx', 'openpyxl', 'python_calamine', 'watchdog'}"
        " & set(sys.modules)\n"
        "print(sorted(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_importing_the_office_layer_loads_no_textual():
    # Both front ends call the office layer; the command line must not pay for (or depend on) the app.
    code = (
        "import sys, pkgutil, importlib, themeday_office.office as o\n"
        "for m in pkgutil.walk_packages(o.__path__, o.__name__ + '.'): importlib.import_module(m.name)\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
