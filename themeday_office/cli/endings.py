"""How a command ends when it cannot finish: Ctrl+C, a reader that closed its pipe, a bug.

A clerk's terminal gets one Chinese line and an exit code, never a Python traceback; what a
technician needs (the traceback, the command line) goes to state/themeday.log of the workspace
when there is one. Exit codes follow the shell's custom: 130 for Ctrl+C, 141 when the program
reading the output went away (`themeday ledger | head -1`).
"""

from __future__ import annotations

import os
import signal
import sys
import traceback
from datetime import datetime
from pathlib import Path

INTERRUPTED = 130  # 128 + SIGINT
PIPE_CLOSED = 141  # 128 + SIGPIPE
FAILED = 1
LOG_NAME = "themeday.log"
LOG_MAX_BYTES = 1_000_000  # then the log starts again beside a copy of the last one (.1)


def interrupted(workspace: Path | None) -> int:
    """Ctrl+C: the command's own `with` blocks have already closed the ledger and stopped the
    parser processes (they ignore Ctrl+C, see readers.isolation); the ingest protocol leaves
    every file either committed or still in the inbox."""
    log(workspace, "已中断（Ctrl+C）", traceback.format_exc())
    say("已中断。")
    return INTERRUPTED


def pipe_closed(workspace: Path | None) -> int:
    """The reader of our output is gone; there is no one left to tell."""
    silence_stdout()
    log(workspace, "输出的接收方已关闭（管道已断开），其余输出未写出")
    return PIPE_CLOSED


def failed(workspace: Path | None, error: BaseException) -> int:
    """A bug: one line for the clerk, the traceback for the technician."""
    details = "".join(traceback.format_exception(error))
    where = log(workspace, "程序出错", details)
    what = f"{type(error).__name__}: {error}"[:200]
    if where is None:  # no workspace to keep it in: the details must not be lost
        say(details.rstrip())
        say(f"错误：程序内部错误（{what}）。请把以上信息发给技术人员。")
    else:
        say(f"错误：程序内部错误（{what}）。详细信息已记入 {where}，请把该文件发给技术人员。")
    return FAILED


def stay_calm() -> None:
    """Ignore further Ctrl+C while the program winds up: a second one would interrupt the
    interpreter's own exit (joining threads, stopping children) with a traceback. For the
    program only: a test calling `main` keeps its Ctrl+C."""
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except (ValueError, OSError):  # not the main thread: nothing to quieten
        pass


def silence_stdout() -> None:
    """Point standard output at the null device, so the interpreter's last flush of what is
    still buffered cannot fail again ("Exception ignored ... BrokenPipeError")."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, fd)
    finally:
        os.close(null)


def say(text: str) -> None:
    try:
        print(text, file=sys.stderr, flush=True)
    except (OSError, ValueError):  # stderr closed too
        pass


def log(workspace: Path | None, what: str, details: str = "") -> Path | None:
    """Append an entry to the workspace's state/themeday.log; its path, or None without one."""
    state = state_folder(workspace)
    if state is None:
        return None
    path = state / LOG_NAME
    try:
        state.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > LOG_MAX_BYTES:
            path.replace(path.with_name(LOG_NAME + ".1"))
        command = " ".join(sys.argv[1:])[:500]  # `check` of a whole folder names every file
        with path.open("a", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(f"{datetime.now():%Y-%m-%d %H:%M:%S} {what}　命令：themeday {command}\n")
            if details and not details.startswith("NoneType: None"):
                handle.write(details.rstrip() + "\n")
    except OSError:
        return None
    return path


def state_folder(workspace: Path | None) -> Path | None:
    """The state folder of the workspace a command ran in, when it is a workspace (has its
    themeday.toml); the settings may place it elsewhere."""
    if workspace is None or not (workspace / "themeday.toml").is_file():
        return None
    try:
        from themeday_office.workspace import Workspace

        return Workspace.open(workspace).state
    except Exception:  # noqa: BLE001 - broken settings still leave the default place
        return workspace / "state"
