"""A real pseudo-terminal for the clerk's programs: tmux on a private socket.

Pilot runs the app in-process, where sys.stderr, the terminal's keys and the process's exit
are not what a clerk's terminal has. Here `themeday` runs as its own process in a tmux pane
of a fixed size; the test types keys and reads the screen as text, as a person would.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

# Generous: a busy CI machine starts Python, Textual and a parser process in a few seconds.
START_S = 30.0
WAIT_S = 30.0


def require_tmux() -> str:
    """tmux's path; a skip on a developer's machine without it, a failure in CI (CI=true)."""
    found = shutil.which("tmux")
    if found is None:
        if os.environ.get("CI") != "true":
            pytest.skip("the real-terminal tests need tmux (apt-get install tmux)")
        pytest.fail("tmux is missing: .ci/run installs it")
    return found


class Terminal:
    """One tmux session running `argv` in `cwd` at `width`×`height`; the session ends with the program."""

    def __init__(self, argv: list[str], cwd: Path, *, width: int, height: int,
                 env: dict[str, str] | None = None) -> None:
        self.tmux = require_tmux()
        # A private server: the test neither sees nor disturbs anyone else's sessions. Its socket
        # path must stay short (a Unix socket's path is limited to ~100 bytes).
        self._socket_dir = Path(tempfile.mkdtemp(prefix="td-tmux-"))
        self.socket = self._socket_dir / "s"
        self.name = "themeday"
        environment = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", **(env or {})}
        exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in environment.items())
        # COLUMNS and LINES from the test's own environment would override the pane's size.
        command = f"cd {shlex.quote(str(cwd))} && exec env -u COLUMNS -u LINES {exports} {shlex.join(argv)}"
        # The pane stays after the program ends, so its last words (a traceback?) can be read.
        self._tmux("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), command,
                   ";", "set-option", "-t", self.name, "remain-on-exit", "on")

    def _tmux(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([self.tmux, "-S", str(self.socket), *args], capture_output=True, text=True,
                              timeout=30, check=False)

    def screen(self) -> str:
        """What the pane shows now, as text."""
        return self._tmux("capture-pane", "-p", "-t", self.name).stdout

    def send(self, *keys: str) -> None:
        """Keys in tmux's names: 'C-q', 'C-NPage', 'F1', 'Enter', or literal text such as '2'."""
        self._tmux("send-keys", "-t", self.name, *keys)

    def alive(self) -> bool:
        """Whether the program still runs (its pane stays, dead, once it has ended)."""
        shown = self._tmux("display-message", "-p", "-t", self.name, "#{pane_dead}")
        return shown.returncode == 0 and shown.stdout.strip() == "0"

    def wait_for(self, what: str | Callable[[str], bool], timeout: float = WAIT_S) -> str:
        """The screen once it shows `what` (a text, or a test of the screen); fails with the screen."""
        test = what if callable(what) else (lambda screen: what in screen)
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if test(screen):
                return screen
            if not self.alive():
                pytest.fail(f"the program ended while waiting for {what!r}; last screen:\n{screen}")
            time.sleep(0.1)
        pytest.fail(f"the screen did not show {what!r} within {timeout:g} s; it shows:\n{screen}")

    def press_until(self, key: str, what: Callable[[str], bool], timeout: float = WAIT_S) -> str:
        """Press `key` until the screen shows `what`, as a person presses again when nothing
        happened: on a loaded CI machine one key in a few dozen has been seen to go unanswered
        (at most three presses; the key must still do it)."""
        screen = ""
        for _ in range(3):
            self.send(key)
            deadline = time.monotonic() + timeout / 3
            while time.monotonic() < deadline:
                screen = self.screen()
                if what(screen):
                    return screen
                time.sleep(0.1)
        pytest.fail(f"pressing {key!r} did not show {what!r}; the screen:\n{screen}")

    def ended_within(self, seconds: float) -> float | None:
        """How long the program took to end (None if it still runs after `seconds`)."""
        start = time.monotonic()
        while time.monotonic() - start < seconds:
            if not self.alive():
                return time.monotonic() - start
            time.sleep(0.05)
        return None

    def close(self) -> None:
        self._tmux("kill-server")
        shutil.rmtree(self._socket_dir, ignore_errors=True)


def themeday(*args: str) -> list[str]:
    """The `themeday` program as this interpreter runs it (no reliance on PATH or a venv's bin)."""
    return [sys.executable, "-m", "themeday_office", *args]


def wait_until(test: Callable[[], object], what: str, timeout: float = WAIT_S) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = test()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")
