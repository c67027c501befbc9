"""GB/T 9704-2012 page geometry in Word's units (twips = 1/20 pt, half-points for sizes).

The numbers come from /reference/gbt9704.md: A4, margins 37/26/35/28 mm, a 156 x 225 mm
type area holding 22 lines of 28 characters of 3号 text.
"""

from __future__ import annotations

TWIPS_PER_MM = 1440 / 25.4


def mm(value: float) -> int:
    """Millimetres to twips, rounded."""
    return round(value * TWIPS_PER_MM)


PAGE_WIDTH = 11906  # 210 mm
PAGE_HEIGHT = 16838  # 297 mm
MARGIN_TOP = 2098  # 37 mm
MARGIN_RIGHT = 1474  # 26 mm
MARGIN_BOTTOM = 1984  # 35 mm
MARGIN_LEFT = 1587  # 28 mm
TYPE_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 156 mm
TYPE_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM  # 225 mm

# 22 lines of exactly 28.95 pt fill the type area; 29 pt would leave room for 21 only.
LINES_PER_PAGE = 22
LINE = 579
assert LINES_PER_PAGE * LINE <= TYPE_HEIGHT < (LINES_PER_PAGE + 1) * LINE

# Sizes in half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, 小四 12 pt.
SIZE_2 = 44
SIZE_3 = 32
SIZE_4 = 28
SIZE_SMALL_4 = 24  # 小四 12 pt: table text, so that 7 columns of figures fit across 156 mm

# 28 x 16 pt = 448 pt does not fit 156 mm (442.2 pt); -0.25 pt per character makes 441 pt.
CHARS_PER_LINE = 28
CHAR_SPACING = -5  # twentieths of a point, on 3号 text
CHAR = SIZE_3 * 10 + CHAR_SPACING  # one 3号 character's advance, in twips
assert CHARS_PER_LINE * CHAR <= TYPE_WIDTH < (CHARS_PER_LINE + 1) * CHAR
SMALL_CHAR = SIZE_4 * 10  # one 4号 character (版记, page numbers)
TABLE_CHAR = SIZE_SMALL_4 * 10  # one character of table text
