"""Ingest: the protocol that accounts for every file exactly once.

For each file, in this order:

    hash -> (known hash: note the repeat) -> check in the isolated parser
         -> copy the bytes into the archive and fsync        [after_archive]
         -> commit the ledger row                            [after_commit]
         -> remove the file from the inbox                   [after_unlink]
         -> mark it removed in the ledger

A crash between any two steps leaves a state the next run finishes: the archive write
is idempotent; a committed file still in the inbox at the same path is recognised as
this run's own leftover (removed = 0), not as a repeat; a repeat is noted once per
arrival key. The names in brackets are crash points tests stop at.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from themeday_office.domain.messages import Message
from themeday_office.ingest.check import CheckResult, check_bytes, read_error_message
from themeday_office.ingest.environment import CheckEnvironment
from themeday_office.ledger import (
    CheckedFile,
    FormRow,
    Ledger,
    State,
    StoredFinding,
    StoredMessage,
    Submission,
    sha256_of,
)
from themeday_office.readers import FileFormat, ReadError, sniff, unpack_archive

CRASH_POINTS = ("after_archive", "after_commit", "after_unlink")
_PARSER_DEATHS = {"parser_crashed", "parser_timeout"}

# What a clerk's console shows per file.
ACCEPTED, WAITING, REJECTED, REPEAT, QUARANTINED, LATER = "已通过", "待处理", "已退回", "重复", "已隔离", "稍后重试"
_WORD = {
    State.ACCEPTED: ACCEPTED,
    State.VALID: WAITING,
    State.INVALID: WAITING,
    State.REJECTED: REJECTED,
    State.QUARANTINED: QUARANTINED,
    State.SUPERSEDED: ACCEPTED,
    State.UNPACKED: ACCEPTED,
}


def word_for(state: State) -> str:
    """The console word for a submission's state."""
    return _WORD.get(state, WAITING)


@dataclass
class IngestOutcome:
    path: Path
    word: str  # 已通过 / 待处理 / 已退回 / 重复 / 已隔离 / 稍后重试
    submission: Submission | None = None
    members: list[Submission] = field(default_factory=list)
    superseded: int = 0
    detail: str = ""


Reader = Callable[[bytes, str], object]


