"""The department's own tables: importing a roster version or a year's guiding themes, and the
roster versions on file with the one in force.

The first roster version (the earliest effective date) serves every period before it too; each
later version serves from its effective date (domain.roster.RosterHistory). The import tells the
clerk which of the two it was and the date it took.

A file with any 错误 changes nothing: the clerk sees each message with its place, corrects
the file and imports it again. The file is read in a parser process, as submissions are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from themeday_office.domain.roster import Roster
from themeday_office.office import Clock
from themeday_office.office.opening import existing_ledger, open_ledger

if TYPE_CHECKING:
    from themeday_office.readers import Document, IsolatedReader, Workbook
    from themeday_office.workspace import Workspace


@dataclass(frozen=True)
class RosterImport:
    """What importing a roster file came to: `ok` when a new version was added."""

    name: str
    effective: date
    ok: bool
    found: bool  # False: there was no such file
    messages: tuple[tuple[str, str], ...]  # (severity, sentence), each with its place
    sentences: tuple[str, ...]  # the outcome, for the clerk
    first: bool = False  # the imported version is the earliest one: it also serves every period before it


@dataclass(frozen=True)
class ThemesImport:
    """What importing a year's guiding themes came to: `ok` when they were stored."""

    name: str
    ok: bool
    found: bool
    problems: tuple[str, ...]  # each 错误 with its place
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class RosterVersion:
    id: int
    effective: date
    imported_at: datetime
    source_name: str
    roster: Roster


@dataclass(frozen=True)
class RosterView:
    """The roster versions on file and the one in force on `at`."""

    at: date
    versions: tuple[RosterVersion, ...]  # oldest first
    in_force: int | None  # the id of the version in force on `at`

    def get(self, version_id: int | None) -> RosterVersion | None:
        return next((v for v in self.versions if v.id == version_id), None)

    def served(self, version: RosterVersion) -> str:
        """When a version serves, as the clerk reads it: 2017年1月1日起生效, and for the first
        version 2017年1月1日起生效，首个名册，也用于此前各期."""
        first = bool(self.versions) and version.id == self.versions[0].id
        return f"{_zh(version.effective)}起生效" + ("，首个名册，也用于此前各期" if first else "")

    @property
    def sentences(self) -> tuple[str, ...]:
        """What there is to say besides the table: only that there is no roster at all."""
        if self.in_force is not None:
            return ()
        return ("还没有导入组织名册。请用 themeday roster import 导入。",)


def import_roster(workspace: Workspace, clock: Clock, path: Path, effective: date | None = None, *,
                  reader: IsolatedReader | None = None) -> RosterImport:
    """Read the roster file at `path` and add it as a version in force from `effective` (today).

    `reader` is a parser the caller keeps (its read_bytes); without one, a parser process is
    started for this file under the workspace's [limits].
    """
    from themeday_office.ingest.department import read_roster
    from themeday_office.ledger import sha256_of
    from themeday_office.readers import ReadError

    path = Path(path)
    given = effective is not None
    effective = effective or clock().date()
    if not path.is_file():
        return RosterImport(path.name, effective, False, False, (("错误", f"找不到文件 {path}"),), ())
    data = path.read_bytes()
    try:
        content = _read(workspace, data, path.name, reader)
    except ReadError as error:
        return RosterImport(path.name, effective, False, True, (("错误", error.message),), ())
    result = read_roster(content, effective)
    messages = tuple((m.severity.value, m.text) for m in result.messages)
    if not result.ok:
        refused = f"名册 {path.name} 有错误，未导入，现有名册不变。请改正后重新导入。"
        return RosterImport(path.name, effective, False, True, messages, (refused,))
    with open_ledger(workspace, clock) as ledger:
        before = sorted({row[1] for row in ledger.roster_versions()})
        ledger.add_roster_version(effective, path.name, sha256_of(data), result.rows)
    r = result.roster
    assert r is not None  # result.ok: the roster was read
    summary = (f"已导入组织名册 {path.name}："
               f"党(工)委 {len(r.committees)} 个，党支部 {len(r.branches)} 个，协作组 {len(r.groups)} 个。")
    first = not before or effective <= before[0]
    return RosterImport(path.name, effective, True, True, messages,
                        (summary, _effective_sentence(effective, given, before)), first)


def _effective_sentence(effective: date, given: bool, before: list[date]) -> str:
    """Which date the new version took and which periods it serves, given the effective dates on file."""
    took = f"生效日期{_zh(effective)}" + ("" if given else "（未指定生效日期，按今天）")
    replaced = "，替换原同日生效的版本" if effective in before else ""
    if not before or effective <= before[0]:
        return f"{took}{replaced}；首个名册，也用于此前各期。"
    # A period is checked against the version in force on its first day (RosterHistory.in_force).
    month = effective if effective.day == 1 else (effective.replace(day=28) + timedelta(days=4)).replace(day=1)
    previous = max(d for d in before if d < effective)
    return (f"{took}{replaced}；{month.year}年{month.month}月起的各期按此名册核对，"
            f"此前各期仍按{_zh(previous)}起生效的名册。")


def import_themes(
    workspace: Workspace, clock: Clock, path: Path, *, reader: IsolatedReader | None = None
) -> ThemesImport:
    """Read a year's guiding-theme table at `path` and store it for that year (replacing any before)."""
    from themeday_office.ingest.department import read_themes
    from themeday_office.readers import ReadError

    path = Path(path)
    if not path.is_file():
        return ThemesImport(path.name, False, False, (f"找不到文件 {path}",), ())
    try:
        content = _read(workspace, path.read_bytes(), path.name, reader)
    except ReadError as error:
        return ThemesImport(path.name, False, True, (error.message,), ())
    themes, problems = read_themes(content, path.name)
    if themes is None:
        return ThemesImport(path.name, False, True, tuple(problems), ("主题表有错误，未导入。",))
    with open_ledger(workspace, clock) as ledger:
        ledger.add_themes(themes.year, path.name, themes.model_dump(mode="json", by_alias=True))
    count = sum(len(m.items) for m in themes.months)
    return ThemesImport(path.name, True, True, (),
                        (f"已导入{themes.year}年指导性主题：{len(themes.months)} 个月，共 {count} 项。",))


def roster_view(workspace: Workspace, clock: Clock, at: date | None = None) -> RosterView:
    """The roster versions on file and the one in force on `at` (today); none without a ledger."""
    from themeday_office.ledger.on_file import roster_history

    at = at or clock().date()
    ledger = existing_ledger(workspace, clock)
    if ledger is None:
        return RosterView(at, (), None)
    with ledger:
        history = roster_history(ledger)
        rows = ledger.roster_versions()  # by date, then id: a re-import on the same date replaces the earlier
    latest = list({row[1]: row for row in rows}.values())
    pairs = zip(latest, history.versions, strict=True)
    versions = tuple(RosterVersion(*row[:4], roster) for row, roster in pairs)
    in_force = [v for v in versions if v.effective <= at] or list(versions[:1])  # the first serves the past
    return RosterView(at, versions, in_force[-1].id if in_force else None)


def _read(workspace: Workspace, data: bytes, name: str, reader: IsolatedReader | None) -> Workbook | Document:
    if reader is not None:
        return reader.read_bytes(data, name)
    from themeday_office.readers import IsolatedReader  # at run time: above it is imported for types only

    with IsolatedReader(workspace.settings.limits.to_read_limits()) as own:
        return own.read_bytes(data, name)


def _zh(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"
