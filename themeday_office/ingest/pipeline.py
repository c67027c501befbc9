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
arrival key. The names in brackets are crash points tests stop at. `ingest_many` takes
the steps after the check for a batch of checked files at once (all archived, one
commit, each unlinked, one removal note): a crash leaves each file of the batch in a
state the same rules finish.

Only a regular file is read, never through a link (inbox_entry.py), and only while it holds
still: a file that changed while it was read, or between its read and its commit, is left
for later; one that changed between its commit and its removal stays in the inbox (its new
content is a new file). A file over [limits] max_file_mb is never held in memory: it is
streamed into the archive (kept like every file that leaves the inbox) and recorded as
refused, unchecked. Names are recorded as their display text (names.py), with the file
system's bytes beside it when the two differ. One run at a time holds the ingest lock.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from themeday_office.ingest.check import Checker, CheckResult, Reader, check_bytes, read_error_message
from themeday_office.ingest.desks import ANOTHER_DESK, DeskClaims
from themeday_office.ingest.environment import CheckEnvironment
from themeday_office.ingest.inbox_entry import (
    STILL_WRITING,
    Changing,
    InboxFile,
    Refused,
    Stamp,
    stamp_of,
    why_unreadable,
)
from themeday_office.ingest.lock import OTHER_RUN, IngestLock
from themeday_office.ingest.names import names_for, shown
from themeday_office.ingest.recorded import checked_file, first_error, stored_message
from themeday_office.ledger import (
    CheckedFile,
    Ledger,
    State,
    StoredMessage,
    Submission,
    sha256_of,
)
from themeday_office.readers import FileFormat, ReadError, sniff, unpack_archive

CRASH_POINTS = ("after_archive", "after_commit", "after_unlink")
# Checked files committed in one transaction by ingest_many: one wait for the disk per batch.
BATCH = 8
# ingest_many holds each file's bytes from its read to its commit; big files make smaller batches.
PENDING_BYTES = 64 * 1024 * 1024
_PARSER_DEATHS = {"parser_crashed", "parser_timeout"}

# What a clerk's console shows per file.
ACCEPTED, WAITING, REJECTED, REPEAT, QUARANTINED, LATER = "已通过", "待处理", "已退回", "重复", "已隔离", "稍后重试"
SKIPPED = "不处理"  # a link or a special file: left in the inbox, never read
CHANGED_BEFORE_COMMIT = "文件在审核期间有改动，稍后重新处理"
CHANGED_BEFORE_REMOVAL = "登记后文件又有改动，已留在收件箱，改动后的文件另行处理"
_MB = 1024 * 1024
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
    word: str  # 已通过 / 待处理 / 已退回 / 重复 / 已隔离 / 稍后重试 / 不处理
    submission: Submission | None = None
    members: list[Submission] = field(default_factory=list)
    superseded: int = 0
    detail: str = ""


