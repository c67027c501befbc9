"""Spreadsheets (xlsx, xlsm, xls, ods) -> Workbook, with python-calamine and the scans it needs."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import python_calamine as calamine

from themeday_office.readers.errors import ReadError
from themeday_office.readers.extent import refuse_extent
from themeday_office.readers.limits import ReadLimits
from themeday_office.readers.model import (
    CellRange,
    DocumentProperties,
    FileFormat,
    Sheet,
    Value,
    Workbook,
)
from themeday_office.readers.ods_scan import scan_ods
from themeday_office.readers.properties import odf_properties, ooxml_properties
from themeday_office.readers.xls_scan import xls_formula_errors
from themeday_office.readers.xlsx_scan import SheetScan, scan_sheet, sheet_parts

_VISIBLE = calamine.SheetVisibleEnum.Visible
_WORKSHEET = calamine.SheetTypeEnum.WorkSheet


def read_workbook(data: bytes, fmt: FileFormat, limits: ReadLimits, zf: zipfile.ZipFile | None) -> Workbook:
    """Every worksheet of a spreadsheet; ``zf`` is the open container for xlsx/xlsm/ods."""
    book = _open(data)
    try:
        scan, properties = _scanner(data, fmt, limits, zf)
        sheets = [
            _sheet(book, meta, scan(meta.name), limits)
            for meta in book.sheets_metadata
            if meta.typ == _WORKSHEET
        ]
    finally:
        book.close()
    return Workbook(format=fmt, sheets=sheets, properties=properties)


def _scanner(
    data: bytes, fmt: FileFormat, limits: ReadLimits, zf: zipfile.ZipFile | None
) -> tuple[Callable[[str], SheetScan], DocumentProperties]:
    """Per format: how to scan a sheet by name (lazily for xlsx, so a bad sheet stops early)."""
    if fmt in (FileFormat.XLSX, FileFormat.XLSM) and zf is not None:
        parts = sheet_parts(zf)

        def scan_xlsx(name: str) -> SheetScan:
            part = parts.get(name, "")
            return scan_sheet(zf.read(part), name, limits) if part in zf.NameToInfo else SheetScan()

        return scan_xlsx, ooxml_properties(zf)
    if fmt is FileFormat.ODS and zf is not None:
        ods = scan_ods(zf, limits)
        return (lambda name: ods.get(name) or SheetScan(merged=[])), odf_properties(zf)
    xls = xls_formula_errors(data)
    return (lambda name: SheetScan(formula_errors=xls.get(name, {}))), DocumentProperties()


def _open(data: bytes) -> calamine.CalamineWorkbook:
    try:
        return calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except calamine.PasswordError as exc:
        raise ReadError("encrypted") from exc
    except (calamine.CalamineError, ValueError, OSError) as exc:
        raise ReadError("corrupt", detail=str(exc)[:200]) from exc


def _sheet(
    book: calamine.CalamineWorkbook,
    meta: calamine.SheetMetadata,
    scan: SheetScan,
    limits: ReadLimits,
) -> Sheet:
    try:
        sheet = book.get_sheet_by_name(meta.name)
    except calamine.PasswordError as exc:
        raise ReadError("encrypted") from exc
    except (calamine.CalamineError, ValueError) as exc:
        raise ReadError("corrupt", detail=f"工作表“{meta.name}”：{str(exc)[:200]}") from exc
    rows = _grid(sheet, meta.name, limits)
    for row, col in scan.formula_errors:
        if row < len(rows) and col < len(rows[row]):
            rows[row][col] = None
    _trim(rows)
    merged = scan.merged
    if merged is None:
        merged = [CellRange(r1, c1, r2, c2) for (r1, c1), (r2, c2) in sheet.merged_cell_ranges or ()]
    return Sheet(
        name=meta.name,
        rows=rows,
        merged=merged,
        formula_errors=scan.formula_errors,
        uncached_formulas=scan.uncached_formulas,
        hidden=meta.visible != _VISIBLE,
    )


def _grid(sheet: calamine.CalamineSheet, name: str, limits: ReadLimits) -> list[list[Value]]:
    """The dense grid from A1, refused before it is built when its data lies past the limits."""
    end = sheet.end
    if end is None:
        return []
    if end[0] >= limits.max_rows or end[1] >= limits.max_columns:
        # Counting rows with values is bounded: at most max_rows rows of the used range.
        rows = 0
        if end[1] < limits.max_columns:
            head = sheet.to_python(skip_empty_area=True, nrows=limits.max_rows)
            rows = sum(1 for values in head if any(value != "" for value in values))
        refuse_extent(name, limits, end, rows)
    # calamine gives "" for a blank; None says "nothing here" without colliding with text.
    return [[None if value == "" else value for value in values] for values in sheet.to_python(skip_empty_area=False)]


def _trim(rows: list[list[Value]]) -> None:
    """Cut trailing empty rows and columns (an error cell at the edge leaves them behind)."""
    while rows and all(value is None for value in rows[-1]):
        rows.pop()
    while rows and rows[0] and all(not values or values[-1] is None for values in rows):
        for values in rows:
            if values:
                values.pop()
