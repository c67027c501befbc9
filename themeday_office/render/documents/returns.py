"""退回通知: one per rejected submission, to its unit: what was wrong and where, beside the return
package (outbox/退回/) that marks the same problems in the submitter's own file."""

from __future__ import annotations

import datetime
from pathlib import Path

from themeday_office.domain.period import Period
from themeday_office.ingest.classify import KIND_ZH
from themeday_office.ledger import Ledger, State, Submission
from themeday_office.render.documents.common import (
    Correction,
    Draft,
    Office,
    document,
    natural_date,
)
from themeday_office.render.gbt9704 import Cell, Paragraph, Table, zh_date
from themeday_office.render.submitter import RETURN_FOLDER, package_name
from themeday_office.render.submitter.error_list import notice_for

WIDTHS = [0.8, 2.2, 6, 1]


def period_of(sub: Submission) -> str:
    """The submission's period; a file whose period was never known belongs to its arrival month."""
    return sub.period or str(Period.containing(sub.arrived_at.date()))


def return_drafts(office: Office, ledger: Ledger, period: Period, outbox, today: datetime.date) -> list[Draft]:
    subs = [s for s in ledger.submissions(state=State.REJECTED.value) if period_of(s) == str(period)]
    return [return_draft(office, ledger, s.id, outbox, today) for s in sorted(subs, key=lambda s: s.id)]


def return_draft(office: Office, ledger: Ledger, submission_id: int, outbox, today: datetime.date) -> Draft:
    wording = office.wording("return")
    notice = notice_for(ledger, submission_id)
    sub = notice.submission
    rejected_on = next((e.at.date() for e in reversed(ledger.events(sub.id)) if e.action == "rejected"),
                       sub.arrived_at.date())
    written = written_package(sub, outbox)
    package = written.name if written is not None else None
    unit = sub.unit or "报送单位"
    try:
        period_zh = Period.parse(sub.period).zh if sub.period else ""
    except ValueError:
        period_zh = sub.period
    values = office.common(
        unit=unit, form=KIND_ZH.get(sub.kind, "") or "报送文件", file=sub.original_name,
        received=zh_date(sub.received_on), period_zh=period_zh, reason=notice.reason,
        errors=notice.errors, hints=len(notice.messages) - notice.errors, package=package or "",
        # "2处错误、1处提示", or "2处错误" alone: no "0处提示" in a letter.
        problems="、".join(f"{n}处{what}" for n, what in ((notice.errors, "错误"),
                                                         (len(notice.messages) - notice.errors, "提示")) if n)
        or "问题",
    )
    title = wording.text("title", **values)
    day = natural_date(today, rejected_on)
    rows: list[list[Cell]] = [
        [m.number, m.place or wording.text("whole_file"), m.text, m.severity] for m in notice.messages
    ]
    figures = {"submission": sub.id, "sha256": sub.sha256, "reason": notice.reason, "messages": rows,
               "package": package}

    def build(number: str | None, correction: Correction | None):
        blocks: list = [Paragraph(wording.text("opening", **values))]
        if notice.reason:
            blocks.append(Paragraph(wording.text("reason", **values)))
        blocks.append(Paragraph(wording.text("package" if package else "no_package", **values)))
        if rows:
            blocks.append(Table(wording.texts("columns"), rows, widths=WIDTHS))
        return document(office, wording, values, number, correction, title=title, blocks=blocks, date=day,
                        addressees=[unit])

    return Draft(f"return/{sub.id}", "return", period_of(sub), title, day, figures, build, RETURN_FOLDER)


def written_package(sub: Submission, outbox) -> Path | None:
    """The return package `on_rejected` wrote for `sub` into `outbox`/退回/, if it is there.

    The one place that knows where a package lies: the notice names it, the clerk's details
    show it and open it.
    """
    folder = Path(outbox) / RETURN_FOLDER
    for suffix in (".xlsx", ".docx"):
        path = folder / package_name(sub, suffix)
        if path.is_file():
            return path
    return None


def write_return_notice(office: Office, ledger: Ledger, submission_id: int, outbox, actor: str | None = None,
                        today: datetime.date | None = None):
    """Render the 退回通知 for one rejected submission now (`today`), under the next number; its path."""
    from themeday_office.render.documents.register import DocumentDesk

    draft = return_draft(office, ledger, submission_id, outbox, today or datetime.date.today())
    return DocumentDesk(ledger, office, outbox, actor).render(draft).path
