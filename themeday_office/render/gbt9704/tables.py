"""Fixed-layout tables of exact widths: the red line, data tables and the 版记 share them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from lxml import etree

from themeday_office.render.gbt9704.ooxml import TBLPR_ORDER, TCPR_ORDER, TRPR_ORDER, element, place

SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")

# A table cell to build: its w:p and its w:tcBorders edges by side (top, left, bottom, right).
CellSpec = tuple[etree._Element, Mapping[str, etree._Element]]


def border(weight: int, color: str = "000000") -> dict[str, object]:
    """A single line `weight` eighths of a point thick."""
    return {"val": "single", "sz": weight, "space": 0, "color": color}


def fixed_table(
    widths: Sequence[int],
    *,
    borders: Mapping[str, Mapping[str, object]],
    cell_margin: int = 0,
    position: etree._Element | None = None,
) -> etree._Element:
    """An empty w:tbl with fixed column widths (twips), centred, the given table borders
    (sides left out have none) and left/right cell margins; `position` makes it float."""
    tbl = element("tbl")
    tblpr = element("tblPr")
    if position is not None:
        place(tblpr, position, TBLPR_ORDER)
        place(tblpr, element("tblOverlap", val="never"), TBLPR_ORDER)
    place(tblpr, element("tblW", w=sum(widths), type="dxa"), TBLPR_ORDER)
    place(tblpr, element("jc", val="center"), TBLPR_ORDER)
    table_borders = element("tblBorders")
    for side in SIDES:
        attrs = borders.get(side)
        table_borders.append(element(side, **attrs) if attrs else element(side, val="nil"))
    place(tblpr, table_borders, TBLPR_ORDER)
    # Fixed layout: Word and WPS otherwise widen columns to fit text and overflow the margin.
    place(tblpr, element("tblLayout", type="fixed"), TBLPR_ORDER)
    margins = element("tblCellMar")
    for side, width in (("top", 0), ("left", cell_margin), ("bottom", 0), ("right", cell_margin)):
        margins.append(element(side, w=width, type="dxa"))
    place(tblpr, margins, TBLPR_ORDER)
    place(
        tblpr,
        element("tblLook", val="0000", firstRow=0, lastRow=0, firstColumn=0, lastColumn=0, noHBand=1, noVBand=1),
        TBLPR_ORDER,
    )
    tbl.append(tblpr)
    grid = element("tblGrid")
    for width in widths:
        grid.append(element("gridCol", w=width))
    tbl.append(grid)
    return tbl


def table_row(
    widths: Sequence[int],
    cells: Sequence[CellSpec],
    *,
    height: int,
    exact: bool = False,
    header: bool = False,
    spans: Sequence[int] | None = None,
) -> etree._Element:
    """A w:tr of (paragraph, cell borders) pairs, rows never split across pages; `spans`
    gives each cell's gridSpan (widths then index the grid columns)."""
    row = element("tr")
    trpr = element("trPr")
    place(trpr, element("cantSplit"), TRPR_ORDER)
    place(trpr, element("trHeight", val=height, hRule="exact" if exact else "atLeast"), TRPR_ORDER)
    if header:
        place(trpr, element("tblHeader"), TRPR_ORDER)
    row.append(trpr)
    spans = spans or [1] * len(cells)
    column = 0
    for (paragraph, cell_borders), span in zip(cells, spans, strict=False):
        cell = element("tc")
        tcpr = element("tcPr")
        place(tcpr, element("tcW", w=sum(widths[column : column + span]), type="dxa"), TCPR_ORDER)
        if span > 1:
            place(tcpr, element("gridSpan", val=span), TCPR_ORDER)
        if cell_borders:
            edges = element("tcBorders")
            for side in ("top", "left", "bottom", "right"):
                if side in cell_borders:
                    edges.append(cell_borders[side])
            place(tcpr, edges, TCPR_ORDER)
        place(tcpr, element("vAlign", val="center"), TCPR_ORDER)
        cell.append(tcpr)
        cell.append(paragraph)
        row.append(cell)
        column += span
    return row
