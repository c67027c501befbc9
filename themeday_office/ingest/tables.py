"""Finding a form's table in a sheet: the header row, the header block, the title, the data rows.

Real sheets carry title rows, a 填报单位 line, two-row headers under merged group cells,
merged data cells (one 活动日期 for every branch), totals and signature lines. Labels are
matched by the domain's label rules; this module only knows the geometry.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from themeday_office.domain.labels import Label, key_matches, label_key, match_key, match_label
from themeday_office.domain.values.raw import RawValue, TableColumns, TableRow
from themeday_office.readers import Sheet, column_letters

HEADER_SCAN_ROWS = 20  # a real form's header sits in its first rows
PAIR_SCAN_COLS = 4  # how far right of a label its value may sit


@dataclass
class LocatedTable:
    sheet: Sheet
    header_rows: tuple[int, ...]  # 0-based rows holding the column labels
    columns: dict[int, str]  # column index -> canonical label
    header: dict[str, RawValue] = field(default_factory=dict)
    title: RawValue | None = None
    # The data rows as read: a TableRow for a row without merged cells, else a dict
    grid: list[Mapping[str, RawValue]] = field(default_factory=list)
    filled: bool = False  # header block, title and rows read

    @property
    def rows(self) -> list[dict[str, RawValue]]:
        """The data rows as dicts of label -> RawValue (each cell's place made)."""
        return [dict(row.items()) for row in self.grid]

    @property
    def score(self) -> int:
        return len(set(self.columns.values()))

    @property
    def place(self) -> str:
        return self.sheet.name


class MergedView:
    """Cell values with merged ranges filled from their top-left cell."""

    def __init__(self, sheet: Sheet):
        self.sheet = sheet
        self._origin: dict[tuple[int, int], tuple[int, int]] = {}
        for rng in sheet.merged:
            # Absurd ranges are refused by the readers; a sane form merges only a few cells.
            if (rng.last_row - rng.first_row + 1) * (rng.last_col - rng.first_col + 1) > 200_000:
                continue
            for r in range(rng.first_row, rng.last_row + 1):
                for c in range(rng.first_col, rng.last_col + 1):
                    self._origin[(r, c)] = (rng.first_row, rng.first_col)
        self._columns: list[str] = []  # "月报!L" by column, for places
        self._keys: list[list[str]] | None = None
        self.merged_rows = {r for r, _ in self._origin}  # rows where some cell is part of a merge

    def origin(self, row: int, col: int) -> tuple[int, int]:
        return self._origin.get((row, col), (row, col))

    def value(self, row: int, col: int):
        r, c = self._origin.get((row, col), (row, col))
        value = self.sheet.value(r, c)
        if value is None and (r, c) in self.sheet.formula_errors:
            return self.sheet.formula_errors[(r, c)]
        return value

    def raw(self, row: int, col: int) -> RawValue:
        r, c = self._origin.get((row, col), (row, col))
        return RawValue(_plain(self.value(r, c)), self.place(r, c))

    def place(self, row: int, col: int) -> str:
        """`月报!L5`, built from a per-column prefix: every cell of a table gets one."""
        return f"{self.column_prefix(col)}{row + 1}"

    def column_prefix(self, col: int) -> str:
        """`月报!L`: a column's places without their row number."""
        while len(self._columns) <= col:
            self._columns.append(f"{self.sheet.name}!{column_letters(len(self._columns))}")
        return self._columns[col]

    def header_keys(self) -> list[list[str]]:
        """The label keys of the cells where a header may sit, worked out once for every form tried."""
        if self._keys is None:
            rows = self.sheet.rows
            width = max((len(r) for r in rows[: HEADER_SCAN_ROWS + 1]), default=0)
            keys = []
            for r in range(min(HEADER_SCAN_ROWS, len(rows))):
                if r in self.merged_rows or self.sheet.formula_errors:
                    values = [self.value(r, c) for c in range(width)]
                else:
                    values = rows[r]  # the common row: the grid's own values
                # Only text can be a label (a number, date or time never is).
                row = [label_key(text) if v.__class__ is str and (text := v.strip()) else "" for v in values]
                row.extend([""] * (width - len(row)))
                keys.append(row)
            self._keys = keys
        return self._keys


def _plain(value):
    # calamine returns timedelta for durations typed as times; forms mean a time of day.
    kind = value.__class__
    if kind is timedelta:
        seconds = int(value.total_seconds()) % 86400
        return time(seconds // 3600, seconds % 3600 // 60)
    if kind is bool:
        return str(value)
    return value


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (datetime, time)):
        return ""
    return str(value).strip()


def locate_table(
    sheet: Sheet,
    columns: Sequence[Label],
    header_labels: Sequence[Label],
    *,
    view: MergedView | None = None,
    fill: bool = True,
) -> LocatedTable | None:
    """The best-matching table of `columns` in `sheet`, or None when no row looks like its header.

    With `fill`, also its header block, title and data rows; without, only where its header is
    (`fill_table` reads the rest), so trying several forms on one sheet reads its rows once.
    """
    view = view or MergedView(sheet)
    if isinstance(columns, tuple):
        matches = key_matches(columns)
        names = [[matches[k] if k else None for k in row] for row in view.header_keys()]
    else:
        names = [[match_key(k, columns) if k else None for k in row] for row in view.header_keys()]
    scan = len(names)
    hits = [len(row) - row.count(None) for row in names]  # most rows of a sheet hold no label at all
    best: LocatedTable | None = None
    singles = [_match_columns(names, (r,)) if hits[r] else {} for r in range(scan)]
    for r in range(scan):
        candidates: list[tuple[tuple[int, ...], dict[int, str]]] = [((r,), singles[r])]
        if r + 1 < scan and hits[r] and hits[r] + hits[r + 1] >= 2:
            pair = _match_columns(names, (r, r + 1))
            # A two-row header only when the upper row adds labels the lower one lacks.
            if len(set(pair.values())) > len(set(singles[r + 1].values())):
                candidates.append(((r, r + 1), pair))
        for rows, found in candidates:
            n = len(set(found.values()))
            if n >= 2 and (best is None or n > best.score):
                best = LocatedTable(sheet, rows, found)
    if best is not None and fill:
        fill_table(best, header_labels, view)
    return best


def _match_columns(names: list[list[str | None]], rows: tuple[int, ...]) -> dict[int, str]:
    """Column -> label for a one- or two-row header (the lower row wins, as under a group cell)."""
    found: dict[int, str] = {}
    used: set[str] = set()
    for c in range(len(names[rows[0]])):
        for r in reversed(rows):
            name = names[r][c]
            if name is not None:
                if name not in used:
                    found[c] = name
                    used.add(name)
                break
    return found


def fill_table(table: LocatedTable, header_labels: Sequence[Label], view: MergedView | None = None) -> LocatedTable:
    """Read a located table's header block, title and data rows (once)."""
    if not table.filled:
        _fill(table, view or MergedView(table.sheet), header_labels)
    return table


def _fill(table: LocatedTable, view: MergedView, header_labels: Sequence[Label]) -> None:
    table.filled = True
    sheet = table.sheet
    first_data = table.header_rows[-1] + 1
    # Header block and title above the table; signature lines below it may carry 填报人 too.
    for r in range(table.header_rows[0]):
        _pairs_in_row(view, r, header_labels, table.header)
        if table.title is None:
            table.title = _title_in_row(view, r, header_labels)
    columns = [(c, label, view.column_prefix(c)) for c, label in table.columns.items()]
    shared = TableColumns(tuple(label for _, label, _ in columns), tuple(prefix for _, _, prefix in columns))
    indices = [c for c, _, _ in columns]
    merged = view.merged_rows
    errors = sheet.formula_errors
    for r in range(first_data, len(sheet.rows)):
        row: Mapping[str, RawValue]
        empty = True
        if r in merged:
            row = {}
            for c, label, _ in columns:
                row[label] = raw = view.raw(r, c)
                shown = raw.value
                if shown is not None and (shown.__class__ is not str or shown.strip()):
                    empty = False
        else:
            # The common row: no merged cell, so each value is the grid's own (every table cell is read
            # here), and its places are the columns' prefixes and the row's number (TableRow).
            cells = sheet.rows[r]
            width = len(cells)
            values: list = [cells[c] if c < width else None for c in indices]
            for i, value in enumerate(values):
                if value is None:
                    if errors and (value := errors.get((r, indices[i]))) is not None:
                        values[i] = value
                        empty = False  # `#DIV/0!` is what the cell shows
                elif value.__class__ is str:
                    if empty and value.strip():
                        empty = False
                else:
                    empty = False
                    kind = value.__class__
                    if kind is timedelta or kind is bool:
                        values[i] = _plain(value)
            row = TableRow(shared, values, str(r + 1))
        if empty:
            _pairs_in_row(view, r, header_labels, table.header, only_if_absent=True)
            continue
        table.grid.append(row)


_PAIR = re.compile(r"([^：:\s]{2,10})\s*[：:]\s*([^：:]*?)(?=\s+[^：:\s]{2,10}\s*[：:]|$)")


def _pairs_in_row(view: MergedView, r: int, labels: Sequence[Label], out: dict[str, RawValue],
                  only_if_absent: bool = False) -> None:
    for c, value in enumerate(_row_values(view, r)):
        # Only text holds a label (a number, date or time never reads as one): skipped unread.
        if value.__class__ is not str or not (text := value.strip()):
            continue
        pairs, name = _labels_in_text(text, labels)
        # `填报单位：古荥镇党委   填报人：张三` in one cell.
        for pair_name, pair_value in pairs:
            if not (only_if_absent and pair_name in out):
                out.setdefault(pair_name, RawValue(pair_value, view.place(*view.origin(r, c))))
        if not pairs and name:
            found = _value_right_of(view, r, c)
            if found is not None and not (only_if_absent and name in out):
                out.setdefault(name, found)


def _row_values(view: MergedView, r: int) -> list:
    """Row r as the view shows it: the grid's own row when no merge or error touches it."""
    rows = view.sheet.rows
    if r >= len(rows):
        return []
    if r in view.merged_rows or view.sheet.formula_errors:
        return [view.value(r, c) for c in range(len(rows[r]))]
    return rows[r]


# (text, labels) -> the label/value pairs written in the text, and the label the whole text is
# when it holds no pair: header blocks repeat from file to file, so each text is worked out once.
_TEXT_LABELS: dict[tuple[str, int], tuple[tuple[tuple[str, str], ...], str | None, Sequence[Label]]] = {}


def _labels_in_text(text: str, labels: Sequence[Label]) -> tuple[tuple[tuple[str, str], ...], str | None]:
    key = (text, id(labels))
    found = _TEXT_LABELS.get(key)
    if found is None or found[2] is not labels:
        pairs = []
        for m in _PAIR.finditer(text):
            name = match_label(m.group(1), labels)
            if name and (value := m.group(2).strip()):
                pairs.append((name, value))
        whole = None if pairs else match_label(text, labels)
        if len(_TEXT_LABELS) >= 4096:
            _TEXT_LABELS.clear()
        found = _TEXT_LABELS[key] = (tuple(pairs), whole, labels)
    return found[0], found[1]


def _value_right_of(view: MergedView, r: int, c: int) -> RawValue | None:
    origin = view.origin(r, c)
    for dc in range(1, PAIR_SCAN_COLS + 1):
        if view.origin(r, c + dc) == origin:
            continue  # still inside the label's own merged cell
        raw = view.raw(r, c + dc)
        if raw.value is not None and _text(raw.value) != "" or isinstance(raw.value, (datetime, time)):
            return raw
    return None


def _title_in_row(view: MergedView, r: int, labels: Sequence[Label]) -> RawValue | None:
    for c, value in enumerate(_row_values(view, r)):
        text = _text(value)
        if len(text) >= 6 and not _PAIR.match(text) and match_label(text, labels) is None:
            return view.raw(r, c)
    return None


def label_pairs(sheet: Sheet, labels: Sequence[Label]) -> dict[str, RawValue]:
    """Label/value pairs anywhere in a sheet (a form laid out as pairs, like the adjustment form)."""
    view = MergedView(sheet)
    out: dict[str, RawValue] = {}
    for r in range(len(sheet.rows)):
        _pairs_in_row(view, r, labels, out)
    return out


def sheet_title(sheet: Sheet, labels: Sequence[Label] = ()) -> RawValue | None:
    view = MergedView(sheet)
    for r in range(min(HEADER_SCAN_ROWS, len(sheet.rows))):
        if (title := _title_in_row(view, r, labels)) is not None:
            return title
    return None


def count_labels(texts: Sequence[str], labels: Sequence[Label]) -> int:
    """How many distinct labels of a form the texts contain (classification evidence)."""
    keys = {label_key(t) for t in texts if t}
    hits = 0
    for label in labels:
        names = (label.name, *label.aliases)
        if any(label_key(n) in keys for n in names):
            hits += 1
    return hits
