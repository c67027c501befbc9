"""The lint and type gate: ruff and mypy, as configured in pyproject.toml, exit clean.

Both run from the interpreter running the tests (the `test` extra installs them), on the
repository; mypy keeps its cache in .mypy_cache (git-ignored), so a second run takes seconds.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, timeout=300)


def test_ruff_finds_nothing() -> None:
    result = _run("ruff", "check", "--no-cache", ".")
    assert result.returncode == 0, f"ruff check failed:\n{result.stdout}{result.stderr}"


def test_mypy_finds_nothing() -> None:
    result = _run("mypy")  # the files and flags are pyproject.toml's
    assert result.returncode == 0, f"mypy failed:\n{result.stdout}{result.stderr}"
