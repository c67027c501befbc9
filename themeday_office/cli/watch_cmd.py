"""`themeday watch [--polling]`: a headless service that ingests every file dropped into the inbox."""

from __future__ import annotations

import argparse

from themeday_office.cli.console import make_console
from themeday_office.ingest.session import ingest_session
from themeday_office.watch import InboxWatcher, WatcherBusy, run_forever
from themeday_office.watch.ingest_handler import ingest_handler


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "watch", parents=[common], help="监视收件箱：文件一放进来就自动审核、登记（按 Ctrl+C 停止）",
        description="持续监视收件箱，文件写完后自动审核并登记台账。启动时先处理已在收件箱中的文件。"
        "同一收件箱只能有一个监视程序。",
    )
    p.add_argument("--polling", action="store_true", help="轮询模式（收件箱在网络共享文件夹上时使用）")
    p.add_argument("--by", default=None, metavar="姓名", help="操作人（默认：当前系统用户）")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from themeday_office.cli import open_workspace

    console = make_console()
    workspace = open_workspace(args)
    rules = workspace.settings.watch
    workspace.inbox.mkdir(parents=True, exist_ok=True)
    with ingest_session(workspace, actor=args.by) as ingestor:
        watcher = InboxWatcher(
            workspace.inbox, workspace.state, ingest_handler(ingestor),
            settle_s=rules.settle_seconds, polling=args.polling or rules.polling, rescan_s=rules.rescan_seconds,
        )
        try:
            return run_forever(watcher, console.print)
        except WatcherBusy as busy:
            console.print(f"[bold red]错误[/]：{busy}")
            return 1
        except KeyboardInterrupt:
            console.print("已强行停止。")
            return 130
