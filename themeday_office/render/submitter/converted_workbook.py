"""Return packages of xls, ods and WPS sheets: a new xlsx of their values, marked.

Sheets keep their names (made valid for xlsx where needed) and every value its cell, so the
places in the list match; the form marker is carried over. The sheets are written straight as
XML, a string per cell (openpyxl, even write-only, spent 12 s on a million cells), then marked
and given their list by the same part editor as a submitted xlsx.
"""

from __future__ import annotations

import dataclasses
import math
from datetime import date, datetime, time, timedelta
from xml.sax.saxutils import escape, quoteattr

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from themeday_office.domain.forms.kinds import FORM_MARKER_PROPERTY
from themeday_office.readers import Sheet
from themeday_office.readers import Workbook as ReadWorkbook
from themeday_office.render.office_text import FORMULA_STARTS, cell_text, sheet_title, xml_text
from themeday_office.render.submitter.error_list import FIX_CONVERTED_WORKBOOK, ReturnNotice
from themeday_office.render.submitter.own_workbook import mark_parts
from themeday_office.render.submitter.package import custom_properties
from themeday_office.render.submitter.places import SheetCell
from themeday_office.render.submitter.workbook_marks import LIST_SHEET
from themeday_office.render.submitter.workbook_parts import (
    CT_NS,
    DOC_REL_NS,
    MAIN_NS,
    PKG_REL_NS,
    SHEET_MAIN_TYPE,
    WORKSHEET_TYPE,
    WorkbookParts,
)
from themeday_office.render.submitter.xlsx_form import DATE_FORMAT, TIME_FORMAT

COLUMN_WIDTH = 14
# Cell formats of the new workbook's styles.xml (_STYLES): text, date, time, date and time, and
# text that starts like a formula (quote-prefixed, so Excel keeps it text when it is edited).
_DATE, _TIME, _DATETIME, _QUOTED = 1, 2, 3, 4
_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{MAIN_NS}"><numFmts count="3"><numFmt numFmtId="164" formatCode={quoteattr(DATE_FORMAT)}/>\
<numFmt numFmtId="165" formatCode={quoteattr(TIME_FORMAT)}/><numFmt numFmtId="166" formatCode="yyyy-mm-dd hh:mm"/>\
</numFmts><fonts count="1"><font><sz val="11"/><name val="宋体"/><charset val="134"/></font></fonts>\
<fills count="2"><fill><patternFill patternType="none"/></fill>\
<fill><patternFill patternType="gray125"/></fill></fills>\
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/></cellXfs>\
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>""".encode()
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_CUSTOM_REL = _REL + "custom-properties"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_STYLES_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"


def rebuild_workbook(content: ReadWorkbook, notice: ReturnNotice) -> bytes:
    """The package of a sheet file the kit read (xls, ods, et): its values in a new xlsx, marked."""
    titles: dict[str, str] = {}
    sheets = []
    for sheet in content.sheets:
        if sheet.name == LIST_SHEET:
            continue  # the list of an earlier return: written anew
        titles[sheet.name] = sheet_title(sheet.name, [*titles.values(), LIST_SHEET])
        sheets.append((titles[sheet.name], sheet))
    marker = content.properties.custom.get(FORM_MARKER_PROPERTY)
    parts = _package(sheets, xml_text(marker) if isinstance(marker, str) else None)
    return mark_parts(parts, _renamed(notice, titles), FIX_CONVERTED_WORKBOOK)


def _renamed(notice: ReturnNotice, titles: dict[str, str]) -> ReturnNotice:
    """The notice pointing at the new sheets' titles (its places, as shown, keep the old names)."""
    messages = tuple(
        dataclasses.replace(m, target=SheetCell(titles[m.target.sheet], m.target.row, m.target.col))
        if isinstance(m.target, SheetCell) and m.target.sheet in titles else m
        for m in notice.messages
    )
    return dataclasses.replace(notice, messages=messages)


# ---- the package ---------------------------------------------------------------------------------


