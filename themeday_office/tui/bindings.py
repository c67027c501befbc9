"""The key bindings the screens share. Every binding has an id: [tui] keymap in themeday.toml
rebinds it by that id, F1 lists it, and the command palette offers it."""

from __future__ import annotations

from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

DECISION_BINDINGS = [
    Binding("f5", "accept", "通过", id="accept", tooltip="通过这个文件（有错误或已退回的须写明理由）"),
    Binding("f6", "reject", "退回", id="reject", tooltip="退回这个文件并写出退回包（须写明理由）"),
    Binding("f7", "open_original", "原表", id="open-original", tooltip="用本机的 Excel、WPS 或 Word 打开原件副本"),
    Binding("f8", "open_return", "退回包", id="open-return", tooltip="打开写给报送单位的退回包"),
]

# Going to a tab; the palette lists them as commands.
TAB_BINDINGS = [
    Binding(f"alt+{n}", f"show_tab('{tab}')", f"切换到{title}", id=f"tab-{tab}", show=False,
            tooltip=f"显示“{title}”页")
    for n, title, tab in ((1, "收件箱", "inbox"), (2, "汇总", "rollup"), (3, "发文", "documents"),
                          (4, "日历", "calendar"), (5, "组织", "roster"))
]


def commands_of(screen: Screen) -> list[tuple[Binding, DOMNode]]:
    """The screen's own commands, then the app's: each binding as it is now bound, and its owner.

    Read from the classes' BINDINGS, not only from what is active: a binding the focused widget
    shadows (Enter on the queue opens the details either way) is still a command of the screen.
    The key is the one in force, after [tui] keymap.
    """
    current = {a.binding.id: a.binding for a in screen.active_bindings.values() if a.binding.id}
    found: list[tuple[Binding, DOMNode]] = []
    seen: set[str] = set()
    for node in (screen, screen.app):
        for binding in type(node).BINDINGS:
            if not isinstance(binding, Binding) or not binding.id or not binding.description or binding.id in seen:
                continue
            seen.add(binding.id)
            found.append((current.get(binding.id, binding), node))
    return found