class Ingestor:
    """Ingests files into one ledger. Not thread-safe: one ingest at a time per inbox."""

    def __init__(
        self,
        inbox: Path,
        ledger: Ledger,
        env_factory: Callable[[], CheckEnvironment],
        reader: Reader,
        *,
        auto_accept: bool = True,
        max_attempts: int = 3,
        actor: str | None = None,
        crash_at: Callable[[str], None] | None = None,
    ):
        self.inbox = Path(inbox).resolve()
        self.ledger = ledger
        self.env_factory = env_factory
        self.reader = reader
        self.auto_accept = auto_accept
        self.max_attempts = max_attempts
        self.actor = actor
        self._crash_at = crash_at or (lambda point: None)

    # ---- the protocol --------------------------------------------------------------------

    def ingest(self, path: Path) -> IngestOutcome:
        path = Path(path)
        try:
            data = path.read_bytes()
            mtime_ns = path.stat().st_mtime_ns
        except FileNotFoundError:
            return IngestOutcome(path, LATER, detail="文件已不在")
        except PermissionError:
            # Windows: Excel still holds the file open. The next scan tries again.
            return IngestOutcome(path, LATER, detail="文件正被其他程序占用")
        rel = self._relative(path)
        sha = sha256_of(data)

        known = self.ledger.by_sha(sha)
        if known is not None:
            if not known.removed and known.inbox_path == rel:
                # Our own file from a run that stopped after committing: finish the job.
                self._remove(path, known.id)
                return IngestOutcome(path, word_for(known.state), known, detail="续完上次中断的处理")
            self.ledger.note_repeat(known.id, f"{rel}（{path.name}）#{mtime_ns}", self.actor)
            self._remove(path, None)
            return IngestOutcome(path, REPEAT, known, detail=f"与编号 {known.id} 内容相同")

        tries = self.ledger.begin_attempt(sha)
        if tries > self.max_attempts:
            return self._quarantine(path, rel, data, sha, self.ledger.attempt(sha)[1])
        env = self.env_factory()
        try:
            fmt = sniff(data)
        except ReadError:
            fmt = FileFormat.UNKNOWN
        if fmt is FileFormat.ZIP_ARCHIVE:
            return self._ingest_archive(path, rel, data, sha, env)
        result = check_bytes(data, path.name, env, self.reader)
        if result.read_error in _PARSER_DEATHS:
            self.ledger.note_attempt_error(sha, result.messages[0].text)
            if tries >= self.max_attempts:
                return self._quarantine(path, rel, data, sha, result.messages[0].text)
            return self.ingest(path)  # a fresh parser process; bounded by max_attempts

        self.ledger.archive.put(data, sha)
        self._crash_at("after_archive")
        before = self._current_for(result)
        sub = self.ledger.record(_checked(result, sha, rel, path.name, len(data)), auto_accept=self.auto_accept,
                                 actor=self.actor)
        self._crash_at("after_commit")
        self.ledger.clear_attempt(sha)
        self._remove(path, sub.id)
        superseded = int(before is not None and sub.current and before != sub.id)
        return IngestOutcome(path, word_for(sub.state), sub, superseded=superseded)

    def _ingest_archive(self, path: Path, rel: str, data: bytes, sha: str, env: CheckEnvironment) -> IngestOutcome:
        try:
            members = unpack_archive(data, path.name, env.limits)
        except ReadError as error:
            result = CheckResult(file=path.name, format="zip", messages=[read_error_message(error)])
            self.ledger.archive.put(data, sha)
            sub = self.ledger.record(_checked(result, sha, rel, path.name, len(data)), auto_accept=False,
                                     actor=self.actor)
            self._remove(path, sub.id)
            return IngestOutcome(path, WAITING, sub)
        new: list[CheckedFile] = []
        repeats: list[tuple[int, str]] = []
        seen: set[str] = set()
        for member in members:
            label = f"{rel}/{member.name}"
            member_sha = sha256_of(member.data) if member.data else sha256_of(label.encode())
            if (existing := self.ledger.by_sha(member_sha)) is not None:
                repeats.append((existing.id, f"{label}（压缩包 {path.name}）"))
                continue
            if member_sha in seen:
                continue  # the same file twice inside one archive
            seen.add(member_sha)
            if member.error is not None:
                result = CheckResult(file=member.name, messages=[read_error_message(member.error)])
            else:
                result = check_bytes(member.data, member.name, env, self.reader)
            if member.data:
                self.ledger.archive.put(member.data, member_sha)
            new.append(_checked(result, member_sha, label, member.name, len(member.data)))
        self.ledger.archive.put(data, sha)
        self._crash_at("after_archive")
        container = CheckedFile(sha256=sha, original_name=path.name, inbox_path=rel, size=len(data), format="zip",
                                kind="archive")
        sub = self.ledger.record(container, auto_accept=self.auto_accept, actor=self.actor, state=State.UNPACKED,
                                 members=new, member_repeats=repeats)
        self._crash_at("after_commit")
        self.ledger.clear_attempt(sha)
        self._remove(path, sub.id)
        return IngestOutcome(path, ACCEPTED, sub, members=self.ledger.members(sub.id),
                             detail=f"内含 {len(new)} 个新文件，{len(repeats)} 个重复")

    def _quarantine(self, path: Path, rel: str, data: bytes, sha: str, why: str) -> IngestOutcome:
        text = f"文件多次导致解析程序异常退出，已隔离，原文件已存档：{why}" if why else "文件多次导致解析程序异常退出，已隔离，原文件已存档"
        checked = CheckedFile(sha256=sha, original_name=path.name, inbox_path=rel, size=len(data), format="",
                              messages=[StoredMessage("错误", "file_unsafe", "", text)])
        self.ledger.archive.put(data, sha)
        sub = self.ledger.record(checked, auto_accept=False, actor=self.actor, state=State.QUARANTINED)
        self.ledger.clear_attempt(sha)
        self._remove(path, sub.id)
        return IngestOutcome(path, QUARANTINED, sub, detail=text)

    # ---- helpers -------------------------------------------------------------------------

    def _relative(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.inbox).as_posix()
        except ValueError:
            return str(path.resolve())  # a file ingested from outside the inbox

    def _in_inbox(self, path: Path) -> bool:
        try:
            path.resolve().relative_to(self.inbox)
            return True
        except ValueError:
            return False

    def _remove(self, path: Path, sid: int | None) -> None:
        if self._in_inbox(path):
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass
            except PermissionError:
                return  # locked (Windows): the leftover rule finishes it on a later scan
            self._crash_at("after_unlink")
        if sid is not None:
            self.ledger.mark_removed(sid)

    def _current_for(self, result: CheckResult) -> int | None:
        if not (result.kind and result.unit and result.period):
            return None
        found = self.ledger.submissions(kind=result.kind, period=result.period, current=True)
        return next((s.id for s in found if s.unit == result.unit and s.period == result.period), None)

    def finish_leftovers(self) -> int:
        """Rows committed but never marked removed whose file is gone: mark them (startup repair)."""
        fixed = 0
        for sub in self.ledger.pending_removal():
            candidate = self.inbox / sub.inbox_path
            if not candidate.exists():
                self.ledger.mark_removed(sub.id)
                fixed += 1
        return fixed


def _checked(result: CheckResult, sha: str, rel: str, name: str, size: int) -> CheckedFile:
    return CheckedFile(
        sha256=sha, original_name=name, inbox_path=rel, size=size, format=result.format,
        kind=result.kind or "", unit=result.unit, period=result.period, header=result.header,
        messages=[_stored(m) for m in result.messages],
        findings=[StoredFinding(f.code, f.committee, f.branch, f.text, {**f.values, "compliant": f.compliant,
                                                                        "period": f.period, "place": f.place})
                  for f in result.findings],
        rows=[FormRow(0, r.kind, r.committee, r.branch, r.period, r.data) for r in result.rows],
    )


def _stored(m: Message) -> StoredMessage:
    return StoredMessage(m.severity.value, m.code, m.place, m.text)
