"""`themeday check FILE...`: what is wrong where, per file. Reads only; writes nothing."""

from __future__ import annotations

import argparse
import importlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from themeday_office.cli.parser import USAGE_EXIT, iso_date

if TYPE_CHECKING:
    from datetime import date

    from themeday_office.ingest.check import CheckResult
    from themeday_office.readers.isolation import IsolatedReader

def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "check",
        parents=[common],
        help="审核报送文件：识别类型、单位、期间，逐项指出错误位置（不登记台账）",
        description="审核一个或多个文件（或文件夹）。只读取，不登记台账、不移动文件。\n"
        "退出码：0 全部无错误；1 有文件存在“错误”；2 用法错误。",
    )
    p.add_argument("paths", nargs="+", type=Path, metavar="文件", help="xlsx/xls/docx/doc/zip 等报送文件，或文件夹")
    p.add_argument("--json", action="store_true", help="以 JSON 输出（格式稳定，供其他程序使用）")
    p.add_argument(
        "--received", type=iso_date, metavar="日期", help="按此收文日期判断是否迟报，如 2017-03-13（默认不判断）"
    )
    p.set_defaults(handler=run)


def expand(paths: list[Path]) -> list[Path]:
    from themeday_office.watch.ignore import is_ignored

    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and not is_ignored(p, inbox=path))
        else:
            files.append(path)
    return files


def run(args: argparse.Namespace) -> int:
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        from themeday_office.cli.console import make_console

        make_console(stderr=True).print(f"[bold red]错误[/]：找不到文件 {'、'.join(str(p) for p in missing)}")
        return USAGE_EXIT
    from themeday_office.cli import open_workspace
    from themeday_office.ingest.check import WORKER_MODULES  # loaded here: the parser processes fork with it
    from themeday_office.readers.isolation import IsolatedReader

    workspace = open_workspace(args)
    files = expand(args.paths)
    # One parser process per file, up to one per core, forked right here: the check is imported,
    # and no ledger, file or thread is open yet. They are ready at once and load their parsers
    # while the ledger and its rosters load.
    workers = min(len(files), os.cpu_count() or 1) or 1
    with IsolatedReader(workspace.settings.limits.to_read_limits(), workers, WORKER_MODULES) as reader:
        reader.start_here()
        results = check_files(files, workspace, reader, args.received, meanwhile=output_loader(args.json))
    print_results(results, args.json)
    return 0 if all(r.ok for r in results) else 1


def check_files(files: list[Path], workspace, reader: IsolatedReader, received: date | None,
                meanwhile: Callable[[], object] = lambda: None) -> list[CheckResult]:
    """Each file read and checked in a parser process (only its result comes back), one thread per
    process to keep them all busy; results in the order the files were named in. `meanwhile` runs
    here while the parser processes work."""
    from concurrent.futures import ThreadPoolExecutor
    from functools import partial

    from themeday_office.ingest.check import check_isolated, check_submission, unreadable
    from themeday_office.ingest.environment import environment_for
    from themeday_office.ledger import Ledger
    from themeday_office.readers import cannot_open, check_failed

    results: list[CheckResult] = []
    ledger = Ledger.open_existing(workspace.state, url=workspace.settings.ledger.url)  # None before any
    try:
        env = environment_for(workspace, ledger, arrived=received)
        checker = partial(check_isolated, reader)

        def check(path: Path) -> list[CheckResult]:
            # Whatever one file does, the others are still checked and reported.
            try:
                return check_submission(path.read_bytes(), path.name, env, checker=checker)
            except OSError as error:
                return [unreadable(path.name, cannot_open(error))]
            except Exception as error:  # noqa: BLE001 - a bug on one file must not stop the others
                return [unreadable(path.name, check_failed(error))]

        with ThreadPoolExecutor(reader.workers, thread_name_prefix="themeday-check") as threads:
            checked = threads.map(check, files)
            meanwhile()
            for found in checked:
                results += found
    finally:
        if ledger is not None:
            ledger.close()
    return results


def output_loader(as_json: bool) -> Callable[[], object]:
    """What printing the results will import, to import while the files are being checked (the
    console's library takes about as long as checking a file)."""
    if as_json:
        return lambda: None
    return lambda: importlib.import_module("themeday_office.cli.report")


def print_results(results: list[CheckResult], as_json: bool) -> None:
    if as_json:
        import json

        print(json.dumps([r.as_json() for r in results], ensure_ascii=False, indent=2))
        return
    from themeday_office.cli.console import make_console
    from themeday_office.cli.report import print_check_result

    console = make_console()
    for result in results:
        print_check_result(console, result)
    bad = sum(not r.ok for r in results)
    console.print(f"共审核 {len(results)} 个文件：{len(results) - bad} 个无错误，{bad} 个有错误。")
