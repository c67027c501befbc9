"""What a generated xlsx or docx says, without the bytes that vary: a comparable fingerprint.

Two saves of the same template differ in zip entry times and in the created/modified
dates; a fingerprint leaves those out and keeps everything a submitter sees or a reader
uses: cell values and formats, merges, validations (hints and dropdowns), comments,
frozen panes, widths, sheet visibility, custom properties (the form marker), and for a
Word file the XML of every part.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from typing import Any

import openpyxl

_CORE_DATES = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def content_fingerprint(data: bytes, suffix: str) -> dict[str, Any]:
    """The fingerprint of an .xlsx or .docx file's bytes (`suffix` says which)."""
    if suffix.lower() == ".xlsx":
        return _workbook(data)
    return _package(data)


def _workbook(data: bytes) -> dict[str, Any]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    props = book.properties
    core = {k: getattr(props, k) for k in ("title", "subject", "creator", "keywords", "description", "category")}
    sheets = []
    for ws in book.worksheets:
        cells = {
            c.coordinate: (repr(c.value), c.number_format, c.font.b, c.fill.fgColor.rgb if c.fill.fill_type else None)
            for row in ws.iter_rows()
            for c in row
            if c.value is not None or c.has_style
        }
        validations = sorted(
            (str(dv.sqref), dv.type, dv.operator, dv.formula1, dv.formula2, dv.allow_blank, dv.showDropDown,
             dv.showInputMessage, dv.promptTitle, dv.prompt, dv.showErrorMessage, dv.errorStyle, dv.errorTitle,
             dv.error)
            for dv in ws.data_validations.dataValidation
        )
        sheets.append({
            "title": ws.title,
            "state": ws.sheet_state,
            "freeze": ws.freeze_panes,
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "widths": {k: d.width for k, d in sorted(ws.column_dimensions.items()) if d.width},
            "heights": {k: d.height for k, d in sorted(ws.row_dimensions.items()) if d.height},
            "cells": cells,
            "comments": {c.coordinate: c.comment.text for row in ws.iter_rows() for c in row if c.comment},
            "validations": validations,
            "print_titles": ws.print_title_rows,
        })
    return {
        "core": core,
        # types-openpyxl leaves out Workbook.custom_doc_props (set by openpyxl 3.1's reader).
        "custom": {p.name: p.value for p in book.custom_doc_props.props},  # type: ignore[attr-defined]
        "defined_names": sorted(book.defined_names),
        "sheets": sheets,
    }


def _package(data: bytes) -> dict[str, Any]:
    parts: dict[str, Any] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            body = zf.read(info)
            if info.filename.endswith((".xml", ".rels")):
                if info.filename == "docProps/core.xml":
                    body = _CORE_DATES.sub(b"", body)
                parts[info.filename] = body.decode("utf-8")
            else:
                parts[info.filename] = hashlib.sha256(body).hexdigest()
    return {"parts": parts}
