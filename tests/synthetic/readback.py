"""Read generated files back into what the domain's form parsers take: label -> RawValue with places.

Deliberately small and independent of the kit's readers: it knows the layouts the generator
draws (title, header block, one or two header rows), so a test can check the files are what
the domain expects without waiting for the ingest layer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import TypeVar

import docx
import openpyxl
import python_calamine
from openpyxl.utils import get_column_letter

from themeday_office.domain.forms import MONTHLY_COLUMNS, MONTHLY_HEADER_LABELS, FormContext
from themeday_office.domain.labels import Label, match_label
from themeday_office.domain.values.raw import Raw, RawValue
from themeday_office.domain.values.text import squeeze

Grid = list[list[Raw]]
T = TypeVar("T")


def raw(value: object) -> Raw:
    """A cell's value as the domain takes it; anything else is not what the generator writes."""
    if value is None or isinstance(value, (str, int, float, date, time)):
        return value
    raise TypeError(f"the generator writes no {type(value).__name__} cell: {value!r}")


def as_type(value: object, kind: type[T]) -> T:
    """`value`, checked to be a `kind` (a cell a test compares as a number, a time, text)."""
    assert isinstance(value, kind), f"{value!r} is no {kind.__name__}"
    return value


def _grid(rows: Iterable[Iterable[object]]) -> Grid:
    return [[raw(v) for v in row] for row in rows]


def xlsx_grids(path: Path) -> dict[str, Grid]:
    book = openpyxl.load_workbook(path)
    return {ws.title: _grid(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def xls_grids(path: Path) -> dict[str, Grid]:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return {
        name: _grid([None if v == "" else v for v in row] for row in book.get_sheet_by_name(name).to_python())
        for name in book.sheet_names
    }


def cell(grids: dict[str, Grid], place: str) -> Raw:
    """The value at `Sheet!C7`."""
    sheet, ref = place.split("!")
    letters = ref.rstrip("0123456789")
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    row = grids[sheet][int(ref[len(letters) :]) - 1]
    return row[col - 1] if col - 1 < len(row) else None


def monthly_input(grids: dict[str, Grid]) -> tuple[dict[str, RawValue], list[dict[str, RawValue]], FormContext]:
    """Header block, table rows and context of the generator's monthly table."""
    name, grid = next((n, g) for n, g in grids.items() if g and "统计表" in str(g[0][0]))
    head = next(i for i, row in enumerate(grid) if sum(_label(v, MONTHLY_COLUMNS) is not None for v in row) >= 3)
    labels = {c: _label(v, MONTHLY_COLUMNS) for c, v in enumerate(grid[head])}
    first = head + 1
    if first < len(grid) and any(_label(v, MONTHLY_COLUMNS) for v in grid[first]):  # 应到/实到/请假 under 参加人数
        labels.update({c: _label(v, MONTHLY_COLUMNS) for c, v in enumerate(grid[first]) if v is not None})
        first += 1
    rows = []
    for r in range(first, len(grid)):
        values = grid[r] + [None] * (len(labels) - len(grid[r]))
        rows.append(
            {label: RawValue(_plain(values[c]), f"{name}!{_letter(c)}{r + 1}") for c, label in labels.items() if label}
        )
    header: dict[str, RawValue] = {}
    for r in range(1, head):
        row = grid[r]
        for c, value in enumerate(row):
            if not isinstance(value, str):
                continue
            text = squeeze(value)
            if ":" in text:
                label, _, rest = text.partition(":")
                if _label(label, MONTHLY_HEADER_LABELS):
                    header[label] = RawValue(rest, f"{name}!{_letter(c)}{r + 1}")
            elif _label(value, MONTHLY_HEADER_LABELS) and c + 1 < len(row):
                header[value] = RawValue(_plain(row[c + 1]), f"{name}!{_letter(c + 1)}{r + 1}")
    context = FormContext(title=RawValue(grid[0][0], f"{name}!A1"), place=name)
    return header, rows, context


def docx_table(path: Path) -> dict[str, RawValue]:
    """A Word form's table as label -> value, each value with its `表格1 第3行第2列` place."""
    table = docx.Document(str(path)).tables[0]
    out: dict[str, RawValue] = {}
    for r, row in enumerate(table.rows):
        cells, seen = [], set()
        for c, item in enumerate(row.cells):
            if id(item._tc) not in seen:  # a merged cell repeats across the columns it spans
                seen.add(id(item._tc))
                cells.append((c, item.text))
        for (_, label), (c, value) in zip(cells[::2], cells[1::2], strict=False):
            out[label] = RawValue(value or None, f"表格1 第{r + 1}行第{c + 1}列")
    return out


def paragraphs(path: Path) -> list[RawValue]:
    return [RawValue(p.text, f"第{i + 1}段") for i, p in enumerate(docx.Document(str(path)).paragraphs)]


def _label(value: object, labels: Sequence[Label]) -> str | None:
    return match_label(value, labels) if isinstance(value, str) and value.strip() else None


def _plain(value: Raw) -> Raw:
    # openpyxl gives date cells as datetimes at midnight; the parsers take both.
    return value.date() if isinstance(value, datetime) and value.time() == datetime.min.time() else value


def _letter(c: int) -> str:
    return get_column_letter(c + 1)
