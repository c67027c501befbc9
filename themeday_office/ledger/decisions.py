"""The clerk's decisions on a submission: accept, reject, correct its receipt date.

Every change of state goes through `_move`, along a row of states.py's table, and writes its
history entry (an event) in the same transaction; anything else is refused with the table's
Chinese reason. A decision carries its consequences for the other versions of the same kind,
unit and period: accepting supersedes the current version, rejecting the current version
restores the one it replaced.

A decision is made on the state the clerk saw (`seen`, else the state read when the call
begins). If another desk, the watcher or a command changed it before this transaction got the
write lock, nothing changes and StaleDecision says who did what when.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from themeday_office.ledger.database import Cursor, Row, default_actor
from themeday_office.ledger.records import ACTION_ZH, STATE_ZH, LedgerError, StaleDecision, State, Submission
from themeday_office.ledger.states import By, change, refusal, refusal_of
from themeday_office.ledger.submissions import SubmissionReads


class Decisions(SubmissionReads):
    """Accept, reject and receipt-date corrections, each with its history entry."""

    def accept(self, submission_id: int, actor: str | None = None, reason: str = "",
               seen: State | None = None) -> Submission:
        sub = self.get(submission_id)
        self._still(sub, seen)
        if why := refusal(sub, State.ACCEPTED, reason):
            raise LedgerError(why)
        with self._tx() as cur:
            self._unchanged_in(cur, submission_id, seen or sub.state)
            newest = cur.execute(
                "SELECT MAX(version) FROM submission WHERE kind = ? AND unit = ? AND period = ? AND is_current = 1",
                (sub.kind, sub.unit, sub.period),
            ).fetchone()[0]
            if sub.kind and newest is not None and newest > sub.version:
                raise LedgerError(f"编号 {submission_id} 是第{sub.version}版，早于现行的第{newest}版，不能再采用")
            self._accept(cur, submission_id, actor or default_actor(), reason)
        return self.get(submission_id)

    def _accept(self, cur: Cursor, sid: int, actor: str, reason: str,
                known: tuple[tuple[str, str, str], State] | None = None) -> int:
        """Accept `sid`, superseding the current version of its kind, unit and period; how many it
        superseded. `known`: its (kind, unit, period) and state, when the caller has just written them."""
        superseded = 0
        if known is None:
            kind, unit, period = cur.execute("SELECT kind, unit, period FROM submission WHERE id = ?",
                                             (sid,)).fetchone()
        else:
            (kind, unit, period), _ = known
        if kind and unit and period:
            for (old,) in cur.execute(
                "SELECT id FROM submission WHERE kind = ? AND unit = ? AND period = ? AND is_current = 1 AND id != ?",
                (kind, unit, period, sid),
            ).fetchall():
                self._move(cur, old, State.SUPERSEDED, By.LEDGER, actor, detail=f"由编号 {sid} 替代")
                superseded += 1
        self._move(cur, sid, State.ACCEPTED, By.CLERK, actor, reason, source=known[1] if known else None)
        return superseded

    def reject(self, submission_id: int, actor: str | None = None, reason: str = "",
               seen: State | None = None) -> Submission:
        sub = self.get(submission_id)
        self._still(sub, seen)
        if why := refusal(sub, State.REJECTED, reason):
            raise LedgerError(why)
        actor = actor or default_actor()
        with self._tx() as cur:
            self._unchanged_in(cur, submission_id, seen or sub.state)
            self._move(cur, submission_id, State.REJECTED, By.CLERK, actor, reason)
            if sub.current:
                # The version this one replaced counts again.
                prev = cur.execute(
                    "SELECT id FROM submission WHERE kind = ? AND unit = ? AND period = ? AND state = ?"
                    " ORDER BY version DESC LIMIT 1",
                    (sub.kind, sub.unit, sub.period, State.SUPERSEDED.value),
                ).fetchone()
                if prev:
                    self._move(cur, prev[0], State.ACCEPTED, By.LEDGER, actor, detail=f"编号 {submission_id} 被退回")
        return self.get(submission_id)

    def _still(self, sub: Submission, seen: State | None) -> None:
        if seen is not None and sub.state is not seen:
            raise StaleDecision(self._changed_by(sub.id, self._query, sub.state))

    def _unchanged_in(self, cur: Cursor, sid: int, seen: State) -> None:
        """In the decision's transaction: the state is still the one the decision was made on."""
        now = State(cur.execute("SELECT state FROM submission WHERE id = ?", (sid,)).fetchone()[0])
        if now is not seen:
            raise StaleDecision(self._changed_by(sid, lambda sql, p: cur.execute(sql, p).fetchall(), now))

    @staticmethod
    def _changed_by(sid: int, query: Callable[[str, Sequence[object]], list[Row]], now: State) -> str:
        """编号 12 已由 王芳 于 10:42 退回，请刷新后再处理 (from the newest history entry)."""
        rows = query("SELECT action, actor, at FROM event WHERE submission_id = ? ORDER BY id DESC LIMIT 1", (sid,))
        if not rows:
            return f"编号 {sid} 的状态已变为“{STATE_ZH[now]}”，请刷新后再处理"
        action, actor, at = rows[0]
        when = str(at)[11:16] if len(str(at)) >= 16 else str(at)
        done = ACTION_ZH.get(action, action)
        return f"编号 {sid} 已由 {actor} 于 {when} {done}，现为“{STATE_ZH[now]}”，请刷新后再处理"

    def _move(self, cur: Cursor, sid: int, target: State, by: By, actor: str, reason: str = "",
              detail: str = "", source: State | None = None) -> None:
        """Move `sid` to `target` along a row of the table, with that row's history entry.

        The state is read again in the transaction: another process may have decided since the
        caller looked, and the table is asked about the state the change really starts from."""
        if source is None:  # given only for a row written in this same transaction
            source = State(cur.execute("SELECT state FROM submission WHERE id = ?", (sid,)).fetchone()[0])
        row = change(source, target, by)
        if row is None:
            raise LedgerError(refusal_of(sid, source, target, by))
        # The accepted version is the current one: is_current follows the state.
        cur.execute("UPDATE submission SET state = ?, is_current = ? WHERE id = ?",
                    (target.value, int(target is State.ACCEPTED), sid))
        self._event(cur, sid, row.event, actor, reason, detail)

    def set_receipt_date(self, submission_id: int, day: date, reason: str, actor: str | None = None) -> Submission:
        if not reason.strip():
            raise LedgerError("更正收文日期时必须写明理由")
        old = self.get(submission_id).received_on
        with self._tx() as cur:
            cur.execute("UPDATE submission SET receipt_date = ? WHERE id = ?", (day.isoformat(), submission_id))
            self._event(cur, submission_id, "receipt_date", actor or default_actor(), reason,
                        detail=f"{old.isoformat()} → {day.isoformat()}")
        return self.get(submission_id)

    def _event(
        self, cur: Cursor, sid: int, action: str, actor: str, reason: str = "", detail: str = ""
    ) -> None:
        """One entry in a submission's history, in the caller's transaction."""
        cur.execute(
            "INSERT INTO event (submission_id, at, action, actor, reason, detail) VALUES (?,?,?,?,?,?)",
            (sid, self._now(), action, actor, reason, detail),
        )
