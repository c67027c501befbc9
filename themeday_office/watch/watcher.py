"""InboxWatcher: files dropped into the inbox -> one ingest call per finished file.

One processing thread owns all state. The observer only puts hints on a queue;
the thread stats files itself, rescans the inbox periodically (the truth that hints
only point at), checks that the observer is alive and still hears the folder, and
calls `handle` for one finished file at a time. Links and special files are never handed
on: each is reported once while it stays, by its display name (names are escaped).
"""

from __future__ import annotations

import logging
import os
import queue
import stat
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from themeday_office.ingest.inbox_entry import refusal
from themeday_office.ingest.names import shown
from themeday_office.watch.canary import Canary
from themeday_office.watch.events import (
    EntrySkipped,
    FileDeferred,
    FileDone,
    IgnoredCountChanged,
    ObserverRestarted,
    OutageEnded,
    OutageStarted,
    WatchEvent,
    WatchStatus,
)
from themeday_office.watch.failures import FailingFiles
from themeday_office.watch.ignore import is_ignored, is_placeholder
from themeday_office.watch.lock import InboxLock, inbox_key
from themeday_office.watch.log import close_watch_log, open_watch_log
from themeday_office.watch.observer import POLL_INTERVAL_S, Hint, HintKind, InboxObserver
from themeday_office.watch.outcome import WatchOutcome
from themeday_office.watch.pending import OPEN_WRITER_MAX_S, PendingFiles, Readiness, close_settle_for
from themeday_office.watch.scan import Signature, can_open, describe_os_error, entry_stat, scan_inbox, signature
from themeday_office.watch.skipped import SkippedEntries

# SMB and FAT keep mtimes to 2 seconds: a shorter settle could miss a write in between.
POLLING_MIN_SETTLE_S = 2.0
PROBE_S = 2.0  # how often the inbox and the observer threads are checked
OUTAGE_PROBE_S = 1.0  # how often an unreachable inbox is tried again
MAX_WAIT_S = 0.5  # the loop never sleeps longer, so stop() and hints are never stuck behind it
CANARY_TIMEOUT_S = 5.0

Handler = Callable[[Path], WatchOutcome]
Listener = Callable[[WatchEvent], None]
Clock = Callable[[], float]


