"""`themeday roster import FILE [--effective DATE]`, `themeday roster show`; `themeday themes import FILE`."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.markup import escape
from rich.table import Table

from themeday_office.cli.console import make_console
from themeday_office.cli.parser import USAGE_EXIT, iso_date


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    roster = sub.add_parser("roster", parents=[common], help="组织名册：导入新版本、查看现行名册")
    rsub = roster.add_subparsers(dest="roster_command", metavar="操作", required=True)
    imp = rsub.add_parser("import", parents=[common], help="导入组织名册 xlsx（有错误时不做任何改动）")
    imp.add_argument("file", type=Path, metavar="文件", help="组织名册 xlsx：工作表 党(工)委、党支部、协作组")
    imp.add_argument("--effective", type=iso_date, default=None, metavar="日期",
                     help="生效日期，如 2017-01-01（默认今天）；各期间使用当时生效的名册，首个名册也用于此前各期")
    imp.set_defaults(handler=run_import)
    show = rsub.add_parser("show", parents=[common], help="显示现行（或某日生效的）组织名册")
    show.add_argument("--at", type=iso_date, default=None, metavar="日期", help="显示该日生效的版本（默认今天）")
    show.set_defaults(handler=run_show)

    themes = sub.add_parser("themes", parents=[common], help="年度指导性主题：导入 xlsx")
    tsub = themes.add_subparsers(dest="themes_command", metavar="操作", required=True)
    timp = tsub.add_parser("import", parents=[common], help="导入某年指导性主题 xlsx（月份、日期、序号、活动内容）")
    timp.add_argument("file", type=Path, metavar="文件")
    timp.set_defaults(handler=run_themes_import)


def _line(console, severity: str, text: str) -> None:
    style = "bold red" if severity == "错误" else "yellow"
    console.print(f"  [{style}]{severity}[/]  {escape(text)}")


def _exit_code(ok: bool, found: bool) -> int:
    return 0 if ok else (1 if found else USAGE_EXIT)


def run_import(args: argparse.Namespace) -> int:
    from themeday_office.cli import open_workspace
    from themeday_office.office import system_clock
    from themeday_office.office.roster import import_roster

    console = make_console()
    outcome = import_roster(open_workspace(args), system_clock, args.file, args.effective)
    for severity, text in outcome.messages:
        _line(console, severity, text)
    for sentence in outcome.sentences:
        console.print(escape(sentence) if outcome.ok else f"[bold red]{escape(sentence)}[/]")
    return _exit_code(outcome.ok, outcome.found)


def run_show(args: argparse.Namespace) -> int:
    from themeday_office.cli import open_workspace
    from themeday_office.office import system_clock
    from themeday_office.office.roster import roster_view

    console = make_console()
    view = roster_view(open_workspace(args), system_clock, args.at)
    version = view.get(view.in_force)
    if version is None:
        for sentence in view.sentences:
            console.print(escape(sentence))
        return 1
    roster = version.roster
    table = Table(title=f"组织名册（{version.effective.isoformat()} 起生效，共 {len(view.versions)} 个版本）")
    for col in ("党(工)委", "类别", "所属协作组", "党支部数", "党员人数"):
        table.add_column(col, justify="right" if col in ("党支部数", "党员人数") else "left")
    for c in roster.committees:
        branches = roster.branches_of(c.name)
        table.add_row(c.name, c.category, c.group or "", str(len(branches)), str(sum(b.members for b in branches)))
    console.print(table)
    for g in roster.groups:
        console.print(f"{g.name}：成员 {'、'.join(g.members) or '无'}；联建 {'、'.join(g.partners) or '无'}")
    if version is view.versions[0]:
        console.print(f"这是首个名册，{version.effective.isoformat()} 之前的各期也按它核对。")
    return 0


def run_themes_import(args: argparse.Namespace) -> int:
    from themeday_office.cli import open_workspace
    from themeday_office.office import system_clock
    from themeday_office.office.roster import import_themes

    console = make_console()
    outcome = import_themes(open_workspace(args), system_clock, args.file)
    for problem in outcome.problems:
        _line(console, "错误", problem)
    for sentence in outcome.sentences:
        console.print(escape(sentence) if outcome.ok else f"[bold red]{escape(sentence)}[/]")
    return _exit_code(outcome.ok, outcome.found)
