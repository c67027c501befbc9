"""`themeday render (--month 2017-03 | --quarter 2017Q1 | --year 2017) [--kind …] [--pdf] [--correct]
[--number N] [--date 2017-04-10]`: a period's official documents into outbox/, numbered from the
ledger's register; `themeday issue DOC` (签发, which freezes a document); `themeday documents`."""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path

from rich import box
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from themeday_office.cli.console import make_console
from themeday_office.cli.parser import USAGE_EXIT, iso_date
from themeday_office.cli.rollup_cmd import _period
from themeday_office.ledger import Ledger
from themeday_office.render.documents import (
    FROZEN,
    KIND_ZH,
    TEMPLATE_FILES,
    DocumentDesk,
    Office,
    PdfError,
    PlanError,
    WordingError,
    changed_on_disk,
    number_text,
    plan,
    render_all,
    write_pdfs,
)
from themeday_office.render.gbt9704 import DocumentWriteError
from themeday_office.rollup import RollupInputs, RollupRules

ALL_KINDS = tuple(KIND_ZH)
WORDING_HELP = (
    "公文中数字以外的文字（开头语、结束语、小标题、下步要求、主送机关、抄送、印发机关）来自模板：\n"
    "  " + "、".join(TEMPLATE_FILES.values()) + "\n"
    "要修改时，在工作区的 templates/公文/ 文件夹中新建同名文件（UTF-8 编码的 TOML），只写要改的项目，\n"
    "例如 templates/公文/月度通报.toml 中写一行 copy_to = [\"区委办公室\"]。工作区的项目优先，没写的沿用内置模板；\n"
    "内置模板的全部项目和可用的 {名称} 见 themeday render --show-template 种类。"
)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "render", parents=[common], help="发文：生成一个月、季度或年度的公文（通报、通知、回执）到 outbox/",
        epilog=WORDING_HELP, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--show-template", choices=ALL_KINDS, metavar="种类",
                       help="显示某类公文的内置措辞模板（复制到 templates/公文/ 后修改）")
    which.add_argument("--month", type=_period("month"), metavar="月份",
                       help="月度通报、备案回执、退回通知，如 2017-03")
    which.add_argument("--quarter", type=_period("quarter"), metavar="季度", help="季度考核结果通报、退回通知，如 2017Q1")
    which.add_argument("--year", type=_period("year"), metavar="年度", help="年度评定通报、指导性主题通知、退回通知，如 2017")
    p.add_argument("--kind", action="append", choices=ALL_KINDS, metavar="种类",
                   help="只生成这类公文（可重复）：" + "，".join(f"{k}（{v}）" for k, v in KIND_ZH.items()))
    p.add_argument("--pdf", action="store_true", help="同时用 LibreOffice 生成 PDF 副本（未安装时给出提示）")
    p.add_argument("--correct", action="store_true", help="对已签发的公文另行发文更正：新文号，并写明更正的是哪份")
    p.add_argument("--number", type=int, metavar="顺序号",
                   help="使用部里发文登记簿给出的顺序号（只能用于一份公文的首次生成）")
    p.add_argument("--date", type=iso_date, metavar="日期", help="成文日期（默认：今天，或该期间应有的发文日期）")
    p.set_defaults(handler=run_render)

    q = sub.add_parser("issue", parents=[common], help="签发：公文定稿，记录文件指纹，此后不再重新生成")
    q.add_argument("document", metavar="公文", help="公文编号（themeday documents 所列）或发文字号，如 惠组〔2017〕3号")
    q.add_argument("--by", metavar="签发人", help="签发人姓名（默认：当前用户）")
    q.set_defaults(handler=run_issue)

    d = sub.add_parser("documents", parents=[common], help="发文登记：列出公文的发文字号、状态和文件指纹")
    d.add_argument("--period", metavar="期间", help="只列这个期间的公文，如 2017-03、2017Q1、2017")
    d.set_defaults(handler=run_documents)


def _open(args: argparse.Namespace):
    from themeday_office.cli import open_workspace

    workspace = open_workspace(args)
    return workspace, Ledger.open_existing(workspace.state)


