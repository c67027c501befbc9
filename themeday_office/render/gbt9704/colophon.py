"""版记: 抄送 and 印发机关/印发日期 between rules, the last rule on the bottom of the type area.

The block is a floating table anchored to the bottom of the margin (w:tblpPr), so it sits
on the type area's bottom edge of the last page whatever the body's length, and body text
flows around it rather than under it.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from themeday_office.render.gbt9704.measures import LINE, MARGIN_LEFT, SMALL_CHAR, TYPE_WIDTH
from themeday_office.render.gbt9704.notation import text_width, zh_date
from themeday_office.render.gbt9704.ooxml import element
from themeday_office.render.gbt9704.tables import border, fixed_table, table_row
from themeday_office.render.gbt9704.typesetter import Typesetter

THICK = 8  # 1 pt = 0.35 mm: the first and last rules
THIN = 6  # 0.75 pt = 0.26 mm: rules between items


def add_colophon(ts: Typesetter, copy_to: Sequence[str], issuer: str, issue_date: datetime.date) -> None:
    """Append the 版记 (and the empty paragraph it is anchored to) at the end of the body."""
    issued = zh_date(issue_date) + "印发"
    # Room for the date plus slack: digits in a fallback font are wider than half a character.
    date_cell = round((text_width(issued) + 3) * SMALL_CHAR)
    widths = [TYPE_WIDTH - date_cell, date_cell]
    # Horizontally at the left margin measured from the page edge, not "centred in the
    # margin": LibreOffice (before 7.6) leaves a floating table as wide as the text area in
    # the flow unless its position is page-relative.
    position = element(
        "tblpPr",
        leftFromText=0, rightFromText=0, topFromText=0, bottomFromText=0,
        vertAnchor="margin", horzAnchor="page", tblpX=MARGIN_LEFT, tblpYSpec="bottom",
    )
    tbl = fixed_table(
        widths,
        borders={"top": border(THICK), "bottom": border(THICK), "insideH": border(THIN)},
        position=position,
    )
    names = [name.strip().rstrip("。，、；") for name in copy_to if name.strip()]
    if names:
        label = "抄送："
        # Wrapped lines align with the first name, after the colon; one character in each side.
        p = ts.make_paragraph(
            "GwColophon", label + "，".join(names) + "。",
            left=SMALL_CHAR * (1 + 3), hanging=SMALL_CHAR * 3, right=SMALL_CHAR,
        )
        tbl.append(table_row(widths, [(p, {})], height=LINE, spans=[2]))
    issuer_p = ts.make_paragraph("GwColophon", issuer, left=SMALL_CHAR)
    date_p = ts.make_paragraph("GwColophon", issued, jc="right", right=SMALL_CHAR)
    tbl.append(table_row(widths, [(issuer_p, {}), (date_p, {})], height=LINE))
    ts.table(tbl)
    # A floating table needs a paragraph after it to anchor to; a 1 pt line always fits.
    ts.paragraph("GwBody", line=20)
