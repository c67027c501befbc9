"""`themeday demo [DIR] [--fresh]`: a realistic district, a quarter of submissions, ingested and rolled up
(office/demo.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from themeday_office.cli.console import make_console


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "demo", parents=[common],
        help="生成演示工作区：惠济区约 400 个支部、2017 年第一季度的报送文件，并收文登记",
        description="用合成数据生成一个完整的演示：组织名册、一个季度的各类报表（含常见错误），"
        "然后按到达顺序收文登记。再次运行不会重复；加 --fresh 清空后重新生成。",
    )
    p.add_argument("dir", nargs="?", type=Path, default=None, metavar="目录", help="工作区（默认：当前工作区）")
    p.add_argument("--fresh", action="store_true", help="清空收件箱、发件箱和台账后重新生成")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from themeday_office.office import system_clock
    from themeday_office.office.demo import make_demo
    from themeday_office.workspace import WORKSPACE_FILE, Workspace, init_workspace, locate_workspace

    console = make_console()
    root = args.dir or locate_workspace(getattr(args, "workspace", None))
    if not (Path(root) / WORKSPACE_FILE).is_file():
        init_workspace(root)
    with Progress(TextColumn("收文"), BarColumn(), MofNCompleteColumn(), console=console, transient=True) as bar:
        task = bar.add_task("", total=None, visible=False)

        def follow(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, visible=done < total)

        result = make_demo(Workspace.open(root), system_clock, fresh=args.fresh,
                           say=lambda sentence: bar.console.print(escape(sentence)), progress=follow)
    return 0 if result.ok else 1
