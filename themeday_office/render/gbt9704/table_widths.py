"""Column widths from the cells' contents: what must stay on one line gets its room, names wrap.

A cell holding a number, a ratio (347/400), a rate (95.0%), a score or a word of up to five
characters (未报送, 按时开展率) must never break inside; a longer text (a committee's name, a
list of themes) may wrap. Each column gets at least the width of its longest unbreakable
cell; the columns that hold wrapping text share what is left, by the caller's weights, and
no column is given more than its longest cell needs while another still wraps.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence

SHORT_WORD = 5  # characters: a word this long or shorter never breaks
# Half-width characters (digits, %, /) are set in a Latin fallback font on many machines,
# wider than half a character: reserve this share of a full character for each.
HALF_WIDTH = 0.62
# Slack per line so that a text measured to fit does fit in Word, WPS and LibreOffice.
SLACK = 0.4  # characters
_FIGURE = re.compile(r"^[-+—]?[\d.,/%:：*+\-—]+[%分个人次]?\*?$")
# A date as the documents write it (2017年3月10日, 10月13日, 2017年3月): one line, like a figure.
_DATE = re.compile(r"^(\d{4}年)?\d{1,2}月(\d{1,2}日)?$")


def text_chars(text: str) -> float:
    """Width of `text` in full characters, half-width characters counted as HALF_WIDTH."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else HALF_WIDTH for ch in text)


def unbreakable(text: str) -> bool:
    """A figure, a ratio, a rate, a date or a short word: it must stay on one line."""
    text = text.strip()
    return bool(_FIGURE.match(text) or _DATE.match(text)) or len(text) <= SHORT_WORD


def room(width: int, char: int, margin: int) -> float:
    """The characters a column of `width` twips holds on a line: column_widths' measure undone."""
    return (width - 2 * margin) / char - SLACK


def header_pieces(name: str) -> list[str]:
    """The lines a column's header may take: its own line breaks, and a break after each slash
    (已开展/支部数 reads 已开展/ over 支部数 in a narrow column)."""
    return [piece for line in str(name).strip().split("\n") for piece in re.findall(r"[^/]+/?|/", line)] or [""]


def header_text(name: str, room: float) -> str:
    """The header as it is set in a column `room` characters wide: on one line when it fits,
    else broken where header_pieces allows."""
    one_line = str(name).replace("\n", "")
    if text_chars(one_line) <= room:
        return one_line
    lines: list[str] = []
    for piece in header_pieces(name):
        if lines and text_chars(lines[-1] + piece) <= room:
            lines[-1] += piece
        else:
            lines.append(piece)
    return "\n".join(lines)


def column_widths(
    total: int,
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    char: int,
    margin: int,
    weights: Sequence[float] | None = None,
) -> list[int]:
    """Twips per column summing to `total`, for cells of `char` twips per character and
    `margin` twips of cell margin on each side."""
    n = len(columns)
    weights = list(weights or [1.0] * n)
    need = [0.0] * n  # the longest unbreakable text, in characters
    natural = [0.0] * n  # the longest text of all
    wraps = [False] * n
    for i, name in enumerate(columns):
        # A long header may wrap (after its slash, or where it has a line break); it never widens
        # its column beyond its longest piece.
        longest = max(header_pieces(name), key=text_chars)
        need[i] = text_chars(longest) if unbreakable(longest) else 2.0
        natural[i] = need[i]
    for row in rows:
        for i, value in enumerate(row):
            text = str(value).strip()
            width = text_chars(text)
            natural[i] = max(natural[i], width)
            if unbreakable(text):
                need[i] = max(need[i], width)
            else:
                wraps[i] = True
                need[i] = max(need[i], 2.0)  # at least two characters a line
    def twips(chars: float) -> int:
        return math.ceil((chars + SLACK) * char) + 2 * margin if chars else 2 * margin + char

    widths = [twips(c) for c in need]
    spare = total - sum(widths)
    if spare < 0:  # more than fits: shrink in proportion (the page cannot grow)
        widths = [math.floor(w * total / sum(widths)) for w in widths]
    else:
        growing = [i for i in range(n) if wraps[i]] or list(range(n))
        # First the wrapping columns towards their natural width, by weight...
        while spare > 0 and growing:
            share = sum(weights[i] for i in growing)
            given = 0
            for i in list(growing):
                room = twips(natural[i]) - widths[i]
                add = min(room, math.floor(spare * weights[i] / share))
                widths[i] += add
                given += add
                if twips(natural[i]) - widths[i] <= 0:
                    growing.remove(i)
            spare -= given
            if given == 0:
                break
        # ...then whatever is left over, to every column by its width (tables span the type area).
        if spare > 0:
            base = sum(widths)
            for i in range(n):
                widths[i] += math.floor(spare * widths[i] / base)
    widths[-1] += total - sum(widths)
    return widths
