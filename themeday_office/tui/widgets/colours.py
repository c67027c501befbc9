"""Rich styles from the app's theme, for the cells Textual CSS cannot reach (DataTable cells, Rich tables).

Textual styles widgets from .tcss with theme variables; a table cell is a Rich Text, so the
same variables are looked up here instead of writing colours into the code.
"""

from __future__ import annotations

from rich.style import Style
from textual.app import App

from themeday_office.ledger import State

# The theme variable each state is drawn in; superseded files are dimmed instead.
STATE_VARIABLE = {
    State.ACCEPTED: "text-success",
    State.VALID: "text-warning",
    State.INVALID: "text-error",
    State.REJECTED: "text-error",
    State.QUARANTINED: "text-accent",
    State.UNPACKED: "text-primary",
}
SEVERITY_VARIABLE = {"错误": "text-error", "提示": "text-warning"}
MARK_BACKGROUND = {"错误": "error-muted", "提示": "warning-muted"}


def _colour(app: App, variable: str) -> str | None:
    value = app.theme_variables.get(variable, "")
    return value if value.startswith("#") and len(value) == 7 else None


def state_style(app: App, state: State) -> Style:
    if state is State.SUPERSEDED:
        return Style(dim=True)
    variable = STATE_VARIABLE.get(state)
    return Style(color=_colour(app, variable)) if variable else Style()


def severity_style(app: App, severity: str) -> Style:
    variable = SEVERITY_VARIABLE.get(severity)
    return Style(color=_colour(app, variable), bold=True) if variable else Style()


def mark_style(app: App, mark: str) -> Style:
    """A cell a message points at: the severity's colour on its muted background."""
    if not mark:
        return Style()
    return Style(color=_colour(app, SEVERITY_VARIABLE[mark]), bgcolor=_colour(app, MARK_BACKGROUND[mark]), bold=True)
