"""版头: the red 发文机关标志, the 发文字号 and the red separator line (with the optional star).

Vertical positions are laid in the flow from the type-area top with exact line heights,
then checked on LibreOffice's rendering (tests/render/test_layout.py measures them).
"""

from __future__ import annotations

import math
from dataclasses import replace

from docx.oxml.ns import qn
from lxml import etree

from themeday_office.render.gbt9704.measures import CHAR, LINE, SIZE_3, TYPE_WIDTH, mm
from themeday_office.render.gbt9704.notation import text_width
from themeday_office.render.gbt9704.ooxml import (
    TCPR_ORDER,
    Layout,
    Look,
    append_run,
    element,
    paragraph_properties,
    place,
)
from themeday_office.render.gbt9704.tables import CellSpec, fixed_table, table_row
from themeday_office.render.gbt9704.typesetter import Typesetter

MARK_TOP = mm(35)  # the mark's top edge below the type-area top
MARK_FILL = 0.98  # share of the type width the mark may fill before its characters narrow
# The red line is the bottom border of a table row this high, right below the 发文字号's
# line. The number's glyphs end about 1.8 mm above the bottom of their 28.95 pt line
# (measured on LibreOffice's page), so the line lands 4 mm below them.
RULE_ROW = mm(4) - mm(1.8)
RULE_WEIGHT = 10  # eighths of a point: 1.25 pt, about 0.44 mm
STAR_CELL = 2 * CHAR  # the star's cell, which also breaks the line around the star


def add_header_block(ts: Typesetter, organ_mark: str, doc_number: str | None) -> None:
    """Append the 版头 at the start of the body."""
    points = ts.style.organ_mark_pt
    look = replace(ts.look("GwOrganMark"), half_points=round(points * 2), scale=mark_scale(organ_mark, points))
    # An exact line as tall as the type itself, so the characters' top is the line's top.
    ts.paragraph("GwOrganMark", organ_mark, look=look, before=MARK_TOP, line=round(points * 20))
    ts.paragraph("GwDocNumber", doc_number or "", before=2 * LINE)
    ts.table(_rule(ts))


def mark_scale(text: str, points: float) -> int:
    """Horizontal scaling (percent) that keeps the mark inside the type area."""
    natural = text_width(text) * points * 20
    return max(1, min(100, math.floor(100 * MARK_FILL * TYPE_WIDTH / natural)))


def _rule(ts: Typesetter) -> etree._Element:
    """The red line as the bottom border of a table row: exact and as wide as the type area.
    With the star, the line is split into two halves with the star's cell between them, the
    star centred on the line across two rows of equal height."""
    red, star = ts.style.red, ts.style.star
    side = (TYPE_WIDTH - STAR_CELL) // 2
    widths = [side, STAR_CELL, TYPE_WIDTH - STAR_CELL - side] if star else [TYPE_WIDTH]
    tbl = fixed_table(widths, borders={})
    for row_index in range(2):
        cells: list[CellSpec] = []
        for col_index in range(len(widths)):
            is_star = star and col_index == 1
            p = element("p")
            p.append(paragraph_properties(Layout(jc="center", line=2 * RULE_ROW if is_star else 20)))
            if is_star and row_index == 0:
                append_run(p, "\u2605", Look(ts.style.text_font, SIZE_3, red))
            ruled = row_index == 0 and not is_star
            line = element("bottom", val="single", sz=RULE_WEIGHT, space=0, color=red)
            cells.append((p, {"bottom": line} if ruled else {}))
        row = table_row(widths, cells, height=RULE_ROW, exact=True)
        if star:
            star_tcpr = row.findall(qn("w:tc"))[1].find(qn("w:tcPr"))
            assert star_tcpr is not None  # table_row gives every cell a w:tcPr
            place(star_tcpr, element("vMerge", val="restart" if row_index == 0 else None), TCPR_ORDER)
            place(star_tcpr, element("vAlign", val="center"), TCPR_ORDER)
        tbl.append(row)
    return tbl
