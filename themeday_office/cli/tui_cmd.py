"""`themeday tui` (also what a bare `themeday` starts): the clerk's terminal app."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "tui", parents=[common], help="打开终端界面：收件箱、文件详情、通过与退回（直接运行 themeday 也会打开）",
        description="打开终端界面。没有其他监视程序时，界面自己监视收件箱；已有监视程序时，界面显示它登记的文件。"
        "按 F1 查看按键，Ctrl+Q 退出。",
    )
    p.add_argument("--by", default=None, metavar="姓名", help="操作人（默认：当前系统用户）")
    p.add_argument("--no-watch", action="store_true", help="不监视收件箱，只显示台账")
    p.set_defaults(handler=run)


def interactive() -> bool:
    """Whether a person sits at this terminal (a full-screen app makes no sense in a pipe)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def run(args: argparse.Namespace) -> int:
    from themeday_office.cli import open_workspace

    workspace = open_workspace(args)
    return run_app(workspace, actor=getattr(args, "by", None),
                   run_watcher=False if getattr(args, "no_watch", False) else None)


def run_app(workspace, **options) -> int:
    # Deferred: every other command starts without loading Textual.
    from themeday_office.tui.program import run_clerk_app

    return run_clerk_app(workspace, **options)
