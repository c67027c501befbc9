"""`themeday ingest [PATH...]`: ingest the inbox (or given files) with a progress bar and a summary."""

from __future__ import annotations

import argparse
import os
from collections import Counter
from pathlib import Path

from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from themeday_office.cli.console import make_console
from themeday_office.cli.parser import USAGE_EXIT
from themeday_office.ingest.desks import ANOTHER_DESK
from themeday_office.ingest.inbox_entry import STILL_WRITING, refusal, settled
from themeday_office.ingest.lock import OTHER_RUN
from themeday_office.ingest.names import shown
from themeday_office.ingest.pipeline import (
    ACCEPTED,
    LATER,
    QUARANTINED,
    REJECTED,
    REPEAT,
    SKIPPED,
    WAITING,
    word_for,
)
from themeday_office.ingest.session import ingest_session
from themeday_office.watch.scan import scan_inbox
from themeday_office.watch.watcher import POLLING_MIN_SETTLE_S

ELSEWHERE = "由另一工位处理"
SUMMARY_ORDER = (ACCEPTED, WAITING, REJECTED, REPEAT, QUARANTINED, LATER, ELSEWHERE, SKIPPED)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "ingest", parents=[common], help="收文：审核收件箱中的文件并登记台账（处理后从收件箱移走）",
        description="逐个审核并登记收件箱（或指定的文件、文件夹）中的文件。原件存档后才从收件箱移走；"
        "收件箱以外的文件只登记、不移动。仍在写入的文件、链接文件和特殊文件留在原处。",
    )
    p.add_argument("paths", nargs="*", type=Path, metavar="路径", help="文件或文件夹（默认：收件箱）")
    p.add_argument("--by", default=None, metavar="姓名", help="操作人（默认：当前系统用户）")
    p.set_defaults(handler=run)


def collect(paths: list[Path], inbox: Path) -> tuple[list[Path], dict[Path, str]]:
    """The files to ingest, oldest first, and the links and special files left alone (with why).
    A folder named here (the inbox may itself be a link to a share) is listed as the watcher
    lists the inbox: no link in it is followed, no folder in it entered through one."""
    files: dict[Path, int] = {}  # path -> mtime_ns
    skipped: dict[Path, str] = {}
    for path in paths or [inbox]:
        if path.is_dir():
            scan = scan_inbox(path)
            files.update((p, sig.mtime_ns) for p, sig in scan.files.items())
            skipped.update(scan.skipped)
            continue
        try:
            st = os.lstat(path)
        except OSError:
            continue  # gone since the command started
        if why := refusal(st):
            skipped[path] = why
        else:
            files[path] = st.st_mtime_ns
    # Oldest first: the order files arrived in, so an adjustment filed before a report counts for it.
    return sorted(files, key=lambda p: (files[p], str(p))), skipped


def run(args: argparse.Namespace) -> int:
    from themeday_office.cli import open_workspace

    console = make_console()
    workspace = open_workspace(args)
    missing = [p for p in args.paths if not os.path.lexists(p)]
    if missing:
        console.print(f"[bold red]错误[/]：找不到 {'、'.join(escape(shown(str(p))) for p in missing)}")
        return USAGE_EXIT
    workspace.inbox.mkdir(parents=True, exist_ok=True)
    counts: Counter[str] = Counter()
    superseded = packages = unpacked = 0
    with ingest_session(workspace, actor=args.by) as ingestor, ingestor.exclusive(
        on_wait=lambda: console.print(f"{OTHER_RUN}，等待…")
    ):
        # Listed once the lock is ours: what another run took is gone, nothing is taken twice.
        found, skipped = collect(args.paths, workspace.inbox)
        for path, why in skipped.items():
            console.print(f"提示：{escape(shown(_label(path, workspace.inbox)))} {why}，已留在原处")
        rules = workspace.settings.watch
        # As the watcher waits: a share's mtimes move in 2-second steps.
        files, growing = settled(found, max(rules.settle_seconds, POLLING_MIN_SETTLE_S) if rules.polling
                                 else rules.settle_seconds)
        for path in growing:
            console.print(f"信息：{escape(shown(_label(path, workspace.inbox)))} {STILL_WRITING}，留待下次收文")
        counts[SKIPPED] += len(skipped)
        counts[LATER] += len(growing)
        with Progress(TextColumn("收文"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                      console=console, transient=True) as progress:
            task = progress.add_task("", total=len(files))
            # Outcomes in file order; the next files are checked while one is archived and committed.
            for outcome in ingestor.ingest_many(files):
                name = escape(shown(outcome.path.name))
                progress.update(task, description=name)
                superseded += outcome.superseded
                if outcome.members:
                    for member in outcome.members:
                        counts[word_for(member.state)] += 1
                elif outcome.detail == ANOTHER_DESK:
                    counts[ELSEWHERE] += 1  # taken by another desk sharing the ledger: not a problem
                else:
                    counts[outcome.word] += 1
                detail = f"（{escape(outcome.detail)}）" if outcome.detail else ""
                number = f"编号 {outcome.submission.id} " if outcome.submission else ""
                progress.console.print(f"{name} → {outcome.word} {number}{detail}")
                for member in outcome.members:  # each file of a package, as the ledger recorded it
                    progress.console.print(f"  {escape(shown(member.original_name))} → {word_for(member.state)} "
                                           f"编号 {member.id}")
                if outcome.members:
                    packages, unpacked = packages + 1, unpacked + len(outcome.members)
                progress.advance(task)
    parts = [f"{word} {counts[word]}" for word in SUMMARY_ORDER if counts[word]]
    if superseded:
        parts.append(f"替代旧版本 {superseded}")
    # The counts are of the packages' files, not of the packages: say so, so that they add up.
    within = f"（其中 {packages} 个压缩包，内含 {unpacked} 个文件）" if packages else ""
    console.print(f"共处理 {len(files)} 个文件{within}：" + ("，".join(parts) if parts else "收件箱为空") + "。")
    return 0


def _label(path: Path, inbox: Path) -> str:
    """A path as the clerk knows it: relative to the inbox when inside it."""
    try:
        return path.relative_to(inbox).as_posix()
    except ValueError:
        return str(path)
