"""What calamine leaves out of an .ods: merged ranges, formula errors, formulas without values.

ODF stores these as attributes of table cells, so content.xml is walked once with rows and
columns counted through their repeat attributes. ODS submissions are rare; this is not a hot path.
"""

from __future__ import annotations

import zipfile

from lxml import etree

from themeday_office.readers.errors import ReadError
from themeday_office.readers.limits import ReadLimits
from themeday_office.readers.model import CellRange, UncachedFormula
from themeday_office.readers.safe_xml import read_part
from themeday_office.readers.xlsx_scan import SheetScan

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
_CELL = f"{_TABLE}table-cell"
_COVERED = f"{_TABLE}covered-table-cell"


def scan_ods(zf: zipfile.ZipFile, limits: ReadLimits) -> dict[str, SheetScan]:
    """Per sheet name, what calamine does not report."""
    root = read_part(zf, "content.xml")
    if root is None:
        raise ReadError("corrupt", detail="缺少 content.xml")
    return {table.get(f"{_TABLE}name", ""): _scan_table(table, limits) for table in root.iter(f"{_TABLE}table")}


def _scan_table(table: etree._Element, limits: ReadLimits) -> SheetScan:
    merged: list[CellRange] = []
    scan = SheetScan(merged=merged)
    row = 0
    for tr in table.iter(f"{_TABLE}table-row"):
        repeat = _int(tr, "number-rows-repeated")
        if row >= limits.max_rows:
            break  # the grid itself is refused past here; nothing more to attach
        col = 0
        for cell in tr:
            if cell.tag not in (_CELL, _COVERED):
                continue
            col_repeat = _int(cell, "number-columns-repeated")
            if cell.tag == _CELL and col < limits.max_columns and _notable(cell):
                for r in range(row, row + min(repeat, limits.max_rows)):
                    _scan_cell(cell, r, col, col_repeat, scan, merged)
            col += col_repeat
        row += repeat
    return scan


def _scan_cell(
    cell: etree._Element, row: int, col: int, col_repeat: int, scan: SheetScan, merged: list[CellRange]
) -> None:
    rows, cols = _int(cell, "number-rows-spanned"), _int(cell, "number-columns-spanned")
    if rows > 1 or cols > 1:
        merged.append(CellRange(row, col, row + rows - 1, col + cols - 1))
    formula = cell.get(f"{_TABLE}formula")
    if formula is None:
        return
    for c in range(col, col + col_repeat):
        if cell.get(f"{_CALCEXT}value-type") == "error":
            scan.formula_errors[(row, c)] = "".join(cell.itertext()).strip() or "#ERROR"
        elif cell.get(f"{_OFFICE}value-type") is None:
            scan.uncached_formulas.append(UncachedFormula(row, c, formula.removeprefix("of:")))


def _notable(cell: etree._Element) -> bool:
    attrs = cell.attrib
    return (
        f"{_TABLE}formula" in attrs
        or f"{_TABLE}number-rows-spanned" in attrs
        or f"{_TABLE}number-columns-spanned" in attrs
    )


def _int(element: etree._Element, name: str) -> int:
    try:
        return max(1, int(element.get(f"{_TABLE}{name}", "1")))
    except ValueError:
        return 1
