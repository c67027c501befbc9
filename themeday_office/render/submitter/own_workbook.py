"""The submitter's own xlsx marked by editing its parts: the fast way to a return package.

The same package as `workbook_marks.annotate_workbook` (the list sheet first and selected, bad
cells filled and commented, the marks of an earlier return cleared), made without loading the
workbook into openpyxl: only styles.xml, workbook.xml, the comments and the rows holding a
marked cell are touched. Formulas keep their cached values; macros go (the package is an
.xlsx). A workbook this editor cannot place its marks in exactly raises UnsupportedWorkbook.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import partial

from lxml import etree
from openpyxl.utils import get_column_letter, quote_sheetname

from themeday_office.render.submitter.error_list import FIX_THIS_WORKBOOK, ListedMessage, ReturnNotice
from themeday_office.render.submitter.list_sheet import ListStyles, list_sheet_xml
from themeday_office.render.submitter.places import SheetCell
from themeday_office.render.submitter.sheet_cells import Restyle, SheetCells
from themeday_office.render.submitter.sheet_comments import Mark, SheetComments
from themeday_office.render.submitter.sheet_styles import SheetStyles
from themeday_office.render.submitter.workbook_marks import ERROR_COLOUR, HINT_COLOUR, LIST_SHEET, MARK_AUTHOR
from themeday_office.render.submitter.workbook_parts import (
    COMMENTS_TYPE,
    DOC_REL_NS,
    MAIN_NS,
    REL_TYPE,
    SHEET_MAIN_TYPE,
    VML_TYPE,
    WORKSHEET_TYPE,
    UnsupportedWorkbook,
    WorkbookParts,
    parse,
    rels_name,
    serialize,
)

_M, _R = f"{{{MAIN_NS}}}", f"{{{DOC_REL_NS}}}"
_COLOURS = {ERROR_COLOUR, HINT_COLOUR}
_OBJECT_TYPE = re.compile(rb"""ObjectType\s*=\s*["'](\w+)["']""")


def mark_own_workbook(data: bytes, notice: ReturnNotice) -> bytes:
    """The package of an xlsx submission; UnsupportedWorkbook when it must be made another way."""
    return mark_parts(WorkbookParts.of_bytes(data), notice, FIX_THIS_WORKBOOK)


def mark_parts(parts: WorkbookParts, notice: ReturnNotice, advice: str) -> bytes:
    """Mark a workbook's parts and put the list first; `advice` is what it asks the submitter to do."""
    workbook = parse(parts.require(parts.workbook), parts.workbook)
    links = parts.targets(parts.workbook)
    styles_part = next((part for kind, part in links.values() if kind == REL_TYPE + "styles"), None)
    if styles_part is None or styles_part not in parts.parts:
        raise UnsupportedWorkbook("no styles part")
    styles = SheetStyles(parts.parts[styles_part], styles_part)
    sheets = workbook.find(f"{_M}sheets")
    if sheets is None:
        raise UnsupportedWorkbook("no sheets")

    old_list = _drop_old_list(workbook, sheets, links, parts)
    worksheets = {
        s.get("name", ""): links[s.get(f"{_R}id", "")][1]
        for s in sheets
        if links.get(s.get(f"{_R}id", ""), ("", ""))[0] == REL_TYPE + "worksheet"
    }
    targets = _targets_by_sheet(notice.messages, set(worksheets))
    found: dict[int, str] = {}
    for name, part in worksheets.items():
        found |= _mark_sheet(parts, part, name, targets.get(name, {}), styles)

    list_part = old_list or parts.new_name("xl/worksheets/sheet{n}.xml")
    parts.add(list_part, list_sheet_xml(LIST_SHEET, notice, found, advice,
                                        ListStyles(styles, ERROR_COLOUR, HINT_COLOUR)), WORKSHEET_TYPE)
    parts.parts.pop(rels_name(list_part), None)  # whatever the old list sheet related to is not kept
    rid = parts.relate(parts.workbook, "worksheet", list_part)
    _put_list_first(workbook, sheets, rid)
    parts.parts[styles_part] = styles.to_bytes()
    _without_macros(parts)
    parts.parts[parts.workbook] = serialize(workbook)
    return parts.to_bytes()


# ---- the marked sheets ---------------------------------------------------------------------------


def _targets_by_sheet(messages: tuple[ListedMessage, ...], names: set[str]) -> dict[str, dict]:
    """Sheet name -> (row, col) -> the messages pointing there."""
    by_sheet: dict[str, dict[tuple[int, int], list[ListedMessage]]] = defaultdict(lambda: defaultdict(list))
    for m in messages:
        if isinstance(m.target, SheetCell) and m.target.sheet in names and m.target.sheet != LIST_SHEET:
            by_sheet[m.target.sheet][(m.target.row, m.target.col)].append(m)
    return by_sheet


def _mark_sheet(parts: WorkbookParts, part: str, name: str, targets: dict, styles: SheetStyles) -> dict[int, str]:
    """Mark one worksheet (and clear an earlier return's marks); message number -> cell marked."""
    raw = parts.require(part)
    cells = SheetCells(raw, part)
    cells.unselect()
    links = parts.targets(part)
    comments_part = next((p for kind, p in links.values() if kind == REL_TYPE + "comments"), None)
    drawing_rid = cells.comments_drawing()
    drawing_part = links.get(drawing_rid, ("", None))[1] if drawing_rid else None
    if comments_part is None and not targets:
        parts.parts[part] = cells.to_bytes()
        return {}
    comments = SheetComments(parts.parts.get(comments_part) if comments_part else None, part, MARK_AUTHOR)

    merged = cells.merged()
    by_cell: dict[tuple[int, int], list[ListedMessage]] = defaultdict(list)
    for (row, col), ms in targets.items():
        by_cell[_merge_origin(merged, row, col)] += ms
    changes: dict[tuple[int, int], Restyle] = {
        cell: (lambda xf: styles.cleared(xf, _COLOURS)) for cell in comments.marked_cells() - set(by_cell)
    }
    found: dict[int, str] = {}
    marks = []
    for (row, col), ms in by_cell.items():
        colour = ERROR_COLOUR if any(m.is_error for m in ms) else HINT_COLOUR
        changes[(row, col)] = partial(styles.marked, colour=colour)
        marks.append(Mark(row, col, "\n".join(f"{m.severity}：{m.text}" for m in ms)))
        for m in ms:
            found[m.number] = f"{quote_sheetname(name)}!{get_column_letter(col)}{row}"
    cells.restyle(changes)
    comments.apply(marks)
    _write_comments(parts, part, cells, comments, comments_part, drawing_rid, drawing_part)
    parts.parts[part] = cells.to_bytes()
    return found


def _write_comments(parts: WorkbookParts, part: str, cells: SheetCells, comments: SheetComments,
                    comments_part: str | None, drawing_rid: str | None, drawing_part: str | None) -> None:
    if drawing_part and drawing_part in parts.parts:
        kinds = set(_OBJECT_TYPE.findall(parts.parts[drawing_part]))
        if kinds - {b"Note"}:  # buttons or form controls share the drawing: not ours to rewrite
            raise UnsupportedWorkbook(f"{part}: controls in the comments' drawing")
    if len(comments) == 0:
        for dropped in parts.unrelate(part, {"comments", "vmlDrawing"}):
            parts.remove(dropped)
        cells.undraw_comments()
        return
    if comments_part is None:
        comments_part = parts.new_name("xl/comments{n}.xml")
        parts.relate(part, "comments", comments_part)
    parts.add(comments_part, comments.to_bytes(), COMMENTS_TYPE)
    if drawing_part is None or drawing_part not in parts.parts:
        drawing_part = parts.new_name("xl/drawings/vmlDrawing{n}.vml")
        if drawing_rid is None:
            cells.draw_comments(parts.relate(part, "vmlDrawing", drawing_part))
        else:  # the sheet names a drawing its package lacks: give it one under that id
            cells.undraw_comments()
            cells.draw_comments(parts.relate(part, "vmlDrawing", drawing_part))
    parts.default_type("vml", VML_TYPE)
    parts.add(drawing_part, comments.drawing())


def _merge_origin(merged: list[tuple[int, int, int, int]], row: int, col: int) -> tuple[int, int]:
    # A merged range holds its value and comment in its top-left cell only.
    for r1, c1, r2, c2 in merged:
        if r1 <= row <= r2 and c1 <= col <= c2:
            return r1, c1
    return row, col


# ---- the workbook part ---------------------------------------------------------------------------


def _drop_old_list(workbook: etree._Element, sheets: etree._Element, links: dict, parts: WorkbookParts) -> str | None:
    """Take an earlier return's list sheet out of the workbook; its part, to be written anew."""
    for index, sheet in enumerate(sheets):
        if sheet.get("name") == LIST_SHEET:
            rid = sheet.get(f"{_R}id", "")
            kind, part = links.get(rid, ("", ""))
            sheets.remove(sheet)
            parts.unrelate(parts.workbook, ids={rid})
            _shift_local_names(workbook, removed=index)
            return part if kind == REL_TYPE + "worksheet" else None
    return None


def _put_list_first(workbook: etree._Element, sheets: etree._Element, rid: str) -> None:
    ids = [int(sheet_id) for s in sheets if (sheet_id := s.get("sheetId") or "").isdigit()]
    entry = etree.Element(f"{_M}sheet", name=LIST_SHEET, sheetId=str(max(ids, default=0) + 1))
    entry.set(f"{_R}id", rid)
    sheets.insert(0, entry)
    _shift_local_names(workbook, inserted=0)
    views = workbook.find(f"{_M}bookViews")
    if views is None:
        views = etree.Element(f"{_M}bookViews")
        sheets.addprevious(views)
    view = views.find(f"{_M}workbookView")
    if view is None:
        view = etree.SubElement(views, f"{_M}workbookView")
    view.set("activeTab", "0")
    view.set("firstSheet", "0")


def _shift_local_names(workbook: etree._Element, *, removed: int | None = None, inserted: int | None = None) -> None:
    """Defined names scoped to a sheet say which by its position: keep them on their sheets."""
    names = workbook.find(f"{_M}definedNames")
    if names is None:
        return
    for name in list(names):
        local = name.get("localSheetId")
        if local is None or not local.isdigit():
            continue
        index = int(local)
        if removed is not None:
            if index == removed:
                names.remove(name)  # a print area of the old list sheet
                continue
            index -= index > removed
        if inserted is not None:
            index += index >= inserted
        name.set("localSheetId", str(index))


def _without_macros(parts: WorkbookParts) -> None:
    """An .xlsx holds no macros: a macro-enabled workbook or a template becomes a plain workbook."""
    for dropped in parts.unrelate(parts.workbook, {"vbaProject"}):
        parts.remove(dropped)
    parts.set_type(parts.workbook, SHEET_MAIN_TYPE)
