"""Refuse a sheet whose data reaches past the limits, before a dense grid of it is built."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NoReturn

from themeday_office.readers.errors import ReadError
from themeday_office.readers.limits import ReadLimits
from themeday_office.readers.model import cell_name


def check_extent(cells: Iterable[tuple[int, int]], sheet: str, limits: ReadLimits) -> None:
    """Refuse at the first value cell past the limits; ``cells`` are (row, col) in row order."""
    rows_seen: set[int] = set()
    for row, col in cells:
        if row >= limits.max_rows or col >= limits.max_columns:
            refuse_extent(sheet, limits, (row, col), len(rows_seen))
        rows_seen.add(row)


def refuse_extent(sheet: str, limits: ReadLimits, far: tuple[int, int], rows_with_values: int) -> NoReturn:
    """Many rows with values before the far cell mean a huge table (too_many_rows); few mean
    stray content far away, an absurd used range (absurd_range)."""
    if far[0] >= limits.max_rows and rows_with_values >= limits.max_rows // 2:
        raise ReadError("too_many_rows", sheet=sheet, limit=limits.max_rows)
    raise ReadError("absurd_range", sheet=sheet, cell=cell_name(*far))
