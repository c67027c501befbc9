"""The part of a return package that touches the submitted file: run in a parser process.

A return package reads the submitter's file again, and that file is as untrusted as it was at
ingest: this step runs as `IsolatedReader.read_then`'s step, in the same kind of child process,
under the same address-space limit, timeout and [limits] as ingest. The file is read there
first (so a sheet beyond max_rows is refused as it was), then marked there; only the package's
bytes come back.
"""

from __future__ import annotations

from themeday_office.readers import Document, Workbook
from themeday_office.render.submitter.converted_workbook import rebuild_workbook
from themeday_office.render.submitter.document_marks import document_package
from themeday_office.render.submitter.error_list import ReturnNotice
from themeday_office.render.submitter.own_workbook import mark_own_workbook
from themeday_office.render.submitter.workbook_marks import annotate_workbook, open_own_workbook
from themeday_office.render.submitter.workbook_parts import UnsupportedWorkbook

STEP_KEY = "return-package"  # the step needs no context kept in the worker; this names the slot
# openpyxl marks about 30,000 cells a second: beyond this a workbook the fast editor cannot take
# is rebuilt from its values instead of loaded whole (its look is lost, its data and places are not).
OPENPYXL_MAX_CELLS = 100_000


def package_in_parser(content: Workbook | Document, name: str, _context: object,
                      extra: tuple[ReturnNotice, bytes | None]) -> tuple[bytes, str]:
    """(package bytes, suffix) for a file read in this process; `extra` is the notice and, for an
    xlsx or xlsm, the submitted bytes to mark in place."""
    notice, original = extra
    if original is not None and isinstance(content, Workbook):
        try:
            return mark_own_workbook(original, notice), ".xlsx"
        except UnsupportedWorkbook:
            pass
        if _cells(content) <= OPENPYXL_MAX_CELLS and (book := open_own_workbook(original)) is not None:
            return annotate_workbook(book, notice), ".xlsx"
    if isinstance(content, Workbook):
        return rebuild_workbook(content, notice), ".xlsx"
    return document_package(content, notice), ".docx"


def _cells(content: Workbook) -> int:
    return sum(len(row) for sheet in content.sheets for row in sheet.rows)
