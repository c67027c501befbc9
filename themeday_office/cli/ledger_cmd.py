"""The ledger commands: list, show, accept, reject, correct a receipt date, back up, restore, and
move a desk's ledger into a shared PostgreSQL one (`themeday ledger migrate --to postgresql://...`)."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from themeday_office.cli.console import make_console
from themeday_office.cli.fitting import Cell, Column, fit_table, wrap_items
from themeday_office.cli.parser import iso_date
from themeday_office.ingest.classify import KIND_SHORT, KIND_ZH
from themeday_office.ledger import Ledger, State, Submission
from themeday_office.watch import count_ignored

STATE_STYLE = {
    State.ACCEPTED: "green", State.VALID: "yellow", State.INVALID: "bold red", State.REJECTED: "red",
    State.SUPERSEDED: "dim", State.QUARANTINED: "magenta", State.UNPACKED: "cyan", State.RECEIVED: "",
}
_SEPARATORS = str.maketrans({"，": ",", "、": ","})


def state_filter(text: str) -> str:
    """--state: the ledger's codes or the words it shows (待处理 is valid and invalid), comma-separated;
    an unknown one is an error, not an empty list."""
    states: list[str] = []
    for part in filter(None, (x.strip() for x in text.translate(_SEPARATORS).split(","))):
        found = [s.value for s in State if part in (s.value, s.zh)]
        if not found:
            known = "、".join(dict.fromkeys(s.zh for s in State))
            codes = "/".join(s.value for s in State)
            raise argparse.ArgumentTypeError(f"没有“{part}”这种状态；可用：{known}（或 {codes}）")
        states += found
    if not states:
        raise argparse.ArgumentTypeError("请写出要列出的状态，如 待处理")
    return ",".join(dict.fromkeys(states))


def kind_filter(text: str) -> str:
    """--kind: a form's code, its short name (月报) or its full name (月度开展情况统计表)."""
    part = text.strip()
    for code in dict.fromkeys([*KIND_SHORT, *KIND_ZH]):
        if part in (code, KIND_SHORT.get(code), KIND_ZH.get(code)):
            return code
    raise argparse.ArgumentTypeError(f"没有“{part}”这种报表；可用：{'、'.join(KIND_SHORT.values())}")


def period_filter(text: str) -> str:
    """--period: 2017-03, 2017Q1 or 2017 (Period.parse's Chinese message otherwise)."""
    from themeday_office.domain.period import Period

    try:
        return str(Period.parse(text))
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _reason(p: argparse.ArgumentParser, required: bool = True) -> None:
    p.add_argument("--reason", required=required, metavar="理由", help="理由（记入台账）")
    p.add_argument("--by", default=None, metavar="姓名", help="操作人（默认：当前系统用户）")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("ledger", parents=[common], help="台账：列出收到的文件（可按状态、类型、单位、期间筛选）")
    p.add_argument("--state", type=state_filter, metavar="状态",
                   help="已收到、待处理、已通过、已退回、已替代、已隔离、已拆包（或英文代码），可用逗号分隔多个")
    p.add_argument("--kind", type=kind_filter, metavar="类型", help="计划、月报、记录表、备案表、总结（或英文代码）")
    p.add_argument("--unit", metavar="单位", help="单位名称（包含即可）")
    p.add_argument("--period", type=period_filter, metavar="期间", help="2017-03、2017Q1 或 2017")
    p.add_argument("--wide", action="store_true", help="每一列都完整显示（不缩短单位和文件名，行可能超出终端宽度）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出全部信息")
    p.set_defaults(handler=run_list)
    _ledger_commands(p, common)

    p = sub.add_parser("show", parents=[common], help="查看一个文件的审核意见、情况、版本和处理记录")
    p.add_argument("id", type=int, metavar="编号")
    p.set_defaults(handler=run_show)

    p = sub.add_parser("accept", parents=[common], help="通过一个文件（有错误的文件须写明理由）")
    p.add_argument("id", type=int, metavar="编号")
    _reason(p, required=False)
    p.set_defaults(handler=run_accept)

    p = sub.add_parser("reject", parents=[common], help="退回一个文件（须写明理由）")
    p.add_argument("id", type=int, metavar="编号")
    _reason(p)
    p.set_defaults(handler=run_reject)

    p = sub.add_parser("receipt-date", parents=[common], help="更正收文日期（用于判断是否按时报送）")
    p.add_argument("id", type=int, metavar="编号")
    p.add_argument("day", type=iso_date, metavar="日期", help="如 2017-03-12")
    _reason(p)
    p.set_defaults(handler=run_receipt_date)

    _backup_commands(sub, common)


