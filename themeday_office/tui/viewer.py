"""Opening a file with the system's own viewer (Excel, WPS, Word), where there is one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

Viewer = Callable[[Path], bool]


def open_in_system_viewer(path: Path) -> bool:
    """Hand `path` to the desktop's default application; False when this machine has none."""
    if os.name == "nt":
        os.startfile(path)  # type: ignore[attr-defined]  # Windows only
        return True
    if sys.platform == "darwin":
        command = shutil.which("open")
    elif os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        command = shutil.which("xdg-open")
    else:
        # A console without a desktop: xdg-open would start a text browser inside our terminal.
        command = None
    if command is None:
        return False
    subprocess.Popen(
        [command, str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    return True
