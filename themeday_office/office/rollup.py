"""A period's figures for the clerk: the rollup read from the ledger, the text of each figure, and
the formatted workbook.

Only accepted current versions count, judged by the roster, calendar and adjustments filed up
to now; every figure can be traced back to ledger ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from themeday_office.domain.period import Period
from themeday_office.office import Clock
from themeday_office.office.opening import NO_LEDGER, NO_ROSTER, existing_ledger

if TYPE_CHECKING:
    from themeday_office.rollup import Rollup
    from themeday_office.rollup.figures import Column, Figure
    from themeday_office.workspace import Workspace

LOW_RATE_DEFAULT = 0.9
# A figure that cannot be computed (no denominator): an ASCII hyphen, not "—", whose width
# CJK terminals and fonts disagree on (it would push the columns after it out of line).
NO_FIGURE = "-"
EXPORT_FOLDER = "汇总"


@dataclass(frozen=True)
class RollupView:
    """A period's rollup (None without a ledger) and the rate below which figures are marked."""

    period: Period
    rollup: Rollup | None  # None without a ledger
    low_rate: float
    sentences: tuple[str, ...] = ()  # why the figures are missing or empty
    ready: bool = True  # False: no ledger, or no roster to count against


@dataclass(frozen=True)
class RollupExport:
    path: Path
    sentences: tuple[str, ...]
    problem: str = ""  # why the workbook could not be written


def rollup_view(workspace: Workspace, clock: Clock, period: Period) -> RollupView:
    """Roll the period up from the ledger as it is now."""
    from themeday_office.rollup import RollupInputs, RollupRules, rollup

    rules = RollupRules.of(workspace)
    low_rate = rules.assessment.cap_held_rate_floor or LOW_RATE_DEFAULT
    ledger = existing_ledger(workspace, clock)
    if ledger is None:
        return RollupView(period, None, low_rate, (NO_LEDGER,), ready=False)
    with ledger:
        inputs = RollupInputs.from_ledger(ledger, rules)
        result = rollup(inputs, period)
    if not inputs.rosters.versions:
        return RollupView(period, result, low_rate, (NO_ROSTER,), ready=False)
    return RollupView(period, result, low_rate)


def figure_text(figure: Figure | None, column: Column | None = None) -> str:
    """A figure as both front ends show it: 5/6 for ratios, 87.5% for rates, the count otherwise;
    "" for no figure at all, NO_FIGURE for one without a denominator."""
    if figure is None:
        return ""
    if column is not None and column.ratio:
        return f"{figure.numerator:g}/{figure.denominator:g}" if figure.denominator else NO_FIGURE
    if figure.is_rate:
        return NO_FIGURE if figure.rate is None else f"{figure.rate:.1%}"
    if isinstance(figure.numerator, float):
        return f"{figure.numerator:.2f}"
    return str(figure.numerator)


def export_path(outbox: Path, period: Period) -> Path:
    """Where a period's workbook goes unless the clerk names a file."""
    return Path(outbox) / EXPORT_FOLDER / f"主题党日汇总表_{period}.xlsx"


def export_rollup(workspace: Workspace, clock: Clock, view: RollupView, path: Path | None = None) -> RollupExport:
    """Write the view's rollup as a formatted workbook (a sheet per grouping, with charts) to `path`,
    by default into the outbox's 汇总 folder."""
    from themeday_office.render.outbox_file import OutboxWriteError
    from themeday_office.render.rollup_xlsx import write_rollup_xlsx

    path = Path(path) if path is not None else export_path(workspace.outbox, view.period)
    if view.rollup is None:  # no ledger: nothing to write
        return RollupExport(path, (), NO_LEDGER)
    try:
        write_rollup_xlsx(view.rollup, path)  # its folder made as needed
    except OutboxWriteError as exc:
        return RollupExport(path, (), f"未能写出 Excel 汇总表：{exc}")
    return RollupExport(path, (f"已写出 Excel 汇总表：{path}",))
