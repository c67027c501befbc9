"""`themeday doctor`: what a new installation needs, checked and explained in Chinese; and the ledger:
its backend, server and schema version, the connection (or what is wrong with it) and its round trip."""

from __future__ import annotations

import argparse
import importlib.metadata
import platform
import shutil
import subprocess
import sys
from datetime import date
from typing import TYPE_CHECKING

from rich.markup import escape

from themeday_office.cli.console import make_console
from themeday_office.domain.calendar import DistrictCalendar
from themeday_office.ledger.location import is_network_path
from themeday_office.readers import find_soffice
from themeday_office.watch.lock import InboxLock, WatcherBusy

if TYPE_CHECKING:
    from rich.console import Console

    from themeday_office.workspace import Workspace

PACKAGES = ("textual", "openpyxl", "python-docx", "python-calamine", "pydantic", "pydantic-settings", "watchdog",
            "defusedxml", "chinesecalendar")
OK, WARN, BAD = "[green]正常[/]", "[yellow]注意[/]", "[bold red]问题[/]"
PINGS = 5  # round trips to the ledger's database; the best is shown


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "doctor", parents=[common],
        help="检查运行环境：软件版本、LibreOffice、公文字体、节假日数据、工作区、台账（本机或共享）及其连接"
    )
    p.set_defaults(handler=run)


def installed_fonts() -> set[str] | None:
    """Font family names known to fontconfig, or None where fc-list is not available (Windows)."""
    fc = shutil.which("fc-list")
    if fc is None:
        return None
    out = subprocess.run([fc, ":", "family"], capture_output=True, text=True, timeout=30).stdout
    return {name.strip() for line in out.splitlines() for name in line.split(",")}


def holiday_years(calendar: DistrictCalendar) -> tuple[int, int] | None:
    years = [y for y in range(2004, date.today().year + 3) if calendar.holiday_data(y) == "ok"]
    return (min(years), max(years)) if years else None


def check_ledger(console: Console, workspace: Workspace) -> int:
    """The ledger's lines: which backend where, the server's and the schema's version, and the
    connection with its best round trip; or the Chinese fault (bad URL, server down, wrong
    password). Returns the number of problems (0 or 1)."""
    from themeday_office.ledger import Ledger, LedgerError
    from themeday_office.ledger.postgres import safe_url

    url = workspace.settings.ledger.url.strip()
    where = f"PostgreSQL（共享）{safe_url(url)}" if url else f"SQLite（本机）{workspace.state / 'ledger.sqlite3'}"
    if not url and is_network_path(workspace.state):
        return 0  # said above: the state folder, and the SQLite ledger in it, must move to a local disk
    try:
        ledger = Ledger.open_existing(workspace.state, url=url)
        if ledger is None:
            console.print(f"{OK}  台账：{escape(where)}（尚未建立：导入组织名册或收文时自动建立）")
            return 0
        with ledger:
            server, schema, ms = ledger.server_version(), ledger.schema_version, ledger.round_trip_ms(PINGS)
    except LedgerError as error:
        console.print(f"{BAD}  台账：{escape(where)}")
        console.print(f"{BAD}  台账连接失败：{escape(str(error))}")
        return 1
    product = "PostgreSQL" if ledger.shared else "SQLite"
    console.print(f"{OK}  台账：{escape(ledger.backend)}")
    console.print(f"{OK}  台账连接正常：{product} {server}，台账版本 {schema}，往返 {ms:.2f} 毫秒（{PINGS} 次中最快）")
    return 0


def run(args: argparse.Namespace) -> int:
    from themeday_office.cli import open_workspace

    console = make_console()
    problems = 0
    py_ok = sys.version_info >= (3, 11)
    problems += not py_ok
    console.print(f"{OK if py_ok else BAD}  Python {platform.python_version()}（需要 3.11 或更高）")
    for name in PACKAGES:
        try:
            console.print(f"{OK}  {name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            problems += 1
            console.print(f"{BAD}  未安装 {name}：请运行 python3 -m pip install -e .")

    soffice = find_soffice()
    if soffice:
        console.print(f"{OK}  LibreOffice：{soffice}（可读取 .doc/.wps/.et，可生成 PDF）")
    else:
        console.print(f"{WARN}  未找到 LibreOffice：.doc/.wps/.et 文件将提示对方另存为 .xlsx/.docx，公文不能另存 PDF")

    workspace = open_workspace(args)
    style = workspace.settings.document
    fonts = installed_fonts()
    wanted = [style.title_font, style.text_font, style.heading1_font, style.heading2_font, style.page_number_font]
    if fonts is None:
        console.print(f"{WARN}  无法列出已安装字体（本机没有 fc-list）；公文使用字体：{'、'.join(wanted)}")
    else:
        missing = [f for f in wanted if f not in fonts]
        if missing:
            console.print(f"{WARN}  本机未安装公文字体 {'、'.join(missing)}：用 Word/WPS 打开时会用相近字体代替；"
                          "可在 themeday.toml 的 \\[document] 小节改为已安装的字体")
        else:
            console.print(f"{OK}  公文字体均已安装")

    span = holiday_years(workspace.calendar)
    this_year = date.today().year
    if span and span[1] >= this_year:
        console.print(f"{OK}  节假日数据：{span[0]}—{span[1]} 年")
    else:
        shown = f"{span[0]}—{span[1]} 年" if span else "无"
        console.print(f"{WARN}  节假日数据：{shown}；{this_year} 年缺失，请在 {workspace.holidays_file.name} 中补充")

    console.print(f"{OK}  工作区：{escape(str(workspace.root))}")
    if is_network_path(workspace.state):
        problems += 1
        console.print(f"{BAD}  状态文件夹 {escape(str(workspace.state))} 在网络磁盘上：台账必须放在本机磁盘")
    else:
        console.print(f"{OK}  状态文件夹在本机磁盘：{escape(str(workspace.state))}")
    inbox_shared = is_network_path(workspace.inbox)
    console.print(
        f"{OK}  收件箱：{escape(str(workspace.inbox))}"
        + ("（网络共享：请用 themeday watch --polling）" if inbox_shared else "")
    )
    problems += check_ledger(console, workspace)
    if workspace.state.is_dir():
        lock = InboxLock(workspace.inbox, workspace.state)
        try:
            lock.acquire()
        except WatcherBusy as busy:
            console.print(f"{OK}  {busy}")
        else:
            lock.release()
            console.print(f"{OK}  目前没有监视程序在运行")
    console.print("检查完毕：" + ("一切正常。" if not problems else f"发现 {problems} 个问题，请按上面的提示处理。"))
    return 1 if problems else 0
