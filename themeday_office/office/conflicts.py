"""A submission's conflicts with the committee's other files, for `themeday show` and the app's
details: found by `rollup.conflicts` over the ledger's accepted, current rows, as the rollup
finds them, and told from this file's side (naming the other file, the field and both values).
"""

from __future__ import annotations

from dataclasses import dataclass

from themeday_office.domain.forms.kinds import FormKind
from themeday_office.domain.period import Period
from themeday_office.ledger import Ledger, State
from themeday_office.rollup.conflicts import KINDS, Conflict, find_conflicts
from themeday_office.rollup.inputs import read_evidence

_KINDS = frozenset(k.value for k in KINDS)
HEADING = "与其他文件不一致"
# Said once under the conflicts: the rollup keeps counting the monthly table.
COUNTING = "汇总以月度开展情况统计表为准"


@dataclass(frozen=True)
class ConflictLine:
    """One conflict as this submission shows it."""

    field: str  # 活动日期, 应到人数, …
    subject: str  # the branch(es), or the committee
    mine: str  # this file's value
    other_id: int
    other_name: str  # the other file's name as received
    other_form: str  # its form's Chinese name
    theirs: str  # the other file's value
    sentence: str


@dataclass(frozen=True)
class SubmissionConflicts:
    submission: int
    lines: tuple[ConflictLine, ...] = ()

    @property
    def sentences(self) -> tuple[str, ...]:
        return tuple(line.sentence for line in self.lines)


def submission_conflicts(ledger: Ledger, submission_id: int) -> SubmissionConflicts:
    """The conflicts of one accepted, current monthly table, record, adjustment filing or plan
    (none for any other submission: only those count). LedgerError if the id is unknown."""
    sub = ledger.get(submission_id)
    if sub.state is not State.ACCEPTED or not sub.current or sub.kind not in _KINDS or not sub.period:
        return SubmissionConflicts(submission_id)
    try:
        period = Period.parse(sub.period)
    except ValueError:
        return SubmissionConflicts(submission_id)
    found = find_conflicts(read_evidence(ledger, period.months()))
    return SubmissionConflicts(
        submission_id, tuple(_line(c, submission_id) for c in found if c.involves(submission_id))
    )


def _line(conflict: Conflict, submission_id: int) -> ConflictLine:
    mine, theirs = ((conflict.monthly, conflict.other) if conflict.monthly.submission == submission_id
                    else (conflict.other, conflict.monthly))
    return ConflictLine(
        field=conflict.field,
        subject=conflict.subject,
        mine=mine.value,
        other_id=theirs.submission,
        other_name=theirs.name,
        other_form=FormKind(theirs.form).zh,
        theirs=theirs.value,
        sentence=conflict.seen_from(submission_id),
    )
