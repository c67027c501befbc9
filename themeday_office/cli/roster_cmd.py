"""`themeday roster import FILE [--effective DATE]`, `themeday roster show`; `themeday themes import FILE`."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from rich.markup import escape
from rich.table import Table

from themeday_office.cli.console import make_console
from themeday_office.cli.parser import USAGE_EXIT, iso_date
from themeday_office.domain.roster import RosterHistory
from themeday_office.ingest.department import read_roster, read_themes
from themeday_office.ingest.environment import roster_history
from themeday_office.ledger import Ledger, sha256_of
from themeday_office.readers import IsolatedReader, ReadError



def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    roster = sub.add_parser("roster", parents=[common], help="组织名册：导入新版本、查看现行名册")
    rsub = roster.add_subparsers(dest="roster_command", metavar="操作", required=True)
    imp = rsub.add_parser("import", parents=[common], help="导入组织名册 xlsx（有错误时不做任何改动）")
    imp.add_argument("file", type=Path, metavar="文件", help="组织名册 xlsx：工作表 党(工)委、党支部、协作组")
    imp.add_argument("--effective", type=iso_date, default=None, metavar="日期",
                     help="生效日期，如 2017-01-01（默认今天）；各期间使用当时生效的名册")
    imp.set_defaults(handler=run_import)
    show = rsub.add_parser("show", parents=[common], help="显示现行（或某日生效的）组织名册")
    show.add_argument("--at", type=iso_date, default=None, metavar="日期", help="显示该日生效的版本（默认今天）")
    show.set_defaults(handler=run_show)

    themes = sub.add_parser("themes", parents=[common], help="年度指导性主题：导入 xlsx")
    tsub = themes.add_subparsers(dest="themes_command", metavar="操作", required=True)
    timp = tsub.add_parser("import", parents=[common], help="导入某年指导性主题 xlsx（月份、日期、序号、活动内容）")
    timp.add_argument("file", type=Path, metavar="文件")
    timp.set_defaults(handler=run_themes_import)


def _read(path: Path, limits):
    if not path.is_file():
        raise FileNotFoundError(path)
    with IsolatedReader(limits) as reader:
        return reader.read_bytes(path.read_bytes(), path.name)


def _read_or_say(path: Path, workspace, console):
    """The file's content, or the exit code after telling the clerk why it cannot be read."""
    try:
        return _read(path, workspace.settings.limits.to_read_limits())
    except FileNotFoundError:
        console.print(f"[bold red]错误[/]：找不到文件 {path}")
        return USAGE_EXIT
    except ReadError as error:
        console.print(f"[bold red]错误[/]：{escape(error.message)}")
        return 1


def run_import(args: argparse.Namespace) -> int:
    from themeday_office.cli import open_workspace

    console = make_console()
    workspace = open_workspace(args)
    effective = args.effective or date.today()
    content = _read_or_say(args.file, workspace, console)
    if isinstance(content, int):
        return content
    result = read_roster(content, effective)
    for m in result.messages:
        style = "bold red" if m.severity.value == "错误" else "yellow"
        console.print(f"  [{style}]{m.severity.value}[/]  {escape(m.text)}")
    if not result.ok:
        console.print("[bold red]名册有错误，未导入，现有名册不变。[/]请改正后重新导入。")
        return 1
    with Ledger.open(workspace.state) as ledger:
        ledger.add_roster_version(effective, args.file.name, sha256_of(args.file.read_bytes()), result.rows)
    r = result.roster
    console.print(
        f"已导入组织名册（{effective.year}年{effective.month}月{effective.day}日起生效）："
        f"党(工)委 {len(r.committees)} 个，党支部 {len(r.branches)} 个，协作组 {len(r.groups)} 个。"
    )
    return 0


def run_show(args: argparse.Namespace) -> int:
    from themeday_office.cli import open_workspace

    console = make_console()
    workspace = open_workspace(args)
    ledger = Ledger.open_existing(workspace.state)
    history = roster_history(ledger) if ledger else RosterHistory()
    if ledger:
        ledger.close()
    at = args.at or date.today()
    roster = history.in_force(at)
    if roster is None:
        console.print(f"{at.isoformat()} 没有生效的组织名册。请用 themeday roster import 导入。")
        return 1
    table = Table(title=f"组织名册（{roster.effective.isoformat()} 起生效，共 {len(history.versions)} 个版本）")
    for col in ("党(工)委", "类别", "所属协作组", "党支部数", "党员人数"):
        table.add_column(col, justify="right" if col in ("党支部数", "党员人数") else "left")
    for c in roster.committees:
        branches = roster.branches_of(c.name)
        table.add_row(c.name, c.category, c.group or "", str(len(branches)), str(sum(b.members for b in branches)))
    console.print(table)
    for g in roster.groups:
        console.print(f"{g.name}：成员 {'、'.join(g.members) or '无'}；联建 {'、'.join(g.partners) or '无'}")
    return 0


def run_themes_import(args: argparse.Namespace) -> int:
    from themeday_office.cli import open_workspace

    console = make_console()
    workspace = open_workspace(args)
    content = _read_or_say(args.file, workspace, console)
    if isinstance(content, int):
        return content
    themes, problems = read_themes(content, args.file.name)
    if themes is None:
        for p in problems:
            console.print(f"  [bold red]错误[/]  {escape(p)}")
        console.print("[bold red]主题表有错误，未导入。[/]")
        return 1
    with Ledger.open(workspace.state) as ledger:
        ledger.add_themes(themes.year, args.file.name, themes.model_dump(mode="json", by_alias=True))
    count = sum(len(m.items) for m in themes.months)
    console.print(f"已导入{themes.year}年指导性主题：{len(themes.months)} 个月，共 {count} 项。")
    return 0
