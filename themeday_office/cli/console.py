"""The console every command prints to.

Windows clerks often run under a GBK code page: keep output to characters GBK can
encode (no emoji, no box-drawing that fails there), and let Rich pick the width.
"""

from __future__ import annotations

import sys

from rich.console import Console


def make_console(stderr: bool = False) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    # errors="replace" keeps a clerk's console from crashing on an unencodable character.
    if hasattr(stream, "reconfigure"):
        try:
            stream.reconfigure(errors="replace")
        except (ValueError, OSError):
            pass
    # soft_wrap: long Chinese lines are wrapped by the terminal, not broken by Rich mid-sentence.
    return Console(file=stream, highlight=False, soft_wrap=True)
