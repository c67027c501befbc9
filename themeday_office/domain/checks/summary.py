"""Checks of a quarterly summary: whose it is, the usual sections, the date, on time."""

from __future__ import annotations

from themeday_office.domain.checks.branches import resolve_committee
from themeday_office.domain.checks.context import CheckContext, Outcome
from themeday_office.domain.checks.timeliness import late_arrival
from themeday_office.domain.codes import message
from themeday_office.domain.deadlines import summary_deadline
from themeday_office.domain.forms.kinds import FormKind
from themeday_office.domain.forms.summary import SECTIONS, SummaryReport
from themeday_office.domain.messages import Message


def check_summary(report: SummaryReport, ctx: CheckContext) -> Outcome:
    messages: list[Message] = []
    unit = resolve_committee(ctx.roster, report.unit, "报送单位", report.unit_place or report.place)
    if isinstance(unit, Message):
        messages.append(unit)
    for section in SECTIONS:
        if section not in report.sections:
            messages.append(message("summary_section_missing", report.place, section=section))
    if report.dated is None:
        messages.append(message("summary_date_missing", report.place))
    findings = []
    if not isinstance(unit, Message):
        deadline = summary_deadline(report.period, ctx.deadlines)
        findings = late_arrival(unit.name, report.period, FormKind.SUMMARY, ctx.arrived, deadline)
    return Outcome(messages=tuple(messages), findings=tuple(findings))
