"""A workspace: a folder with themeday.toml, inbox/, outbox/, the state folder, themes.

Found by --workspace, then THEMEDAY_WORKSPACE, then the nearest themeday.toml upwards
from the current folder, else the current folder itself.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from themeday_office.domain.calendar import DistrictCalendar
from themeday_office.domain.themes import ThemesError, YearThemes, bundled_themes
from themeday_office.workspace.holidays import load_holiday_overrides
from themeday_office.workspace.settings import Settings, SettingsError, load_settings
from themeday_office.workspace.template import HOLIDAYS_TEMPLATE, settings_template

WORKSPACE_FILE = "themeday.toml"
ENV_WORKSPACE = "THEMEDAY_WORKSPACE"

__all__ = [
    "ENV_WORKSPACE",
    "WORKSPACE_FILE",
    "InitReport",
    "Settings",
    "SettingsError",
    "Workspace",
    "init_workspace",
    "locate_workspace",
]


def locate_workspace(
    explicit: Path | None = None,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Path:
    """The workspace folder by the documented order of precedence."""
    environ = os.environ if environ is None else environ
    if explicit is not None:
        return Path(explicit).expanduser().resolve()
    if environ.get(ENV_WORKSPACE):
        return Path(environ[ENV_WORKSPACE]).expanduser().resolve()
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / WORKSPACE_FILE).is_file():
            return folder
    return here


@dataclass
class Workspace:
    root: Path
    settings: Settings

    @classmethod
    def open(cls, root: Path) -> Workspace:
        """Load the workspace at `root` (settings errors raise SettingsError)."""
        root = Path(root).resolve()
        return cls(root, load_settings(root / WORKSPACE_FILE))

    def _path(self, p: Path) -> Path:
        return p if p.is_absolute() else self.root / p

    @property
    def inbox(self) -> Path:
        return self._path(self.settings.folders.inbox)

    @property
    def outbox(self) -> Path:
        return self._path(self.settings.folders.outbox)

    @property
    def state(self) -> Path:
        return self._path(self.settings.folders.state)

    @property
    def templates(self) -> Path:
        return self._path(self.settings.folders.templates)

    @property
    def themes_dir(self) -> Path:
        return self._path(self.settings.folders.themes)

    @property
    def holidays_file(self) -> Path:
        return self._path(self.settings.folders.holidays)

    @cached_property
    def calendar(self) -> DistrictCalendar:
        return DistrictCalendar(self.settings.calendar, load_holiday_overrides(self.holidays_file))

    def themes(self, year: int) -> YearThemes | None:
        """The year's guiding themes: the workspace's own file wins over the bundled table."""
        path = self.themes_dir / f"{year}.toml"
        if path.is_file():
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
            except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                raise ThemesError(f"{path}：无法读取（{exc}）") from None
            themes = YearThemes.from_mapping(data, str(path))
            if themes.year != year:
                raise ThemesError(f"{path}：文件名是{year}年，内容却是{themes.year}年")
            return themes
        return bundled_themes().get(year)


@dataclass
class InitReport:
    root: Path
    created: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)


def init_workspace(root: Path) -> InitReport:
    """Create a workspace at `root`; existing files are kept, never overwritten."""
    root = Path(root).resolve()
    report = InitReport(root)
    root.mkdir(parents=True, exist_ok=True)
    files = {WORKSPACE_FILE: settings_template(), "holidays.toml": HOLIDAYS_TEMPLATE}
    for name, text in files.items():
        path = root / name
        if path.exists():
            report.kept.append(path)
        else:
            path.write_text(text, encoding="utf-8")
            report.created.append(path)
    ws = Workspace.open(root)
    for folder in (ws.inbox, ws.outbox, ws.state, ws.themes_dir):
        if folder.is_dir():
            report.kept.append(folder)
        else:
            folder.mkdir(parents=True)
            report.created.append(folder)
    return report
