"""Any error a worker meets, as one Chinese sentence for a notice (never a traceback), and the
decorator that turns a worker's error into that notice."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from textual.dom import DOMNode
from textual.message import Message

from themeday_office.ledger import LedgerError
from themeday_office.tui.messages import WorkFailed

P = ParamSpec("P")
N = TypeVar("N", bound=DOMNode)


def describe_error(exc: BaseException) -> str:
    if isinstance(exc, (LedgerError, WorkProblem)):
        return str(exc)
    if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
        # Another process holds a long write: the next look at the ledger tries again.
        return "台账正被其他程序写入，暂时无法读写；稍后会自动重试"
    if isinstance(exc, sqlite3.Error):
        return f"台账数据库出错（{exc}），请运行 themeday doctor 检查"
    if isinstance(exc, PermissionError):
        return f"没有权限访问 {exc.filename or ''}（文件可能正被其他程序打开）".replace("  ", " ")
    if isinstance(exc, FileNotFoundError):
        return f"找不到 {exc.filename or '文件'}"
    if isinstance(exc, OSError):
        where = f"（{exc.filename}）" if exc.filename else ""
        return f"读写文件出错：{exc.strerror or exc}{where}"
    text = str(exc)
    if any("\u4e00" <= ch <= "\u9fff" for ch in text):
        return text  # the kit's own errors already speak Chinese
    return f"程序内部错误（{type(exc).__name__}：{text}），请把这句话告诉维护人员"


class WorkProblem(Exception):
    """A task's own refusal or problem, already one Chinese sentence for the clerk."""


def reports_failure(
    title: str, *, then: Callable[[Any], Message] | None = None
) -> Callable[[Callable[Concatenate[N, P], None]], Callable[Concatenate[N, P], None]]:
    """A worker method whose errors become a `WorkFailed` notice titled `title`: the one error path
    of the app's workers (put it under `@work`). `then(node)` is a message to post after a failure,
    for a pane that must know its work ended."""

    def decorate(method: Callable[Concatenate[N, P], None]) -> Callable[Concatenate[N, P], None]:
        @wraps(method)
        def run(node: N, *args: P.args, **kwargs: P.kwargs) -> None:
            try:
                method(node, *args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - a notice, the app stays up
                # To the app itself: the node (a details screen) may be gone when the worker ends.
                node.app.post_message(WorkFailed(title, describe_error(exc)))
                if then is not None:
                    node.post_message(then(node))

        return run

    return decorate
