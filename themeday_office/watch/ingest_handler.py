"""The real ingest behind the watcher: an Ingestor's outcome as the watcher's verdict."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from themeday_office.ingest.classify import KIND_SHORT
from themeday_office.ingest.pipeline import LATER, SKIPPED, Ingestor, IngestOutcome
from themeday_office.watch.outcome import Verdict, WatchOutcome


def outcome_of(result: IngestOutcome) -> WatchOutcome:
    if result.word in (LATER, SKIPPED):  # SKIPPED: swapped for a link since the watcher's look; it looks again
        return WatchOutcome.later(result.detail)
    sub = result.submission
    note = ""
    if sub is not None and sub.kind:
        note = " ".join(x for x in (KIND_SHORT.get(sub.kind, sub.kind), sub.unit, sub.period) if x)
    if result.detail:
        note = f"{note}，{result.detail}" if note else result.detail
    return WatchOutcome(Verdict(result.word), note)


def ingest_handler(ingestor: Ingestor) -> Callable[[Path], WatchOutcome]:
    """The watcher's callback: ingest one finished file (the watcher calls it from one thread)."""

    def handle(path: Path) -> WatchOutcome:
        return outcome_of(ingestor.ingest(path))

    return handle
