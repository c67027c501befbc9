"""The key bindings the screens share, and a screen's commands. Every binding has an id: [tui] keymap
in themeday.toml rebinds it by that id, F1 lists it, and the command palette offers it."""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

DECISION_BINDINGS = [
    Binding("f5", "accept", "通过", id="accept", tooltip="通过这个文件（有错误或已退回的须写明理由）"),
    Binding("f6", "reject", "退回", id="reject", tooltip="退回这个文件并写出退回包（须写明理由）"),
    Binding("f7", "open_original", "原表", id="open-original", tooltip="用本机的 Excel、WPS 或 Word 打开原件副本"),
    Binding("f8", "open_return", "退回包", id="open-return", tooltip="打开写给报送单位的退回包"),
]

# The main screen's tabs, left to right: (title, tab id).
TABS = (("收件箱", "inbox"), ("汇总", "rollup"), ("发文", "documents"), ("日历", "calendar"), ("组织", "roster"))
TAB_ORDER = tuple(tab for _title, tab in TABS)
DIGITS_TOOLTIP = "、".join(f"{n} {title}" for n, (title, _tab) in enumerate(TABS, 1)) + "（光标不在输入框中时）"

# Going to a tab. Alt+1 to Alt+5 do not reach the app through tmux (Alt+2 arrives as another
# character), nor where the terminal keeps Alt for its menus, so the digits alone (while no input
# field has the focus) go there too: every terminal passes them on. So do tmux and most terminals
# with Ctrl+PageUp/PageDown (PuTTY keeps those to scroll its own window by a line). The digits are
# the Alt keys' alternates: the palette lists each tab once, F1 shows both keys on one line, and
# the footer shows them all as one item, "1-5 切换".
TAB_BINDINGS = [
    *(
        Binding(
            f"alt+{n}",
            f"show_tab('{tab}')",
            f"切换到{title}",
            id=f"tab-{tab}",
            show=False,
            key_display=f"Alt+{n}",
            tooltip=f"显示“{title}”页",
        )
        for n, (title, tab) in enumerate(TABS, 1)
    ),
    *(
        Binding(
            str(n),
            f"tab_by_digit('{tab}')",
            "切换",
            id=f"tab-{tab}-digit",
            show=n == 1,
            key_display="1-5" if n == 1 else None,
            tooltip=DIGITS_TOOLTIP,
        )
        for n, (_title, tab) in enumerate(TABS, 1)
    ),
    # Priority: a focused table would take Ctrl+PageUp/PageDown to scroll sideways.
    Binding(
        "ctrl+pageup",
        "step_tab(-1)",
        "切换到上一页",
        id="tab-previous",
        show=False,
        priority=True,
        key_display="Ctrl+PgUp",
        tooltip="显示左边的一页（收件箱、汇总、发文、日历、组织依次轮换）",
    ),
    Binding(
        "ctrl+pagedown",
        "step_tab(1)",
        "切换到下一页",
        id="tab-next",
        show=False,
        priority=True,
        key_display="Ctrl+PgDn",
        tooltip="显示右边的一页（收件箱、汇总、发文、日历、组织依次轮换）",
    ),
]

# A binding that is another key for a command: its id -> the command's binding id.
ALTERNATE_OF = {f"tab-{tab}-digit": f"tab-{tab}" for tab in TAB_ORDER}


def key_owners(screen: Screen) -> list[DOMNode]:
    """The nodes whose keys are the screen's commands: its widgets that hold bindings with ids (the
    main screen's panes, in tab order), the screen itself, then the app."""
    widgets = [
        node for node in screen.walk_children() if any(isinstance(b, Binding) and b.id for b in type(node).BINDINGS)
    ]
    return [*widgets, screen, screen.app]


def commands_of(screen: Screen) -> list[tuple[Binding, DOMNode]]:
    """The screen's commands (its panes' and its own), then the app's: each binding as it is now
    bound, and its owner.

    Read from the classes' BINDINGS, not only from what is active: a binding the focused widget
    shadows (Enter on the queue opens the details either way) is still a command of the screen.
    The key is the one in force, after [tui] keymap. Alternate keys (see `alternates_of`) are
    not commands of their own.
    """
    current = _current(screen)
    found: list[tuple[Binding, DOMNode]] = []
    seen: set[str] = set()
    for node in key_owners(screen):
        for binding in type(node).BINDINGS:
            if (
                not isinstance(binding, Binding)
                or not binding.id
                or not binding.description
                or binding.id in seen
                or binding.id in ALTERNATE_OF
            ):
                continue
            seen.add(binding.id)
            found.append((current.get(binding.id, binding), node))
    return found


def alternates_of(screen: Screen) -> dict[str, list[Binding]]:
    """The screen's alternate keys, as now bound, by the id of the command they are another key for."""
    current = _current(screen)
    found: dict[str, list[Binding]] = {}
    for node in key_owners(screen):
        for binding in type(node).BINDINGS:
            if isinstance(binding, Binding) and binding.id in ALTERNATE_OF:
                found.setdefault(ALTERNATE_OF[binding.id], []).append(current.get(binding.id, binding))
    return found


def plain_key(binding: Binding) -> Binding:
    """The binding without its display override ("1-5" is the footer's summary of five keys)."""
    return replace(binding, key_display=None) if binding.key_display else binding


def _current(screen: Screen) -> dict[str, Binding]:
    return {a.binding.id: a.binding for a in screen.active_bindings.values() if a.binding.id}
