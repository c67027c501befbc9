"""The `themeday` program's own process: settings it makes that in-process calls of `main` do not."""

from __future__ import annotations

import gc
import subprocess
import sys

from themeday_office.cli import main


def test_the_program_collects_cycles_rarely_and_main_leaves_the_caller_alone(capsys):
    code = ("import gc, sys\n"
            "from themeday_office.cli import run\n"
            "sys.argv = ['themeday', '--version']\n"
            "try:\n    run()\nexcept SystemExit as stop:\n    print(stop.code, gc.get_threshold()[0])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split()[-2:] == ["0", "50000"]

    before = gc.get_threshold()
    try:
        main(["--version"])
    except SystemExit:
        pass
    capsys.readouterr()
    assert gc.get_threshold() == before