@dataclass
class _Started:
    """A file between _start and _finish: its attempt counted, its check to run."""

    path: Path
    rel: str
    data: bytes
    sha: str
    tries: int
    env: CheckEnvironment
    stamp: Stamp  # at its read: the file must still be this at its commit and its removal
    archive: bool = False
    env_stamp: int = 0

    @property
    def name(self) -> str:
        """The file's name as the check and the clerk see it."""
        return shown(self.path.name)


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
        checker: Checker | None = None,
        max_file_mb: float | None = None,
        lock: IngestLock | None = None,
        claims: DeskClaims | None = None,
    ):
        self.inbox = Path(inbox).resolve()
        self.ledger = ledger
        self.env_factory = env_factory
        self.reader = reader
        self.auto_accept = auto_accept
        self.max_attempts = max_attempts
        self.actor = actor
        self._crash_at = crash_at or (lambda point: None)
        self._env_stamp = 0  # counts filings that change the environment (see ingest_many)
        self.max_file_mb = max_file_mb  # larger files are refused unread (None: no limit)
        self.lock = lock  # one ingest at a time per ledger (None: the caller sees to it)
        self.claims = claims  # a ledger desks share: a file is taken only under this desk's claim
        # Reads and checks one file (e.g. both in a parser process); by default check_bytes with `reader`.
        self.check = checker or (lambda data, name, env: check_bytes(data, name, env, self.reader))

    # ---- the protocol --------------------------------------------------------------------

    def exclusive(self, on_wait: Callable[[], None] | None = None) -> AbstractContextManager[None]:
        """Hold the ingest lock for a block, waiting (after `on_wait`) while another run has it."""
        return self.lock.held(on_wait) if self.lock is not None else nullcontext()

    def ingest(self, path: Path) -> IngestOutcome:
        """One file; left for later (LATER) while another run holds the ingest lock."""
        if self.lock is not None and not self.lock.try_acquire():
            return IngestOutcome(Path(path), LATER, detail=OTHER_RUN)
        try:
            step = self._start(Path(path))
            if isinstance(step, IngestOutcome):
                return step
            assert step is not None  # None only for a hash in `in_flight`, and none is given
            if step.archive:
                return self._ingest_archive(step)
            return self._finish(step, self.check(step.data, step.name, step.env))
        finally:
            self._give_back(Path(path))
            if self.lock is not None:
                self.lock.release()

    def ingest_many(self, paths: Iterable[Path], ahead: int = 2, batch: int = BATCH) -> Iterator[IngestOutcome]:
        """ingest() for each path, outcomes in order, with up to `ahead` files being checked (in
        threads that wait on the parser processes) while this thread archives and commits the
        ones before them, `batch` at a time in one transaction (one wait for the disk, one
        statement per table, instead of one each per file). The protocol per file
        is ingest()'s, in order: its attempt is counted before its check starts; archive, then
        commit, then unlink; a crash between two steps leaves what it leaves for one file.
        The ingest lock is held throughout (waited for first, when another run has it)."""
        with self.exclusive():
            for outcome in self._ingest_many(paths, ahead, batch):
                self._give_back(outcome.path)
                yield outcome

    def _ingest_many(self, paths: Iterable[Path], ahead: int, batch: int) -> Iterator[IngestOutcome]:
        if ahead < 1:
            yield from (self.ingest(path) for path in paths)
            return
        pending: deque[tuple[_Started, Future[CheckResult]]] = deque()

        def finish_oldest() -> list[IngestOutcome]:
            """The oldest `batch` files, as their checks end (the ones queued behind them are
            being checked meanwhile), committed together."""
            items: list[tuple[_Started, CheckResult]] = []
            while pending and len(items) < max(1, batch):
                step, future = pending.popleft()
                result = future.result()
                if step.env_stamp != self._env_stamp:
                    # An adjustment was filed after this file's check started: check it again, as ingest() would.
                    step.env = self.env_factory()
                    result = self.check(step.data, step.name, step.env)
                if result.read_error in _PARSER_DEATHS:  # retried on its own, after the ones before it
                    return [*self._commit(items), self._finish(step, result)]
                items.append((step, result))
                if result.kind == "adjustment":
                    break  # the files after it were checked without this filing: they wait for the next round
            return self._commit(items)

        done: list[IngestOutcome] = []

        def finish_all() -> None:  # before a file's own ledger writes (other than its attempt)
            while pending:
                done.extend(finish_oldest())

        with ThreadPoolExecutor(ahead, thread_name_prefix="themeday-ingest") as threads:
            for path in paths:
                step = self._start(Path(path), in_flight={s.sha for s, _ in pending}, settle=finish_all)
                if step is None:  # the same bytes are being checked: let that one finish first
                    finish_all()
                    step = self._start(Path(path))
                    assert step is not None  # nothing is in flight now
                if isinstance(step, IngestOutcome) or step.archive:
                    finish_all()
                    if not isinstance(step, IngestOutcome):
                        step.env = self.env_factory()  # with what the files before it filed
                yield from done
                done.clear()
                if isinstance(step, IngestOutcome) or step.archive:
                    yield step if isinstance(step, IngestOutcome) else self._ingest_archive(step)
                    continue
                step.env_stamp = self._env_stamp
                pending.append((step, threads.submit(self._check_ahead, step)))
                # Checked files wait for their commit while `ahead` more are being checked.
                while len(pending) >= ahead + max(1, batch) or (
                        len(pending) > 1 and sum(len(s.data) for s, _ in pending) > PENDING_BYTES):
                    yield from finish_oldest()
            while pending:
                yield from finish_oldest()

    def _check_ahead(self, step: _Started) -> CheckResult:
        """The check, then the archive write (with its fsyncs) off this thread: still before the
        commit, and _finish's own put() finds the file there. A crash in between leaves what a
        crash at after_archive leaves: an archived file without a row, written again next time."""
        result = self.check(step.data, step.name, step.env)
        if result.read_error not in _PARSER_DEATHS:
            self.ledger.archive.put(step.data, step.sha)
        return result

    def _start(self, path: Path, in_flight: Collection[str] = (),
               settle: Callable[[], None] = lambda: None) -> _Started | IngestOutcome | None:
        """Up to the check: read, hash, repeats and leftovers, the attempt counted. None when the
        file's hash is in `in_flight` (nothing done yet). `settle` runs before any ledger write
        but the attempt (ingest_many: the files before this one are finished first)."""
        too_big = int(self.max_file_mb * _MB) if self.max_file_mb is not None else None
        if self.claims is not None and not self.claims.take(self._claim_key(path)):
            return IngestOutcome(path, LATER, detail=ANOTHER_DESK)
        try:
            with InboxFile(path) as entry:
                stamp = entry.stamp
                if too_big is not None and entry.size > too_big:
                    # Never held whole: hashed while it is copied into the archive.
                    sha, size = self.ledger.archive.put_stream(entry.stream)
                    entry.check_unchanged(size)
                    data = None
                else:
                    data = entry.read_all()
        except Refused as why:
            return IngestOutcome(path, SKIPPED, detail=str(why))
        except Changing:
            return IngestOutcome(path, LATER, detail=STILL_WRITING)
        except FileNotFoundError:
            return IngestOutcome(path, LATER, detail="文件已不在")
        except OSError as error:  # locked by Excel (Windows), no permission, an I/O error: tried again later
            return IngestOutcome(path, LATER, detail=why_unreadable(error))
        assert stamp is not None
        rel = self._relative(path)
        if data is None:
            settle()
            return self._oversized(path, rel, sha, size, stamp)
        sha = sha256_of(data)
        if sha in in_flight:
            return None

        known = self.ledger.by_sha(sha)
        if known is not None:
            settle()
            return self._known(path, rel, known, stamp)

        tries = self.ledger.begin_attempt(sha)
        # Only a file that has been seen killing its parser is quarantined: an attempt is also
        # counted for files queued behind one when the whole program is stopped, which says
        # nothing about them (parsing runs in child processes, so they cannot have caused it).
        if tries > self.max_attempts and self.ledger.attempt(sha)[1]:
            settle()
            return self._quarantine(path, rel, data, sha, stamp, self.ledger.attempt(sha)[1])
        env = self.env_factory()
        try:
            fmt = sniff(data)
        except ReadError:
            fmt = FileFormat.UNKNOWN
        return _Started(path, rel, data, sha, tries, env, stamp, archive=fmt is FileFormat.ZIP_ARCHIVE)

    def _known(self, path: Path, rel: str, known: Submission, stamp: Stamp) -> IngestOutcome:
        """Bytes the ledger has: our own leftover (finish it) or a repeat (noted once per arrival)."""
        if not known.removed and self.ledger.inbox_fspath(known) == rel:
            # Our own file from a run that stopped after committing: finish the job.
            self._remove(path, known.id, stamp)
            return IngestOutcome(path, word_for(known.state), known, detail="续完上次中断的处理")
        self.ledger.note_repeat(known.id, f"{shown(rel)}（{shown(path.name)}）#{stamp.mtime_ns}", self.actor)
        self._remove(path, None, stamp)
        return IngestOutcome(path, REPEAT, known, detail=f"与编号 {known.id} 内容相同")

    def _oversized(self, path: Path, rel: str, sha: str, size: int, stamp: Stamp) -> IngestOutcome:
        """A file over the size limit, already streamed into the archive: recorded as refused, unchecked."""
        known = self.ledger.by_sha(sha)
        if known is not None:
            return self._known(path, rel, known, stamp)
        assert self.max_file_mb is not None
        refused = read_error_message(ReadError("too_large", size_mb=size / _MB, limit_mb=self.max_file_mb))
        checked = CheckedFile(sha256=sha, size=size, format="", messages=[stored_message(refused)],
                              **names_for(rel, path.name))
        self._crash_at("after_archive")
        sub = self.ledger.record(checked, auto_accept=False, actor=self.actor)
        self._crash_at("after_commit")
        left = self._remove(path, sub.id, stamp)
        return IngestOutcome(path, word_for(sub.state), sub, detail="，".join(x for x in (refused.text, left) if x))

    def _finish(self, step: _Started, result: CheckResult) -> IngestOutcome:
        path, rel, data, sha, tries = step.path, step.rel, step.data, step.sha, step.tries
        if result.read_error in _PARSER_DEATHS:
            self.ledger.note_attempt_error(sha, result.messages[0].text)
            if tries >= self.max_attempts:
                return self._quarantine(path, rel, data, sha, step.stamp, result.messages[0].text)
            return self.ingest(path)  # a fresh parser process; bounded by max_attempts

        return self._commit([(step, result)])[0]

    def _commit(self, items: list[tuple[_Started, CheckResult]]) -> list[IngestOutcome]:
        """The protocol's last steps for checked files, each step for all of them at once:
        archive (each fsynced), one commit, then each unlink, then one note that they are gone.
        A file that changed since it was read is not committed: its writer was not done."""
        changed = {id(step) for step, _ in items if stamp_of(step.path) not in (step.stamp, None)}
        recorded = iter(self._record([(step, result) for step, result in items if id(step) not in changed]))
        return [IngestOutcome(step.path, LATER, detail=CHANGED_BEFORE_COMMIT) if id(step) in changed
                else next(recorded) for step, _ in items]

    def _record(self, items: list[tuple[_Started, CheckResult]]) -> list[IngestOutcome]:
        if not items:
            return []
        for step, _ in items:
            self.ledger.archive.put(step.data, step.sha)
        self._crash_at("after_archive")
        recorded = self.ledger.record_many(
            [checked_file(result, step.sha, step.rel, step.path.name, len(step.data)) for step, result in items],
            auto_accept=self.auto_accept, actor=self.actor)
        self._crash_at("after_commit")
        gone, left = [], []
        for (step, result), (sub, _) in zip(items, recorded, strict=True):
            if result.kind == "adjustment":
                self._env_stamp += 1  # the files checked ahead did not know this filing
            left.append(self._unlink(step.path, step.stamp))
            if not left[-1]:
                gone.append(sub.id)
        self.ledger.mark_removed_many(gone)
        if self.claims is not None:  # the batch's files have left the inbox (or stay for later): all at once
            self.claims.give_back_many([self._claim_key(step.path) for step, _ in items])
        return [IngestOutcome(step.path, word_for(sub.state), sub, superseded=superseded,
                              detail="，".join(x for x in (first_error(result), why) if x))
                for (step, result), (sub, superseded), why in zip(items, recorded, left, strict=True)]

    def _ingest_archive(self, step: _Started) -> IngestOutcome:
        path, rel, data, sha, env = step.path, step.rel, step.data, step.sha, step.env
        try:
            members = unpack_archive(data, path.name, env.limits)
            if not members:  # nothing in it to check: it waits for the clerk, saying so
                raise ReadError("empty_archive")
        except ReadError as error:
            result = CheckResult(file=step.name, format="zip", messages=[read_error_message(error)])
            self.ledger.archive.put(data, sha)
            sub = self.ledger.record(checked_file(result, sha, rel, path.name, len(data)), auto_accept=False,
                                     actor=self.actor)
            left = self._remove(path, sub.id, step.stamp)
            return IngestOutcome(path, WAITING, sub, detail="，".join(x for x in (first_error(result), left) if x))
        new: list[CheckedFile] = []
        repeats: list[tuple[int, str]] = []
        seen: set[str] = set()
        for member in members:
            label = f"{rel}/{member.name}"
            member_sha = sha256_of(member.data) if member.data else sha256_of(label.encode())
            if (existing := self.ledger.by_sha(member_sha)) is not None:
                repeats.append((existing.id, f"{shown(label)}（压缩包 {step.name}）"))
                continue
            if member_sha in seen:
                continue  # the same file twice inside one archive
            seen.add(member_sha)
            if member.error is not None:
                result = CheckResult(file=member.name, messages=[read_error_message(member.error)])
            else:
                result = self.check(member.data, shown(member.name), env)
            if member.data:
                self.ledger.archive.put(member.data, member_sha)
            new.append(checked_file(result, member_sha, label, member.name, len(member.data)))
        self.ledger.archive.put(data, sha)
        self._crash_at("after_archive")
        container = CheckedFile(sha256=sha, size=len(data), format="zip", kind="archive", **names_for(rel, path.name))
        sub = self.ledger.record(container, auto_accept=self.auto_accept, actor=self.actor, state=State.UNPACKED,
                                 members=new, member_repeats=repeats)
        self._crash_at("after_commit")
        left = self._remove(path, sub.id, step.stamp)
        recorded = self.ledger.members(sub.id)
        # The package reads as its files do: 待处理 when one of them waits for the clerk.
        waiting = sum(word_for(m.state) == WAITING for m in recorded)
        contents = f"内含 {len(new)} 个新文件，{len(repeats)} 个重复{f'，其中 {waiting} 个待处理' if waiting else ''}"
        return IngestOutcome(path, WAITING if waiting else ACCEPTED, sub, members=recorded,
                             detail="，".join(x for x in (contents, left) if x))

    def _quarantine(self, path: Path, rel: str, data: bytes, sha: str, stamp: Stamp, why: str) -> IngestOutcome:
        text = (
            f"文件多次导致解析程序异常退出，已隔离，原文件已存档：{why}"
            if why
            else "文件多次导致解析程序异常退出，已隔离，原文件已存档"
        )
        checked = CheckedFile(sha256=sha, size=len(data), format="",
                              messages=[StoredMessage("错误", "file_unsafe", "", text)], **names_for(rel, path.name))
        self.ledger.archive.put(data, sha)
        sub = self.ledger.record(checked, auto_accept=False, actor=self.actor, state=State.QUARANTINED)
        self._remove(path, sub.id, stamp)
        return IngestOutcome(path, QUARANTINED, sub, detail=text)

    # ---- helpers -------------------------------------------------------------------------

    def _give_back(self, path: Path) -> None:
        if self.claims is not None:
            self.claims.give_back(self._claim_key(path))

    def _claim_key(self, path: Path) -> str:
        """The file's path in the inbox as text, the same on every desk; the file itself is not
        followed (it may be a link, refused later), and a name that is not UTF-8 keeps its bytes."""
        where = path.parent.resolve() / path.name
        try:
            rel = where.relative_to(self.inbox).as_posix()
        except ValueError:
            rel = str(where)
        return os.fsencode(rel).decode("utf-8", "backslashreplace")

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

    def _remove(self, path: Path, sid: int | None, stamp: Stamp) -> str:
        """_unlink, then the note that `sid`'s file is gone; why it stays ("" when it is gone)."""
        left = self._unlink(path, stamp)
        if not left and sid is not None:
            self.ledger.mark_removed(sid)
        return left

    def _unlink(self, path: Path, stamp: Stamp) -> str:
        """Remove an inbox file that is still what was read (`stamp`); else say why it stays:
        changed since (its new content is another file), or locked (Windows: the leftover rule
        finishes it on a later scan). A file ingested from outside the inbox is left where it is."""
        if self._in_inbox(path):
            if stamp_of(path) not in (stamp, None):
                return CHANGED_BEFORE_REMOVAL
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass
            except OSError as error:
                return f"{why_unreadable(error)}，稍后移出收件箱"
            self._crash_at("after_unlink")
        return ""

    def finish_leftovers(self) -> int:
        """Rows committed but never marked removed whose file is gone: mark them; and the archive's
        half-written copies of a killed run go (startup repair)."""
        self.ledger.archive.sweep_temporary()
        fixed = 0
        for sub in self.ledger.pending_removal():
            candidate = self.inbox / self.ledger.inbox_fspath(sub)
            if not candidate.exists():
                self.ledger.mark_removed(sub.id)
                fixed += 1
        return fixed
