"""The department's own documents and the 发文字号 register.

A number once taken is never given out again (doc_number keeps every number taken, manual or
not); a draft is re-rendered freely, an issued document is frozen with the hash of the file
issued and the figures it printed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from themeday_office.ledger.database import Cursor, Database, Row, default_actor, inserted_id
from themeday_office.ledger.records import DocumentRecord, LedgerError, stored_json

DOCUMENT_COLUMNS = (
    "id, doc_key, kind, period, title, prefix, year, number, state, path, sha256, figures, corrects, created_at,"
    " rendered_at, issued_at, issued_by"
)


class DocumentRegister(Database):
    """Drafts, their numbers, renderings and issue."""


    def create_document(self, doc_key: str, kind: str, period: str, title: str, prefix: str, year: int, *,
                        number: int | None = None, corrects: int | None = None) -> DocumentRecord:
        """A new draft with the next number of `prefix` and `year` (or `number`, one the department's
        own register gave), in one transaction: two clerks or processes never get the same number,
        and a number once taken is never given out again.

        Idempotent per document: when `doc_key` already has a document (or, for a correction, when
        `corrects` already has its correction), that one is returned and no number is taken, so two
        batches racing on the same period do not number one document twice."""
        manual = number is not None
        with self._tx() as cur:
            if corrects is None:
                existing = cur.execute("SELECT id FROM document WHERE doc_key = ? ORDER BY id LIMIT 1",
                                       (doc_key,)).fetchone()
            else:
                existing = cur.execute("SELECT id FROM document WHERE corrects = ? ORDER BY id LIMIT 1",
                                       (corrects,)).fetchone()
            if existing:
                doc_id = existing[0]
            elif number is None:
                number = 1 + cur.execute(
                    "SELECT COALESCE(MAX(number), 0) FROM doc_number WHERE prefix = ? AND year = ?", (prefix, year)
                ).fetchone()[0]
            elif number < 1:
                raise LedgerError(f"发文顺序号应从 1 开始：{number}")
            elif cur.execute("SELECT 1 FROM doc_number WHERE prefix = ? AND year = ? AND number = ?",
                             (prefix, year, number)).fetchone():
                raise LedgerError(f"{prefix}〔{year}〕{number}号已被使用，发文字号不能重复")
            if existing:
                return self._document_in(cur, doc_id)
            now = self._now()
            cur.execute("INSERT INTO doc_number (prefix, year, number, manual, taken_at) VALUES (?,?,?,?,?)",
                        (prefix, year, number, int(manual), now))
            cur.execute(
                "INSERT INTO document (doc_key, kind, period, title, prefix, year, number, corrects, created_at)"
                " VALUES (?,?,?,?,?,?,?,?,?)",
                (doc_key, kind, period, title, prefix, year, number, corrects, now),
            )
            doc_id = inserted_id(cur)
        return self.document(doc_id)

    def _document_in(self, cur: Cursor, doc_id: int) -> DocumentRecord:
        return document_of(cur.execute(f"SELECT {DOCUMENT_COLUMNS} FROM document WHERE id = ?", (doc_id,)).fetchone())

    def document(self, doc_id: int) -> DocumentRecord:
        rows = self._query(f"SELECT {DOCUMENT_COLUMNS} FROM document WHERE id = ?", (doc_id,))
        if not rows:
            raise LedgerError(f"台账中没有编号为 {doc_id} 的公文")
        return document_of(rows[0])

    def document_by_number(self, prefix: str, year: int, number: int) -> DocumentRecord | None:
        rows = self._query(f"SELECT {DOCUMENT_COLUMNS} FROM document WHERE prefix = ? AND year = ? AND number = ?",
                           (prefix, year, number))
        return document_of(rows[0]) if rows else None

    def latest_document(self, doc_key: str) -> DocumentRecord | None:
        """The newest document for `doc_key` (a correction is newer than what it corrects)."""
        rows = self._query(f"SELECT {DOCUMENT_COLUMNS} FROM document WHERE doc_key = ? ORDER BY id DESC LIMIT 1",
                           (doc_key,))
        return document_of(rows[0]) if rows else None

    def documents(self, *, period: str | None = None) -> list[DocumentRecord]:
        """Every document, oldest first; `period` matches exactly or as a prefix (2017 → 2017-03)."""
        if period:
            rows = self._query(f"SELECT {DOCUMENT_COLUMNS} FROM document WHERE period = ? OR period LIKE ?"
                               " ORDER BY id", (period, f"{period}%"))
        else:
            rows = self._query(f"SELECT {DOCUMENT_COLUMNS} FROM document ORDER BY id")
        return [document_of(r) for r in rows]

    def numbers_taken(self, prefix: str, year: int) -> list[int]:
        return [r[0] for r in self._query("SELECT number FROM doc_number WHERE prefix = ? AND year = ? ORDER BY number",
                                          (prefix, year))]

    def record_rendering(
        self, doc_id: int, path: str, sha256: str, figures: dict[str, Any], title: str
    ) -> DocumentRecord:
        """A draft was (re)written: its file, hash and figures. An issued document is frozen."""
        with self._tx() as cur:
            changed = cur.execute(
                "UPDATE document SET path = ?, sha256 = ?, figures = ?, title = ?, rendered_at = ?"
                " WHERE id = ? AND state = 'draft'",
                (path, sha256, stored_json(figures), title, self._now(), doc_id),
            ).rowcount
        if not changed:
            raise LedgerError(f"公文 {doc_id} 已签发，不能重新生成；如需更正，请另行发文")
        return self.document(doc_id)

    def issue_document(self, doc_id: int, sha256: str, actor: str | None = None) -> DocumentRecord:
        """签发: the draft becomes final with the hash of the file issued; from now on it is frozen."""
        with self._tx() as cur:
            changed = cur.execute(
                "UPDATE document SET state = 'issued', sha256 = ?, issued_at = ?, issued_by = ?"
                " WHERE id = ? AND state = 'draft'",
                (sha256, self._now(), actor or default_actor(), doc_id),
            ).rowcount
        if not changed:
            raise LedgerError(f"公文 {doc_id} 已经签发")
        return self.document(doc_id)


    def submissions_changed_since(self, periods: Sequence[str], since: datetime, kind: str | None = None) -> int:
        """How many history entries (arrivals, checks, decisions; not a copy's repeat) submissions of
        `periods` (of one `kind`, when given) have had after `since`: a draft rendered before them may
        print figures that are no longer true. By the desks' clocks, to the second."""
        if not periods:
            return 0
        marks = ",".join("?" * len(periods))
        of_kind = " AND submission.kind = ?" if kind else ""
        return int(self._query(
            f"SELECT COUNT(*) FROM event JOIN submission ON submission.id = event.submission_id"
            f" WHERE submission.period IN ({marks}){of_kind} AND event.action != 'repeat' AND event.at > ?",
            (*periods, *([kind] if kind else []), since.isoformat(timespec="seconds")),
        )[0][0])


def document_of(row: Row) -> DocumentRecord:
    (did, key, kind, period, title, prefix, year, number, state, path, sha, figures, corrects, created, rendered,
     issued, issued_by) = row
    return DocumentRecord(
        id=did, key=key, kind=kind, period=period, title=title, prefix=prefix, year=year, number=number,
        state=state, path=path, sha256=sha, figures=json.loads(figures), corrects=corrects,
        created_at=datetime.fromisoformat(created),
        rendered_at=datetime.fromisoformat(rendered) if rendered else None,
        issued_at=datetime.fromisoformat(issued) if issued else None, issued_by=issued_by,
    )
