"""`themeday watch [--polling]`: a headless service that ingests every file dropped into the inbox."""

from __future__ import annotations

import argparse
import time

from rich.console import Console

from themeday_office.cli.console import make_console
from themeday_office.ingest.session import ingest_session
from themeday_office.ledger import LedgerError
from themeday_office.watch import InboxWatcher, WatcherBusy, run_forever
from themeday_office.watch.ingest_handler import ingest_handler
from themeday_office.workspace import Workspace

RETRY_FIRST_S, RETRY_CAP_S = 5.0, 60.0  # a ledger server that does not answer: tried again, less often


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
    workspace.inbox.mkdir(parents=True, exist_ok=True)
    wait_s, said = RETRY_FIRST_S, ""
    while True:
        try:
            return _watch(workspace, args, console)
        except LedgerError as error:
            # A shared ledger's server down or unreachable: the files wait in the inbox, and the
            # service tries again (a desk's watcher is started once and left running).
            if str(error) != said:
                console.print(f"[bold red]错误[/]：{error}")
                said = str(error)
            console.print(f"{wait_s:g} 秒后重试连接台账（按 Ctrl+C 停止）")
            try:
                time.sleep(wait_s)
            except KeyboardInterrupt:
                console.print("已停止。")
                return 1
            wait_s = min(wait_s * 2, RETRY_CAP_S)


def _watch(workspace: Workspace, args: argparse.Namespace, console: Console) -> int:
    rules = workspace.settings.watch
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
