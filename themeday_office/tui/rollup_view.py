"""汇总 as data: a period's rollup read from the ledger, its table rows, and bar charts in text.

No Textual here: the 汇总 tab's workers call `load_rollup`, the pane draws what it returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text

from themeday_office.domain.period import Period
from themeday_office.ledger import Ledger
from themeday_office.tui.shortening import shorten

PERIOD_KINDS = ("month", "quarter", "year")
VIEW_ORDER = ("committee", "type", "group")
VIEW_HEADING = {"committee": "党(工)委", "type": "支部类型", "group": "协作组"}
BAR_WIDTH = 24
LOW_RATE_DEFAULT = 0.9


@dataclass(frozen=True)
class RollupResult:
    rollup: object  # a Rollup of the rollup package
    low_rate: float  # rates below this are marked


def period_of(kind: str, year: int, month: int) -> Period:
    """The month, quarter or year holding `year`-`month`."""
    if kind == "month":
        return Period.of_month(year, month)
    if kind == "quarter":
        return Period.of_quarter(year, (month - 1) // 3 + 1)
    return Period.of_year(year)


def load_rollup(workspace, ledger: Ledger, period: Period) -> RollupResult:
    from themeday_office.rollup import RollupInputs, RollupRules, rollup

    rules = RollupRules.of(workspace)
    result = rollup(RollupInputs.from_ledger(ledger, rules), period)
    return RollupResult(result, rules.assessment.cap_held_rate_floor or LOW_RATE_DEFAULT)


def figure_text(figure, column) -> str:
    """A cell as the command line prints it: 5/6 for ratios, 87.5% for rates, the count otherwise."""
    if figure is None:
        return ""
    if column.ratio:
        return f"{figure.numerator:g}/{figure.denominator:g}" if figure.denominator else "-"
    if figure.is_rate:
        return "-" if figure.rate is None else f"{figure.rate:.1%}"
    if isinstance(figure.numerator, float):
        return f"{figure.numerator:.2f}"
    return str(figure.numerator)


def sort_value(figure) -> float:
    """What a column sorts by: the rate or the count; an empty cell sorts first."""
    if figure is None or figure.value is None:
        return float("-inf")
    return float(figure.value)


def bar_chart(title: str, rows: list[tuple[str, float | None]], low_rate: float, low_style, name_width: int = 20) -> Text:
    """Horizontal bars of rates in [0, 1], one line each, in full blocks (no ambiguous-width glyphs)."""
    text = Text(title + "\n", style="bold")
    for name, rate in rows:
        shown = shorten(name, name_width)
        text.append(shown + " " * (name_width - _cells(shown)) + " ")
        if rate is None:
            text.append("-\n")
            continue
        filled = round(rate * BAR_WIDTH)
        style = low_style if rate < low_rate else None
        text.append("█" * filled, style=style)
        text.append(" " * (BAR_WIDTH - filled) + f" {rate:.1%}\n", style=style)
    return text


def _cells(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def export_path(outbox: Path, period: Period) -> Path:
    return outbox / "汇总" / f"主题党日汇总表_{period}.xlsx"
