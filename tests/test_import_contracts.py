"""Dependencies point one way (DESIGN.md §4): checked statically and at run time."""

import shutil
import subprocess
import sys

from .conftest import REPO


def test_import_linter_contracts_hold():
    lint = shutil.which("lint-imports")
    assert lint, "import-linter must be installed with the test extras"
    result = subprocess.run([lint], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.lower().replace("0 broken", "")


def test_importing_the_domain_loads_no_ui_file_format_or_database():
    # A static graph cannot prove a deferred import stays deferred: ask a fresh interpreter.
    code = (
        "import sys, themeday_office.domain.calendar, themeday_office.domain.themes, themeday_office.domain.rules\n"
        "import pkgutil, importlib, themeday_office.domain as d\n"
        "for m in pkgutil.walk_packages(d.__path__, d.__name__ + '.'): importlib.import_module(m.name)\n"
        "bad = {'textual', 'sqlite3', '_sqlite3', 'docx', 'openpyxl', 'python_calamine', 'watchdog'} & set(sys.modules)\n"
        "print(sorted(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
