"""Checks of one branch's activity record.

The findings are the same as for the branch's row in the monthly table; rollups count
the monthly table, and a record's findings are shown when it is checked.
"""

from __future__ import annotations

from themeday_office.domain.checks.activity import activity_findings, activity_messages
from themeday_office.domain.checks.branches import resolve_branch, resolve_committee
from themeday_office.domain.checks.context import CheckContext, Outcome
from themeday_office.domain.forms.record import RecordForm
from themeday_office.domain.messages import Finding, Message
from themeday_office.domain.roster.model import Branch


def check_record(form: RecordForm, ctx: CheckContext) -> Outcome:
    messages: list[Message] = []
    r = form.record
    committee: str | None = None
    if r.committee:
        unit = resolve_committee(ctx.roster, r.committee, "所属党(工)委", r.place("所属党(工)委"))
        if isinstance(unit, Message):
            messages.append(unit)
        else:
            committee = unit.name
    resolved = resolve_branch(ctx.roster, r.branch, committee, r.place("党支部名称"))
    branch: Branch | None = None
    if isinstance(resolved, Message):
        messages.append(resolved)
    else:
        branch = resolved
    messages.extend(activity_messages(r, form.period, ctx, branch))
    findings: list[Finding] = activity_findings(r, form.period, ctx, branch) if branch else []
    return Outcome(messages=tuple(messages), findings=tuple(findings))
