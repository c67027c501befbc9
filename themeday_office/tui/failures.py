"""Any error a worker meets, as one Chinese sentence for a notice (never a traceback)."""

from __future__ import annotations

import sqlite3

from themeday_office.ledger import LedgerError


def describe_error(exc: BaseException) -> str:
    if isinstance(exc, LedgerError):
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
