"""Parse untrusted files in child processes, so a parser that aborts or runs away costs one file.

A crafted file can make a native parser abort the process (calamine aborts when a sheet's range
needs more memory than it can get) or run without end; no ``try`` catches that. Each worker is a
long-lived child process (the start-up cost is paid once, not per file) with an address-space
limit on POSIX. A dead or stuck child is replaced, and only the file it was reading gets
ReadError('parser_crashed' / 'parser_timeout'). How a worker starts (a forkserver on Linux,
'spawn' elsewhere): process_start.py.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import queue
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from themeday_office.collector import collect_cycles_rarely
from themeday_office.readers.errors import ReadError, check_failed
from themeday_office.readers.libreoffice import convert, find_soffice
from themeday_office.readers.limits import ReadLimits
from themeday_office.readers.model import Document, FileFormat, Workbook
from themeday_office.readers.process_start import (
    PARSER_MODULES,
    fork_is_safe_here,
    ignore_interrupts,
    import_all,
    interrupts_held,
    limit_memory,
    parser_context,
    quiet_stdio,
    start_resource_tracker,
)
from themeday_office.readers.reading import _BIFF, parse, prepare, read_prepared

if TYPE_CHECKING:  # the POSIX ones do not exist on Windows
    from multiprocessing.context import ForkContext, ForkServerContext, SpawnContext

    ParserContext = SpawnContext | ForkServerContext | ForkContext

# Check contexts (roster, calendar...) a worker keeps at once: a workspace has one; a benchmark of
# many districts, or a roster import beside an ingest, a few.
CONTEXTS_KEPT = 8
# A fresh child imports calamine, lxml and python-docx before it answers; generous on a busy CI.
_STARTUP_TIMEOUT_S = 60.0


def default_workers() -> int:
    """Two workers per core, at most four: each waits on the caller between files, so a second
    one keeps the core busy (see bench/read.py); four stay far below a clerk's PC's memory."""
    return max(1, min(4, 2 * (os.cpu_count() or 1)))


class MissingContext(Exception):
    """Raised by a ``then`` step in the child when its context lacks something (e.g. a year's
    themes); the caller adds it to the context (which changes its key) and asks again."""

    def __init__(self, what: Any) -> None:
        super().__init__(what)
        self.what = what


Then = Callable[[Any, str, Any, Any], Any]


class IsolatedReader:
    """Reads files like ``read_bytes`` but parses them in a pool of child processes.

    Thread-safe: up to ``workers`` calls parse at once. Workers start when first needed, so a
    one-file command starts one; warm_up() starts one ahead. ``preload``: modules a worker imports
    before it answers (those of the ``then`` steps it will run), so the first file does not wait
    for them. Use as a context manager, or call close().
    """

    def __init__(self, limits: ReadLimits = ReadLimits(), workers: int | None = None,
                 preload: Iterable[str] = ()) -> None:
        workers = default_workers() if workers is None else workers
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self._limits = limits
        self._preload = tuple(dict.fromkeys((*PARSER_MODULES, *preload)))
        self._context = parser_context(self._preload)
        # Most recently used first: fewer calls than workers keep going to the warm one (its caches,
        # its check context), and the others stay idle instead of taking turns.
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._size = workers
        self._started = 0
        self._lock = threading.Lock()
        self._all: set[_Worker] = set()  # every live worker, idle or busy: close() ends them all
        self._starting: list[threading.Thread] = []  # warm_up()'s, which close() waits for

    @property
    def workers(self) -> int:
        """How many files it parses at once (0 once closed)."""
        return self._size

    def __enter__(self) -> IsolatedReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read_bytes(self, data: bytes, name: str = "") -> Workbook | Document:
        """One submission's bytes -> Workbook or Document; ReadError when it cannot be read."""
        return read_prepared(data, name, self._limits, self._parse_in_child)

    def read_then(self, data: bytes, name: str, then: Then, key: Any, context: Any, extra: Any = None) -> Any:
        """Read like ``read_bytes``, then run ``then(content, name, context, extra)`` in the child and
        return its (small) result instead of the content. ``then`` is a module-level function.
        ``context`` is sent to a worker only when ``key`` differs from the one it last got (keep
        ``key`` made of values, or of ids of objects that ``context`` holds); ``extra`` goes with
        every call. ReadError as in ``read_bytes``; MissingContext when ``then`` raised it."""
        body, fmt, origin = prepare(data, name, self._limits)
        step = (then, name, key, context, extra, origin.value)
        try:
            return self._parse_in_child(body, fmt, self._limits, step)
        except ReadError as error:
            if error.code != "corrupt" or fmt not in _BIFF or find_soffice() is None:
                raise
            body = convert(body, origin, "xlsx", self._limits.conversion_timeout_s)
            return self._parse_in_child(body, FileFormat.XLSX, self._limits, step)

    def read_path(self, path: str | Path) -> Workbook | Document:
        path = Path(path)
        return self.read_bytes(path.read_bytes(), path.name)

    def read_many(self, paths: Iterable[str | Path]) -> Iterator[tuple[Path, Workbook | Document | ReadError]]:
        """Read many files with every worker busy; (path, result or ReadError) in input order."""
        files = [Path(path) for path in paths]
        with ThreadPoolExecutor(max(1, self._size), thread_name_prefix="themeday-read") as threads:
            yield from zip(files, threads.map(self._read_or_error, files), strict=False)

    def _read_or_error(self, path: Path) -> Workbook | Document | ReadError:
        try:
            return self.read_path(path)
        except ReadError as error:
            return error

    def close(self, timeout: float | None = None) -> None:
        """Stop every worker. Calls in progress may hand theirs back for `timeout` seconds (None:
        as long as they take); a worker still busy then is killed and its call fails."""
        with self._lock:
            self._size = 0
            starting, self._starting = self._starting, []
        deadline = None if timeout is None else time.monotonic() + timeout
        for thread in starting:  # its worker is then handed back, or stopped if not yet counted
            thread.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
        while True:
            with self._lock:
                if not self._all:
                    return
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                break
            try:
                worker = self._idle.get(timeout=left)
            except queue.Empty:
                break
            self._retire(worker)
        with self._lock:
            busy, self._all = list(self._all), set()
        for worker in busy:
            worker.kill()

    def _retire(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.stop()

    def warm_up(self) -> None:
        """Start a worker now, in the background, and let it get ready while the caller does its
        own preparing (a one-file command loads its workspace meanwhile). Does nothing when every
        worker has started; a failed start is left for the first file to meet again."""
        def start() -> None:
            try:
                worker = self._start_worker()
            except Exception:  # noqa: BLE001 - uncounted already; the first file starts one and says why
                return
            try:
                worker.wait_ready()
            except _WorkerLost:  # died starting: uncounted, so the first file starts one and meets why
                self._retire(worker)
                with self._lock:
                    self._started -= 1
                return
            self._hand_back(worker)

        thread = threading.Thread(target=start, name="themeday-reader-start", daemon=True)
        with self._lock:  # counted, known to close() and running at once, or not at all
            if self._size == 0 or self._started >= self._size:
                return
            self._started += 1
            self._starting.append(thread)
            thread.start()

    def start_here(self) -> None:
        """Start every worker now as a fork of this process, where that is safe (process_start.
        fork_is_safe_here): for a command that has imported what its workers run and has no
        threads, connections or open files yet, so its workers are ready at once, with nothing
        imported twice. A worker started later (one replacing a crashed worker) starts the usual
        way. Where a fork is not safe, warm_up()."""
        if not fork_is_safe_here():
            self.warm_up()
            return
        fork = multiprocessing.get_context("fork")
        while True:
            with self._lock:
                if self._size == 0 or self._started >= self._size:
                    return
                self._started += 1
            try:
                worker = self._start_worker(fork)
            except Exception:  # noqa: BLE001 - uncounted already; the first file starts one and says why
                return
            self._idle.put(worker)

    def _take(self) -> _Worker:
        while True:
            try:
                return self._idle.get_nowait()
            except queue.Empty:
                pass
            with self._lock:
                if self._size == 0:
                    raise RuntimeError("IsolatedReader is closed")
                start = self._started < self._size
                if start:
                    self._started += 1
            if start:
                return self._start_worker()
            try:
                # Another call's worker, or one warming up; looked at again now and then, since a
                # start that failed meanwhile leaves room to start one here.
                return self._idle.get(timeout=0.5)
            except queue.Empty:
                continue

    def _start_worker(self, context: ParserContext | None = None) -> _Worker:
        """Start a worker already counted in `_started`; uncounted again if it cannot start (no
        processes left, a broken interpreter, the reader closed meanwhile), so nothing waits for it."""
        try:
            worker = _Worker(context or self._context, self._limits, self._preload)
        except BaseException:
            with self._lock:
                self._started -= 1
            raise
        with self._lock:
            closed = self._size == 0
            if not closed:
                self._all.add(worker)
        if closed:
            worker.stop()
            raise RuntimeError("IsolatedReader is closed")
        return worker

    def _parse_in_child(self, data: bytes, fmt: FileFormat, limits: ReadLimits, step: tuple | None = None) -> Any:
        worker = self._take()
        try:
            return worker.parse(data, fmt, limits.parse_timeout_s, step)
        except _WorkerLost as lost:
            self._retire(worker)
            replacement = self._replace_lost()
            if replacement is not None:
                worker = replacement
            raise lost.error from None
        finally:
            self._hand_back(worker)

    def _replace_lost(self) -> _Worker | None:
        """A new worker in place of a lost one; None once the reader is closed."""
        with self._lock:
            if self._size == 0:
                self._started -= 1
                return None
        return self._start_worker()

    def _hand_back(self, worker: _Worker) -> None:
        with self._lock:
            known = worker in self._all  # not when close() gave up on it and killed it
        if known:
            self._idle.put(worker)


class _WorkerLost(Exception):
    def __init__(self, error: ReadError) -> None:
        super().__init__(error.code)
        self.error = error


class _Worker:
    def __init__(self, context: ParserContext, limits: ReadLimits, preload: tuple[str, ...] = ()) -> None:
        if context.get_start_method() != "fork":  # a plain fork needs no tracker
            start_resource_tracker()
        self._conn, child_end = context.Pipe()
        self._process = context.Process(
            target=serve, args=(child_end, limits, preload), name="themeday-reader", daemon=True
        )
        with interrupts_held():
            self._process.start()
        child_end.close()
        self._ready = False
        # key -> context for the contexts this worker holds, in the child's order (least recently
        # used first). Kept here too: the ids in a key stay unique while their objects live.
        self._contexts: OrderedDict[Any, Any] = OrderedDict()

    def wait_ready(self) -> None:
        """Wait for the child's first answer: it has imported what it runs. _WorkerLost if it died."""
        if not self._ready:
            self._receive(_STARTUP_TIMEOUT_S)
            self._ready = True

    def parse(self, data: bytes, fmt: FileFormat, timeout_s: float, step: tuple | None = None) -> Any:
        self.wait_ready()
        request: tuple = (data, fmt.value)
        if step is not None:
            then, name, key, context, extra, origin = step
            fresh = key not in self._contexts
            request = (data, fmt.value, then, name, key, context if fresh else None, extra, origin)
        try:
            self._conn.send(request)
        except OSError:
            raise _WorkerLost(ReadError("parser_crashed")) from None
        if step is not None:
            _remember(self._contexts, key, context if fresh else None)
        status, payload = self._receive(timeout_s)
        if status == "ok":
            return payload
        if status == "need":
            raise MissingContext(payload)
        raise payload  # a ReadError, also for a check that failed on this file (check_failed)

    def stop(self) -> None:
        try:
            self._conn.send(None)
        except OSError:
            pass
        self._process.join(2)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._conn.close()

    def kill(self) -> None:
        """End the child at once (a call in progress fails as a crashed parser)."""
        self._process.kill()
        self._process.join(2)

    def _receive(self, timeout_s: float) -> Any:
        if not self._conn.poll(timeout_s):
            self._process.kill()  # stuck: stop() cannot ask it politely
            raise _WorkerLost(ReadError("parser_timeout", seconds=timeout_s))
        try:
            return self._conn.recv()
        except (EOFError, OSError):
            raise _WorkerLost(ReadError("parser_crashed")) from None


def serve(conn: Connection, limits: ReadLimits, preload: tuple[str, ...] = ()) -> None:
    """A worker's loop: (bytes, format) in, ('ok', result) or ('error', ReadError) out."""
    quiet_stdio()
    ignore_interrupts()
    import_all(preload)
    limit_memory(limits.child_memory_mb)
    collect_cycles_rarely()  # the kept contexts (rosters) are not re-walked for every file
    conn.send(("ready", None))
    contexts: OrderedDict[Any, Any] = OrderedDict()
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        if request is None:
            return
        data, fmt = request[:2]
        known = True
        if len(request) > 2:
            # Kept before parsing, so a file that fails to parse leaves both ends agreeing.
            key, context = request[4], request[5]
            known = context is not None or key in contexts
            if known:
                _remember(contexts, key, context)
        try:
            content = parse(data, FileFormat(fmt), limits)
            reply: tuple[str, Any] = ("ok", content)
        except ReadError as error:
            reply = ("error", error)
        except MemoryError:
            reply = ("error", ReadError("parser_crashed"))
        except Exception as error:  # noqa: BLE001 - parse() turns a file's failures into ReadError; a bug may not
            reply = ("error", ReadError("corrupt", detail=f"{type(error).__name__}: {error}"[:200]))
        if len(request) > 2 and reply[0] == "ok":
            if known:
                reply = _then(content, request, contexts[request[4]])
            else:
                reply = ("error", check_failed(LookupError("the parser process lost this check's context")))
        conn.send(reply)


def _remember(contexts: OrderedDict[Any, Any], key: Any, context: Any) -> None:
    """The same bookkeeping on both ends of a worker's pipe, so the caller knows which contexts
    the child still holds: a new one is added (the least recently used beyond the limit goes), a
    known one becomes the most recent."""
    if context is not None:
        contexts[key] = context
        if len(contexts) > CONTEXTS_KEPT:
            contexts.popitem(last=False)
    contexts.move_to_end(key)


def _then(content: Any, request: tuple, context: Any) -> tuple[str, Any]:
    """The ``then`` step of a request, with its context."""
    _, _, then, name, _, _, extra, origin = request
    if content.format.value != origin:
        content = dataclasses.replace(content, format=FileFormat(origin))
    try:
        return ("ok", then(content, name, context, extra))
    except MissingContext as missing:
        return ("need", missing.what)
    except MemoryError:
        return ("error", ReadError("parser_crashed"))
    except Exception as error:  # noqa: BLE001 - see below
        # A bug met on this file's contents: the file's own message, so the run goes on and the
        # ingest records it (a RuntimeError here once stopped every ingest at the same file).
        return ("error", check_failed(error))


