"""Running the clerk's app as a program: children that work under a real terminal, and a quit
that ends the process within a bound, whatever its threads are doing.

`App.run` ends with `asyncio.run`'s shutdown, which joins every worker thread without a time
limit (Python 3.11), and the interpreter joins them again at exit. An ingest stuck on a locked
ledger or a hung parser would keep the clerk's Ctrl+Q from ending the app. The ledger is
crash-safe (an abandoned ingest is finished by the next run), so after a short grace the
process leaves without them.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import sys
import threading
import time

from themeday_office.readers.isolation import start_resource_tracker

# How long threads still working after the app closed may take to finish before the process
# leaves without them; with the app's own stop (watcher, reader) this keeps Ctrl+Q under 2 s.
EXIT_GRACE_S = 0.8


def run_clerk_app(workspace, **options) -> int:
    """Run ThemedayApp for `workspace` in this terminal; the exit code once the clerk quits."""
    # Deferred: every other command starts without loading Textual.
    from themeday_office.tui.app import ThemedayApp

    # Before the app replaces sys.stderr with a capture object that has no descriptor.
    start_resource_tracker()
    app = ThemedayApp(workspace, **options)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(app.run_async())
    finally:
        stragglers = _wait_for_threads(EXIT_GRACE_S)
        if stragglers:
            _leave_now(app.return_code or 0)
        loop.close()  # does not wait for the executor's threads: they have all ended
        asyncio.set_event_loop(None)
    return app.return_code or 0


def _wait_for_threads(grace_s: float) -> list[threading.Thread]:
    """The non-daemon threads (workers) still alive after up to `grace_s` seconds."""
    deadline = time.monotonic() + grace_s
    for thread in _working_threads():
        thread.join(max(0.0, deadline - time.monotonic()))
    return _working_threads()


def _working_threads() -> list[threading.Thread]:
    main = threading.main_thread()
    return [t for t in threading.enumerate() if t is not main and not t.daemon and t.is_alive()]


def _leave_now(code: int) -> None:
    """End the process without joining its threads: parser children are killed first (a hung
    one would otherwise outlive us), buffered output is written, the terminal is already the
    clerk's again."""
    for child in multiprocessing.active_children():
        child.kill()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            pass
    os._exit(code)
