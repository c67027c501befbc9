"""Where the check's time goes: `python bench/check.py --stages` (the README's stage table).

Each stage of the worker's check, ms of CPU per file, in one process: the per-file figures of
bench/check.py's pooled runs, taken apart.
"""

from __future__ import annotations

import time
from pathlib import Path

from bench.check import bare_read, environments, load


def stages(folder: Path, rows: int, files: int = 300) -> list[tuple[str, float]]:
    """Where the check's time goes: each stage of the worker's check of `files` reports, ms of CPU per
    file, the best of five passes in this one process (the README's table "Where the check's time goes")."""
    import pickle
    from dataclasses import replace

    from themeday_office.domain.checks import check_monthly
    from themeday_office.domain.forms import parse_monthly
    from themeday_office.domain.forms.context import FormContext
    from themeday_office.domain.forms.monthly import MonthlyReport, MonthlyRow
    from themeday_office.ingest import check, classify, tables
    from themeday_office.readers import Workbook
    from themeday_office.readers.limits import ReadLimits
    from themeday_office.readers.reading import parse, prepare

    entries = load(folder)[:files]
    envs = environments(entries)
    limits = ReadLimits()
    work = [(path.read_bytes(), path.name, replace(envs[seed], adjustments=(), arrived=None))
            for path, seed, _ in entries]

    def best(step) -> float:
        times = []
        for _ in range(5):
            started = time.process_time()
            step()
            times.append(time.process_time() - started)
        return min(times) / len(work) * 1000

    def bare() -> None:
        for data, _, _ in work:
            bare_read(data)

    books = []
    for data, name, _ in work:
        book = parse(*prepare(data, name, limits)[:2], limits)
        assert isinstance(book, Workbook)
        books.append(book)
    located = [classify.classify_workbook(book, name).table for book, (_, name, _) in zip(books, work, strict=True)]

    def locate() -> None:  # classification with the chosen table located, its rows not read
        unfilled = classify.fill_table
        classify.fill_table = lambda table, *_, **__: table
        try:
            for book, (_, name, _) in zip(books, work, strict=True):
                classify.classify_workbook(book, name)
        finally:
            classify.fill_table = unfilled

    def fill() -> None:
        for table in located:
            assert table is not None
            table.filled, table.grid, table.header, table.title = False, [], {}, None
            tables.fill_table(table, classify._HEADER_LABELS["monthly"])

    reports: list[MonthlyReport] = []

    def parse_rows() -> None:
        reports.clear()
        for table, (_, _, env) in zip(located, work, strict=True):
            assert table is not None
            context = FormContext(title=table.title, place=table.place, working_hours=env.hours)
            report = parse_monthly(table.header, table.grid, context)[0]
            assert report is not None
            reports.append(report)

    def domain() -> None:
        for report, (_, _, env) in zip(reports, work, strict=True):
            roster = env.rosters.in_force(report.period)
            assert roster is not None
            check_monthly(report, check._check_context(env, roster, report.period.year))

    dump = MonthlyRow.__pydantic_serializer__.to_json

    def rows_json() -> None:
        for report in reports:
            for row in report.rows:
                dump(row).decode()

    def whole() -> None:  # the worker's step: check_in_worker (check_content + findings' JSON) and the pickle
        for book, (_, name, env) in zip(books, work, strict=True):
            pickle.dumps(check.check_in_worker(book, name, env, ((), None)))

    calamine = best(bare)
    figures = [("python-calamine parsing the sheet (the whole bare read)", calamine)]
    read = best(lambda: [parse(*prepare(data, name, limits)[:2], limits) for data, name, _ in work])
    figures.append(("our read on top: zip checks, sheet/part map, properties, formula-error scan, grid",
                    read - calamine))
    figures.append(("classify + locate the table", best(locate)))
    figures.append(("read the table's cells (header block, title, rows)", best(fill)))
    figures.append((f"parse {rows} rows into pydantic MonthlyRows", best(parse_rows)))
    figures.append(("domain checks and findings against the roster", best(domain)))
    figures.append(("rows as the ledger's JSON (the model's serializer)", best(rows_json)))
    worker = best(whole)
    figures.append(("the rest: unit/branch names, name and template checks, findings' JSON, pickling",
                    worker - sum(ms for _, ms in figures[2:])))
    figures.append(("worker's step in one process (read + check + pickle)", read + worker))
    return figures
