"""The watcher on a console: one line per file, and a run loop that stops cleanly on Ctrl-C.

`themeday watch` is a thin shell around run_forever(); the TUI uses InboxWatcher directly.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

from themeday_office.watch.events import (
    EntrySkipped,
    FailuresChanged,
    FileDeferred,
    FileDone,
    ObserverRestarted,
    OutageEnded,
    OutageStarted,
    WatchEvent,
)
from themeday_office.watch.watcher import InboxWatcher

# A signal's handler as signal.signal takes and returns it (typeshed's private _HANDLER).
_Handler = Callable[[int, FrameType | None], Any] | int | signal.Handlers | None


def console_line(event: WatchEvent) -> str | None:
    """The clerk's console line for an event (`10:02:33 古荥镇党委3月统计表.xlsx → 已通过`), or None."""
    clock = event.at.strftime("%H:%M:%S")
    if isinstance(event, FileDone):
        detail = f"（{event.outcome.detail}）" if event.outcome.detail else ""
        return f"{clock} {event.name} → {event.outcome.verdict}{detail}"
    if isinstance(event, EntrySkipped):
        return f"{clock} {event.name} → 不处理（{event.reason}，已留在收件箱中）"
    if isinstance(event, FileDeferred):
        return f"{clock} {event.name} → 稍后重试（{event.reason}，{event.retry_in:g} 秒后）"
    if isinstance(event, FailuresChanged):
        if event.failing == 0:
            return f"{clock} 已没有处理出错的文件"
        return (
            f"{clock} 处理出错的文件：{event.failing} 个，"
            f"最近一个是 {event.last_name}（{event.last_reason}），详见 watch.log"
        )
    if isinstance(event, OutageStarted):
        return f"{clock} 收件箱无法访问（{event.reason}），正在重试"
    if isinstance(event, OutageEnded):
        return f"{clock} 收件箱已恢复（中断 {event.seconds:.0f} 秒），继续监视"
    if isinstance(event, ObserverRestarted):
        return f"{clock} 监视已重启：{event.reason}"
    return None


def run_forever(watcher: InboxWatcher, console_print: Callable[[str], None]) -> int:
    """Run `watcher` until Ctrl-C (or SIGTERM), printing a line per file; returns the exit status.

    Raises WatcherBusy before anything starts when another watcher has the inbox. The first
    signal lets the file being ingested finish; a second one gives up waiting.
    """

    shown_failing = 0

    def show(event: WatchEvent) -> None:
        nonlocal shown_failing
        if isinstance(event, FailuresChanged):
            # Each failed attempt has its own 稍后重试 line; the count is printed when it changes.
            if event.failing == shown_failing:
                return
            shown_failing = event.failing
        line = console_line(event)
        if line is not None:
            console_print(line)

    watcher.add_listener(show)
    watcher.start()
    mode = "轮询模式" if watcher.polling else "系统事件模式"
    console_print(f"正在监视收件箱 {watcher.inbox}（{mode}），按 Ctrl+C 停止")

    stop_requested = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        if stop_requested.is_set():
            raise KeyboardInterrupt
        stop_requested.set()

    previous = _install(on_signal)
    try:
        while not stop_requested.wait(0.5):
            if not watcher.running:
                console_print("监视程序意外停止，详情见状态文件夹中的 watch.log")
                return 1
        console_print("正在停止监视，等待当前文件处理完毕（再按一次 Ctrl+C 立即退出）")
        failing = watcher.status().failing
        watcher.stop()
        left = f"；仍有 {failing} 个文件处理出错，留在收件箱中，详见 watch.log" if failing else ""
        console_print(f"已停止监视{left}")
        return 0
    finally:
        _restore(previous)


def _install(handler: Callable[[int, FrameType | None], None]) -> dict[int, _Handler]:
    # Signal handlers can only be set from the main thread; elsewhere the caller stops the watcher.
    if threading.current_thread() is not threading.main_thread():
        return {}
    previous: dict[int, _Handler] = {}
    for name in ("SIGINT", "SIGTERM"):  # SIGTERM does not exist everywhere
        signum = getattr(signal, name, None)
        if signum is not None:
            previous[signum] = signal.signal(signum, handler)
    return previous


def _restore(previous: dict[int, _Handler]) -> None:
    for signum, handler in previous.items():
        signal.signal(signum, handler)
