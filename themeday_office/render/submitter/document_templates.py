"""The Word templates: activity record, adjustment filing, quarterly summary.

Forms are tables of label cells (bold, shaded) each followed by an empty value cell, the
way the district's paper forms are drawn; the reader pairs a label with the cell after it
(or below it). Values are plain cells: content controls are not kept by every editor the
committees use, and a control left with its placeholder text would be read as a value.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from themeday_office.domain.forms import ADJUSTMENT_LABELS, RECORD_LABELS, SECTIONS
from themeday_office.domain.forms.record import RECORD_LAYOUT
from themeday_office.domain.labels import Label, match_label
from themeday_office.render.office_text import xml_text

BODY_FONT, TITLE_FONT, LABEL_FONT = "仿宋_GB2312", "方正小标宋简体", "黑体"
LABEL_SHADE = "DDEBF7"
HINT_COLOUR = RGBColor(0x80, 0x80, 0x80)

RECORD_TITLE = "主题党日活动记录表"
RECORD_NOTES = (
    "填表说明：",
    "1. 活动日期如 2017年3月10日；活动时间如 8:30—12:00，活动时长应不少于半天。",
    "2. 开展方式填写“联建共建”或“支部单独开展”，联建共建的须填写联建单位。",
    "3. 应到人数为本支部正式党员和预备党员人数，入党积极分子、发展对象、流动党员等列为列席人员，不计入应到人数。",
    "4. 科级以上领导干部以普通党员身份参加所在支部活动，在“参加的科级以上领导干部”栏写明姓名。",
)

ADJUSTMENT_TITLE = "主题党日活动调整日期备案表"
ADJUSTMENT_ROWS = tuple(label.name for label in ADJUSTMENT_LABELS)  # the form's own rows, in order
ADJUSTMENT_NOTES = (
    "填表说明：",
    "1. 调整月份如 2017年4月；区定日期为该月全区主题党日（每月第二个星期五）。",
    "2. 调整后日期须在区定日期前后一周之内，本单位所有党支部同日开展，并在区定日期前报备。",
    "3. 全部党支部调整的，涉及支部填“全部”；部分支部的，写明支部名称，用“、”分隔。",
)

SUMMARY_HINTS = {
    "基本情况": "（本季度各党支部开展主题党日活动的总体情况："
    "应开展和实际开展的支部数、参加人数、联建共建开展情况等。）",
    "主要做法": "（活动组织、主题设计、联建共建、服务群众等方面的做法和成效。）",
    "存在问题": "（活动开展中存在的问题和不足。）",
    "下步打算": "（下一季度的工作打算和改进措施。）",
}
_NUMBERS = "一二三四"


def summary_title(year: int | None) -> str:
    return f"××党(工)委{year or '××××'}年第×季度“主题党日”活动开展情况总结"


def _known(labels: Sequence[str], form: Sequence[Label]) -> None:
    for label in labels:
        if match_label(label, form) != label:
            raise ValueError(f"template label {label!r} is not a canonical label of its form")


def _document() -> docx.document.Document:
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, Pt(14)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.left_margin = section.right_margin = Cm(2.2)
    return document


def _font(run, name: str, size: float, *, bold: bool = False, colour: RGBColor | None = None) -> None:
    run.font.name, run.font.size = name, Pt(size)
    run.font.bold = bold or None
    if colour is not None:
        run.font.color.rgb = colour
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _title(document, text: str) -> None:
    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(12)
    _font(p.add_run(xml_text(text)), TITLE_FONT, 20)


def _paragraph(document, text: str, *, size: float = 14, align=None, indent: bool = False, hint: bool = False,
               bold: bool = False):
    p = document.add_paragraph()
    p.paragraph_format.space_after = Pt(0)
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)  # two characters
    if text:
        _font(p.add_run(xml_text(text)), BODY_FONT, size, bold=bold, colour=HINT_COLOUR if hint else None)
    return p


def _shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def _label_cell(cell, text: str) -> None:
    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(cell.paragraphs[0].add_run(xml_text(text)), LABEL_FONT, 12)
    _shade(cell, LABEL_SHADE)


def _grid(table, widths) -> None:
    # LibreOffice and WPS lay a table out by its grid columns, not by the cells' own widths.
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=False):
        column.width = width


def _min_height(row, cm: float) -> None:
    row.height = Cm(cm)


def _span(cells):
    # python-docx's merge rescans the table on each call; a direct gridSpan is enough here.
    first = cells[0]
    first.width = sum((c.width for c in cells), Cm(0))
    first._tc.grid_span = len(cells)
    for cell in cells[1:]:
        cell._tc.getparent().remove(cell._tc)
    return first


def _save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def record_document() -> bytes:
    """主题党日活动记录表: a four-column table of label and value cells."""
    _known([label for row in RECORD_LAYOUT for label in row], RECORD_LABELS)
    document = _document()
    _title(document, RECORD_TITLE)
    table = document.add_table(rows=len(RECORD_LAYOUT), cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = (Cm(3.4), Cm(5.0), Cm(3.4), Cm(4.8))
    _grid(table, widths)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width
    for row, labels in zip(table.rows, RECORD_LAYOUT, strict=False):
        cells = list(row.cells)
        if len(labels) == 1:
            _label_cell(cells[0], labels[0])
            _span(cells[1:])
        else:
            for k, label in enumerate(labels):
                _label_cell(cells[2 * k], label)
        _min_height(row, 7.5 if labels == ("活动内容",) else 0.9)  # one A4 page with the notes
    for line in RECORD_NOTES:
        _paragraph(document, line, size=11)
    return _save(document)


def adjustment_document() -> bytes:
    """调整日期备案表: label and value rows, the seal line under them."""
    _known(ADJUSTMENT_ROWS, ADJUSTMENT_LABELS)
    document = _document()
    _title(document, ADJUSTMENT_TITLE)
    table = document.add_table(rows=len(ADJUSTMENT_ROWS), cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _grid(table, (Cm(3.6), Cm(13.0)))
    for row, label in zip(table.rows, ADJUSTMENT_ROWS, strict=False):
        label_cell, value_cell = row.cells
        label_cell.width, value_cell.width = Cm(3.6), Cm(13.0)
        _label_cell(label_cell, label)
        _min_height(row, 3.0 if label in ("调整原因", "涉及支部") else 1.1)
    _paragraph(document, "（盖章）", align=WD_ALIGN_PARAGRAPH.RIGHT)
    for line in ADJUSTMENT_NOTES:
        _paragraph(document, line, size=11)
    return _save(document)


def summary_document(year: int | None) -> bytes:
    """季度总结报告: the title to complete, the usual sections, the date.

    The unit and quarter are read from the title, so the template asks for them there; an
    empty `报送单位：` line would be read as a unit of its own.
    """
    document = _document()
    _title(document, summary_title(year))
    _paragraph(document, "（请将标题中的“××党(工)委”“第×季度”改为本单位全称和所报季度。）", size=11, hint=True)
    for number, section in zip(_NUMBERS, SECTIONS, strict=False):
        _paragraph(document, f"{number}、{section}", indent=True, bold=True)
        _paragraph(document, SUMMARY_HINTS[section], indent=True, hint=True)
    _paragraph(document, "")
    _paragraph(document, "（单位名称）", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(document, f"{year or '    '}年  月  日", align=WD_ALIGN_PARAGRAPH.RIGHT)
    return _save(document)
