"""How parser processes start (issue 25): the caller's side of a start, and a worker's first steps.

On Linux a worker is forked from a 'forkserver': one fresh interpreter that imports the parser
modules, and whatever the caller's checks need, once (`parser_context`); a worker, and the
replacement of a crashed one, is then ready in milliseconds. Elsewhere (Windows) each worker is
'spawn'ed and imports them itself. Either way it descends from a fresh interpreter, never from
the caller with its threads and open ledger.

A one-shot command that has imported what its workers run, and has no thread, connection or open
file yet, may fork them from itself instead (IsolatedReader.start_here, where
`fork_is_safe_here`): nothing is started or imported twice. `themeday check` does, so one file
is checked in a fraction of a second.
"""

from __future__ import annotations

import faulthandler
import importlib
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # ForkServerContext exists on POSIX only
    from multiprocessing.context import ForkServerContext, SpawnContext

# What every worker runs: its loop (isolation.serve) and the spreadsheet parser behind parse().
# python-docx is left to a worker's first Word file: most submissions are spreadsheets.
PARSER_MODULES = ("themeday_office.readers.isolation", "themeday_office.readers.workbook")
# The modules every forkserver of this process is asked to import before its first fork.
_forkserver_preload: set[str] = set()


def start_method() -> str:
    """'forkserver' on Linux: one fresh interpreter imports the parser modules, each worker is a
    fork of it (safe with threads, unlike forking the caller). 'spawn' elsewhere: Windows has no
    fork, and macOS's system libraries are not fork-safe."""
    return "forkserver" if sys.platform.startswith("linux") else "spawn"


def fork_is_safe_here() -> bool:
    """Whether this process may fork its parser processes itself: on Linux, with no other thread
    (a fork copies only the calling thread, and the locks the others hold stay locked). The
    caller also knows that it holds no connection or open file a child should not share."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


def parser_context(preload: Iterable[str] = ()) -> SpawnContext | ForkServerContext:
    """The multiprocessing context workers start in, asking a forkserver not yet running to import
    the parser modules and `preload` (a running one has those of the call that started it; a
    worker imports whatever else it lacks before it answers)."""
    if start_method() != "forkserver":
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    _forkserver_preload.update((*PARSER_MODULES, *preload))
    context.set_forkserver_preload(sorted(_forkserver_preload))
    return context


def start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with a real standard error, if it is not running.

    Starting a parser process starts the tracker with the descriptor of ``sys.stderr``; inside a
    full-screen app (Textual) ``sys.stderr`` is a capture object whose ``fileno()`` is -1, and
    starting a process then fails with "bad value(s) in fds_to_keep", for every file, for ever.
    The terminal app calls this before it takes the terminal; a reader made later starts it
    with the null device instead (the tracker only ever prints leak warnings)."""
    if os.name != "posix":
        return  # Windows' tracker takes no descriptor
    from multiprocessing import resource_tracker

    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = True  # no fileno() at all: the tracker passes none
    if usable:
        resource_tracker.ensure_running()
        return
    saved = sys.stderr
    with _tracker_lock, open(os.devnull, "w") as null:
        sys.stderr = null
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = saved


_tracker_lock = threading.Lock()


def quiet_stdio() -> None:
    """A worker writes nothing where its parent's terminal may be: a full-screen app is drawn
    there, and a native parser's panic message would scribble over it. Its answers go through
    the pipe; its standard streams go to the null device, and so would a fatal error's traceback,
    which a forked worker would otherwise write wherever its parent's faulthandler writes."""
    faulthandler.disable()
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        try:
            os.dup2(null, fd)
        except OSError:
            pass
    os.close(null)


def import_all(modules: Iterable[str]) -> None:
    """A worker's imports before it answers: already there when a forkserver imported them."""
    for module in modules:
        importlib.import_module(module)


def ignore_interrupts() -> None:
    """Ctrl+C reaches every process of the terminal's group; the parent decides what it means
    (it closes its readers). A worker that died of it would print a traceback and would count
    as a file that killed its parser, which could quarantine an innocent file."""
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except (ValueError, OSError):
        pass


@contextmanager
def interrupts_held() -> Iterator[None]:
    """Start a child with Ctrl+C blocked, as multiprocessing's resource tracker does: the child
    inherits the mask, so a Ctrl+C during its start-up (imports, before serve() ignores it) cannot
    end it with a traceback on the terminal. Only this thread's mask changes, for the moment of
    the start; a Ctrl+C meanwhile reaches the parent as soon as the mask is restored."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows has no signal masks: serve() alone
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def limit_memory(megabytes: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: no rlimit; a crash still takes only this child
        return
    limit = megabytes * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
