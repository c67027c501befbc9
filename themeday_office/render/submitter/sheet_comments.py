"""A worksheet's comments part and the VML drawing Excel shows them with, rewritten with the marks.

The submitter's own comments stay (their rich text too); the marks of an earlier return go; a
cell that gets a mark and held a comment of the submitter's gets one comment holding both, as
the openpyxl version of the package did. Every comment needs a shape in the VML drawing, so the
drawing is written anew, shapes as openpyxl writes them (Excel, WPS and LibreOffice open those).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from lxml import etree
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from themeday_office.render.office_text import comment_text
from themeday_office.render.submitter.workbook_parts import MAIN_NS, UnsupportedWorkbook, parse

_M = f"{{{MAIN_NS}}}"
_VML = "urn:schemas-microsoft-com:vml"
_OFFICE = "urn:schemas-microsoft-com:office:office"
_EXCEL = "urn:schemas-microsoft-com:office:excel"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_WIDTH = 260  # pixels, as the openpyxl marks were drawn
_DEFAULT_SIZE = (79, 144)  # height, width of a comment the package keeps: openpyxl's defaults


@dataclass(frozen=True)
class Mark:
    """A comment to put on a cell: (row, col), 1-based, and its text."""

    row: int
    col: int
    text: str


class SheetComments:
    """The comments of one sheet: the existing part (if any) with the old marks taken out."""

    def __init__(self, raw: bytes | None, part: str, author: str) -> None:
        self.author = author
        if raw is None:
            self.root = etree.Element(f"{_M}comments", nsmap={None: MAIN_NS})
            etree.SubElement(self.root, f"{_M}authors")
            etree.SubElement(self.root, f"{_M}commentList")
        else:
            self.root = parse(raw, part)
            if self.root.tag != f"{_M}comments":
                raise UnsupportedWorkbook(f"{part}: not a comments part")
        self._authors = _child(self.root, "authors", 0)
        self._list = _child(self.root, "commentList", 1)
        names = [a.text or "" for a in self._authors]
        self._ours = {str(i) for i, name in enumerate(names) if name == author}

    def marked_cells(self) -> set[tuple[int, int]]:
        """Cells holding a mark of an earlier return package."""
        return {ref for c in self._list if c.get("authorId") in self._ours and (ref := _cell(c.get("ref"))) is not None}

    def apply(self, marks: list[Mark]) -> None:
        """Drop the old marks and put `marks` in their place, each with any comment its cell had."""
        by_cell = {(m.row, m.col): m for m in marks}
        others: dict[tuple[int, int], str] = {}
        for comment in list(self._list):
            ref = _cell(comment.get("ref"))
            if comment.get("authorId") in self._ours:
                self._list.remove(comment)
            elif ref in by_cell:
                others[ref] = "".join(comment.itertext())
                self._list.remove(comment)
        author_id = self._author_id()
        for (row, col), mark in sorted(by_cell.items()):
            text = mark.text + (f"\n——原批注：{others[(row, col)]}" if (row, col) in others else "")
            comment = etree.SubElement(self._list, f"{_M}comment", ref=f"{get_column_letter(col)}{row}",
                                       authorId=author_id)
            t = etree.SubElement(etree.SubElement(comment, f"{_M}text"), f"{_M}t")
            t.text = comment_text(text)
            t.set(_XML_SPACE, "preserve")

    def __len__(self) -> int:
        return len(self._list)

    def to_bytes(self) -> bytes:
        return etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def drawing(self) -> bytes:
        """The VML drawing with one hidden note shape per comment."""
        root = etree.Element("xml", nsmap={"v": _VML, "o": _OFFICE, "x": _EXCEL})
        layout = etree.SubElement(root, f"{{{_OFFICE}}}shapelayout", {f"{{{_VML}}}ext": "edit"})
        # Shape ids run from 1026; each id block holds 1,024 of them, so many marks need several.
        blocks = ",".join(str(n) for n in range(1, (1025 + len(self)) // 1024 + 1))
        etree.SubElement(layout, f"{{{_OFFICE}}}idmap", {f"{{{_VML}}}ext": "edit", "data": blocks})
        shape_type = etree.SubElement(root, f"{{{_VML}}}shapetype", {
            "id": "_x0000_t202", "coordsize": "21600,21600", f"{{{_OFFICE}}}spt": "202",
            "path": "m,l,21600r21600,l21600,xe"})
        etree.SubElement(shape_type, f"{{{_VML}}}stroke", joinstyle="miter")
        etree.SubElement(shape_type, f"{{{_VML}}}path", {"gradientshapeok": "t", f"{{{_OFFICE}}}connecttype": "rect"})
        ours = self._ours | {self._author_id(create=False)}
        for index, comment in enumerate(self._list, start=1026):
            ref = _cell(comment.get("ref"))
            if ref is None:
                continue
            height, width = _size("".join(comment.itertext())) if comment.get("authorId") in ours else _DEFAULT_SIZE
            root.append(_shape(index, ref[0] - 1, ref[1] - 1, height, width))
        return etree.tostring(root)

    def _author_id(self, create: bool = True) -> str:
        for i, author in enumerate(self._authors):
            if author.text == self.author:
                return str(i)
        if not create:
            return ""
        etree.SubElement(self._authors, f"{_M}author").text = self.author
        return str(len(self._authors) - 1)


def _size(text: str) -> tuple[int, int]:
    lines = sum(math.ceil(max(len(line), 1) / 16) for line in text.split("\n"))
    return max(60, 18 * min(lines, 200)), _WIDTH


def _shape(index: int, row: int, col: int, height: int, width: int) -> etree._Element:
    shape = etree.Element(f"{{{_VML}}}shape", {
        "id": f"_x0000_s{index:04d}", "type": "#_x0000_t202",
        "style": f"position:absolute; margin-left:59.25pt;margin-top:1.5pt;width:{width}px;height:{height}px;"
                 "z-index:1;visibility:hidden",
        "fillcolor": "#ffffe1", f"{{{_OFFICE}}}insetmode": "auto"})
    etree.SubElement(shape, f"{{{_VML}}}fill", color2="#ffffe1")
    etree.SubElement(shape, f"{{{_VML}}}shadow", color="black", obscured="t")
    etree.SubElement(shape, f"{{{_VML}}}path", {f"{{{_OFFICE}}}connecttype": "none"})
    box = etree.SubElement(shape, f"{{{_VML}}}textbox", style="mso-direction-alt:auto")
    etree.SubElement(box, "div", style="text-align:left")
    data = etree.SubElement(shape, f"{{{_EXCEL}}}ClientData", ObjectType="Note")
    etree.SubElement(data, f"{{{_EXCEL}}}MoveWithCells")
    etree.SubElement(data, f"{{{_EXCEL}}}SizeWithCells")
    etree.SubElement(data, f"{{{_EXCEL}}}AutoFill").text = "False"
    etree.SubElement(data, f"{{{_EXCEL}}}Row").text = str(row)
    etree.SubElement(data, f"{{{_EXCEL}}}Column").text = str(col)
    return shape


def _child(root: etree._Element, name: str, position: int) -> etree._Element:
    found = root.find(f"{_M}{name}")
    if found is None:
        found = etree.Element(f"{_M}{name}")
        root.insert(position, found)
    return found


def _cell(ref: str | None) -> tuple[int, int] | None:
    try:
        letters, row = coordinate_from_string((ref or "").replace("$", ""))
        return row, column_index_from_string(letters)
    except ValueError:
        return None
