"""What the header's watcher badge says, from what the watcher link reports.

Plain state, no Textual: the app feeds it each report and shows the badge and the notices it
returns. A clerk never reads 运行中 while files fail to be ingested: the badge turns red with
their count, the newest reason in its tooltip.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from themeday_office.tui.watcher_link import LinkMode, LinkState
from themeday_office.watch import (
    FailuresChanged,
    ObserverRestarted,
    OutageEnded,
    OutageStarted,
    WatchEvent,
)

Badge = tuple[str, str, str]  # (text, level: ok / warn / error, tooltip)
Severity = Literal["information", "warning", "error"]  # a notice's: textual.notifications.SeverityLevel

STARTING: Badge = ("监视 启动中", "warn", "")
OFF: Badge = (
    "监视已关闭",
    "warn",
    "本界面不监视收件箱（--no-watch，或设置 [tui] run_watcher = false），只显示台账中的文件",
)


@dataclass(frozen=True)
class Notice:
    title: str
    text: str
    severity: Severity = "information"


class WatcherStatus:
    """The link's mode and the watcher's failures and outages, as a badge and notices."""

    def __init__(self, inbox_label: str, mode: LinkMode) -> None:
        self.inbox_label = inbox_label  # e.g. "inbox/"
        self.mode = mode
        self._polling = False
        self._failures: FailuresChanged | None = None
        self._outage = ""
        self._detail = ""  # the link's own words for FOLLOWING and FAILED

    def apply(self, item: LinkState | WatchEvent) -> tuple[Badge | None, Notice | None]:
        """The new badge (None: unchanged) and a notice to show once (or None)."""
        notice = None
        if isinstance(item, LinkState):
            before, self.mode = self.mode, item.mode
            if item.mode is LinkMode.WATCHING:
                self._polling = bool(item.detail)
            elif item.mode is LinkMode.FOLLOWING and before is not LinkMode.FOLLOWING:
                notice = Notice("收件箱监视", f"{item.detail}。本界面不再另行监视，显示它登记的文件。")
            elif item.mode is LinkMode.FAILED and before is not LinkMode.FAILED:
                notice = Notice("收件箱监视", item.detail, "error")
            self._detail = item.detail
        elif isinstance(item, FailuresChanged):
            if self._failures is None and item.failing > 0:
                notice = Notice(
                    "收文出错", f"{item.last_name}：{item.last_reason}。文件留在收件箱中，稍后自动重试。", "error"
                )
            self._failures = item if item.failing > 0 else None
        elif isinstance(item, OutageStarted):
            self._outage = item.reason
        elif isinstance(item, (OutageEnded, ObserverRestarted)):
            self._outage = ""
        else:
            return None, None
        return self.badge(), notice

    def badge(self) -> Badge:
        mode = self.mode
        if mode is LinkMode.FOLLOWING:
            return ("跟随其他监视程序", "ok", f"{self._detail}；本界面显示它登记的文件")
        if mode is LinkMode.FAILED:
            return ("监视出错", "error", self._detail)
        if mode is LinkMode.OFF:
            return OFF
        if mode is LinkMode.STARTING:
            return STARTING
        if self._outage:
            return ("收件箱无法访问", "error", f"{self._outage}；恢复后自动继续监视")
        failures = self._failures
        if failures is not None:
            return (
                f"收文出错 {failures.failing} 个文件",
                "error",
                f"{failures.last_name}：{failures.last_reason}。文件留在收件箱中，稍后自动重试；"
                "详情见状态文件夹中的 watch.log",
            )
        polling = "（轮询）" if self._polling else ""
        return (
            f"监视 {self.inbox_label} 运行中{polling}",
            "ok",
            "新文件放进收件箱后自动审核、登记，并出现在收件箱列表中",
        )
