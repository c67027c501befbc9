"""组织 as data: the roster versions on file, the one in force, and importing a new roster file.

No Textual here: the 组织 tab's workers call these and post what they return.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from themeday_office.domain.roster import Roster
from themeday_office.ledger import Ledger


@dataclass(frozen=True)
class RosterVersion:
    id: int
    effective: date
    imported_at: datetime
    source_name: str
    roster: Roster


@dataclass(frozen=True)
class RosterView:
    versions: tuple[RosterVersion, ...]  # oldest first
    in_force: int | None  # the id of the version in force on the day it was read

    def get(self, version_id: int) -> RosterVersion | None:
        return next((v for v in self.versions if v.id == version_id), None)


@dataclass(frozen=True)
class RosterImportOutcome:
    """What importing a roster file came to: `ok` when a new version was added; the messages either way."""

    name: str
    effective: date
    ok: bool
    messages: tuple[tuple[str, str], ...]  # (severity, sentence)
    summary: str


def load_roster_view(ledger: Ledger, at: date) -> RosterView:
    from themeday_office.ledger.on_file import roster_history

    history = roster_history(ledger)
    rows = ledger.roster_versions()
    versions = tuple(RosterVersion(i, effective, imported_at, source, roster)
                     for (i, effective, imported_at, source, _data), roster in zip(rows, history.versions, strict=True))
    in_force = [v for v in versions if v.effective <= at]
    return RosterView(versions, in_force[-1].id if in_force else None)


def import_roster_file(ledger: Ledger, path: Path, effective: date, read_bytes) -> RosterImportOutcome:
    """Read `path` with `read_bytes(data, name)` and add it as a new version when it has no 错误.

    A file with errors changes nothing: the clerk sees its messages and corrects the file.
    """
    from themeday_office.ingest.department import read_roster
    from themeday_office.ledger.archive import sha256_of
    from themeday_office.readers import ReadError

    if not path.is_file():
        return RosterImportOutcome(path.name, effective, False, (("错误", f"找不到文件 {path}"),), "")
    data = path.read_bytes()
    try:
        content = read_bytes(data, path.name)
    except ReadError as error:
        return RosterImportOutcome(path.name, effective, False, (("错误", error.message),), "")
    result = read_roster(content, effective)
    messages = tuple((m.severity.value, m.text) for m in result.messages)
    if not result.ok:
        return RosterImportOutcome(path.name, effective, False, messages, "")
    ledger.add_roster_version(effective, path.name, sha256_of(data), result.rows)
    r = result.roster
    summary = (f"已导入组织名册 {path.name}（{effective.year}年{effective.month}月{effective.day}日起生效）："
               f"党(工)委 {len(r.committees)} 个，党支部 {len(r.branches)} 个，协作组 {len(r.groups)} 个。")
    return RosterImportOutcome(path.name, effective, True, messages, summary)
