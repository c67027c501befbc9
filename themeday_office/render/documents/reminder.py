"""催报通知: the units whose required files for a period had not arrived by a date, to those units,
with the deadline and the department's contact.

A month owes each committee's monthly table, a quarter each committee's summary, a year each
committee's plan (due in the previous December; a cooperation group's plan goes to 区直机关工委 and is
never asked for). Who owes what is the rollup's own judgement (`missing`, `missing_summaries`,
`missing_plans`: the roster in force, names resolved as the rollup resolves them), run over the
files that had arrived by the date instead of the accepted ones:

- counted as arrived: a file received (收文日期, which the clerk may correct) on or before the date
  and now 已收到, 待处理, 已通过 or 已替代 (a version that a newer one replaced had still arrived);
- not counted: a file 已退回 with no version sent again, or 已隔离 (never read), or later than the date.

A batch offers the notice once the deadline has passed and someone is still missing, dated like
the batch's other documents: today, or for a period long past the date it would have had (that of
the period's 通报: a month's district date + 15 days, a quarter's end + 15 days; a year's plans, the
plan deadline + 15 days). Asked for by kind, it is drafted as of the date given (default today)
whenever someone is missing; before the deadline it asks for the files by the deadline. One
notice per period is a draft at a time: after it is issued, the next one drafted is a new notice
(`reminder/<period>/2`, …), not a correction of the first.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from themeday_office.domain.deadlines import monthly_deadline, plan_deadline, summary_deadline
from themeday_office.domain.forms.kinds import FormKind
from themeday_office.domain.period import Period
from themeday_office.ledger import Ledger, State
from themeday_office.render.documents.common import Correction, Draft, Office, document, names
from themeday_office.render.documents.wording import WordingError
from themeday_office.render.gbt9704 import Paragraph, zh_date
from themeday_office.rollup import RollupInputs, StoredReport, rollup_month, rollup_quarter, rollup_year

FOLDER = "催报通知"
# The form a period of each length owes.
OWED = {"month": FormKind.MONTHLY, "quarter": FormKind.SUMMARY, "year": FormKind.PLAN}
# States of a file that has arrived for the purpose of a reminder (see the module's docstring).
ARRIVED_STATES = (State.RECEIVED, State.VALID, State.INVALID, State.ACCEPTED, State.SUPERSEDED)


@dataclass(frozen=True)
class Outstanding:
    """Who had not sent the period's form by `as_of`, and when it was due."""

    period: Period
    form: FormKind
    as_of: datetime.date
    deadline: datetime.date
    units: tuple[str, ...]
    rejected: tuple[str, ...] = ()  # of `units`, those whose file was sent back and not sent again

    @property
    def overdue(self) -> bool:
        return self.as_of > self.deadline


def deadline_of(inputs: RollupInputs, period: Period) -> datetime.date:
    rules = inputs.rules
    if period.kind == "month":
        return monthly_deadline(period, rules.calendar, rules.deadlines)
    if period.kind == "quarter":
        return summary_deadline(period, rules.deadlines)
    return plan_deadline(period.year, rules.deadlines)


def outstanding(ledger: Ledger, inputs: RollupInputs, period: Period, as_of: datetime.date) -> Outstanding:
    """The units whose form for `period` had not arrived by `as_of`, in roster order."""
    form = OWED[period.kind]
    arrived = RollupInputs(inputs.rosters, (), lambda kind, p: _arrived(ledger, kind, p, form, as_of), inputs.rules)
    if period.kind == "month":
        units = rollup_month(arrived, period).missing
    elif period.kind == "quarter":
        units = rollup_quarter(arrived, period).missing_summaries
    else:
        units = rollup_year(arrived, period).missing_plans
    sent_back = {s.unit for s in ledger.submissions(kind=form.value, period=str(period), state=State.REJECTED.value)
                 if s.period == str(period) and s.received_on <= as_of}
    return Outstanding(period, form, as_of, deadline_of(inputs, period), tuple(units),
                       tuple(u for u in units if u in sent_back))