BACKUP_HELP = "备份台账和原件存档到一个 zip 文件（本机 SQLite 台账和共享 PostgreSQL 台账都可以）"
RESTORE_HELP = "从备份文件恢复台账和原件存档（覆盖现有台账；备份可来自本机台账或共享台账）"


def _backup_commands(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("backup", parents=[common], help=BACKUP_HELP)
    p.add_argument("file", type=Path, metavar="文件")
    p.set_defaults(handler=run_backup)

    p = sub.add_parser("restore", parents=[common], help=RESTORE_HELP)
    p.add_argument("file", type=Path, metavar="文件")
    p.set_defaults(handler=run_restore)


def _ledger_commands(ledger: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    """`themeday ledger` lists; `themeday ledger migrate|backup|restore` look after the ledger itself
    (their parsers are the ledger parser's own class, ChineseArgumentParser)."""
    sub = ledger.add_subparsers(dest="ledger_command", metavar="操作", title="台账维护（不写操作则列出台账）",
                                required=False)
    p = sub.add_parser("migrate", parents=[common],
                       help="把本机台账和原件迁入共享的 PostgreSQL 数据库（必须是空库），并逐项核对")
    p.add_argument("--to", required=True, metavar="地址", help="postgresql://用户名:密码@服务器:端口/数据库")
    p.add_argument("--check", action="store_true", help="只核对：比较本机台账与共享台账的行数，逐个读回原件校验")
    p.add_argument("--write-settings", action="store_true",
                   help="核对通过后把地址写入本工位 themeday.toml 的 [ledger] url")
    p.set_defaults(handler=run_migrate)
    _backup_commands(sub, common)


def _ledger(args) -> tuple:
    from themeday_office.cli import open_workspace

    workspace = open_workspace(args)
    return workspace, Ledger.open(workspace.state, url=workspace.settings.ledger.url)


# The ledger's columns: only the unit and the file name are ever shortened (the room the others leave
# shared 2:3), never the id, the state or the dates. At 80 columns the unit keeps about 6 characters,
# the file name about 9.
LEDGER_COLUMNS = [
    Column("编号", right=True), Column("状态"), Column("类型"), Column("单位", floor=10, weight=2),
    Column("期间"), Column("版", right=True), Column("收到"), Column("文件名", floor=12, weight=3),
]


def _line_width(console: Console, wide: bool) -> int | None:
    """The width the ledger's lines are fitted to; None prints every column in full. At a terminal,
    the terminal's width. Into a pipe or a file every column in full, as with --wide, since a program
    or a file reads it there (a file name is found whole by grep), unless COLUMNS says how wide."""
    if wide or not (console.is_terminal or os.environ.get("COLUMNS", "").isdigit()):
        return None
    return console.width


def _ledger_row(s: Submission, repeats: int, wide: bool) -> list[Cell]:
    return [
        Cell(str(s.id)), Cell(s.state.zh, STATE_STYLE[s.state]), Cell(KIND_SHORT.get(s.kind, s.kind or "未识别")),
        Cell(s.unit), Cell(s.period), Cell(f"{s.version}" if s.version else ""),
        Cell(s.arrived_at.strftime("%Y-%m-%d %H:%M" if wide else "%m-%d %H:%M")),
        Cell(s.original_name, tail=f"（重复 {repeats} 次）" if repeats else ""),
    ]


def run_list(args: argparse.Namespace) -> int:
    console = make_console()
    workspace, ledger = _ledger(args)
    with ledger:
        subs = ledger.submissions(state=args.state, kind=args.kind, unit=args.unit, period=args.period)
        repeats = {s.id: ledger.repeats(s.id) for s in subs}
        counts = ledger.counts_by_state()
    if args.json:
        print(json.dumps([{**s.as_json(), "repeats": repeats[s.id]} for s in subs], ensure_ascii=False, indent=2))
        return 0
    width = _line_width(console, args.wide)
    console.print(f"台账（{len(subs)} 个文件）")
    if subs:
        for line in fit_table(LEDGER_COLUMNS, [_ledger_row(s, repeats[s.id], width is None) for s in subs], width):
            console.print(line)
    by_word: dict[str, int] = {}
    for state, n in counts.items():  # valid and invalid both read 待处理
        by_word[state.zh] = by_word.get(state.zh, 0) + n
    for total in wrap_items("合计：", [f"{word} {n}" for word, n in by_word.items()] or ["无"], "，", width):
        console.print(escape(total) + "。")
    ignored = count_ignored(workspace.inbox) if workspace.inbox.is_dir() else 0
    console.print(f"收件箱中被忽略的临时/锁定文件：{ignored} 个。")
    return 0


def run_show(args: argparse.Namespace) -> int:
    from themeday_office.office.conflicts import COUNTING, HEADING, submission_conflicts

    console = make_console()
    _, ledger = _ledger(args)
    with ledger:
        s = ledger.get(args.id)
        console.print(f"[bold]编号 {s.id}　{escape(s.original_name)}[/]")
        console.print(f"状态：[{STATE_STYLE[s.state]}]{s.state.zh}[/]{'（现行版本）' if s.current else ''}　"
                      f"类型：{KIND_ZH.get(s.kind, s.kind or '未识别')}　单位：{escape(s.unit)}　期间：{s.period}")
        console.print(f"收到：{s.arrived_at:%Y-%m-%d %H:%M}　收文日期：{s.received_on.isoformat()}　"
                      f"大小：{s.size} 字节　SHA-256：{s.sha256[:16]}…")
        messages = ledger.messages(s.id)
        if messages:
            console.print("[bold]审核意见[/]")
            for m in messages:
                style = "bold red" if m.severity == "错误" else "yellow"
                console.print(f"  [{style}]{m.severity}[/]  {escape(m.text)}")
        findings = [f for f in ledger.findings(s.id) if not f.data.get("compliant")]
        if findings:
            console.print("[bold]开展情况[/]")
            for f in findings:
                console.print(f"  {escape(f.text)}")
        conflicts = submission_conflicts(ledger, s.id)
        if conflicts.lines:
            console.print(f"[bold]{HEADING}[/]（{len(conflicts.lines)} 处，{COUNTING}）")
            for sentence in conflicts.sentences:
                console.print(f"  [yellow]不一致[/]  {escape(sentence)}")
        versions = ledger.versions(s.id)
        if len(versions) > 1:
            console.print("[bold]版本[/]")
            for v in versions:
                mark = "　← 本文件" if v.id == s.id else ""
                console.print(f"  第{v.version}版　编号 {v.id}　{v.state.zh}　{v.arrived_at:%m-%d %H:%M}{mark}")
        for member in ledger.members(s.id):
            console.print(f"  内含：编号 {member.id} {escape(member.original_name)} {member.state.zh}")
        console.print("[bold]处理记录[/]")
        for e in ledger.events(s.id):
            why = f"　理由：{escape(e.reason)}" if e.reason else ""
            detail = f"　{escape(e.detail_zh)}" if e.detail else ""
            console.print(f"  {e.at:%Y-%m-%d %H:%M}　{e.action_zh}　{escape(e.actor)}{why}{detail}")
    return 0


def _decide(args: argparse.Namespace, action: str) -> int:
    from themeday_office.cli import open_workspace
    from themeday_office.office import decide, system_clock

    console = make_console()
    workspace = open_workspace(args)
    if action == "accept":
        decision = decide.accept(workspace, system_clock, args.id, actor=args.by, reason=args.reason or "")
    elif action == "reject":
        decision = decide.reject(workspace, system_clock, args.id, actor=args.by, reason=args.reason)
    else:
        decision = decide.correct_receipt_date(workspace, system_clock, args.id, args.day, actor=args.by,
                                               reason=args.reason)
    for warning in decision.warnings:
        console.print(f"[yellow]提示[/]：{escape(warning)}")
    for sentence in decision.sentences:
        console.print(escape(sentence))
    return 0


def run_accept(args: argparse.Namespace) -> int:
    return _decide(args, "accept")


def run_reject(args: argparse.Namespace) -> int:
    return _decide(args, "reject")


def run_receipt_date(args: argparse.Namespace) -> int:
    return _decide(args, "receipt_date")


def run_backup(args: argparse.Namespace) -> int:
    from themeday_office.cli import open_workspace
    from themeday_office.office import system_clock
    from themeday_office.office.backup import back_up

    made = back_up(open_workspace(args), system_clock, args.file)
    for sentence in made.sentences:
        make_console().print(escape(sentence))
    return 0


def run_migrate(args: argparse.Namespace) -> int:
    from themeday_office.cli import open_workspace
    from themeday_office.office import system_clock
    from themeday_office.office.backup import move_to_shared

    console = make_console()
    console.print("正在迁移台账，请稍候……" if not args.check else "正在核对，请稍候……")
    moved = move_to_shared(open_workspace(args), system_clock, args.to, check_only=args.check,
                           write_settings=args.write_settings)
    for sentence in moved.sentences:
        failed = sentence.startswith("核对没有通过") or sentence.endswith("不一致！") or "缺失" in sentence \
            or "已损坏" in sentence
        console.print(f"[bold red]{escape(sentence)}[/]" if failed else escape(sentence))
    return 0 if moved.ok else 1


def run_restore(args: argparse.Namespace) -> int:
    from themeday_office.cli import open_workspace
    from themeday_office.office import system_clock
    from themeday_office.office.backup import restore

    restored = restore(open_workspace(args), system_clock, args.file)
    for sentence in restored.sentences:
        make_console().print(escape(sentence))
    return 0
