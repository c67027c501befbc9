"""A submission's files for the clerk to look at: a copy of its original, its return package."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from themeday_office.ledger import Ledger, Submission
from themeday_office.office import Clock
from themeday_office.office.opening import open_ledger

if TYPE_CHECKING:
    from themeday_office.workspace import Workspace

VIEW_FOLDER = "原件副本"  # in the state folder: copies a viewer may open, and even save
ORIGINAL, PACKAGE = "original", "package"
WHAT = {ORIGINAL: "原表副本", PACKAGE: "退回包"}


@dataclass(frozen=True)
class SubmissionFile:
    """The file to open, or why there is none (`problem`)."""

    what: str  # 原表副本 or 退回包
    path: Path | None
    problem: str = ""


def submission_file(workspace: Workspace, clock: Clock, submission_id: int, which: str) -> SubmissionFile:
    """The `which` (ORIGINAL or PACKAGE) of a submission, ready for a viewer."""
    with open_ledger(workspace, clock) as ledger:
        sub = ledger.get(submission_id)
        if which == ORIGINAL:
            return SubmissionFile(WHAT[which], original_copy(ledger, sub))
    path = return_package_of(sub, workspace.outbox)
    if path is None:
        return SubmissionFile(WHAT[which], None, f"编号 {submission_id} 没有退回包（未被退回，或退回包已被移走）")
    return SubmissionFile(WHAT[which], path)


def return_package_of(sub: Submission, outbox: Path) -> Path | None:
    """The return package written for `sub`, if there is one in `outbox`."""
    from themeday_office.render.documents.returns import written_package

    return written_package(sub, outbox)


def original_copy(ledger: Ledger, sub: Submission) -> Path:
    """A copy of the archived original under its own name, for a viewer to open.

    The archive keeps files under their hash without an extension, and a viewer must never
    write into it: Excel or WPS saving the opened file changes only this copy.
    """
    from themeday_office.render.submitter import safe_filename

    data = ledger.archive.get(sub.sha256)  # OSError (Chinese) when missing or damaged
    name = safe_filename(Path(sub.original_name.replace("\\", "/")).name, fallback=str(sub.id))
    folder = ledger.state_dir / VIEW_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{sub.id}_{name}"
    if not (path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data):
        path.write_bytes(data)
    return path
