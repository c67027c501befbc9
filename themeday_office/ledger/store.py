"""The ledger store: `Ledger`, the SQLite ledger, made of one part per job.

  database.py     the connection, migrations (schema.py), transactions, the clock
  submissions.py  reading submissions, their checks, rows and history
  decisions.py    accept, reject, receipt dates: the clerk's decisions
  recording.py    recording what arrived, repeats, removals from the inbox
  inbox_names.py  inbox paths that are not plain text
  attempts.py     parse attempts of poison files
  claims.py       which desk takes which inbox file (a shared ledger)
  reference.py    roster versions and the year's themes
  register.py     the department's documents and the 发文字号 register
  backup.py       the copy of the database a backup holds
  transfer.py     every table's rows out and in: backups of either backend, moving a ledger
  postgres.py     the PostgreSQL spelling of the ledger's SQL, and its faults in Chinese
  stored_originals.py  the originals kept in a shared (PostgreSQL) ledger

All SQL stays in this package. Everything above it talks to `Ledger`'s public methods only,
listed in interface.py (`LedgerBackend`); the same methods run on SQLite or PostgreSQL.
"""

from __future__ import annotations

from themeday_office.ledger.attempts import Attempts
from themeday_office.ledger.backup import DatabaseCopies, restore_database
from themeday_office.ledger.claims import Claims
from themeday_office.ledger.database import ARCHIVE_DIR, DB_NAME, default_actor
from themeday_office.ledger.recording import Recording
from themeday_office.ledger.reference import RosterAndThemes
from themeday_office.ledger.register import DocumentRegister
from themeday_office.ledger.schema import SCHEMA_VERSION

__all__ = ["ARCHIVE_DIR", "DB_NAME", "SCHEMA_VERSION", "Ledger", "default_actor", "restore_database"]


class Ledger(Recording, Attempts, Claims, RosterAndThemes, DocumentRegister, DatabaseCopies):
    """Every file that ever arrived, its checks, the clerks' decisions and the accepted data."""
