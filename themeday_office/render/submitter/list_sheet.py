"""The 错误清单 as worksheet XML, for a package made by editing the submitter's own xlsx.

It looks as the openpyxl-drawn list does (workbook_marks.add_error_list): title, the lines
saying which file and why, what to do, then one bordered row per message with its place
linked to the marked cell. Text is written inline (no shared-strings table to extend).
"""

from __future__ import annotations

from lxml import etree
from openpyxl.utils import get_column_letter

from themeday_office.render.office_text import FORMULA_STARTS, cell_text, xml_text
from themeday_office.render.submitter.error_list import ReturnNotice
from themeday_office.render.submitter.sheet_styles import SheetStyles
from themeday_office.render.submitter.workbook_parts import DOC_REL_NS, MAIN_NS, serialize

_M = f"{{{MAIN_NS}}}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
WIDTHS = (6, 8, 18, 90)
NOTHING_FOUND = "审核时未发现问题；退回原因见上方“退回理由”。"


class ListStyles:
    """The cell formats the list uses, added to the workbook's styles once."""

    def __init__(self, styles: SheetStyles, error_colour: str, hint_colour: str) -> None:
        label_font = styles.font("宋体", 11, bold=True)
        box = styles.box("808080")
        self.title = styles.cell_format(font=styles.font("黑体", 16))
        self.label = styles.cell_format(font=label_font)
        self.wrap = styles.cell_format(wrap=True)
        self.header = styles.cell_format(font=label_font, fill=styles.fill("DDEBF7"), border=box)
        self.body = styles.cell_format(border=box, wrap=True)
        self.quoted = styles.cell_format(border=box, wrap=True, quote=True)
        self.error = styles.cell_format(border=box, wrap=True, fill=styles.fill(error_colour))
        self.hint = styles.cell_format(border=box, wrap=True, fill=styles.fill(hint_colour))
        self.link = styles.cell_format(border=box, wrap=True, font=styles.font("宋体", 11, colour="0563C1",
                                                                             underline=True))


def list_sheet_xml(title: str, notice: ReturnNotice, found: dict[int, str], advice: str, s: ListStyles) -> bytes:
    """The worksheet part of the list: `found` maps a message number to the cell it marked."""
    sheet = _Sheet()
    sheet.text(1, 1, title, s.title)
    row = 2
    for label, value in notice.intro():
        sheet.text(row, 1, f"{label}：", s.label)
        sheet.text(row, 3, value, s.wrap)
        sheet.merge(row, 1, row, 2)
        sheet.merge(row, 3, row, 4)
        row += 1
    sheet.text(row, 1, advice, s.wrap)
    sheet.merge(row, 1, row, 4)
    sheet.heights[row] = 48
    header = row + 2
    for col, text in enumerate(("序号", "级别", "位置", "说明"), start=1):
        sheet.text(header, col, text, s.header)
    for offset, m in enumerate(notice.messages, start=1):
        r = header + offset
        sheet.number(r, 1, m.number, s.body)
        sheet.text(r, 2, m.severity, s.error if m.is_error else s.hint)
        if m.number in found:
            sheet.text(r, 3, m.place, s.link)
            sheet.links.append((f"C{r}", found[m.number]))
        else:
            sheet.text(r, 3, m.place or "（全文件）", s.body)
        sheet.text(r, 4, m.text, s.quoted if m.text.startswith(FORMULA_STARTS) else s.body)
    if not notice.messages:
        sheet.text(header + 1, 4, NOTHING_FOUND, 0)
    return sheet.to_bytes(freeze_below=header)


class _Sheet:
    def __init__(self) -> None:
        self.rows: dict[int, dict[int, etree._Element]] = {}
        self.merges: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.heights: dict[int, float] = {}

    def text(self, row: int, col: int, value: str, style: int) -> None:
        c = self._cell(row, col, style)
        c.set("t", "inlineStr")
        t = etree.SubElement(etree.SubElement(c, f"{_M}is"), f"{_M}t")
        t.text = cell_text(value)
        t.set(_XML_SPACE, "preserve")

    def number(self, row: int, col: int, value: int, style: int) -> None:
        etree.SubElement(self._cell(row, col, style), f"{_M}v").text = str(value)

    def merge(self, r1: int, c1: int, r2: int, c2: int) -> None:
        self.merges.append(f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}")

    def _cell(self, row: int, col: int, style: int) -> etree._Element:
        c = etree.Element(f"{_M}c", r=f"{get_column_letter(col)}{row}")
        if style:
            c.set("s", str(style))
        self.rows.setdefault(row, {})[col] = c
        return c

    def to_bytes(self, freeze_below: int) -> bytes:
        root = etree.Element(f"{_M}worksheet", nsmap={None: MAIN_NS, "r": DOC_REL_NS})
        last = max(self.rows, default=1)
        etree.SubElement(root, f"{_M}dimension", ref=f"A1:D{last}")
        views = etree.SubElement(root, f"{_M}sheetViews")
        view = etree.SubElement(views, f"{_M}sheetView", tabSelected="1", workbookViewId="0")
        first = f"A{freeze_below + 1}"
        etree.SubElement(view, f"{_M}pane", ySplit=str(freeze_below), topLeftCell=first, activePane="bottomLeft",
                         state="frozen")
        etree.SubElement(view, f"{_M}selection", pane="bottomLeft", activeCell=first, sqref=first)
        etree.SubElement(root, f"{_M}sheetFormatPr", defaultRowHeight="15")
        cols = etree.SubElement(root, f"{_M}cols")
        for n, width in enumerate(WIDTHS, start=1):
            etree.SubElement(cols, f"{_M}col", min=str(n), max=str(n), width=str(width), customWidth="1")
        data = etree.SubElement(root, f"{_M}sheetData")
        for r in sorted(self.rows):
            row = etree.SubElement(data, f"{_M}row", r=str(r))
            if r in self.heights:
                row.set("ht", f"{self.heights[r]:g}")
                row.set("customHeight", "1")
            for c in sorted(self.rows[r]):
                row.append(self.rows[r][c])
        if self.merges:
            merges = etree.SubElement(root, f"{_M}mergeCells", count=str(len(self.merges)))
            for ref in self.merges:
                etree.SubElement(merges, f"{_M}mergeCell", ref=ref)
        if self.links:
            links = etree.SubElement(root, f"{_M}hyperlinks")
            for ref, location in self.links:
                etree.SubElement(links, f"{_M}hyperlink", ref=ref, location=xml_text(location))
        etree.SubElement(root, f"{_M}pageMargins", left="0.75", right="0.75", top="1", bottom="1", header="0.5",
                         footer="0.5")
        return serialize(root)
