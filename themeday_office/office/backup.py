"""Backing the ledger up with its originals in one zip, restoring it, and moving a desk's SQLite
ledger into a shared PostgreSQL one; on either backend (ledger/backup.py, ledger/transfer.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from themeday_office.ledger import Ledger, LedgerError
from themeday_office.office import Clock
from themeday_office.office.opening import open_ledger

if TYPE_CHECKING:
    from themeday_office.ledger.transfer import MoveReport
    from themeday_office.workspace import Workspace


@dataclass(frozen=True)
class BackupMade:
    path: Path
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class Restored:
    source: Path
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class Moved:
    """A move (or only its check) into a shared ledger: what the check found, in sentences."""

    url: str  # the target as the clerk may see it (no password)
    ok: bool
    sentences: tuple[str, ...]
    settings_written: bool = False


def _rows(rows: dict[str, int]) -> str:
    return f"收到的文件 {rows.get('submission', 0)} 个，共 {sum(rows.values())} 行记录"


def back_up(workspace: Workspace, clock: Clock, target: Path) -> BackupMade:
    """A consistent copy of the ledger and its originals in the zip `target` (while others write)."""
    from themeday_office.ledger.backup import backup

    with open_ledger(workspace, clock) as ledger:
        made = backup(ledger, target)
    size = Path(target).stat().st_size
    sentences = [f"已备份到 {target}（{size // 1024} KB）：{made.backend}，{_rows(made.rows)}，"
                 f"原件 {made.originals} 个。"]
    if made.damaged:
        sentences.append(f"注意：存档中有 {len(made.damaged)} 个原件已损坏（内容与校验值不符），未写入备份："
                         f"{'、'.join(d[:16] + '…' for d in made.damaged)}")
    return BackupMade(Path(target), tuple(sentences))


def restore(workspace: Workspace, clock: Clock, source: Path) -> Restored:
    """Replace the ledger's contents with the backup `source` and put back the originals it holds
    (LedgerError, in Chinese, when it is no backup of ours; the backup is checked before the
    ledger is opened, so a wrong file changes nothing)."""
    from themeday_office.ledger.backup import read_backup
    from themeday_office.ledger.backup import restore as restore_backup

    with read_backup(source) as backup, open_ledger(workspace, clock) as ledger:
        done = restore_backup(backup, ledger)
    sentences = [f"已从 {source} 恢复台账到 {done.backend}：{_rows(done.rows)}；补回原件 {done.originals} 个。"]
    if ledger.shared:
        sentences.append("这是各工位共用的台账：请其他工位关闭并重新打开终端界面，以看到恢复后的台账。")
    return Restored(Path(source), tuple(sentences))


def move_to_shared(workspace: Workspace, clock: Clock, url: str, *, check_only: bool = False,
                   write_settings: bool = False) -> Moved:
    """Move the workspace's SQLite ledger and its archive into the empty PostgreSQL ledger at
    `url` and check the move (rows per table, every original read back and hashed); with
    `check_only`, only the check of an earlier move. The SQLite ledger is only read: it stays the
    fallback. The inbox's ingest lock is held meanwhile, so this desk takes no file in between."""
    from themeday_office.ingest.lock import OTHER_RUN, IngestLock
    from themeday_office.ledger.postgres import is_postgres_url, safe_url
    from themeday_office.ledger.transfer import move_ledger, verify_move

    url = url.strip()
    if not is_postgres_url(url):
        raise LedgerError(f"迁移目标不是 PostgreSQL 地址：{safe_url(url)}。应为 postgresql://用户名:密码@服务器:端口/数据库")
    source = Ledger.open_existing(workspace.state, url="")
    if source is None:
        raise LedgerError(f"本工作区没有本机台账（{workspace.state / 'ledger.sqlite3'}），没有可迁移的内容；"
                          "直接在 themeday.toml 的 [ledger] 小节填写 url 即可使用共享台账")
    lock = IngestLock(workspace.state)
    if not lock.try_acquire():
        source.close()
        raise LedgerError(f"{OTHER_RUN}：请先关闭本工位的 themeday watch 和终端界面，再迁移台账")
    try:
        with source, Ledger.open(workspace.state, clock, url=url) as target:
            report = verify_move(source, target) if check_only else move_ledger(source, target)
    finally:
        lock.release()
    shown = safe_url(url)
    sentences = [("核对" if check_only else "已迁移") + f"本机台账 → {shown}：", *_report_lines(report)]
    written = False
    if not report.ok:
        sentences.append("核对没有通过：请不要改用共享台账，本机台账保持原样；请检查数据库后重新迁移。")
    elif write_settings:
        write_ledger_url(workspace, url)
        written = True
        sentences.append(f"已把共享台账地址写入 {workspace.root / 'themeday.toml'} 的 [ledger] 小节，"
                         "本工位从现在起使用共享台账。")
    else:
        sentences += [
            "核对通过。请在每个工位的 themeday.toml 中写入（*** 处填密码）：",
            f'[ledger]\nurl = "{shown}"',
            "或加上 --write-settings 让本命令替本工位写入。本机台账保持原样，可作为后备。",
        ]
    return Moved(shown, report.ok, tuple(sentences), written)


def _report_lines(report: MoveReport) -> list[str]:
    from themeday_office.ledger.transfer import TABLE_ZH

    lines = []
    for table, ours, theirs in report.tables:
        mark = "一致" if ours == theirs else "不一致！"
        lines.append(f"  {TABLE_ZH[table]}：本机 {ours} 行，共享台账 {theirs} 行，{mark}")
    good = report.originals - len(report.damaged) - len(report.missing)
    lines.append(f"  原件：{report.originals} 个，从共享台账逐个读回校验 SHA-256，{good} 个一致")
    for digest in report.missing:
        lines.append(f"  原件 {digest} 在共享台账中缺失")
    for digest in report.damaged:
        lines.append(f"  原件 {digest} 读回的内容与校验值不符（已损坏）")
    return lines


_LEDGER_SECTION = re.compile(r"^\[ledger\][ \t]*$", re.MULTILINE)
_URL_LINE = re.compile(r"^[ \t]*url[ \t]*=.*$", re.MULTILINE)
_COMMENTED_URL = re.compile(r"^[ \t]*#[ \t]*url[ \t]*=.*$", re.MULTILINE)


def write_ledger_url(workspace: Workspace, url: str) -> None:
    """Set [ledger] url in the workspace's themeday.toml, keeping every other line and comment;
    the file is read back and must give this url, else it is left as it was."""
    import tomllib

    from themeday_office.workspace import WORKSPACE_FILE

    path = workspace.root / WORKSPACE_FILE
    text = path.read_text(encoding="utf-8-sig") if path.is_file() else ""
    line = "url = " + _toml_string(url)
    section = _LEDGER_SECTION.search(text)
    if section is None:
        new = text.rstrip("\n") + ("\n\n" if text.strip() else "") + f"[ledger]\n{line}\n"
    else:
        start = section.end()
        following = re.search(r"^\[", text[start:], re.MULTILINE)
        end = start + following.start() if following else len(text)
        body = text[start:end]
        found = _URL_LINE.search(body) or _COMMENTED_URL.search(body)
        body = body[:found.start()] + line + body[found.end():] if found else f"\n{line}" + body
        new = text[:start] + body + text[end:]
    try:
        written = tomllib.loads(new).get("ledger", {}).get("url")
    except tomllib.TOMLDecodeError:
        written = None
    if written != url:
        raise LedgerError(f"无法自动写入 {path}：请手工在 [ledger] 小节写入 url（见 README“多人共用台账”）")
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(new, encoding="utf-8")
    tmp.replace(path)


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
