"""The ledger: every file that ever arrived, its checks and decisions, and the archive of its bytes."""

from themeday_office.ledger.archive import Archive, sha256_of
from themeday_office.ledger.interface import LedgerBackend
from themeday_office.ledger.records import (
    CheckedFile,
    DuplicateEntry,
    EncodedFinding,
    EncodedRow,
    Event,
    FormRow,
    LedgerError,
    StaleDecision,
    State,
    StoredFinding,
    StoredMessage,
    Submission,
    stored_json,
)
from themeday_office.ledger.store import SCHEMA_VERSION, Ledger, restore_database

__all__ = [
    "SCHEMA_VERSION",
    "Archive",
    "CheckedFile",
    "DuplicateEntry",
    "Event",
    "EncodedFinding",
    "EncodedRow",
    "FormRow",
    "Ledger",
    "LedgerBackend",
    "LedgerError",
    "StaleDecision",
    "State",
    "StoredFinding",
    "StoredMessage",
    "Submission",
    "stored_json",
    "restore_database",
    "sha256_of",
]
