"""Mutants through the reader and the check exactly as ingest and `themeday check` take a file, and
what became of each: a result, the file's own message, a crash or a hang.

The entry point is ``check_submission`` with ``check_isolated`` on an ``IsolatedReader``: format
sniffing, zip unpacking and LibreOffice in this process, parsing and checking in a parser process
under its memory limit and the parse timeout. A crash is any exception that reaches the caller; a
hang is a parse stopped by the timeout, or anything in this process running past it (a watchdog
interrupts that, so a Python loop cannot stall a run).
"""

from __future__ import annotations

import _thread
import contextlib
import threading
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from unittest import mock

from themeday_office.domain.roster import RosterHistory
from themeday_office.ingest.check import Checker, CheckResult, check_isolated, check_submission
from themeday_office.ingest.department import read_roster
from themeday_office.ingest.environment import CheckEnvironment
from themeday_office.readers import IsolatedReader, ReadLimits, read_bytes

from .seeds import CORPUS

# Far above any honest file (milliseconds); the parse timeout of every fuzz run.
PARSE_TIMEOUT_S = 10.0
ARRIVED = date(2017, 3, 12)


@dataclass(frozen=True)
class Verdict:
    kind: str  # "result" (checked), "message" (the file's own 错误 says why not), "crash", "hang"
    detail: str = ""
    seconds: float = 0.0

    @property
    def bad(self) -> bool:
        return self.kind in ("crash", "hang")


def environment(limits: ReadLimits) -> CheckEnvironment:
    """The corpus roster (in force from 2017-01-01), the bundled themes, a fixed arrival date."""
    content = read_bytes((CORPUS / "roster.xlsx").read_bytes(), "roster.xlsx")
    roster = read_roster(content, date(2017, 1, 1)).roster
    assert roster is not None, "the corpus roster reads"
    return CheckEnvironment(rosters=RosterHistory([roster]), arrived=ARRIVED, limits=limits)


@contextlib.contextmanager
def without_libreoffice() -> Iterator[None]:
    """As on a PC without LibreOffice: a .doc ends in its 'libreoffice_missing' message at once.
    LibreOffice runs in its own process under its own timeout; a fuzzed .doc would cost it
    seconds per input and test LibreOffice rather than the kit."""
    with mock.patch("themeday_office.readers.libreoffice.find_soffice", return_value=None), \
            mock.patch("themeday_office.readers.reading.find_soffice", return_value=None), \
            mock.patch("themeday_office.readers.isolation.find_soffice", return_value=None):
        yield


class Fuzzer:
    """Checks inputs one at a time per calling thread; ``reader.workers`` threads keep it busy."""

    def __init__(self, reader: IsolatedReader, env: CheckEnvironment) -> None:
        self.reader = reader
        self.env = env
        self._checker: Checker = partial(check_isolated, reader)
        self._limit = env.limits.parse_timeout_s

    def verdict(self, data: bytes, name: str) -> Verdict:
        started = time.monotonic()
        try:
            with _watchdog(3 * self._limit) as fired:
                results = check_submission(data, name, self.env, checker=self._checker)
        except KeyboardInterrupt:
            if not fired:
                raise
            return Verdict("hang", f"still running after {3 * self._limit:g} s", time.monotonic() - started)
        except Exception:  # noqa: BLE001 - any exception out of the checker is the crash being looked for
            return Verdict("crash", traceback.format_exc(limit=-8), time.monotonic() - started)
        seconds = time.monotonic() - started
        return _sorted_out(results, seconds, self._limit)


def _sorted_out(results: list[CheckResult], seconds: float, limit: float) -> Verdict:
    if not results:
        return Verdict("crash", "no result at all", seconds)
    for result in results:
        if result.read_error == "parser_timeout":
            return Verdict("hang", f"{result.file}: {result.messages[0].text}", seconds)
        if result.kind is None and not result.messages:
            return Verdict("crash", f"{result.file}: neither a form nor a message", seconds)
        if any(not m.text for m in result.messages):
            return Verdict("crash", f"{result.file}: a message without text", seconds)
    if seconds > limit:
        return Verdict("hang", f"{seconds:.1f} s in this process", seconds)
    if any(r.read_error for r in results):
        return Verdict("message", ",".join(sorted({r.read_error for r in results if r.read_error})), seconds)
    return Verdict("result", ",".join(sorted({r.kind or "?" for r in results})), seconds)


class _Fired:
    def __init__(self) -> None:
        self.value = False

    def __bool__(self) -> bool:
        return self.value


@contextlib.contextmanager
def _watchdog(seconds: float) -> Iterator[_Fired]:
    """Interrupts the main thread (KeyboardInterrupt at its next bytecode) when the block runs
    past ``seconds``. Only the main thread can be interrupted; elsewhere it merely flags."""
    fired = _Fired()
    done = threading.Event()
    main = threading.current_thread() is threading.main_thread()

    def watch() -> None:
        if not done.wait(seconds):
            fired.value = True
            if main:
                _thread.interrupt_main()

    watcher = threading.Thread(target=watch, daemon=True, name="fuzz-watchdog")
    watcher.start()
    try:
        yield fired
    finally:
        done.set()
        # Waited for, so an interrupt sent as the block ended arrives here, inside the caller's try.
        watcher.join()
