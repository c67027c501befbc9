"""`themeday ingest [PATH...]`: ingest the inbox (or given files) with a progress bar and a summary."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from themeday_office.cli.console import make_console
from themeday_office.cli.parser import USAGE_EXIT
from themeday_office.ingest.pipeline import ACCEPTED, LATER, QUARANTINED, REJECTED, REPEAT, WAITING, word_for
from themeday_office.ingest.session import ingest_session
from themeday_office.watch import is_ignored

SUMMARY_ORDER = (ACCEPTED, WAITING, REJECTED, REPEAT, QUARANTINED, LATER)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "ingest", parents=[common], help="收文：审核收件箱中的文件并登记台账（处理后从收件箱移走）",
        description="逐个审核并登记收件箱（或指定的文件、文件夹）中的文件。原件存档后才从收件箱移走；"
        "收件箱以外的文件只登记、不移动。",
    )
    p.add_argument("paths", nargs="*", type=Path, metavar="路径", help="文件或文件夹（默认：收件箱）")
    p.add_argument("--by", default=None, metavar="姓名", help="操作人（默认：当前系统用户）")
    p.set_defaults(handler=run)


def collect(paths: list[Path], inbox: Path) -> list[Path]:
    files: list[Path] = []
    for path in paths or [inbox]:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and not is_ignored(p, inbox=path))
        elif path.is_file():
            files.append(path)
    # Oldest first: the order files arrived in, so an adjustment filed before a report counts for it.
    return sorted(files, key=lambda p: (p.stat().st_mtime_ns, str(p)))


def run(args: argparse.Namespace) -> int:
    from themeday_office.cli import open_workspace

    console = make_console()
    workspace = open_workspace(args)
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        console.print(f"[bold red]错误[/]：找不到 {'、'.join(str(p) for p in missing)}")
        return USAGE_EXIT
    workspace.inbox.mkdir(parents=True, exist_ok=True)
    files = collect(args.paths, workspace.inbox)
    counts: Counter[str] = Counter()
    superseded = 0
    with ingest_session(workspace, actor=args.by) as ingestor, Progress(
        TextColumn("收文"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
        console=console, transient=True,
    ) as progress:
        task = progress.add_task("", total=len(files))
        # Outcomes in file order; the next files are checked while one is archived and committed.
        for outcome in ingestor.ingest_many(files):
            path = outcome.path
            progress.update(task, description=escape(path.name))
            superseded += outcome.superseded
            if outcome.members:
                for member in outcome.members:
                    counts[word_for(member.state)] += 1
            else:
                counts[outcome.word] += 1
            detail = f"（{escape(outcome.detail)}）" if outcome.detail else ""
            number = f"编号 {outcome.submission.id} " if outcome.submission else ""
            progress.console.print(f"{escape(path.name)} → {outcome.word} {number}{detail}")
            progress.advance(task)
    parts = [f"{word} {counts[word]}" for word in SUMMARY_ORDER if counts[word]]
    if superseded:
        parts.append(f"替代旧版本 {superseded}")
    console.print(f"共处理 {len(files)} 个文件：" + ("，".join(parts) if parts else "收件箱为空") + "。")
    return 0