class InboxWatcher:
    """Watch `inbox` and call `handle(path)` once for each finished file.

    `handle` is ingest: it is expected to remove the file from the inbox. A file still
    there afterwards, unchanged, is retried later with a growing delay. `clock` is the
    monotonic clock every timing decision reads (settling, retries, probes, rescans): a
    test moves it by hand instead of waiting.
    """

    def __init__(
        self,
        inbox: Path,
        state_dir: Path,
        handle: Handler,
        *,
        settle_s: float = 1.0,
        polling: bool = False,
        rescan_s: float = 60.0,
        on_event: Listener | None = None,
        clock: Clock = time.monotonic,
    ) -> None:
        if settle_s < 0 or rescan_s <= 0:
            raise ValueError("settle_s must be >= 0 and rescan_s > 0")
        self.inbox = Path(os.path.abspath(inbox))
        self.state_dir = Path(os.path.abspath(state_dir))
        self.polling = polling
        self.settle_s = max(settle_s, POLLING_MIN_SETTLE_S) if polling else settle_s
        self.rescan_s = rescan_s
        self._handle = handle
        self._clock = clock
        self._listeners: list[Listener] = [on_event] if on_event else []
        self._probe_s = min(PROBE_S, rescan_s)

        self._hints: queue.Queue[object] = queue.Queue()
        self._observer = InboxObserver(self.inbox, self._hints, polling=polling, clock=clock)
        self._pending = PendingFiles(self.settle_s, close_settle_for(self.settle_s),
                                     OPEN_WRITER_MAX_S if self._observer.reports_closes else 0.0)
        self._failures = FailingFiles()
        self._skipped = SkippedEntries()
        self._canary = Canary(self.inbox, CANARY_TIMEOUT_S + (3 * POLL_INTERVAL_S if polling else 0))
        self._canary_enabled = True
        self._lock = InboxLock(self.inbox, self.state_dir)
        self._log: logging.Logger | None = None
        self._stopping = threading.Event()
        self._watching = threading.Event()  # the observer is up (or the outage is being waited out)
        self._thread: threading.Thread | None = None

        self._ignored: int | None = None
        self._handled = 0
        self._restarts = 0
        self._scans = 0
        self._outage_since: float | None = None
        self._outage_wall: datetime | None = None
        self._last_hint_at = 0.0
        self._next_probe = 0.0
        self._next_scan = 0.0

    # -- public surface -------------------------------------------------------------

    def add_listener(self, listener: Listener) -> None:
        """Also call `listener` for every WatchEvent (on the watcher's thread). Add before start()."""
        self._listeners.append(listener)

    def start(self) -> None:
        """Take the inbox lock (WatcherBusy if another watcher has it) and start watching."""
        if self._thread is not None:
            raise RuntimeError("InboxWatcher.start() called twice")
        self._lock.acquire()
        try:
            self._log = open_watch_log(self.state_dir, inbox_key(self.inbox))
        except BaseException:
            self._lock.release()
            raise
        self._thread = threading.Thread(target=self._run, name="themeday-watch", daemon=True)
        self._thread.start()
        # Once start() returns, a file dropped is seen by the observer, not only by a later scan.
        self._watching.wait()

    def stop(self, timeout: float | None = None) -> bool:
        """Stop: an ingest call in progress finishes, no new one starts. True once fully stopped."""
        self._stopping.set()
        self._hints.put(None)  # wake the loop
        thread = self._thread
        if thread is None:
            return True
        if thread is not threading.current_thread():
            thread.join(timeout)
        return not thread.is_alive()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the watcher has stopped (or `timeout` passes); True if it has."""
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive() and not self._stopping.is_set()

    @property
    def ignored_count(self) -> int:
        """Files in the inbox being ignored (lock, temporary, hidden, empty), as of the last scan."""
        return self._ignored or 0

    def status(self) -> WatchStatus:
        return WatchStatus(
            running=self.running,
            polling=self.polling,
            pending=len(self._pending),
            ignored=self.ignored_count,
            handled=self._handled,
            restarts=self._restarts,
            scans=self._scans,
            outage_since=self._outage_wall,
            failing=len(self._failures),
        )

    def request_rescan(self) -> None:
        """Rescan the inbox at the next chance (e.g. a clerk's refresh)."""
        self._next_scan = 0.0
        self._hints.put(None)

    def __enter__(self) -> InboxWatcher:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- the processing thread ------------------------------------------------------

    def _run(self) -> None:
        mode = "轮询" if self.polling else "系统事件"
        try:
            self._info(
                f"开始监视收件箱 {self.inbox}（{mode}模式；文件 {self.settle_s:g} 秒不变后处理；"
                f"每 {self.rescan_s:g} 秒全面扫描）"
            )
            self._canary.clear()  # a marker left by a killed predecessor
            now = self._clock()
            try:
                self._observer.start()
            except OSError as exc:
                self._begin_outage(now, exc)
            finally:
                self._watching.set()
            if self._outage_since is None:
                self._rescan(now, baseline=True)
            while not self._stopping.is_set():
                try:
                    self._step()
                except Exception as exc:  # noqa: BLE001 - the watcher must outlive its own bugs
                    self._error("监视程序内部错误，1 秒后继续", exc)
                    self._stopping.wait(1.0)
        finally:
            self._watching.set()
            self._observer.stop()
            self._canary.clear()
            self._info(f"停止监视收件箱 {self.inbox}")
            if self._log is not None:
                close_watch_log(self._log)
            self._lock.release()

    def _step(self) -> None:
        now = self._clock()
        self._drain_hints(max(0.0, min(self._next_wakeup(now) - now, MAX_WAIT_S)))
        if self._stopping.is_set():
            return
        now = self._clock()
        if now >= self._next_probe:
            self._probe(now)
        if self._outage_since is not None:
            return
        if now >= self._next_scan:
            self._rescan(now)
        self._check_canary(now)
        self._settle_one()

    def _next_wakeup(self, now: float) -> float:
        if self._outage_since is not None:
            return self._next_probe
        times = [self._next_probe, self._next_scan]
        due = self._pending.next_due()
        if due is not None:
            times.append(due)
        if self._canary.sent_at is not None:
            times.append(self._canary.sent_at + self._canary.timeout_s)
        elif self._canary_enabled and self._observer.running:
            times.append(self._quiet_since() + self.rescan_s)
        return min(times)

    def _drain_hints(self, timeout: float) -> None:
        try:
            item = self._hints.get(timeout=timeout) if timeout > 0 else self._hints.get_nowait()
        except queue.Empty:
            return
        while True:
            if isinstance(item, Hint):
                self._apply_hint(item)
            try:
                item = self._hints.get_nowait()
            except queue.Empty:
                return

    def _apply_hint(self, hint: Hint) -> None:
        self._last_hint_at = max(self._last_hint_at, hint.at)
        now = self._clock()
        if hint.kind is HintKind.INBOX_GONE:
            self._next_probe = 0.0
            return
        if hint.path == self._canary.path:
            if hint.kind is not HintKind.GONE:
                self._canary.seen(hint.at)
            return
        if hint.kind is HintKind.GONE:
            self._pending.recheck(hint.path, now)
            return
        if not hint.path.is_relative_to(self.inbox) or is_ignored(hint.path, inbox=self.inbox):
            return
        self._pending.note(hint.path, now, closed=hint.kind is HintKind.CLOSED, written=hint.kind is HintKind.WRITTEN)

    # -- health ---------------------------------------------------------------------

    def _probe(self, now: float) -> None:
        try:
            st = os.stat(self.inbox)
            if not stat.S_ISDIR(st.st_mode):
                raise NotADirectoryError(self.inbox)
        except OSError as exc:
            self._next_probe = now + OUTAGE_PROBE_S
            if self._outage_since is None:
                self._begin_outage(now, exc)
            return
        self._next_probe = now + self._probe_s
        if self._outage_since is not None:
            self._end_outage(now)
            return
        fault = self._observer.fault(st)
        if fault is not None:
            self._restart_observer(now, fault)

    def _begin_outage(self, now: float, exc: OSError) -> None:
        reason = describe_os_error(exc)
        self._outage_since = now
        self._outage_wall = datetime.now()
        self._next_probe = now + OUTAGE_PROBE_S
        self._observer.stop()
        self._canary.sent_at = None  # its event can no longer come; removed when the inbox is back
        self._warning(f"收件箱 {self.inbox} 无法访问（{reason}），中断开始；每 {OUTAGE_PROBE_S:g} 秒重试")
        self._emit(OutageStarted(at=self._outage_wall, reason=reason))

    def _end_outage(self, now: float) -> None:
        assert self._outage_since is not None
        try:
            self._observer.start()
        except OSError:
            self._next_probe = now + OUTAGE_PROBE_S  # visible again but not yet watchable
            return
        seconds = now - self._outage_since
        self._outage_since = None
        self._outage_wall = None
        self._restarts += 1
        self._canary.clear()
        self._warning(f"收件箱 {self.inbox} 已恢复，中断持续 {seconds:.1f} 秒；已重新开始监视")
        self._emit(OutageEnded(at=datetime.now(), seconds=seconds))
        self._rescan(now, baseline=True)

    def _restart_observer(self, now: float, reason: str) -> None:
        self._canary.clear()
        try:
            self._observer.start()
        except OSError as exc:
            self._begin_outage(now, exc)
            return
        self._restarts += 1
        self._warning(f"监视已重启：{reason}")
        self._emit(ObserverRestarted(at=datetime.now(), reason=reason))
        self._rescan(now, baseline=True)

    def _quiet_since(self) -> float:
        return max(self._last_hint_at, self._observer.started_at)

    def _check_canary(self, now: float) -> None:
        if self._canary.overdue(now):
            self._restart_observer(now, f"监视在 {self._canary.timeout_s:g} 秒内未报告探测文件，可能已停滞")
        elif self._canary_enabled and not self._canary.waiting and now - self._quiet_since() >= self.rescan_s:
            self._send_canary(now)

    def _send_canary(self, now: float) -> None:
        if not self._canary_enabled or self._canary.waiting or not self._observer.running:
            return
        try:
            self._canary.send(now)
        except OSError as exc:
            self._canary_enabled = False
            self._warning(f"无法在收件箱写入探测文件（{describe_os_error(exc)}），监视停滞只能靠定期扫描发现")

    # -- scanning and settling ------------------------------------------------------

    def _rescan(self, now: float, *, baseline: bool = False) -> None:
        """List the inbox; `baseline` scans follow an observer start, when nothing could have been reported."""
        self._next_scan = now + self.rescan_s
        try:
            scan = scan_inbox(self.inbox)
        except OSError as exc:
            if self._outage_since is None:
                self._begin_outage(now, exc)
            return
        self._scans += 1
        # Hints that arrived while listing come first, so a file just reported is not
        # counted as one the observer missed.
        self._drain_hints(0)
        new = sum(self._pending.found(path, signature, now) for path, signature in scan.files.items())
        self._skipped.keep_only(scan.skipped)
        for path, why in scan.skipped.items():
            self._skip(path, why)
        if scan.ignored != self._ignored:
            self._ignored = scan.ignored
            self._emit(IgnoredCountChanged(at=datetime.now(), count=scan.ignored))
        if new and baseline:
            self._info(f"收件箱中已有 {new} 个文件，稳定后处理")
        elif new:
            # Usually the observer has reported them and the event is still on its way; the
            # canary tells a slow observer from a deaf one.
            self._info(f"定期扫描发现 {new} 个监视未报告的文件，稳定后处理")
            self._send_canary(now)

    def _settle_one(self) -> None:
        """Look at the files that are due; hand the first finished one to ingest."""
        for path in self._pending.due(self._clock()):
            if self._stopping.is_set():
                return
            now = self._clock()
            st = entry_stat(path)
            if st is not None and stat.S_ISDIR(st.st_mode):
                st = None  # a folder's hint: its files are listed by the scan
            elif st is not None and (why := refusal(st)):
                self._pending.forget(path)
                self._not_failing(path)
                self._skip(path, why)
                continue
            if st is not None and is_ignored(path, st=st):  # hidden by attribute (Windows)
                self._pending.forget(path)
                self._not_failing(path)
                continue
            seen = Signature.of(st) if st is not None else None
            readiness = self._pending.observe(path, seen, now, placeholder=st is not None and is_placeholder(path, st))
            if readiness in (Readiness.GONE, Readiness.EMPTY):
                self._not_failing(path)
            if readiness is not Readiness.READY:
                continue
            if not can_open(path):
                self._pending.blocked(path, now)
                continue
            assert seen is not None
            self._handle_one(path, seen)
            return

    def _skip(self, path: Path, why: str) -> None:
        """A link or a special file: left alone, reported once while it stays."""
        if not self._skipped.first_time(path, why):
            return
        name = shown(path.relative_to(self.inbox).as_posix())
        self._info(f"提示：{name} {why}，已留在收件箱中")
        self._emit(EntrySkipped(at=datetime.now(), path=path, name=name, reason=why))

    def _handle_one(self, path: Path, before: Signature) -> None:
        name = shown(path.relative_to(self.inbox).as_posix())
        outcome: WatchOutcome | None = None
        error: Exception | None = None
        try:
            outcome = self._handle(path)
            if not isinstance(outcome, WatchOutcome):
                raise TypeError(f"ingest returned {outcome!r}, not a WatchOutcome")
        except Exception as exc:  # noqa: BLE001 - ingest's bug must not stop the watcher
            outcome, error = None, exc
        self._handled += 1
        now = self._clock()
        if outcome is not None and not outcome.deferred:
            detail = f"（{outcome.detail}）" if outcome.detail else ""
            self._info(f"{name} → {outcome.verdict}{detail}")
            self._emit(FileDone(at=datetime.now(), path=path, name=name, outcome=outcome))
        after = signature(path)
        delay: float | None = None
        if after is None:
            self._pending.forget(path)
        elif after != before:
            # Rewritten while ingest read it: a new version, settled from scratch.
            self._pending.forget(path)
            self._pending.note(path, now)
        else:
            delay = self._pending.defer(path, after, now)
        if error is not None:
            self._failed(path, name, error, delay, gone=after is None)
            return
        self._not_failing(path)
        if delay is not None:
            assert outcome is not None
            reason = (outcome.detail or "暂不能处理") if outcome.deferred else "处理后文件仍在收件箱"
            self._info(f"{name} {reason}，{delay:g} 秒后重试")
            self._emit(FileDeferred(at=datetime.now(), path=path, name=name, reason=reason, retry_in=delay))

    def _failed(self, path: Path, name: str, exc: Exception, delay: float | None, *, gone: bool) -> None:
        """Ingest raised on `path`: an error in the log (the traceback once per error), events for the UI."""
        failure, new_error = self._failures.failed(path, name, exc)
        if gone:
            self._failures.clear(path)  # failed, but no longer in the inbox: nothing is stuck
        self._error(failure.log_line(new_error=new_error, retry_in=delay), exc if new_error else None)
        if delay is not None:
            self._emit(FileDeferred(at=datetime.now(), path=path, name=name, reason=failure.reason, retry_in=delay))
        self._emit(self._failures.changed(datetime.now()))

    def _not_failing(self, path: Path) -> None:
        """The file's last attempt did not raise, or it is no longer watched: tell the UI if it was failing."""
        if self._failures.clear(path):
            self._emit(self._failures.changed(datetime.now()))

    # -- output -----------------------------------------------------------------------

    def _emit(self, event: WatchEvent) -> None:
        for listener in self._listeners:
            try:
                listener(event)
            except Exception as exc:  # noqa: BLE001 - a UI bug must not stop the watcher
                self._error("界面回调出错", exc)

    def _info(self, message: str) -> None:
        if self._log is not None:
            self._log.info(message)

    def _warning(self, message: str) -> None:
        if self._log is not None:
            self._log.warning(message)

    def _error(self, message: str, exc: BaseException | None = None) -> None:
        """An error line, with `exc`'s traceback when given."""
        if self._log is not None:
            self._log.error(message, exc_info=exc)