def run_render(args: argparse.Namespace) -> int:
    from themeday_office.readers import IsolatedReader

    console = make_console()
    if args.show_template:
        from themeday_office.render.documents.wording import bundled_text

        print(bundled_text(args.show_template))
        return 0
    workspace, ledger = _open(args)
    if ledger is None:
        console.print("还没有台账：请先用 themeday roster import 导入组织名册，再用 themeday ingest 收文。")
        return 1
    period = args.month or args.quarter or args.year
    office = Office.of(workspace)
    today = args.date or datetime.date.today()
    written: list[Path] = []
    frozen = 0
    with ledger:
        inputs = RollupInputs.from_ledger(ledger, RollupRules.of(workspace))
        if not inputs.rosters.versions and args.kind != ["themes"]:
            console.print("台账中没有组织名册，无法汇总。请先用 themeday roster import 导入。")
            return 1
        desk = DocumentDesk(ledger, office, workspace.outbox)
        try:
            with IsolatedReader(workspace.settings.limits.to_read_limits()) as reader:
                drafts = plan(office, ledger, inputs, period, today=today, kinds=args.kind, outbox=workspace.outbox,
                              reader=reader.read_bytes)
            if args.date:
                drafts = [_dated(d, args.date) for d in drafts]
            if not drafts:
                console.print(f"{period.zh}没有需要生成的公文。")
                return 0
            with Progress(TextColumn("发文"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                          console=console, transient=True) as progress:
                task = progress.add_task("", total=len(drafts))
                for result in render_all(desk, drafts, correct=args.correct, number=args.number,
                                         progress=lambda d: progress.update(task, description=escape(d.title))):
                    if result.status == FROZEN:
                        frozen += 1
                        progress.console.print(
                            f"[yellow]已签发[/] {result.number} {escape(result.draft.title)}：不再重新生成"
                            "（如需更正，请加 --correct 另行发文）")
                    else:
                        written.append(result.path)
                        where = result.path.relative_to(workspace.outbox) if result.path.is_relative_to(
                            workspace.outbox) else result.path
                        note = "（更正）" if result.record.corrects else ""
                        progress.console.print(f"草稿 {result.number}{note} → {escape(str(where))}")
                    progress.advance(task)
        except (PlanError, WordingError, DocumentWriteError) as exc:
            console.print(f"[bold red]错误[/]：{escape(str(exc))}")
            return USAGE_EXIT
    console.print(f"共 {len(drafts)} 份：生成草稿 {len(written)} 份" + (f"，已签发未改动 {frozen} 份" if frozen else "")
                  + "。签发请用 themeday issue 发文字号。")
    if args.pdf and written:
        try:
            pdfs = write_pdfs(written)
            console.print(f"已生成 PDF 副本 {len(pdfs)} 份。")
        except PdfError as exc:
            console.print(f"[yellow]提示[/]：{escape(str(exc))}")
    return 0


def _dated(draft, day: datetime.date):
    """The clerk's 成文日期 for every draft of the batch."""
    from dataclasses import replace

    build = draft.build

    def rebuild(number, correction):
        doc = build(number, correction)
        return replace(doc, date=day, issue_date=day)

    return replace(draft, date=day, build=rebuild)


def run_issue(args: argparse.Namespace) -> int:
    console = make_console()
    workspace, ledger = _open(args)
    if ledger is None:
        console.print("还没有台账，也就没有可签发的公文。")
        return 1
    with ledger:
        desk = DocumentDesk(ledger, Office.of(workspace), workspace.outbox, actor=args.by)
        record = desk.issue(desk.find(args.document))
    console.print(f"已签发 {number_text(record)}《{escape(record.title)}》，文件指纹 {record.sha256[:16]}…；此后不再重新生成。")
    return 0


def run_documents(args: argparse.Namespace) -> int:
    console = make_console()
    _workspace, ledger = _open(args)
    if ledger is None:
        console.print("还没有台账。")
        return 1
    with ledger:
        records = ledger.documents(period=args.period)
        by_id = {r.id: r for r in ledger.documents()}
    if not records:
        console.print("还没有生成过公文。")
        return 0
    table = Table(title="发文登记", header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False)
    for name in ("编号", "发文字号", "种类", "期间", "状态"):
        table.add_column(name, no_wrap=True)
    table.add_column("标题", overflow="fold", min_width=16)
    table.add_column("文件指纹", no_wrap=True)
    for r in records:
        state = r.state_zh
        if r.issued and changed_on_disk(r):
            state += "\n[red]文件已被改动[/]"
        title = r.title + (f"\n（更正 {number_text(by_id[r.corrects])}）" if r.corrects in by_id else "")
        table.add_row(str(r.id), number_text(r), KIND_ZH.get(r.kind, r.kind), r.period, state, escape(title),
                      r.sha256[:12])
    console.print(table)
    return 0
