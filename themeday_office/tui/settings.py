"""The [tui] section of themeday.toml: the clerk's terminal app (defined with the other settings)."""

from __future__ import annotations

from themeday_office.workspace.settings import TuiSettings

__all__ = ["TuiSettings", "tui_settings"]


def tui_settings(settings: object) -> TuiSettings:
    """The workspace's [tui] section once the settings mount it; the defaults until then."""
    section = getattr(settings, "tui", None)
    if section is None:
        return TuiSettings()
    if isinstance(section, TuiSettings):
        return section
    # Mounted as a copy of this model elsewhere (the settings layer may not import tui).
    return TuiSettings.model_validate(section, from_attributes=True)
