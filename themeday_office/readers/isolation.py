"""Parse untrusted files in child processes, so a parser that aborts or runs away costs one file.

A crafted file can make a native parser abort the process (calamine aborts when a sheet's range
needs more memory than it can get) or run without end; no ``try`` catches that. Each worker is a
long-lived 'spawn' child (portable to Windows; the start-up cost is paid once, not per file) with
an address-space limit on POSIX. A dead or stuck child is replaced, and only the file it was
reading gets ReadError('parser_crashed' / 'parser_timeout').
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnContext
from pathlib import Path
from typing import Any

from themeday_office.readers.errors import ReadError
from themeday_office.readers.limits import ReadLimits
from themeday_office.readers.model import Document, FileFormat, Workbook
from themeday_office.readers.reading import parse, read_prepared

# A fresh child imports calamine, lxml and python-docx before it answers; generous on a busy CI.
_STARTUP_TIMEOUT_S = 60.0


def default_workers() -> int:
    """Two workers per core, at most four: each waits on the caller between files, so a second
    one keeps the core busy (see bench/read.py); four stay far below a clerk's PC's memory."""
    return max(1, min(4, 2 * (os.cpu_count() or 1)))


class IsolatedReader:
    """Reads files like ``read_bytes`` but parses them in a pool of child processes.

    Thread-safe: up to ``workers`` calls parse at once. Workers start when first needed, so a
    one-file command starts one. Use as a context manager, or call close().
    """

    def __init__(self, limits: ReadLimits = ReadLimits(), workers: int | None = None) -> None:
        workers = default_workers() if workers is None else workers
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self._limits = limits
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self._size = workers
        self._started = 0
        self._lock = threading.Lock()

    def __enter__(self) -> IsolatedReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read_bytes(self, data: bytes, name: str = "") -> Workbook | Document:
        """One submission's bytes -> Workbook or Document; ReadError when it cannot be read."""
        return read_prepared(data, name, self._limits, self._parse_in_child)

    def read_path(self, path: str | Path) -> Workbook | Document:
        path = Path(path)
        return self.read_bytes(path.read_bytes(), path.name)

    def read_many(self, paths: Iterable[str | Path]) -> Iterator[tuple[Path, Workbook | Document | ReadError]]:
        """Read many files with every worker busy; (path, result or ReadError) in input order."""
        files = [Path(path) for path in paths]
        with ThreadPoolExecutor(max(1, self._size), thread_name_prefix="themeday-read") as threads:
            yield from zip(files, threads.map(self._read_or_error, files))

    def _read_or_error(self, path: Path) -> Workbook | Document | ReadError:
        try:
            return self.read_path(path)
        except ReadError as error:
            return error

    def close(self) -> None:
        """Stop every worker (waits for calls in progress to hand theirs back)."""
        with self._lock:
            started, self._started, self._size = self._started, 0, 0
        for _ in range(started):
            self._idle.get().stop()

    def _take(self) -> _Worker:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if self._started < self._size:
                self._started += 1
                return _Worker(self._context, self._limits)
            if self._size == 0:
                raise RuntimeError("IsolatedReader is closed")
        return self._idle.get()

    def _parse_in_child(self, data: bytes, fmt: FileFormat, limits: ReadLimits) -> Workbook | Document:
        worker = self._take()
        try:
            return worker.parse(data, fmt, limits.parse_timeout_s)
        except _WorkerLost as lost:
            worker.stop()
            worker = _Worker(self._context, self._limits)
            raise lost.error from None
        finally:
            self._idle.put(worker)


class _WorkerLost(Exception):
    def __init__(self, error: ReadError) -> None:
        super().__init__(error.code)
        self.error = error


class _Worker:
    def __init__(self, context: SpawnContext, limits: ReadLimits) -> None:
        self._conn, child_end = context.Pipe()
        self._process = context.Process(
            target=serve, args=(child_end, limits), name="themeday-reader", daemon=True
        )
        self._process.start()
        child_end.close()
        self._ready = False

    def parse(self, data: bytes, fmt: FileFormat, timeout_s: float) -> Workbook | Document:
        if not self._ready:
            self._receive(_STARTUP_TIMEOUT_S)
            self._ready = True
        try:
            self._conn.send((data, fmt.value))
        except OSError:
            raise _WorkerLost(ReadError("parser_crashed")) from None
        status, payload = self._receive(timeout_s)
        if status == "ok":
            return payload
        raise payload

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

    def _receive(self, timeout_s: float) -> Any:
        if not self._conn.poll(timeout_s):
            self._process.kill()  # stuck: stop() cannot ask it politely
            raise _WorkerLost(ReadError("parser_timeout", seconds=timeout_s))
        try:
            return self._conn.recv()
        except (EOFError, OSError):
            raise _WorkerLost(ReadError("parser_crashed")) from None


def serve(conn: Connection, limits: ReadLimits) -> None:
    """A worker's loop: (bytes, format) in, ('ok', result) or ('error', ReadError) out."""
    _limit_memory(limits.child_memory_mb)
    conn.send(("ready", None))
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        if request is None:
            return
        data, fmt = request
        try:
            reply: tuple[str, Any] = ("ok", parse(data, FileFormat(fmt), limits))
        except ReadError as error:
            reply = ("error", error)
        except MemoryError:
            reply = ("error", ReadError("parser_crashed"))
        except Exception as error:  # a parser's own exception on a malformed file
            reply = ("error", ReadError("corrupt", detail=f"{type(error).__name__}: {error}"[:200]))
        conn.send(reply)


def _limit_memory(megabytes: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: no rlimit; a crash still takes only this child
        return
    limit = megabytes * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
