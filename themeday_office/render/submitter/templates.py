"""The set of fill-in templates handed to submitters, written into the templates folder.

Without a roster: one blank template per form (and the department's roster and themes
tables). With a roster: also one monthly workbook per committee listing its branches.
Generation is deterministic (fixed dates everywhere), so the committed copies in
templates/ change only when a template does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from themeday_office.domain.roster import Roster
from themeday_office.ingest.classify import KIND_ZH
from themeday_office.render.office_text import safe_filename
from themeday_office.render.submitter import document_templates as word
from themeday_office.render.submitter import workbook_templates as sheets
from themeday_office.render.submitter.delivery import deliver
from themeday_office.render.submitter.marker import marker_for
from themeday_office.render.submitter.package import finish_package

COMMITTEE_FOLDER = "各单位月报"
COMMITTEE_PREFIX = f"{KIND_ZH['monthly']}_"


@dataclass(frozen=True)
class TemplateFile:
    name: str  # path inside the templates folder, `/`-separated
    kind: str  # the form it is a template of (its marker's kind)
    data: bytes


def _finished(name: str, kind: str, title: str, build: Callable[[], bytes]) -> TemplateFile:
    return TemplateFile(name, kind, finish_package(build(), marker=marker_for(kind), title=title))


def template_files(year: int | None = None, roster: Roster | None = None) -> list[TemplateFile]:
    """Every template, built in memory; `year` sets titles, `roster` adds one monthly
    workbook per committee."""
    files = [
        _finished(f"{KIND_ZH['monthly']}.xlsx", "monthly", KIND_ZH["monthly"], lambda: sheets.monthly_workbook(year)),
        _finished(f"{KIND_ZH['plan']}.xlsx", "plan", KIND_ZH["plan"], lambda: sheets.plan_workbook(year)),
        _finished(f"{KIND_ZH['record']}.docx", "record", KIND_ZH["record"], word.record_document),
        _finished(f"{KIND_ZH['adjustment']}.docx", "adjustment", KIND_ZH["adjustment"], word.adjustment_document),
        _finished(f"{KIND_ZH['adjustment']}.xlsx", "adjustment", KIND_ZH["adjustment"], sheets.adjustment_workbook),
        _finished(f"{KIND_ZH['summary']}.docx", "summary", KIND_ZH["summary"], lambda: word.summary_document(year)),
        _finished(f"{KIND_ZH['roster']}.xlsx", "roster", KIND_ZH["roster"], sheets.roster_workbook),
        _finished(f"{KIND_ZH['themes']}.xlsx", "themes", KIND_ZH["themes"], lambda: sheets.themes_workbook(year)),
    ]
    if roster is None:
        return files
    for committee in roster.committees:
        branches = roster.branches_of(committee.name)
        if not branches:
            continue  # a committee without branches reports nothing monthly
        files.append(_finished(
            committee_template_name(committee.name), "monthly", f"{committee.name}{KIND_ZH['monthly']}",
            partial(sheets.monthly_workbook, year, committee.name, branches),
        ))
    return files


@dataclass(frozen=True)
class WrittenTemplate:
    path: Path
    kind: str
    for_committee: bool  # one committee's own monthly workbook


def committee_template_name(committee: str) -> str:
    return f"{COMMITTEE_FOLDER}/{COMMITTEE_PREFIX}{safe_filename(committee)}.xlsx"


def write_templates(folder: Path, *, year: int | None = None, roster: Roster | None = None) -> list[WrittenTemplate]:
    """Write the templates into `folder`; with a roster, the committee folder is made to hold
    exactly the committees of that roster."""
    folder = Path(folder)
    written = [
        WrittenTemplate(deliver(folder / f.name, f.data), f.kind, f.name.startswith(f"{COMMITTEE_FOLDER}/"))
        for f in template_files(year, roster)
    ]
    if roster is not None:
        current = {w.path for w in written}
        # A committee gone from the roster must not keep a template that lists its branches.
        for stale in (folder / COMMITTEE_FOLDER).glob(f"{COMMITTEE_PREFIX}*.xlsx"):
            if stale not in current:
                stale.unlink(missing_ok=True)
    return written