def _package(sheets: list[tuple[str, Sheet]], marker: str | None) -> WorkbookParts:
    parts: dict[str, bytes] = {}
    types = [("/xl/workbook.xml", SHEET_MAIN_TYPE), ("/xl/styles.xml", _STYLES_TYPE)]
    entries, links = [], [f'<Relationship Id="rId1" Type="{_REL}styles" Target="styles.xml"/>']
    for n, (title, sheet) in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{n}.xml"] = _sheet_xml(sheet)
        types.append((f"/xl/worksheets/sheet{n}.xml", WORKSHEET_TYPE))
        state = ' state="hidden"' if sheet.hidden else ""
        entries.append(f'<sheet name={quoteattr(title)} sheetId="{n}"{state} r:id="rId{n + 1}"/>')
        links.append(f'<Relationship Id="rId{n + 1}" Type="{_REL}worksheet" Target="worksheets/sheet{n}.xml"/>')
    root_links = [f'<Relationship Id="rId1" Type="{_REL}officeDocument" Target="xl/workbook.xml"/>']
    if marker is not None:
        parts["docProps/custom.xml"] = custom_properties({FORM_MARKER_PROPERTY: marker})
        types.append(("/docProps/custom.xml", _CUSTOM_TYPE))
        root_links.append(f'<Relationship Id="rId2" Type="{_CUSTOM_REL}" Target="docProps/custom.xml"/>')
    overrides = "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in types)
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    return WorkbookParts(
        {
            "[Content_Types].xml": (
                f'{head}<Types xmlns="{CT_NS}"><Default Extension="rels" '
                f'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>'
            ).encode(),
            "_rels/.rels": f'{head}<Relationships xmlns="{PKG_REL_NS}">{"".join(root_links)}</Relationships>'.encode(),
            "xl/workbook.xml": (
                f'{head}<workbook xmlns="{MAIN_NS}" xmlns:r="{DOC_REL_NS}"><bookViews><workbookView/></bookViews>'
                f"<sheets>{''.join(entries)}</sheets></workbook>"
            ).encode(),
            "xl/_rels/workbook.xml.rels": (
                f'{head}<Relationships xmlns="{PKG_REL_NS}">{"".join(links)}</Relationships>'
            ).encode(),
            "xl/styles.xml": _STYLES,
            **parts,
        }
    )


def _sheet_xml(sheet: Sheet) -> bytes:
    width = max((len(r) for r in sheet.rows), default=0)
    letters = [get_column_letter(c) for c in range(1, width + 1)]
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{DOC_REL_NS}"><sheetViews><sheetView workbookViewId="0"/>'
           '</sheetViews><sheetFormatPr defaultRowHeight="15"/>']
    if width:
        out.append(f'<cols><col min="1" max="{width}" width="{COLUMN_WIDTH}" customWidth="1"/></cols>')
    out.append("<sheetData>")
    errors = sheet.formula_errors
    for r, values in enumerate(sheet.rows):
        cells = [_cell(f"{letters[c]}{r + 1}", errors.get((r, c)) if v is None else v) for c, v in enumerate(values)]
        out.append(f'<row r="{r + 1}">{"".join(cells)}</row>')
    out.append("</sheetData>")
    if sheet.merged:
        refs = "".join(f'<mergeCell ref="{get_column_letter(m.first_col + 1)}{m.first_row + 1}:'
                       f'{get_column_letter(m.last_col + 1)}{m.last_row + 1}"/>' for m in sheet.merged)
        out.append(f'<mergeCells count="{len(sheet.merged)}">{refs}</mergeCells>')
    out.append('<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/></worksheet>')
    return "".join(out).encode("utf-8")


def _cell(ref: str, value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)) and math.isfinite(value):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    if isinstance(value, timedelta):  # calamine's reading of a time typed as a duration
        seconds = int(value.total_seconds()) % 86400
        value = time(seconds // 3600, seconds % 3600 // 60)
    if isinstance(value, (date, time)):
        style = _TIME if isinstance(value, time) else _DATE
        if isinstance(value, datetime) and value.time() != time(0):
            style = _DATETIME
        return f'<c r="{ref}" s="{style}"><v>{to_excel(value)!r}</v></c>'
    text = cell_text(value)
    quoted = f' s="{_QUOTED}"' if text.startswith(FORMULA_STARTS) else ""
    return f'<c r="{ref}"{quoted} t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'
