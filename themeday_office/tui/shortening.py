"""Text shortened to a number of terminal cells, with an ellipsis where something was left out.

The ellipsis is three ASCII dots, not "…" (U+2026): that character is of ambiguous East Asian
width, so a terminal with a Chinese font or locale (Windows Terminal, PuTTY and Xshell set to
treat ambiguous characters as wide, many Chinese Linux consoles) draws it two cells wide while
Rich counts one, and every column to its right moves. ASCII dots are one cell everywhere.
Chinese characters count two cells; a name is never cut through the middle of one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

ELLIPSIS = "..."


def shorten(text: str, width: int, *, middle: bool = False) -> str:
    """`text` in at most `width` cells: as it is if it fits, else cut at the end (or in the middle,
    keeping a file name's end and extension) with ELLIPSIS in the gap."""
    if cell_len(text) <= width:
        return text
    room = width - len(ELLIPSIS)
    if room < 2:
        return _head(text, width)
    if not middle:
        return _head(text, room) + ELLIPSIS
    tail = _tail(text, room // 2)
    if tail.startswith(".") and room - cell_len(tail) >= 4:
        tail = _tail(text, cell_len(tail) + 2)  # "...表.xlsx", not "....xlsx"
    return _head(text, room - cell_len(tail)) + ELLIPSIS + tail


def _head(text: str, width: int) -> str:
    used = 0
    for i, char in enumerate(text):
        used += cell_len(char)
        if used > width:
            return text[:i]
    return text


def _tail(text: str, width: int) -> str:
    return _head(text[::-1], width)[::-1]


class ShortText(Text):
    """A one-line table cell shortened to the width it is drawn in: at the end, or in the middle
    (a file name keeps its end and extension). A resized column draws it again, shortened anew.

    Measured by its length alone: Rich's general measure splits the text into words first,
    which for ten thousand rows of a table costs seconds.
    """

    def __init__(self, text: str, *, middle: bool = False, style: str = "", **kwargs: Any) -> None:
        super().__init__(text, style=style, no_wrap=True, overflow="crop", end="", **kwargs)
        self.middle = middle

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        width = self.cell_len
        return Measurement(width, width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterable[Segment]:
        short = shorten(self.plain, options.max_width, middle=self.middle)
        if short == self.plain:
            yield from super().__rich_console__(console, options)
        else:
            # Its segments, as Console.render would draw the Text (Text.__rich_console__ yields segments only).
            yield from Text(short, style=self.style, no_wrap=True, overflow="crop", end="").__rich_console__(
                console, options)
