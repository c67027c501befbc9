"""Reading the ledger for the queue: everything once, then only what changed.

Called from worker threads; returns plain values and keeps no state of its own, so the
app (on its own thread) is the only keeper of where the last look ended.
"""

from __future__ import annotations

from dataclasses import dataclass

from themeday_office.ledger import Ledger, LedgerError, Submission


@dataclass(frozen=True)
class LedgerSlice:
    """Submissions read from the ledger and the last event they account for."""

    submissions: list[Submission]
    last_event: int


def load_queue(ledger: Ledger) -> LedgerSlice:
    """Every submission, newest first."""
    # The mark is read first: a change committed during the read is fetched again next time,
    # never lost between the two reads.
    mark = ledger.last_event_id()
    return LedgerSlice(ledger.submissions(), mark)


def changes_since(ledger: Ledger, last_event: int) -> LedgerSlice:
    """The submissions that arrived or changed after `last_event`, in the order they changed."""
    mark, ids = ledger.changed_since(last_event)
    found = []
    for submission_id in ids:
        try:
            found.append(ledger.get(submission_id))
        except LedgerError:
            continue  # gone with a restored backup: the next full load shows the truth
    return LedgerSlice(found, mark)
