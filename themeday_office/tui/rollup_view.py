"""How the 汇总 tab draws a rollup: its periods and groupings, sorting, and bar charts in text.

The figures and their text come from office/rollup.py, as on the command line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.style import StyleType
from rich.text import Text

from themeday_office.domain.period import Period
from themeday_office.office.rollup import NO_FIGURE, RollupView
from themeday_office.tui.shortening import shorten

if TYPE_CHECKING:
    from themeday_office.rollup import Figure, Rollup

PERIOD_KINDS = ("month", "quarter", "year")
VIEW_ORDER = ("committee", "type", "group")
VIEW_HEADING = {"committee": "党(工)委", "type": "支部类型", "group": "协作组"}
BAR_WIDTH = 24


def period_of(kind: str, year: int, month: int) -> Period:
    """The month, quarter or year holding `year`-`month`."""
    if kind == "month":
        return Period.of_month(year, month)
    if kind == "quarter":
        return Period.of_quarter(year, (month - 1) // 3 + 1)
    return Period.of_year(year)


def figures_of(view: RollupView) -> Rollup:
    """The figures of a view the 汇总 tab shows. Only a view read without a ledger has none, and
    such a view never reaches the tab (RollupPane._read turns it into a notice)."""
    return cast("Rollup", view.rollup)


def sort_value(figure: Figure | None) -> float:
    """What a column sorts by: the rate or the count; an empty cell sorts first."""
    if figure is None or figure.value is None:
        return float("-inf")
    return float(figure.value)


def bar_chart(
    title: str, rows: list[tuple[str, float | None]], low_rate: float, low_style: StyleType, name_width: int = 20
) -> Text:
    """Horizontal bars of rates in [0, 1], one line each, in full blocks (no ambiguous-width glyphs)."""
    text = Text(title + "\n", style="bold")
    for name, rate in rows:
        shown = shorten(name, name_width)
        text.append(shown + " " * (name_width - _cells(shown)) + " ")
        if rate is None:
            text.append(NO_FIGURE + "\n")
            continue
        filled = round(rate * BAR_WIDTH)
        style = low_style if rate < low_rate else None
        text.append("█" * filled, style=style)
        text.append(" " * (BAR_WIDTH - filled) + f" {rate:.1%}\n", style=style)
    return text


def _cells(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)
