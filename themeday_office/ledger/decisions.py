"""The clerk's decisions on a submission: accept, reject, correct its receipt date.

Each writes its history entry (an event) in the same transaction as the change, and the
consequences for the other versions of the same kind, unit and period: accepting supersedes
the current version, rejecting the current version restores the one it replaced.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from themeday_office.ledger.database import default_actor
from themeday_office.ledger.records import LedgerError, State, Submission
from themeday_office.ledger.submissions import SubmissionReads


class Decisions(SubmissionReads):
    """Accept, reject and receipt-date corrections, each with its history entry."""

    def accept(self, submission_id: int, actor: str | None = None, reason: str = "") -> Submission:
        sub = self.get(submission_id)
        if sub.state is State.ACCEPTED:
            raise LedgerError(f"编号 {submission_id} 已经通过，无需再次通过")
        if sub.state in (State.SUPERSEDED, State.QUARANTINED, State.RECEIVED):
            raise LedgerError(f"编号 {submission_id} 当前状态为“{sub.state.zh}”，不能通过")
        if sub.state in (State.INVALID, State.REJECTED) and not reason.strip():
            raise LedgerError(f"编号 {submission_id} 有错误或已退回，通过时必须写明理由")
        with self._tx() as cur:
            newest = cur.execute(
                "SELECT MAX(version) FROM submission WHERE kind = ? AND unit = ? AND period = ? AND is_current = 1",
                (sub.kind, sub.unit, sub.period),
            ).fetchone()[0]
            if sub.kind and newest is not None and newest > sub.version:
                raise LedgerError(f"编号 {submission_id} 是第{sub.version}版，早于现行的第{newest}版，不能再采用")
            self._accept(cur, submission_id, actor or default_actor(), reason)
        return self.get(submission_id)

    def _accept(self, cur: sqlite3.Cursor, sid: int, actor: str, reason: str) -> int:
        """Accept `sid`, superseding the current version of its kind, unit and period; how many it superseded."""
        superseded = 0
        kind, unit, period = cur.execute("SELECT kind, unit, period FROM submission WHERE id = ?", (sid,)).fetchone()
        if kind and unit and period:
            for (old,) in cur.execute(
                "SELECT id FROM submission WHERE kind = ? AND unit = ? AND period = ? AND is_current = 1 AND id != ?",
                (kind, unit, period, sid),
            ).fetchall():
                cur.execute("UPDATE submission SET state = ?, is_current = 0 WHERE id = ?", (State.SUPERSEDED.value, old))
                self._event(cur, old, "superseded", actor, detail=f"由编号 {sid} 替代")
                superseded += 1
        cur.execute("UPDATE submission SET state = ?, is_current = 1 WHERE id = ?", (State.ACCEPTED.value, sid))
        self._event(cur, sid, "accepted", actor, reason)
        return superseded

    def reject(self, submission_id: int, actor: str | None = None, reason: str = "") -> Submission:
        sub = self.get(submission_id)
        if not reason.strip():
            raise LedgerError("退回时必须写明理由")
        if sub.state not in (State.VALID, State.INVALID, State.ACCEPTED):
            raise LedgerError(f"编号 {submission_id} 当前状态为“{sub.state.zh}”，不能退回")
        actor = actor or default_actor()
        with self._tx() as cur:
            cur.execute("UPDATE submission SET state = ?, is_current = 0 WHERE id = ?", (State.REJECTED.value, submission_id))
            self._event(cur, submission_id, "rejected", actor, reason)
            if sub.current:
                # The version this one replaced counts again.
                prev = cur.execute(
                    "SELECT id FROM submission WHERE kind = ? AND unit = ? AND period = ? AND state = ?"
                    " ORDER BY version DESC LIMIT 1",
                    (sub.kind, sub.unit, sub.period, State.SUPERSEDED.value),
                ).fetchone()
                if prev:
                    cur.execute("UPDATE submission SET state = ?, is_current = 1 WHERE id = ?",
                                (State.ACCEPTED.value, prev[0]))
                    self._event(cur, prev[0], "restored", actor, detail=f"编号 {submission_id} 被退回")
        return self.get(submission_id)

    def set_receipt_date(self, submission_id: int, day: date, reason: str, actor: str | None = None) -> Submission:
        if not reason.strip():
            raise LedgerError("更正收文日期时必须写明理由")
        old = self.get(submission_id).received_on
        with self._tx() as cur:
            cur.execute("UPDATE submission SET receipt_date = ? WHERE id = ?", (day.isoformat(), submission_id))
            self._event(cur, submission_id, "receipt_date", actor or default_actor(), reason,
                        detail=f"{old.isoformat()} → {day.isoformat()}")
        return self.get(submission_id)

    def _event(self, cur: sqlite3.Cursor, sid: int, action: str, actor: str, reason: str = "", detail: str = "") -> None:
        """One entry in a submission's history, in the caller's transaction."""
        cur.execute(
            "INSERT INTO event (submission_id, at, action, actor, reason, detail) VALUES (?,?,?,?,?,?)",
            (sid, self._now(), action, actor, reason, detail),
        )
