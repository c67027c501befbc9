"""The collector setting of every themeday process (the command, its parser workers).

Its own small module: the `themeday` program applies it first thing, before any command loads.
"""

from __future__ import annotations

import gc

GC_THRESHOLD = 50_000


def collect_cycles_rarely() -> None:
    """A checked file's objects die by reference counting as soon as its result is used; collecting
    cycles every 700 allocations (Python's default) re-walked whatever the process keeps (rosters,
    contexts, the ledger's caches) many times per file: ~13% of a check's time, measured
    (bench/check.py). Cycles are still collected, every 50,000 allocations."""
    gc.set_threshold(GC_THRESHOLD, 20, 20)
