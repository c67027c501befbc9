"""The `themeday` command: every clerk-facing command, in Chinese.

Each sub-command lives in its own module with `register(subparsers, common)`;
this module wires them up and turns expected failures into a Chinese line and an
exit code instead of a traceback.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from themeday_office import __version__
from themeday_office.cli import (
    calendar_cmd,
    check_cmd,
    demo_cmd,
    doctor_cmd,
    ingest_cmd,
    init_cmd,
    ledger_cmd,
    render_cmd,
    rollup_cmd,
    roster_cmd,
    templates_cmd,
    tui_cmd,
    watch_cmd,
)
from themeday_office.cli.console import make_console
from themeday_office.cli.parser import USAGE_EXIT, ChineseArgumentParser
from themeday_office.domain.themes import ThemesError
from themeday_office.ledger import LedgerError
from themeday_office.readers.isolation import collect_cycles_rarely
from themeday_office.workspace import SettingsError, Workspace, locate_workspace

COMMANDS = (
    init_cmd, demo_cmd, calendar_cmd, roster_cmd, check_cmd, ingest_cmd, watch_cmd, ledger_cmd, rollup_cmd,
    render_cmd, templates_cmd, doctor_cmd, tui_cmd,
)


def build_parser() -> ChineseArgumentParser:
    common = ChineseArgumentParser(add_help=False)
    common._optionals.title = "通用选项"
    common.add_argument(
        "-w",
        "--workspace",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="目录",
        help="工作区文件夹（默认：环境变量 THEMEDAY_WORKSPACE，或向上查找 themeday.toml）",
    )
    parser = ChineseArgumentParser(
        prog="themeday",
        description="主题党日办公套件：收文、审核、台账、汇总、发文。",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"themeday-office {__version__}", help="显示版本号")
    sub = parser.add_subparsers(dest="command", metavar="命令", title="命令", parser_class=ChineseArgumentParser)
    for module in COMMANDS:
        module.register(sub, common)
    return parser


def open_workspace(args: argparse.Namespace) -> Workspace:
    return Workspace.open(locate_workspace(getattr(args, "workspace", None)))


def run() -> None:
    """The `themeday` program (console script and `python -m themeday_office`): the process-wide
    settings of a running program, then `main`. Tests call `main` and keep their own settings."""
    collect_cycles_rarely()
    raise SystemExit(main())


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    command = getattr(args, "command", None)
    if not command and not tui_cmd.interactive():
        parser.print_help()
        return 0
    try:
        # A bare `themeday` at a terminal opens the clerk's app; `themeday --help` still prints help.
        return int((args.handler if command else tui_cmd.run)(args) or 0)
    except (SettingsError, ThemesError, LedgerError) as exc:
        make_console(stderr=True).print(f"[bold red]错误[/]：{exc}")
        return USAGE_EXIT
    except KeyboardInterrupt:
        make_console(stderr=True).print("已中断。")
        return 130
