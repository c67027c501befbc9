"""`themeday demo [DIR] [--fresh]`: a realistic district, a quarter of submissions, ingested and rolled up.

It builds 惠济区 from the seed with the synthetic generator (towns, streets, 区直 committees,
the three development zones, the cooperation groups, about 400 branches), imports its
roster, drops the first quarter of 2017 into the inbox — mostly good files, with the
mistakes clerks really see — and ingests them in the order they arrive, replaying their
2017 arrival times so deadlines are judged as they were. Running it twice is safe.
"""

from __future__ import annotations

import argparse
import json
import shutil
from collections import Counter
from datetime import date, datetime
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from themeday_office.cli.console import make_console
from themeday_office.domain.period import Period
from themeday_office.ingest.department import read_roster
from themeday_office.ingest.session import ingest_session
from themeday_office.ledger import Ledger, sha256_of
from themeday_office.readers import read_bytes
from themeday_office.synthetic import make_district, make_quarter, typical_mistakes, write_roster_xlsx
from themeday_office.workspace import WORKSPACE_FILE, Workspace, init_workspace, locate_workspace

QUARTER = Period.of_quarter(2017, 1)
DEMO_DIR = "demo"  # inside the state folder: the generated roster and manifest


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


def _wipe(workspace: Workspace) -> None:
    for folder in (workspace.inbox, workspace.outbox):
        if folder.is_dir():
            for child in folder.iterdir():
                if child.name == ".gitkeep":
                    continue
                shutil.rmtree(child) if child.is_dir() else child.unlink()
    if workspace.state.is_dir():
        shutil.rmtree(workspace.state)


def run(args: argparse.Namespace) -> int:
    console = make_console()
    root = args.dir or locate_workspace(getattr(args, "workspace", None))
    if not (Path(root) / WORKSPACE_FILE).is_file():
        init_workspace(root)
    workspace = Workspace.open(root)
    existing = Ledger.open_existing(workspace.state)
    if existing is not None:
        with existing:
            count = len(existing.submissions())
        if count and not args.fresh:
            console.print(f"演示数据已在 {workspace.root}（台账中 {count} 个文件）。加 --fresh 可清空后重新生成。")
            _where(console, workspace)
            return 0
    if args.fresh:
        _wipe(workspace)
    for folder in (workspace.inbox, workspace.outbox, workspace.state):
        folder.mkdir(parents=True, exist_ok=True)

    console.print("生成惠济区组织名册和 2017 年第一季度报送文件……")
    district = make_district(seed=2017)
    demo = workspace.state / DEMO_DIR
    demo.mkdir(parents=True, exist_ok=True)
    roster_path = demo / "组织架构.xlsx"
    write_roster_xlsx(district, roster_path)
    imported = read_roster(read_bytes(roster_path.read_bytes(), roster_path.name), date(2017, 1, 1))
    if not imported.ok:  # the generator's roster is valid by construction; say so loudly if not
        for m in imported.messages:
            console.print(f"  {m.text}")
        return 1
    files = make_quarter(district, QUARTER, workspace.inbox, seed=1, mistakes=typical_mistakes(district, QUARTER, seed=1))
    # Paths relative to the inbox: the manifest says what was planted where, for the end-to-end test.
    (demo / "manifest.json").write_text(
        json.dumps([f.to_dict(workspace.inbox) for f in files], ensure_ascii=False, indent=1), encoding="utf-8"
    )
    arrivals = sorted(files, key=lambda f: (f.arrives or datetime(2017, 1, 1), str(f.path)))

    now = {"t": datetime(2016, 12, 1, 9, 0)}
    counts: Counter[str] = Counter()
    with ingest_session(workspace, actor="演示", clock=lambda: now["t"]) as ingestor:
        ingestor.ledger.add_roster_version(date(2017, 1, 1), roster_path.name, sha256_of(roster_path.read_bytes()),
                                           imported.rows)
        with Progress(TextColumn("收文"), BarColumn(), MofNCompleteColumn(), console=console, transient=True) as bar:
            task = bar.add_task("", total=len(arrivals))
            for generated in arrivals:
                if generated.arrives:
                    now["t"] = generated.arrives.replace(second=0, microsecond=0)
                if generated.path.exists():
                    outcome = ingestor.ingest(generated.path)
                    counts[outcome.word] += 1
                bar.advance(task)
    console.print("收文结果：" + "，".join(f"{w} {n}" for w, n in counts.most_common()) + "。")
    from themeday_office.cli import main as themeday  # the same path a clerk takes: themeday render

    for period in (*QUARTER.months(), QUARTER):
        console.print(f"生成{period.zh}公文……")
        flag = "--month" if period.kind == "month" else "--quarter"
        if themeday(["render", flag, str(period), "-w", str(workspace.root)]) != 0:
            return 1
    _where(console, workspace)
    return 0


def _where(console, workspace: Workspace) -> None:
    console.print(f"工作区：{workspace.root}")
    console.print(f"  台账和原件存档：{workspace.state}")
    console.print(f"  收件箱：{workspace.inbox}（处理过的文件已移走）")
    console.print(f"  发件箱：{workspace.outbox}（月度通报、季度考核通报、备案回执、退回通知）")
    console.print("下一步：themeday documents 查看公文，themeday ledger 查看台账，themeday rollup --quarter 2017Q1 查看汇总，themeday 打开终端界面。")
