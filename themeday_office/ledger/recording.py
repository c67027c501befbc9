"""Recording what arrived: a checked file with its messages, findings and rows, in one transaction.

Also the bookkeeping of arrivals: the same bytes arriving again (a repeat, noted once per
arrival) and the inbox copy being gone. A file without errors may be accepted at once, so
recording builds on the decisions.
"""

from __future__ import annotations

from themeday_office.ledger.database import Cursor, default_actor, inserted_id
from themeday_office.ledger.decisions import Decisions
from themeday_office.ledger.inbox_names import InboxNames
from themeday_office.ledger.records import (
    CheckedFile,
    EncodedFinding,
    EncodedRow,
    FormRow,
    LedgerError,
    State,
    StoredFinding,
    Submission,
    stored_json,
)
from themeday_office.ledger.states import ENTRY_STATES
from themeday_office.ledger.submissions import SUBMISSION_COLUMNS, submission_of


class Recording(Decisions, InboxNames):
    """New submissions, repeats and removals from the inbox."""

    def record(self, checked: CheckedFile, *, auto_accept: bool, actor: str | None = None,
               state: State | None = None, members: tuple[CheckedFile, ...] | list[CheckedFile] = (),
               member_repeats: tuple[tuple[int, str], ...] | list[tuple[int, str]] = ()) -> Submission:
        """Record one checked file, its messages, findings and rows, in one transaction.

        Without errors and with auto_accept the file is accepted at once (superseding the
        current version for the same kind, unit and period). An archive of submissions
        comes with its `members` (new files) and `member_repeats` ((existing id, repeat key)),
        all committed together so a crash never leaves half an archive recorded.
        """
        actor = actor or default_actor()
        with self._tx() as cur:
            sid, _ = self._insert(cur, checked, state, auto_accept, actor, None)
            for member in members:
                self._insert(cur, member, None, auto_accept, actor, sid)
            for existing, key in member_repeats:
                self._repeat(cur, existing, actor, key)
        return self.get(sid)

    def record_many(self, files: list[CheckedFile], *, auto_accept: bool,
                    actor: str | None = None) -> list[tuple[Submission, int]]:
        """Record several checked files in one transaction (one wait for the disk), in order, each
        as `record` would; per file its submission and how many current versions it superseded."""
        actor = actor or default_actor()
        with self._tx() as cur:
            inserted = [self._insert(cur, checked, None, auto_accept, actor, None) for checked in files]
        ids = [sid for sid, _ in inserted]
        found = {r[0]: submission_of(r) for r in self._query(
            f"SELECT {SUBMISSION_COLUMNS} FROM submission WHERE id IN ({','.join('?' * len(ids))})", ids)}
        return [(found[sid], superseded) for sid, superseded in inserted]

    def _insert(self, cur: Cursor, checked: CheckedFile, state: State | None, auto_accept: bool,
                actor: str, parent_id: int | None) -> tuple[int, int]:
        """The new submission's id, and how many current versions its acceptance superseded."""
        now = self._now()
        if state is None:
            state = State.INVALID if checked.has_errors else State.VALID
        elif state not in ENTRY_STATES:  # reached only by a decision (states.py)
            raise LedgerError(f"新收到的文件不能登记为“{state.zh}”")
        version = 0
        if checked.kind and checked.unit and checked.period:
            version = 1 + cur.execute(
                "SELECT COUNT(*) FROM submission WHERE kind = ? AND unit = ? AND period = ?",
                (checked.kind, checked.unit, checked.period),
            ).fetchone()[0]
        cur.execute(
            "INSERT INTO submission (sha256, original_name, inbox_path, size, format, arrived_at, kind, unit,"
            " period, state, version, parent_id, removed, header) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (checked.sha256, checked.original_name, checked.inbox_path, checked.size, checked.format, now,
             checked.kind, checked.unit, checked.period, state.value, version, parent_id,
             # An archive's members were never files in the inbox: nothing of theirs to remove.
             int(parent_id is not None), stored_json(checked.header)),
        )
        sid = inserted_id(cur)
        self._keep_raw_path(cur, sid, checked.inbox_path_raw)
        # The file is accounted for: its parse attempts are history, in the same commit.
        if self._schema >= 2:  # the attempt table came with v2 (an old ledger opened for migration tests)
            cur.execute("DELETE FROM attempt WHERE sha256 = ?", (checked.sha256,))
        cur.executemany(
            "INSERT INTO message (submission_id, seq, severity, code, place, text) VALUES (?,?,?,?,?,?)",
            [(sid, i, m.severity, m.code, m.place, m.text) for i, m in enumerate(checked.messages)],
        )
        cur.executemany(
            "INSERT INTO finding (submission_id, seq, code, committee, branch, text, data) VALUES (?,?,?,?,?,?,?)",
            [(sid, i, f.code, f.committee, f.branch, f.text, _finding_json(f)) for i, f in enumerate(checked.findings)],
        )
        cur.executemany(
            "INSERT INTO form_row (submission_id, seq, kind, committee, branch, period, data)"
            " VALUES (?,?,?,?,?,?,?)",
            [(sid, i, r.kind, r.committee, r.branch, r.period, _row_json(r)) for i, r in enumerate(checked.rows)],
        )
        errors = sum(m.severity == "错误" for m in checked.messages)
        cur.executemany(  # both at once: one statement (a round trip to a shared ledger's server)
            "INSERT INTO event (submission_id, at, action, actor, reason, detail) VALUES (?,?,?,?,?,?)",
            [(sid, now, "arrived", actor, "", checked.inbox_path),
             (sid, now, "checked", actor, "", f"错误 {errors} 条，提示 {len(checked.messages) - errors} 条")],
        )
        if state is State.QUARANTINED:
            self._event(cur, sid, "quarantined", actor, detail=checked.messages[0].text if checked.messages else "")
        elif state is State.VALID and auto_accept:
            # valid → accepted, as a clerk would; what the new row is, is known without reading it
            key = (checked.kind, checked.unit, checked.period)
            return sid, self._accept(cur, sid, actor, "无错误，自动通过", known=(key, state))
        return sid, 0

    def note_repeat(self, submission_id: int, key: str, actor: str | None = None) -> bool:
        """The same bytes arrived again: not a new submission, but noted in its history once per `key`.

        `key` names this arrival (its inbox path and modification time), so a run that crashed
        after noting it and sees the same file again does not count the repeat twice.
        """
        with self._tx() as cur:
            return self._repeat(cur, submission_id, actor or default_actor(), key)

    def _repeat(self, cur: Cursor, sid: int, actor: str, key: str) -> bool:
        seen = cur.execute(
            "SELECT 1 FROM event WHERE submission_id = ? AND action = 'repeat' AND detail = ?", (sid, key)
        ).fetchone()
        if seen:
            return False
        self._event(cur, sid, "repeat", actor, detail=key)
        return True

    def mark_removed(self, submission_id: int) -> None:
        """The inbox copy is gone: a later arrival of the same bytes is a real repeat.

        Not durable: if the power takes it, the file is either still in the inbox at the same
        path (ingest finishes it as its own leftover) or gone (finish_leftovers marks it)."""
        self.mark_removed_many([submission_id])

    def mark_removed_many(self, submission_ids: list[int]) -> None:
        """mark_removed for several files in one (not durable) commit."""
        if submission_ids:
            with self._tx(durable=False) as cur:
                cur.execute(f"UPDATE submission SET removed = 1 WHERE id IN ({','.join('?' * len(submission_ids))})",
                            list(submission_ids))


def _row_json(row: FormRow | EncodedRow) -> str:
    if isinstance(row, EncodedRow):
        return row.encoded
    return stored_json(row.data)


def _finding_json(finding: StoredFinding | EncodedFinding) -> str:
    if isinstance(finding, EncodedFinding):
        return finding.encoded
    return stored_json(finding.data)
