"""The watcher's state in a header: whether this app watches the inbox, follows another watcher, or neither."""

from __future__ import annotations

from textual.widgets import Static


class WatcherBadge(Static):
    """Shows the app's `watcher_status` (text, level); level names a CSS class: ok, warn or error."""

    LEVELS = ("ok", "warn", "error")

    def on_mount(self) -> None:
        self.watch(self.app, "watcher_status", self._show)

    def _show(self, status: tuple[str, str, str]) -> None:
        text, level, tip = status
        self.update(text)
        self.tooltip = tip or None
        for name in self.LEVELS:
            self.set_class(name == level, f"-{name}")
