"""The ledger's schema: every version's migration, run in order on open (PRAGMA user_version).

Kept apart from the store so the store's methods stay readable; a new version is one more
entry here, and an old ledger opened by a newer program runs the entries it lacks.
"""

from __future__ import annotations

MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE submission (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        original_name TEXT NOT NULL,
        inbox_path TEXT NOT NULL,
        size INTEGER NOT NULL,
        format TEXT NOT NULL DEFAULT '',
        arrived_at TEXT NOT NULL,
        receipt_date TEXT,
        kind TEXT NOT NULL DEFAULT '',
        unit TEXT NOT NULL DEFAULT '',
        period TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL,
        is_current INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 0,
        parent_id INTEGER REFERENCES submission(id),
        removed INTEGER NOT NULL DEFAULT 0,
        header TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX submission_key ON submission(kind, unit, period);
    CREATE INDEX submission_state ON submission(state);
    CREATE TABLE message (
        submission_id INTEGER NOT NULL REFERENCES submission(id),
        seq INTEGER NOT NULL,
        severity TEXT NOT NULL,
        code TEXT NOT NULL,
        place TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (submission_id, seq)
    );
    CREATE TABLE finding (
        submission_id INTEGER NOT NULL REFERENCES submission(id),
        seq INTEGER NOT NULL,
        code TEXT NOT NULL,
        committee TEXT NOT NULL,
        branch TEXT NOT NULL,
        text TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (submission_id, seq)
    );
    CREATE TABLE event (
        id INTEGER PRIMARY KEY,
        submission_id INTEGER NOT NULL REFERENCES submission(id),
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        actor TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        detail TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX event_submission ON event(submission_id);
    CREATE TABLE form_row (
        submission_id INTEGER NOT NULL REFERENCES submission(id),
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL,
        committee TEXT NOT NULL,
        branch TEXT NOT NULL,
        period TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (submission_id, seq)
    );
    CREATE INDEX form_row_period ON form_row(kind, period);
    """,
    # v2: poison-file attempts (a file that kills its parser), roster and themes versions.
    2: """
    CREATE TABLE attempt (
        sha256 TEXT PRIMARY KEY,
        tries INTEGER NOT NULL,
        last_error TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL
    );
    CREATE TABLE roster_version (
        id INTEGER PRIMARY KEY,
        effective TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        source_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE TABLE themes_version (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL,
        imported_at TEXT NOT NULL,
        source_name TEXT NOT NULL,
        data TEXT NOT NULL
    );
    """,
    # v3: the department's own documents and the register of 发文字号 they take their numbers from.
    # A number, once in doc_number, is never deleted or given out again.
    3: """
    CREATE TABLE document (
        id INTEGER PRIMARY KEY,
        doc_key TEXT NOT NULL,
        kind TEXT NOT NULL,
        period TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        prefix TEXT NOT NULL,
        year INTEGER NOT NULL,
        number INTEGER NOT NULL,
        state TEXT NOT NULL DEFAULT 'draft',
        path TEXT NOT NULL DEFAULT '',
        sha256 TEXT NOT NULL DEFAULT '',
        figures TEXT NOT NULL DEFAULT '{}',
        corrects INTEGER REFERENCES document(id),
        created_at TEXT NOT NULL,
        rendered_at TEXT,
        issued_at TEXT,
        issued_by TEXT NOT NULL DEFAULT '',
        UNIQUE (prefix, year, number)
    );
    CREATE INDEX document_key ON document(doc_key);
    CREATE TABLE doc_number (
        prefix TEXT NOT NULL,
        year INTEGER NOT NULL,
        number INTEGER NOT NULL,
        manual INTEGER NOT NULL DEFAULT 0,
        taken_at TEXT NOT NULL,
        PRIMARY KEY (prefix, year, number)
    );
    """,
    # v4: the inbox path as the file system spelled it, when its text in inbox_path is not that
    # spelling (a name that is not UTF-8, e.g. GBK bytes from an old tool, or one with control
    # characters): os.fsencode() of the path, so the file is found again and nothing is lost.
    4: """
    ALTER TABLE submission ADD COLUMN inbox_path_raw BLOB;
    """,
    # v5: a ledger several desks share (PostgreSQL). claim: which desk is taking which inbox file,
    # until when (claims.py). original/original_chunk: the originals, stored in the database so
    # every desk can open them (stored_originals.py); a SQLite ledger keeps state/archive/ and
    # leaves these two empty.
    5: """
    CREATE TABLE claim (
        inbox_path TEXT PRIMARY KEY,
        desk TEXT NOT NULL,
        expires_at DOUBLE PRECISION NOT NULL
    );
    CREATE TABLE original (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL
    );
    CREATE TABLE original_chunk (
        sha256 TEXT NOT NULL,
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (sha256, seq)
    );
    """,
}
SCHEMA_VERSION = max(MIGRATIONS)
