"""`themeday calendar YEAR [--json]`: the year's district dates, holiday warnings and themes."""

from __future__ import annotations

import argparse
import json

from rich.table import Table

from themeday_office.cli.console import make_console
from themeday_office.cli.parser import year
from themeday_office.ingest.environment import themes_for
from themeday_office.ledger import Ledger

WEEKDAYS_ZH = "一二三四五六日"



def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "calendar",
        parents=[common],
        help="显示某年全区主题党日日期、节假日提示和指导性主题",
        description="按第二个星期五（可在 themeday.toml 中修改）列出全年主题党日。",
    )
    p.add_argument("year", type=year, metavar="年份", help="如 2017")
    p.add_argument("--json", action="store_true", help="以 JSON 输出，供其他程序使用")
    p.set_defaults(handler=run)


def calendar_rows(workspace, year: int, months) -> list[dict]:
    """The year as data: the shape `--json` prints."""
    ledger = Ledger.open_existing(workspace.state, url=workspace.settings.ledger.url)
    try:
        themes = themes_for(workspace, ledger, year)
    finally:
        if ledger is not None:
            ledger.close()
    rows = []
    for md in months:
        month_themes = themes.month(md.month) if themes else None
        rows.append(
            {
                "month": md.month,
                "date": md.day.isoformat(),
                "holiday": md.status.holiday,
                "holiday_data": md.status.data,
                "themes": list(month_themes.items) if month_themes else [],
            }
        )
    return rows


def run(args: argparse.Namespace) -> int:
    from themeday_office.cli import open_workspace

    workspace = open_workspace(args)
    months = workspace.calendar.year(args.year)
    rows = calendar_rows(workspace, args.year, months)
    console = make_console()
    if args.json:
        # print() rather than Rich: JSON must not be wrapped or styled.
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0

    table = Table(title=f"{args.year}年全区“主题党日”日期与指导性主题", show_lines=True)
    table.add_column("月份", justify="right", no_wrap=True)
    table.add_column("主题党日", no_wrap=True)
    table.add_column("节假日", no_wrap=True)
    table.add_column("指导性主题", overflow="fold")
    for row, md in zip(rows, months, strict=False):
        d = md.day
        when = f"{d.month}月{d.day}日 星期{WEEKDAYS_ZH[d.weekday()]}"
        if md.status.data == "missing":
            holiday = "[yellow]数据缺失[/]"
        elif md.status.holiday:
            holiday = f"[bold red]{md.status.holiday}[/]"
        else:
            holiday = ""
        items = "\n".join(f"{i}.{text}" for i, text in enumerate(row["themes"], 1)) or "[dim]（未导入）[/]"
        table.add_row(f"{md.month}月", when, holiday, items)
    console.print(table)

    if any(md.status.data == "missing" for md in months):
        console.print(
            f"[yellow]提示[/]：{args.year}年节假日数据缺失（chinesecalendar 未收录），"
            f"请在 {workspace.holidays_file.name} 中按国务院通知补充，否则无法判断主题党日是否逢节假日。"
        )
    else:
        for text in (md.status.warning for md in months if md.status.warning):
            console.print(f"[bold red]注意[/]：{text}，建议调整日期。")
    if not any(row["themes"] for row in rows):
        console.print(
            f"[yellow]提示[/]：{args.year}年指导性主题尚未导入（放在 {workspace.themes_dir.name}/{args.year}.toml）。"
        )
    return 0
