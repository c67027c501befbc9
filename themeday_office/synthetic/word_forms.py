"""The Word forms: a branch's record, a committee's adjustment filing, its quarterly summary.

Places of planted mistakes are written as the docx reader names them: `表格1 第3行第4列`
(a merged cell by its top-left grid place), `第5段` for a paragraph.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Emu, Pt
from docx.table import _Cell

from themeday_office.domain.forms.adjustment import ADJUSTMENT_LABELS
from themeday_office.domain.forms.record import RECORD_LAYOUT
from themeday_office.synthetic.activities import Adjustment, BranchDay, CommitteeMonth
from themeday_office.synthetic.mistakes import (
    ACTIVITY_MISTAKES,
    Mistake,
    PlantedMistake,
)
from themeday_office.synthetic.summaries import QuarterSummary
from themeday_office.synthetic.wording import time_range, zh_date, zh_month

RECORD_TITLE = "主题党日活动记录表"
ADJUSTMENT_TITLE = "主题党日活动调整日期备案表"
_BODY_FONT, _TITLE_FONT = "仿宋_GB2312", "方正小标宋简体"

_RECORD_MISTAKE_LABEL = {
    Mistake.UNFILED_DATE: "活动日期",
    Mistake.SHORT_DURATION: "活动时间",
    Mistake.LOW_ATTENDANCE: "实到人数",
    Mistake.EXPECTED_DIFFERS: "应到人数",
}
ADJUSTMENT_ROW_NAMES = tuple(label.name for label in ADJUSTMENT_LABELS)  # the form's rows, in order


def write_record_docx(day: BranchDay, month: CommitteeMonth, path: Path | IO[bytes]) -> list[PlantedMistake]:
    """A branch's 主题党日活动记录表, as its committee forwards it."""
    if not day.held or day.held_on is None:
        raise ValueError(f"{day.branch.name} did not meet: there is no record to write")
    values = {
        "党支部名称": day.branch.name,
        "所属党(工)委": month.committee.name,
        "活动日期": zh_date(day.held_on),
        "活动时间": time_range(day.segments, "—"),
        "活动地点": day.location or "",
        "活动主题": day.theme or "",
        "开展方式": day.mode.value if day.mode else "",
        "联建单位": day.partner or "",
        "主持人": day.host or "",
        "记录人": day.recorder or "",
        "应到人数": str(day.expected),
        "实到人数": str(day.present),
        "请假人数": str(day.excused),
        "缺席人员及原因": day.absentees or "无",
        "列席人员": day.observer_names or "无",
        "参加的科级以上领导干部": day.cadre_names or "无",
        "活动内容": day.content or "",
        "备注": day.remarks or "",
    }
    document = _document()
    _title(document, RECORD_TITLE)
    table = document.add_table(rows=len(RECORD_LAYOUT), cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid = [row.cells for row in table.rows]  # python-docx's table.cell() rescans the table each call
    places: dict[str, str] = {}
    for r, labels in enumerate(RECORD_LAYOUT):
        if len(labels) == 1:
            _write(grid[r][0], labels[0])
            _write(_span(grid[r][1:]), values[labels[0]])
            places[labels[0]] = _place(r, 1)
        else:
            for k, label in enumerate(labels):
                _write(grid[r][2 * k], label)
                _write(grid[r][2 * k + 1], values[label])
                places[label] = _place(r, 2 * k + 1)
    _save(document, path)
    return [
        PlantedMistake(m, day.branch.name, places[_RECORD_MISTAKE_LABEL[m]])
        for m in sorted(day.mistakes & ACTIVITY_MISTAKES, key=list(Mistake).index)
    ]


def write_adjustment_docx(adjustment: Adjustment, path: Path) -> list[PlantedMistake]:
    """A committee's 调整日期备案表 as a Word table of label / value rows."""
    values = adjustment_values(adjustment)
    document = _document()
    _title(document, ADJUSTMENT_TITLE)
    table = document.add_table(rows=len(ADJUSTMENT_ROW_NAMES), cols=2)
    table.style = "Table Grid"
    for row, label in zip(table.rows, ADJUSTMENT_ROW_NAMES, strict=False):
        label_cell, value_cell = row.cells
        _write(label_cell, label)
        _write(value_cell, values[label])
    _paragraph(document, "（盖章）", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _save(document, path)
    rows = {label: r for r, label in enumerate(ADJUSTMENT_ROW_NAMES)}
    return adjustment_mistakes(adjustment, lambda label: _place(rows[label], 1))


def adjustment_mistakes(adjustment: Adjustment, place_of: Callable[[str], str]) -> list[PlantedMistake]:
    """The filing's planted mistakes, at the value cells `place_of(label)` names."""
    at = {Mistake.ADJUSTMENT_OUTSIDE_WINDOW: "调整后日期", Mistake.ADJUSTMENT_WITHOUT_REASON: "调整原因"}
    return [PlantedMistake(m, None, place_of(at[m])) for m in sorted(adjustment.mistakes, key=list(Mistake).index)]


def adjustment_values(a: Adjustment) -> dict[str, str]:
    """The filing's label -> text, shared by the docx and the xlsx form."""
    return {
        "申请单位": a.committee.name,
        "调整月份": zh_month(a.period),
        "区定日期": zh_date(a.district_date),
        "调整后日期": zh_date(a.new_date),
        "调整原因": a.reason or "",
        "涉及支部": a.branches,
        "联系人": a.contact,
        "联系电话": a.phone,
        "报备日期": zh_date(a.filed_on),
    }


def write_summary_docx(summary: QuarterSummary, path: Path) -> list[PlantedMistake]:
    """The committee's quarterly summary: title, numbered sections, signature and date."""
    document = _document()
    _title(document, summary.title)
    for heading, paragraphs in summary.sections:
        _paragraph(document, heading, bold=True, indent=True)
        for text in paragraphs:
            _paragraph(document, text, indent=True)
    _paragraph(document, "")
    _paragraph(document, summary.signed_by, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(document, zh_date(summary.dated), align=WD_ALIGN_PARAGRAPH.RIGHT)
    _save(document, path)
    return [PlantedMistake(m, None, "") for m in sorted(summary.mistakes, key=list(Mistake).index)]


def _place(row: int, col: int) -> str:
    return f"表格1 第{row + 1}行第{col + 1}列"


def _document() -> docx.document.Document:
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = _BODY_FONT, Pt(14)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), _BODY_FONT)  # Word picks Chinese glyphs from here
    return document


def _save(document: docx.document.Document, target: Path | IO[bytes]) -> None:
    # Document.save is typed for a str or a stream; a Path names the same file as its str.
    document.save(str(target) if isinstance(target, Path) else target)


def _title(document: docx.document.Document, text: str) -> None:
    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    run.font.size, run.font.name = Pt(22), _TITLE_FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), _TITLE_FONT)


def _paragraph(
    document: docx.document.Document,
    text: str,
    *,
    bold: bool = False,
    indent: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = None,
) -> None:
    p = document.add_paragraph()
    if indent:
        p.paragraph_format.first_line_indent = Pt(28)  # two characters
    if align is not None:
        p.alignment = align
    if text:
        p.add_run(text).bold = bold or None


def _write(cell: _Cell, text: str) -> None:
    # Table text a size smaller than the body, as printed forms have it.
    if text:
        cell.paragraphs[0].add_run(text).font.size = Pt(12)


def _span(cells: list[_Cell]) -> _Cell:
    """The first of a row's adjacent `cells` widened over the rest (a horizontal merge, done
    directly: python-docx's merge rescans the whole table)."""
    widths = [c.width for c in cells]
    if None not in widths:
        cells[0].width = Emu(sum(widths))
    cells[0]._tc.grid_span = len(cells)
    for cell in cells[1:]:
        row = cell._tc.getparent()
        assert row is not None  # a table cell always sits in its <w:tr>
        row.remove(cell._tc)
    return cells[0]
