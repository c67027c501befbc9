"""Backing the ledger up with the archive of originals, in one zip, and restoring it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from themeday_office.office import Clock
from themeday_office.office.opening import open_ledger

if TYPE_CHECKING:
    from themeday_office.workspace import Workspace


@dataclass(frozen=True)
class BackupMade:
    path: Path
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class Restored:
    source: Path
    sentences: tuple[str, ...]


def back_up(workspace: Workspace, clock: Clock, target: Path) -> BackupMade:
    """A consistent copy of the ledger and its archive in the zip `target` (while others write)."""
    from themeday_office.ledger.backup import backup

    with open_ledger(workspace, clock) as ledger:
        size, files = backup(ledger, target)
    return BackupMade(Path(target), (f"已备份到 {target}：台账 {size // 1024} KB，原件 {files} 个。",))


def restore(workspace: Workspace, clock: Clock, source: Path) -> Restored:
    """Replace the ledger with the backup `source` and put back the originals it holds
    (LedgerError, in Chinese, when it is no backup of ours)."""
    from themeday_office.ledger.backup import restore as restore_backup

    files = restore_backup(source, workspace.state)
    return Restored(Path(source), (f"已从 {source} 恢复台账，补回原件 {files} 个。",))