def _arrived(ledger: Ledger, kind: str, period: str, form: FormKind, as_of: datetime.date) -> list[StoredReport]:
    """The files of `form` for exactly `period` that count as arrived by `as_of`, oldest first, without rows
    (the rollup then counts who sent one; other kinds: none, so the months of a quarter cost nothing)."""
    if kind != form.value:
        return []
    states = ",".join(s.value for s in ARRIVED_STATES)
    subs = [s for s in ledger.submissions(kind=kind, period=period, state=states)
            if s.period == period and s.received_on <= as_of]
    return [StoredReport(s.id, s.kind, s.unit or "", s.period, s.received_on)
            for s in sorted(subs, key=lambda s: s.id)]


def natural_as_of(inputs: RollupInputs, period: Period) -> datetime.date:
    """The latest date a batch's notice is judged by and dated: the period's 通报 date (see above)."""
    if period.kind == "month":
        return inputs.rules.calendar.district_date(period.year, period.number) + datetime.timedelta(days=15)
    if period.kind == "quarter":
        return period.end + datetime.timedelta(days=15)
    return deadline_of(inputs, period) + datetime.timedelta(days=15)


def reminder_drafts(office: Office, ledger: Ledger, inputs: RollupInputs, period: Period, today: datetime.date,
                    *, as_of: datetime.date | None = None, asked: bool = False) -> list[Draft]:
    """The period's 催报通知: none when nobody is missing. Asked for (`asked`), as of `as_of` or today;
    in a batch, as of `as_of` or the earlier of today and the period's natural date, and only once the
    deadline has passed by then."""
    day = as_of or (today if asked else min(today, natural_as_of(inputs, period)))
    owed = outstanding(ledger, inputs, period, day)
    if not owed.units or (not asked and not owed.overdue):
        return []
    return [reminder_draft(office, ledger, owed)]


def reminder_draft(office: Office, ledger: Ledger, owed: Outstanding) -> Draft:
    wording = office.wording("reminder")
    part = owed.period.kind
    grace = wording.raw("grace_days")
    if not isinstance(grace, int) or isinstance(grace, bool) or grace < 0:
        raise WordingError(f"公文模板 {'、'.join(wording.sources)} 中“grace_days”应为不小于 0 的整数")
    values = office.common(
        period_zh=owed.period.zh, deadline=zh_date(owed.deadline), as_of=zh_date(owed.as_of),
        units=names(owed.units), count=len(owed.units), rejected=names(owed.rejected),
        reply_by=zh_date(owed.as_of + datetime.timedelta(days=grace)), contact=office.contact, phone=office.phone,
    )
    values["form"] = wording.text(f"{part}.form", **values)
    title = wording.text("title", **values)
    figures = {"period": str(owed.period), "form": owed.form.value, "as_of": owed.as_of.isoformat(),
               "deadline": owed.deadline.isoformat(), "units": list(owed.units)}

    def build(number: str | None, correction: Correction | None):
        blocks = [
            Paragraph(wording.text("rule", **values)),
            Paragraph(wording.text("missing", **values)
                      + (wording.text("rejected", **values) if owed.rejected else "")),
            Paragraph(wording.text(f"{part}.overdue" if owed.overdue else "ahead", **values)),
            Paragraph(wording.text("contact" if office.phone.strip() else "contact_no_phone", **values)),
        ]
        # Units of one kind: one 主送 entry, named with 、 (a list's entries are joined with ，).
        return document(office, wording, values, number, correction, title=title, blocks=blocks, date=owed.as_of,
                        addressees=[names(owed.units)])

    return Draft(_key(ledger, owed.period), "reminder", str(owed.period), title, owed.as_of, figures, build, FOLDER)


def _key(ledger: Ledger, period: Period) -> str:
    """The first of the period's notices not issued yet: its draft is rewritten, an issued one stays."""
    n = 1
    while (record := ledger.latest_document(f"reminder/{period}/{n}")) is not None and record.issued:
        n += 1
    return f"reminder/{period}/{n}"
