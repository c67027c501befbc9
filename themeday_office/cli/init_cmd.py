"""`themeday init [DIR]`: create a workspace."""

from __future__ import annotations

import argparse
from pathlib import Path

from themeday_office.cli.console import make_console
from themeday_office.workspace import init_workspace


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "init",
        help="新建工作区（设置文件、收件箱、发件箱、状态文件夹）",
        description="在指定文件夹新建工作区；已有的文件一律保留，不会覆盖。",
    )
    p.add_argument(
        "dir", nargs="?", type=Path, default=Path("."), metavar="目录", help="工作区文件夹（默认当前文件夹）"
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    console = make_console()
    report = init_workspace(args.dir)
    console.print(f"工作区：{report.root}")
    for path in report.created:
        console.print(f"  新建  {path.relative_to(report.root)}")
    for path in report.kept:
        console.print(f"  保留  {path.relative_to(report.root)}（已存在）")
    console.print("完成。请按需修改 themeday.toml 中的设置。")
    return 0
