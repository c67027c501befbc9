"""`themeday templates [DIR] [--roster] [--year YEAR]`: write the fill-in templates for submitters."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.markup import escape
from rich.table import Table

from themeday_office.cli.console import make_console
from themeday_office.cli.parser import iso_date, year


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "templates",
        parents=[common],
        help="生成下发给各单位的填报模板（xlsx 带下拉列表和填写提示，docx 表格）",
        description="生成各报表的空白填报模板：月度统计表、年度计划表、活动记录表、调整日期备案表、季度总结、\n"
        "组织名册、指导性主题表。加 --roster 时，另按现行组织名册为每个党(工)委生成列好本单位党支部的月度统计表。\n"
        "模板带有报表标记，审核时据此识别报表类型。",
    )
    p.add_argument("dir", nargs="?", type=Path, default=None, metavar="目录",
                   help="写到哪个文件夹（默认：工作区的 templates 文件夹）")
    p.add_argument("--roster", action="store_true", help="按现行组织名册为每个党(工)委生成月度统计表")
    p.add_argument("--at", type=iso_date, default=None, metavar="日期",
                   help="按该日生效的组织名册生成各单位月度统计表（默认今天；给出时即按名册生成）")
    p.add_argument("--year", type=year, default=None, metavar="年份", help="写入标题的年份，如 2017（默认不写）")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from themeday_office.cli import open_workspace
    from themeday_office.office import system_clock
    from themeday_office.office.templates import write_templates

    console = make_console()
    made = write_templates(open_workspace(args), system_clock, args.dir, by_roster=args.roster, at=args.at,
                           year=args.year)
    if made.problem:
        console.print(f"[bold red]错误[/]：{escape(made.problem)}")
        return 1
    table = Table(title=f"填报模板（{len(made.written)} 个文件，写入 {escape(str(made.folder))}）")
    table.add_column("报表")
    table.add_column("文件")
    for w in made.written:
        table.add_row(w.form, escape(w.name))
    console.print(table)
    for sentence in made.sentences:
        console.print(escape(sentence))
    return 0
