"""The watcher's rotating log in the state folder, written in Chinese for clerks."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_NAME = "watch.log"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 3

_LEVELS_ZH = {"DEBUG": "调试", "INFO": "信息", "WARNING": "警告", "ERROR": "错误", "CRITICAL": "严重"}


class _ChineseFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        record.level_zh = _LEVELS_ZH.get(record.levelname, record.levelname)
        return super().format(record)


def open_watch_log(state_dir: Path, key: str) -> logging.Logger:
    """A logger for one watcher writing to state/watch.log; close it with close_watch_log()."""
    state_dir.mkdir(parents=True, exist_ok=True)
    # One logger per inbox, so two watchers in one process never write through each other's handler.
    logger = logging.getLogger(f"themeday_office.watch.{key}")
    logger.setLevel(logging.INFO)
    handler = RotatingFileHandler(
        state_dir / LOG_NAME, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8",
        errors="backslashreplace",  # a name that slipped through unescaped must not lose its line
    )
    handler.setFormatter(_ChineseFormatter("%(asctime)s %(level_zh)s %(message)s", "%Y-%m-%d %H:%M:%S"))
    logger.addHandler(handler)
    return logger


def close_watch_log(logger: logging.Logger) -> None:
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
