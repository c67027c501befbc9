"""Return packages as Word documents: the 错误清单, then the submitter's tables with the
cells in question shaded, and the paragraphs in question quoted.

Used for Word forms (docx, and doc/wps/odt read through LibreOffice) and for any file the
kit could not read at all when it looked like a document. The submitter fixes their own
file; this document tells them where.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from datetime import UTC, datetime

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.exceptions import InvalidSpanError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from themeday_office.domain.labels import label_key
from themeday_office.readers import Document as ReadDocument
from themeday_office.readers import Table as ReadTable
from themeday_office.render.office_text import xml_text
from themeday_office.render.submitter.error_list import FIX_THE_DOCUMENT, FIX_UNREAD_FILE, ListedMessage, ReturnNotice
from themeday_office.render.submitter.places import ParagraphPlace, TableCellPlace
from themeday_office.render.submitter.workbook_marks import ERROR_COLOUR, HINT_COLOUR, LIST_SHEET

BODY_FONT, HEADING_FONT = "仿宋_GB2312", "黑体"
_QUOTED = re.compile(r"“([^”]{1,24})”")


def document_package(content: ReadDocument | None, notice: ReturnNotice) -> bytes:
    """The 错误清单 document; with the file's content, its marked tables and paragraphs too."""
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    _heading(document, LIST_SHEET, 18, centred=True)
    for label, value in notice.intro():
        _text(document.add_paragraph(), f"{label}：{value}")
    _text(document.add_paragraph(), FIX_THE_DOCUMENT if content is not None else FIX_UNREAD_FILE)
    _message_table(document, notice.messages)
    if content is not None:
        _marked_tables(document, content, notice.messages)
        _marked_paragraphs(document, content, notice.messages)
    properties = document.core_properties
    properties.title = f"{LIST_SHEET}：{xml_text(notice.submission.original_name)}"
    properties.author = properties.last_modified_by = "themeday-office"
    # python-docx would keep its own template's dates; this document is made now.
    properties.created = properties.modified = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _text(paragraph, text: str, *, bold: bool = False, font: str = BODY_FONT, size: float | None = None):
    run = paragraph.add_run(xml_text(text))
    run.bold = bold or None
    if size:
        run.font.size = Pt(size)
    if font != BODY_FONT:
        run.font.name = font
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return run


def _heading(document, text: str, size: float, *, centred: bool = False) -> None:
    p = document.add_paragraph()
    if centred:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_before = Pt(12)
    _text(p, text, font=HEADING_FONT, size=size)


def _shade(cell, colour: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    for old in tc_pr.findall(qn("w:shd")):
        tc_pr.remove(old)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), colour)
    tc_pr.append(shd)


def _message_table(document, messages: tuple[ListedMessage, ...]) -> None:
    table = document.add_table(rows=1 + max(len(messages), 1), cols=4)
    table.style = "Table Grid"
    table.autofit = False
    widths = [Cm(w) for w in (1.4, 1.4, 3.8, 10.0)]
    for column, width in zip(table.columns, widths, strict=False):  # the grid is what LibreOffice and WPS lay out
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width
    for cell, text in zip(table.rows[0].cells, ("序号", "级别", "位置", "说明"), strict=False):
        _text(cell.paragraphs[0], text, bold=True)
        _shade(cell, "DDEBF7")
    if not messages:
        _text(table.rows[1].cells[3].paragraphs[0], "审核时未发现问题；退回原因见上方“退回理由”。")
    for row, m in zip(table.rows[1:], messages, strict=False):
        cells = row.cells
        for cell, text in zip(cells, (str(m.number), m.severity, m.place or "（全文件）", m.text), strict=False):
            _text(cell.paragraphs[0], text)
        _shade(cells[1], ERROR_COLOUR if m.is_error else HINT_COLOUR)


def _marked_tables(document, content: ReadDocument, messages: tuple[ListedMessage, ...]) -> None:
    by_table: dict[int, list[ListedMessage]] = defaultdict(list)
    for m in messages:
        if isinstance(m.target, TableCellPlace):
            by_table[m.target.table].append(m)
    for number in sorted(by_table):
        if number > len(content.tables):
            continue
        source = content.tables[number - 1]
        marks = _cell_marks(source, by_table[number])
        _heading(document, f"原文表格{number}（标红的单元格有错误，标黄的有提示）", 14)
        _copy_table(document, source, marks)


def _cell_marks(table: ReadTable, messages: list[ListedMessage]) -> dict[tuple[int, int], bool]:
    """Grid place (0-based row, col of a cell's top-left) -> is an error there.

    A place naming a row only (`表格1 第3行`) marks the cell of the label the message
    quotes and the value cell after it; failing that, the whole row.
    """
    marks: dict[tuple[int, int], bool] = {}

    def mark(row: int, col: int, error: bool) -> None:
        cell = table.cell_at(row, col)
        if cell is not None:
            key = (cell.row, cell.col)
            marks[key] = marks.get(key, False) or error

    for m in messages:
        target = m.target
        if not isinstance(target, TableCellPlace):
            continue
        row = target.row - 1
        if row >= len(table.rows):
            continue
        if target.col is not None:
            mark(row, target.col - 1, m.is_error)
            continue
        cells = sorted((c for r in table.rows for c in r if c.row <= row < c.row + c.row_span), key=lambda c: c.col)
        quoted = {label_key(q) for q in _QUOTED.findall(m.text)}
        hits = [i for i, c in enumerate(cells) if c.text.strip() and label_key(c.text) in quoted]
        for i in hits[:1] or range(len(cells)):
            mark(row, cells[i].col, m.is_error)
            if hits and i + 1 < len(cells):
                mark(row, cells[i + 1].col, m.is_error)
    return marks


def _copy_table(document, source: ReadTable, marks: dict[tuple[int, int], bool]) -> None:
    cells = [c for r in source.rows for c in r]
    if not cells:
        return
    rows = max(c.row + c.row_span for c in cells)
    cols = max(c.col + c.col_span for c in cells)
    table = document.add_table(rows=rows, cols=cols)
    table.style = "Table Grid"
    for c in cells:
        target = table.cell(c.row, c.col)
        if c.row_span > 1 or c.col_span > 1:
            try:
                target = target.merge(table.cell(c.row + c.row_span - 1, c.col + c.col_span - 1))
            except InvalidSpanError:
                pass  # spans a damaged file makes overlap: the text still shows, unmerged
        _text(target.paragraphs[0], c.text)
        if (c.row, c.col) in marks:
            _shade(target, ERROR_COLOUR if marks[(c.row, c.col)] else HINT_COLOUR)


def _marked_paragraphs(document, content: ReadDocument, messages: tuple[ListedMessage, ...]) -> None:
    quoted = [(m, m.target.index) for m in messages if isinstance(m.target, ParagraphPlace)]
    texts = {p.index + 1: p.text for p in content.paragraphs}
    quoted = [(m, i) for m, i in quoted if i in texts]
    if not quoted:
        return
    _heading(document, "原文中有问题的段落", 14)
    for m, index in quoted:
        p = document.add_paragraph()
        _text(p, f"第{index}段（{m.severity}）：", bold=True)
        _text(p, texts[index])
