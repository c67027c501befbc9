"""`themeday render (--month 2017-03 | --quarter 2017Q1 | --year 2017) [--kind …] [--pdf] [--correct]
[--number N] [--date 2017-04-10]`: a period's official documents into outbox/, numbered from the
ledger's register; `themeday issue DOC` (签发, which freezes a document); `themeday documents`."""

from __future__ import annotations

import argparse

from rich import box
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from themeday_office.cli.console import make_console
from themeday_office.cli.parser import USAGE_EXIT, iso_date
from themeday_office.cli.rollup_cmd import _period
from themeday_office.render.documents import KIND_ZH, TEMPLATE_FILES

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
        epilog=WORDING_HELP,  # the program's ChineseHelpFormatter keeps its lines (RawDescription)
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--show-template", choices=ALL_KINDS, metavar="种类",
                       help="显示某类公文的内置措辞模板（复制到 templates/公文/ 后修改）")
    which.add_argument("--month", type=_period("month"), metavar="月份",
                       help="月度通报、备案回执、退回通知、月度统计表的催报通知，如 2017-03")
    which.add_argument("--quarter", type=_period("quarter"), metavar="季度",
                       help="季度考核结果通报、退回通知、季度总结的催报通知，如 2017Q1")
    which.add_argument(
        "--year",
        type=_period("year"),
        metavar="年度",
        help="年度评定通报、指导性主题通知、退回通知、该年度计划的催报通知（计划在上一年报送：--year 2018 "
        "催报 2018 年度计划），如 2017",
    )
    p.add_argument("--kind", action="append", choices=ALL_KINDS, metavar="种类",
                   help="只生成这类公文（可重复）：" + "，".join(f"{k}（{v}）" for k, v in KIND_ZH.items()))
    p.add_argument("--pdf", action="store_true", help="同时用 LibreOffice 生成 PDF 副本（未安装时给出提示）")
    p.add_argument("--correct", action="store_true", help="对已签发的公文另行发文更正：新文号，并写明更正的是哪份")
    p.add_argument("--number", type=int, metavar="顺序号",
                   help="使用部里发文登记簿给出的顺序号（只能用于一份公文的首次生成）")
    p.add_argument("--date", type=iso_date, metavar="日期",
                   help="成文日期（默认：今天，或该期间应有的发文日期）；催报通知点名截至这一天仍未报送的单位")
    p.set_defaults(handler=run_render)

    q = sub.add_parser("issue", parents=[common], help="签发：公文定稿，记录文件指纹，此后不再重新生成")
    q.add_argument("document", metavar="公文", help="公文编号（themeday documents 所列）或发文字号，如 惠组〔2017〕3号")
    q.add_argument("--by", metavar="签发人", help="签发人姓名（默认：当前用户）")
    q.set_defaults(handler=run_issue)

    d = sub.add_parser("documents", parents=[common], help="发文登记：列出公文的发文字号、状态和文件指纹")
    d.add_argument("--period", metavar="期间", help="只列这个期间的公文，如 2017-03、2017Q1、2017")
    d.set_defaults(handler=run_documents)


def run_render(args: argparse.Namespace) -> int:
    from themeday_office.cli import open_workspace
    from themeday_office.office import system_clock
    from themeday_office.office.documents import generate_documents

    console = make_console()
    if args.show_template:
        from themeday_office.render.documents.wording import bundled_text

        print(bundled_text(args.show_template))
        return 0
    with Progress(TextColumn("发文"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                  console=console, transient=True) as progress:
        task = progress.add_task("", total=None)

        def follow(done: int, total: int, last) -> None:
            progress.update(task, total=total, completed=done, description=escape(last.title) if last else "")
            if last is not None and last.frozen:
                progress.console.print(f"[yellow]{escape(last.sentence)}[/]（如需更正，请加 --correct 另行发文）")
            elif last is not None:
                progress.console.print(escape(last.sentence))

        batch = generate_documents(open_workspace(args), system_clock, args.month or args.quarter or args.year,
                                   kinds=args.kind, correct=args.correct, number=args.number, dated=args.date,
                                   pdf=args.pdf, progress=follow)
    if batch.problem:
        console.print(f"[bold red]错误[/]：{escape(batch.problem)}")
        return USAGE_EXIT
    lines = list(batch.sentences)
    if batch.documents:  # how to go on, in the command line's own terms
        lines[0] += "签发请用 themeday issue 发文字号。"
    for line in lines:
        console.print(escape(line))
    for warning in batch.warnings:
        console.print(f"[yellow]提示[/]：{escape(warning)}")
    return 0 if batch.ready else 1


def run_issue(args: argparse.Namespace) -> int:
    from themeday_office.cli import open_workspace
    from themeday_office.office import system_clock
    from themeday_office.office.documents import issue_document

    console = make_console()
    issued = issue_document(open_workspace(args), system_clock, args.document, actor=args.by)
    for sentence in issued.sentences:
        console.print(escape(sentence))
    return 0


def run_documents(args: argparse.Namespace) -> int:
    from themeday_office.cli import open_workspace
    from themeday_office.office import system_clock
    from themeday_office.office.documents import list_documents

    console = make_console()
    listed = list_documents(open_workspace(args), system_clock, args.period)
    for sentence in listed.sentences:
        console.print(escape(sentence))
    if not listed.rows:
        return 0 if listed.ready else 1
    table = Table(title="发文登记", header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False)
    for name in ("编号", "发文字号", "种类", "期间", "状态"):
        table.add_column(name, no_wrap=True)
    table.add_column("标题", overflow="fold", min_width=16)
    table.add_column("文件指纹", no_wrap=True)
    for r in listed.rows:
        state = r.state + ("\n[red]文件已被改动[/]" if r.changed else "")
        title = r.title + (f"\n（更正 {r.corrects}）" if r.corrects else "")
        table.add_row(str(r.id), r.number, r.kind, r.period, state, escape(title), r.sha256[:12])
    console.print(table)
    return 0
