"""Fitting a table of Chinese text to the terminal: one line a row, the long cells shortened.

Widths are terminal cells, measured with Rich's `cell_len` (a Chinese character is two cells).
Only the columns that may shrink are shortened, and only as far as their floor; the others are
always printed in full. With no width every cell is printed in full, whatever the line's length.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from rich.cells import cell_len
from rich.text import Text

# Three ASCII dots, not "…" (U+2026): that character is East Asian *ambiguous* width, one cell in
# most Western terminals but two in CJK-locale ones (Windows consoles with a Chinese font, PuTTY or
# Xshell set to draw ambiguous characters wide), so a shortened cell would push its line past the
# edge there. ASCII dots are one cell in every terminal and encode in GBK.
ELLIPSIS = "..."
GAP = " "  # between columns: one cell, the columns are aligned anyway


@dataclass(frozen=True)
class Column:
    header: str
    floor: int | None = None  # None: never shortened; else the narrowest it may become, in cells
    weight: int = 1  # a shrinking column's share of the room, against the other shrinking columns
    right: bool = False  # right-aligned (numbers)


class Cell(NamedTuple):
    text: str
    style: str = ""
    tail: str = ""  # printed after the text and never shortened, e.g. "（重复 2 次）"


def printable(text: str) -> str:
    """`text` with control, format and surrogate characters shown as "?": a file name may hold a
    newline, a tab or a right-to-left override, and none of them may break or reorder a line."""
    return "".join("?" if unicodedata.category(c) in {"Cc", "Cf", "Cs"} else c for c in text)


def shorten(text: str, width: int) -> str:
    """`text` in at most `width` cells: cut at the end and marked with the ellipsis. A wide character
    that would not fit whole is left out, so the result may be one cell narrower than `width`."""
    if cell_len(text) <= width:
        return text
    if width <= len(ELLIPSIS):
        return ELLIPSIS[:max(width, 0)]
    room, kept = width - len(ELLIPSIS), []
    for char in text:
        room -= cell_len(char)
        if room < 0:
            break
        kept.append(char)
    return "".join(kept) + ELLIPSIS


def column_widths(columns: list[Column], natural: list[int], width: int | None) -> list[int]:
    """Each column's width: its natural width when the line fits in `width` (or there is no width),
    else the shrinking columns share what the others leave, one cell at a time to the narrowest by
    weight, none below its floor and none beyond its natural width."""
    if width is None:
        return natural
    room = width - cell_len(GAP) * (len(columns) - 1)
    room -= sum(n for c, n in zip(columns, natural, strict=False) if c.floor is None)
    floors = {i: c.floor for i, c in enumerate(columns) if c.floor is not None}
    shrinking = list(floors)
    if sum(natural[i] for i in shrinking) <= room:
        return natural
    widths = list(natural)
    for i, floor in floors.items():
        widths[i] = min(natural[i], floor)
    room -= sum(widths[i] for i in shrinking)
    while room > 0:
        growing = [i for i in shrinking if widths[i] < natural[i]]
        if not growing:
            break
        neediest = min(growing, key=lambda i: widths[i] / columns[i].weight)
        widths[neediest] += 1
        room -= 1
    return widths


def _fit(cell: Cell, width: int, right: bool, last: bool) -> Text:
    body = shorten(cell.text, width - cell_len(cell.tail)) + cell.tail
    pad = " " * max(width - cell_len(body), 0)
    if right:
        return Text.assemble(pad, (body, cell.style))
    return Text.assemble((body, cell.style), "" if last else pad)


def fit_table(columns: list[Column], rows: list[list[Cell]], width: int | None,
              header_style: str = "bold") -> list[Text]:
    """The header line and one line a row, fitted to `width` cells (None: every cell in full)."""
    header = [Cell(c.header, header_style) for c in columns]
    rows = [[cell._replace(text=printable(cell.text)) for cell in row] for row in rows]
    natural = [max(cell_len(row[i].text + row[i].tail) for row in [header, *rows]) for i in range(len(columns))]
    widths = column_widths(columns, natural, width)
    last = len(columns) - 1
    return [Text(GAP).join(_fit(cell, widths[i], columns[i].right, i == last) for i, cell in enumerate(row))
            for row in [header, *rows]]


def wrap_items(lead: str, items: list[str], separator: str, width: int | None) -> list[str]:
    """`lead` and the items joined by `separator`, broken between items so no line passes `width`
    (an item is never split; None: one line)."""
    lines, line, on_line = [], lead, 0
    for n, item in enumerate(items):
        piece = item + (separator if n < len(items) - 1 else "")
        if width is not None and on_line and cell_len(line + piece) > width:
            lines.append(line)
            line, on_line = " " * cell_len(lead), 0
        line += piece
        on_line += 1
    return [*lines, line]
