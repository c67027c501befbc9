"""Workspaces the TUI and real-terminal tests start from: a roster in force, a quick watcher."""

from __future__ import annotations

from pathlib import Path

from themeday_office.cli import main
from themeday_office.synthetic import write_roster_xlsx
from themeday_office.workspace import init_workspace


def rostered_workspace(base: Path, district) -> Path:
    """A new workspace under `base` with `district`'s roster in force from 2017-01-01."""
    roster = base / "组织架构.xlsx"
    write_roster_xlsx(district, roster)
    root = base / "ws"
    init_workspace(root)
    settings = root / "themeday.toml"
    # A short settle keeps the watcher tests quick; everything else is the default.
    settings.write_text(settings.read_text(encoding="utf-8").replace("# settle_seconds = 1.0", "settle_seconds = 0.2"),
                        encoding="utf-8")
    assert main(["roster", "import", str(roster), "--effective", "2017-01-01", "-w", str(root)]) == 0
    return root
