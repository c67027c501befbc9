"""The clerk's tasks, each written once for both front ends (DESIGN.md §4).

One function per task (decide, import, generate, issue, rollup view, templates, backup,
demo): the workspace and a clock in, a plain frozen result carrying its Chinese sentences
out. `cli/` parses arguments and prints results; `tui/` calls the same functions from its
worker threads and shows them. Nothing here touches a widget or imports Textual, and every
function blocks until its task is done.

Heavy parts (python-docx, openpyxl, the parser processes) load inside the functions that
need them: the command line imports this package for every command.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Now, to the second: what a front end passes when nothing fixes the time (tests do)."""
    return datetime.now().replace(microsecond=0)
