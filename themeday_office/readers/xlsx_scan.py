"""A light scan of xlsx sheet XML for what calamine hides or trips over.

calamine returns formula errors as blanks and drops formulas saved without a value, and it builds
a dense grid of the whole used range, so a stray cell at XFD1048576 can exhaust memory. This scan
reads each sheet part once with byte searches (the cheap common path) and looks closer only at
formula and error cells, and at the cells of a sheet whose stored dimension is out of bounds.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from posixpath import dirname, join, normpath

from themeday_office.readers.errors import ReadError
from themeday_office.readers.extent import check_extent
from themeday_office.readers.limits import ReadLimits
from themeday_office.readers.model import CellRange, UncachedFormula
from themeday_office.readers.safe_xml import read_part

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REF = re.compile(rb"([A-Z]{1,3})(\d{1,7})")
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]*\d*)(?::([A-Z]*\d*))?"')
_ATTR = re.compile(rb'\b(r|t)="([^"]*)"')
_TEXT_TYPES = (b"str", b"s", b"inlineStr")


@dataclass
class SheetScan:
    """What a scan adds to calamine's grid; ``merged`` only where calamine cannot tell (ods)."""

    merged: list[CellRange] | None = None
    formula_errors: dict[tuple[int, int], str] = field(default_factory=dict)
    uncached_formulas: list[UncachedFormula] = field(default_factory=list)


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> zip part of its XML, from workbook.xml and its relationships."""
    workbook = "xl/workbook.xml"
    if workbook not in zf.NameToInfo:
        workbook = _main_part(zf)
    rels_name = join(dirname(workbook), "_rels", workbook.rsplit("/", 1)[-1] + ".rels")
    targets = {
        rel.get("Id"): _resolve(dirname(workbook), rel.get("Target", ""))
        for rel in _xml(zf, rels_name).iter(f"{_PKG_REL}Relationship")
    }
    return {
        sheet.get("name", ""): targets.get(sheet.get(f"{_REL}id"), "")
        for sheet in _xml(zf, workbook).iter(f"{_MAIN}sheet")
    }


def scan_sheet(raw: bytes, sheet: str, limits: ReadLimits) -> SheetScan:
    """Formula errors and uncached formulas of one sheet part; refuses an absurd extent first."""
    root_at = raw.find(b"worksheet")
    if root_at < 0:
        raise ReadError("corrupt", detail=f"工作表“{sheet}”结构无效")
    if b"<!DOCTYPE" in raw[:root_at]:
        raise ReadError("xml_bomb")  # calamine would not expand entities, but no honest sheet has a DTD
    prefix = _prefix(raw, root_at)
    _check_dimension(raw, prefix, sheet, limits)
    scan = SheetScan()
    if b't="e"' in raw:
        for match in re.finditer(rb't="e"', raw):
            cell = _enclosing_cell(raw, match.start(), prefix)
            if cell is not None:
                row, col, _, body = cell
                value = _child_text(body, prefix, b"v")
                scan.formula_errors[(row, col)] = (value or b"#ERROR").decode("utf-8", "replace")
    # Every formula closes with </f> (shared-formula children are <f .../>, but their master
    # closes in the same sheet); a long needle keeps the common no-formula case cheap.
    if b"</" + prefix + b"f>" in raw:
        for match in re.finditer(b"<" + re.escape(prefix) + rb"f[\s/>]", raw):
            cell = _enclosing_cell(raw, match.start(), prefix)
            if cell is None:
                continue
            row, col, kind, body = cell
            value = _child_text(body, prefix, b"v")
            if kind == b"e" or value or (value is not None and kind in _TEXT_TYPES):
                continue  # an error (reported above), a cached value, or a cached empty text
            formula = _child_text(body, prefix, b"f") or b""
            scan.uncached_formulas.append(UncachedFormula(row, col, _unescape(formula)))
    return scan


# -- extent ------------------------------------------------------------------------------------


def _check_dimension(raw: bytes, prefix: bytes, sheet: str, limits: ReadLimits) -> None:
    """A stored dimension past the limits earns a look at the cells that really hold values.

    The dimension alone is not trusted either way: formatting stretches it harmlessly, and a
    program may store a wrong one (openpyxl's read-only mode then sees only A1).
    """
    at = raw.find(b"dimension", 0, 8192)  # a byte search first: the regex alone stops at every "<"
    match = _DIMENSION.search(raw, max(raw.rfind(b"<", 0, at), 0), 8192) if at >= 0 else None
    if match is None:
        return
    last = _REF.fullmatch(match.group(2) or match.group(1) or b"")
    if last is None:
        return
    row, col = _place(last)
    if row < limits.max_rows and col < limits.max_columns:
        return
    check_extent(_value_cells(raw, prefix), sheet, limits)


def _value_cells(raw: bytes, prefix: bytes):
    """(row, col) of each cell that holds a value, in document order."""
    cell_tag = re.compile(b"<" + re.escape(prefix) + rb"c\b([^>]*?)(/?)>")
    end_tag = b"</" + prefix + b"c>"
    value_tag = re.compile(b"<" + re.escape(prefix) + rb"(?:v>[^<]|is>)")
    for match in cell_tag.finditer(raw):
        if match.group(2):
            continue  # <c .../>: formatting only
        end = raw.find(end_tag, match.end())
        if value_tag.search(raw, match.end(), end if end >= 0 else len(raw)):
            yield _position(raw, match.start(), match.group(1), prefix)


# -- cells -------------------------------------------------------------------------------------


def _enclosing_cell(raw: bytes, at: int, prefix: bytes) -> tuple[int, int, bytes, bytes] | None:
    """(row, col, t attribute, inner XML) of the cell around byte ``at``; None if not in a cell."""
    start = max(raw.rfind(b"<" + prefix + b"c ", 0, at + 1), raw.rfind(b"<" + prefix + b"c>", 0, at + 1))
    if start < 0:
        return None
    open_end = raw.find(b">", start)
    end = raw.find(b"</" + prefix + b"c>", open_end)
    if open_end < 0 or end < 0 or end < at or raw[open_end - 1 : open_end] == b"/":
        return None
    attrs = raw[start + len(prefix) + 2 : open_end]
    kind = next((value for name, value in _ATTR.findall(attrs) if name == b"t"), b"n")
    row, col = _position(raw, start, attrs, prefix)
    return row, col, kind, raw[open_end + 1 : end]


def _position(raw: bytes, start: int, attrs: bytes, prefix: bytes) -> tuple[int, int]:
    ref = next((value for name, value in _ATTR.findall(attrs) if name == b"r"), None)
    match = _REF.fullmatch(ref) if ref else None
    if match:
        return _place(match)
    # No r="": the place is implied by order (allowed, and some generators do it).
    row_start = raw.rfind(b"<" + prefix + b"row", 0, start)
    row_attrs = raw[row_start : raw.find(b">", row_start)]
    row_ref = next((value for name, value in _ATTR.findall(row_attrs) if name == b"r"), None)
    row = int(row_ref) - 1 if row_ref and row_ref.isdigit() else raw.count(b"<" + prefix + b"row", 0, start) - 1
    col = raw.count(b"<" + prefix + b"c", row_start, start)
    return row, col


def _place(match: re.Match[bytes]) -> tuple[int, int]:
    col = 0
    for letter in match.group(1):
        col = col * 26 + letter - 64
    return int(match.group(2)) - 1, col - 1


def _child_text(body: bytes, prefix: bytes, name: bytes) -> bytes | None:
    """Text of the first child ``name`` (b'' when empty), None when there is no such child."""
    match = re.search(b"<" + re.escape(prefix + name) + rb"(?:\s[^>]*)?(/)?>", body)
    if match is None:
        return None
    if match.group(1):
        return b""
    end = body.find(b"</" + prefix + name + b">", match.end())
    return body[match.end() : end if end >= 0 else len(body)]


def _prefix(raw: bytes, root_at: int) -> bytes:
    """The namespace prefix the part uses for its elements (``x:`` in some generators' output)."""
    start = raw.rfind(b"<", 0, root_at)
    return raw[start + 1 : root_at] if start >= 0 else b""


def _unescape(text: bytes) -> str:
    return (
        text.decode("utf-8", "replace")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


# -- workbook parts ----------------------------------------------------------------------------


def _xml(zf: zipfile.ZipFile, part: str):
    root = read_part(zf, part)
    if root is None:
        raise ReadError("corrupt", detail=f"缺少 {part}")
    return root


def _main_part(zf: zipfile.ZipFile) -> str:
    for rel in _xml(zf, "_rels/.rels").iter(f"{_PKG_REL}Relationship"):
        if rel.get("Type", "").endswith("/officeDocument"):
            return _resolve("", rel.get("Target", ""))
    raise ReadError("corrupt", detail="找不到工作簿")


def _resolve(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return normpath(join(base, target)).replace("\\", "/")
