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

# Every command: its name, the module that registers it, and its one-line help as that module
# gives it (tests/test_startup.py keeps the two equal). Only the module of the command being run
# is imported: `themeday --help` and every command start without loading the others.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("init", "init_cmd", "新建工作区（设置文件、收件箱、发件箱、状态文件夹）"),
    ("demo", "demo_cmd", "生成演示工作区：惠济区约 400 个支部、2017 年第一季度的报送文件，并收文登记"),
    ("calendar", "calendar_cmd", "显示某年全区主题党日日期、节假日提示和指导性主题"),
    ("roster", "roster_cmd", "组织名册：导入新版本、查看现行名册"),
    ("themes", "roster_cmd", "年度指导性主题：导入 xlsx"),
    ("check", "check_cmd", "审核报送文件：识别类型、单位、期间，逐项指出错误位置（不登记台账）"),
    ("ingest", "ingest_cmd", "收文：审核收件箱中的文件并登记台账（处理后从收件箱移走）"),
    ("watch", "watch_cmd", "监视收件箱：文件一放进来就自动审核、登记（按 Ctrl+C 停止）"),
    ("ledger", "ledger_cmd", "台账：列出收到的文件（可按状态、类型、单位、期间筛选）"),
    ("show", "ledger_cmd", "查看一个文件的审核意见、情况、版本和处理记录"),
    ("accept", "ledger_cmd", "通过一个文件（有错误的文件须写明理由）"),
    ("reject", "ledger_cmd", "退回一个文件（须写明理由）"),
    ("receipt-date", "ledger_cmd", "更正收文日期（用于判断是否按时报送）"),
    ("backup", "ledger_cmd", "备份台账和原件存档到一个 zip 文件（本机 SQLite 台账和共享 PostgreSQL 台账都可以）"),
    ("restore", "ledger_cmd", "从备份文件恢复台账和原件存档（覆盖现有台账；备份可来自本机台账或共享台账）"),
    ("rollup", "rollup_cmd", "汇总：按月、季度或年度统计开展情况，季度考核与年度评定"),
    ("render", "render_cmd", "发文：生成一个月、季度或年度的公文（通报、通知、回执）到 outbox/"),
    ("issue", "render_cmd", "签发：公文定稿，记录文件指纹，此后不再重新生成"),
    ("documents", "render_cmd", "发文登记：列出公文的发文字号、状态和文件指纹"),
    ("templates", "templates_cmd", "生成下发给各单位的填报模板（xlsx 带下拉列表和填写提示，docx 表格）"),
    ("doctor", "doctor_cmd",
     "检查运行环境：软件版本、LibreOffice、公文字体、节假日数据、工作区、台账（本机或共享）及其连接"),
    ("tui", "tui_cmd", "打开终端界面：收件箱、文件详情、通过与退回（直接运行 themeday 也会打开）"),
)


def commands(names: tuple[str, ...] | None = None) -> tuple:
    """The command modules (of `names` only, when given), in the order of COMMANDS."""
    import importlib

    wanted = [module for name, module, _ in COMMANDS if names is None or name in names]
    return tuple(importlib.import_module(f"themeday_office.cli.{m}") for m in dict.fromkeys(wanted))


def _command_in(argv: list[str]) -> str | None:
    """The command word of a command line (the first word that names one), if any."""
    names = {name for name, _, _ in COMMANDS}
    return next((word for word in argv if word in names), None)


def build_parser(argv: list[str] | None = None):
    """The parser of a command line: the command it names registered in full (its module loaded),
    every other command by its name and help only. Without `argv`, every command in full."""
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
    chosen = None if argv is None else _command_in(argv)
    full = commands() if argv is None else commands((chosen,)) if chosen else ()
    loaded = {m.__name__.rsplit(".", 1)[-1]: m for m in full}
    for name, module_name, text in COMMANDS:
        if name in sub.choices:
            continue  # registered with another command of its module
        if module_name in loaded:
            loaded[module_name].register(sub, common)  # all of the module's commands, in full
        else:
            sub.add_parser(name, help=text, parents=[common])  # listed in the help; never run
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
        from themeday_office.collector import collect_cycles_rarely

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
    line = sys.argv[1:] if argv is None else argv
    parser = build_parser(line)
    args = parser.parse_args(line)  # --help and usage errors end here, before anything heavy loads
    from themeday_office.cli import endings, tui_cmd

    command = getattr(args, "command", None)
    if not command and not tui_cmd.interactive():
        parser.print_help()
        return 0
    try:
        # A bare `themeday` at a terminal opens the clerk's app; `themeday --help` still prints help.
        return int((args.handler if command else tui_cmd.run)(args) or 0)
    except KeyboardInterrupt:
        return endings.interrupted(_workspace_root(args))
    except BrokenPipeError:
        return endings.pipe_closed(_workspace_root(args))
    except Exception as error:
        if _told_to_the_clerk(error):
            from themeday_office.cli.console import make_console
            from themeday_office.cli.parser import USAGE_EXIT

            make_console(stderr=True).print(f"[bold red]错误[/]：{error}")
            return USAGE_EXIT
        if not program:
            raise
        return endings.failed(_workspace_root(args), error)


# The errors a clerk can fix (a setting, a themes file, the ledger's place): one line, no log entry.
# By the modules that define them, so that no command loads them only to catch them: an error of
# a module that has not been loaded cannot have been raised.
_CLERK_ERRORS = (
    ("themeday_office.workspace.settings", "SettingsError"),
    ("themeday_office.domain.themes", "ThemesError"),
    ("themeday_office.ledger.records", "LedgerError"),
)


def _told_to_the_clerk(error: Exception) -> bool:
    for module_name, name in _CLERK_ERRORS:
        module = sys.modules.get(module_name)
        if module is not None and isinstance(error, getattr(module, name)):
            return True
    return False


def _workspace_root(args: argparse.Namespace) -> Path | None:
    try:
        from themeday_office.workspace import locate_workspace

        return locate_workspace(getattr(args, "workspace", None))
    except Exception:  # noqa: BLE001 - only where to log: a bad path means no log, not a second failure
        return None
