"""The domain imports no file formats, database or UI — checked at run time, in a fresh interpreter.

import-linter checks the static graph; this catches a deferred import that runs on import.
"""

import subprocess
import sys

FORBIDDEN = ("textual", "sqlite3", "docx", "openpyxl", "python_calamine", "watchdog")


def test_importing_the_whole_domain_loads_nothing_forbidden():
    code = (
        "import sys, pkgutil, importlib, themeday_office.domain as d\n"
        "for m in pkgutil.walk_packages(d.__path__, d.__name__ + '.'):\n"
        "    importlib.import_module(m.name)\n"
        f"print(sorted(n for n in sys.modules if n.split('.')[0] in {FORBIDDEN!r}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
