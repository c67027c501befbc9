"""The `themeday` command: every clerk-facing command, in Chinese.

Each sub-command lives in its own module with `register(subparsers, common)`;
this module wires them up and turns expected failures into a Chinese line and an
exit code instead of a traceback (see endings.py for Ctrl+C, closed pipes and bugs).

Nothing heavy is imported at the top: the program's first act is `run`, which must be
able to catch a Ctrl+C while the commands load (about a second), and every parser
process that 'spawn' starts imports the program's main module again.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def commands() -> tuple:
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

    return (
        init_cmd, demo_cmd, calendar_cmd, roster_cmd, check_cmd, ingest_cmd, watch_cmd, ledger_cmd, rollup_cmd,
        render_cmd, templates_cmd, doctor_cmd, tui_cmd,
    )


def build_parser():
    from themeday_office import __version__
    from themeday_office.cli.parser import ChineseArgumentParser

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
    for module in commands():
        module.register(sub, common)
    return parser


def open_workspace(args: argparse.Namespace):
    from themeday_office.workspace import Workspace, locate_workspace

    return Workspace.open(locate_workspace(getattr(args, "workspace", None)))


def run() -> None:
    """The `themeday` program (console script and `python -m themeday_office`): the process-wide
    settings of a running program, then `main`, then a clean end whatever happened. Tests call
    `main` and keep their own settings (and see a bug's exception)."""
    from themeday_office.cli import endings

    try:
        from themeday_office.readers.isolation import collect_cycles_rarely

        collect_cycles_rarely()
        code = main(program=True)
        if sys.stdout is not None:
            sys.stdout.flush()  # here, where a reader gone away can still be told apart from a bug
    except KeyboardInterrupt:  # before a command began: while the commands load, or parsing
        code = endings.interrupted(None)
    except BrokenPipeError:  # --help or a usage message into a closed pipe, or the last flush
        code = endings.pipe_closed(None)
    if code == endings.INTERRUPTED:
        endings.stay_calm()
    raise SystemExit(code)


def main(argv: list[str] | None = None, *, program: bool = False) -> int:
    from themeday_office.cli import endings, tui_cmd
    from themeday_office.cli.console import make_console
    from themeday_office.cli.parser import USAGE_EXIT
    from themeday_office.domain.themes import ThemesError
    from themeday_office.ledger import LedgerError
    from themeday_office.workspace import SettingsError

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
        return endings.interrupted(_workspace_root(args))
    except BrokenPipeError:
        return endings.pipe_closed(_workspace_root(args))
    except Exception as error:
        if not program:
            raise
        return endings.failed(_workspace_root(args), error)


def _workspace_root(args: argparse.Namespace) -> Path | None:
    try:
        from themeday_office.workspace import locate_workspace

        return locate_workspace(getattr(args, "workspace", None))
    except Exception:  # noqa: BLE001 - only where to log: a bad path means no log, not a second failure
        return None
