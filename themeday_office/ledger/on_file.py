"""What the department has on file besides submissions: roster versions and filed adjustments.

Both ingest (checking a new file) and rollup (recomputing findings) need them, and the
two are independent siblings above the ledger, so they live here: rebuilt from what
the store keeps, as domain models.
"""

from __future__ import annotations

from themeday_office.domain.adjustments import FiledAdjustment
from themeday_office.domain.roster import RosterHistory, load_roster
from themeday_office.domain.values.raw import Raw, RawValue
from themeday_office.ledger.store import Ledger


def roster_history(ledger: Ledger) -> RosterHistory:
    """Every imported roster version, loaded through the domain's own loader."""
    versions = []
    for _id, effective, _at, _src, data in ledger.roster_versions():
        sheets = [_raw_rows(data.get(key, [])) for key in ("committees", "branches", "groups")]
        roster, _messages = load_roster(effective, *sheets)
        versions.append(roster)
    return RosterHistory(versions)


def _raw_rows(rows: list[dict[str, Raw]]) -> list[dict[str, RawValue]]:
    # Stored as plain values: places matter when a roster file is imported, not when reloaded.
    return [{label: RawValue(value) for label, value in row.items()} for row in rows]


def filed_adjustments(ledger: Ledger) -> list[FiledAdjustment]:
    """Adjustments on file: the rows of accepted, current adjustment forms."""
    return [adjustment for _sid, adjustment in filed_adjustments_by_submission(ledger)]


def filed_adjustments_by_submission(ledger: Ledger) -> list[tuple[int, FiledAdjustment]]:
    """The same, each with the ledger id of the filing it came from (rollups trace figures to it)."""
    rows = ledger.current_rows_of_kind("adjustment")
    return [(r.submission_id, FiledAdjustment.model_validate(r.data)) for r in rows]
