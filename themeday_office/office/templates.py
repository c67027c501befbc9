"""The fill-in templates handed to submitters: every form blank, and with the roster, each
committee's own monthly workbook listing its branches."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from themeday_office.office import Clock
from themeday_office.office.opening import existing_ledger

if TYPE_CHECKING:
    from themeday_office.workspace import Workspace


@dataclass(frozen=True)
class TemplateWritten:
    form: str  # Chinese
    name: str  # relative to the folder, with forward slashes


@dataclass(frozen=True)
class Templates:
    folder: Path
    written: tuple[TemplateWritten, ...]
    sentences: tuple[str, ...]
    problem: str = ""  # why none were written: no roster in force, a file that could not be written


def write_templates(workspace: Workspace, clock: Clock, folder: Path | None = None, *, by_roster: bool = False,
                    at: date | None = None, year: int | None = None) -> Templates:
    """Write the templates into `folder` (the workspace's templates folder). `by_roster` (or an `at`
    date) adds a monthly workbook per committee of the roster in force on `at` (today); `year`
    goes into the titles."""
    from themeday_office.ingest.classify import KIND_ZH
    from themeday_office.ledger.on_file import roster_history
    from themeday_office.render.submitter import DeliveryError
    from themeday_office.render.submitter import write_templates as write_files

    folder = Path(folder) if folder is not None else workspace.templates
    roster = None
    if by_roster or at is not None:
        ledger = existing_ledger(workspace, clock)
        if ledger is None:
            return Templates(folder, (), (), "台账中还没有组织名册。请先用 themeday roster import 导入。")
        with ledger:
            history = roster_history(ledger)
        at = at or clock().date()
        roster = history.in_force(at)
        if roster is None:
            return Templates(
                folder, (), (), f"{at.isoformat()} 没有生效的组织名册。请先用 themeday roster import 导入。"
            )
    try:
        files = write_files(folder, year=year, roster=roster)
    except DeliveryError as exc:
        return Templates(folder, (), (), str(exc))
    written = tuple(TemplateWritten(KIND_ZH[w.kind], w.path.relative_to(folder).as_posix()) for w in files)
    sentences = []
    if roster is not None:
        committees = sum(w.for_committee for w in files)
        sentences.append(
            f"已按 {roster.effective.isoformat()} 起生效的组织名册，为 {committees} 个党(工)委生成月度统计表。"
        )
    return Templates(folder, written, tuple(sentences))
