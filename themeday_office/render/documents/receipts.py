"""备案回执: one per accepted date adjustment (调整日期备案表) of a month, to the committee that filed it."""

from __future__ import annotations

import datetime

from themeday_office.domain.adjustments import FiledAdjustment
from themeday_office.domain.period import Period
from themeday_office.ledger import Ledger
from themeday_office.render.documents.common import (
    Correction,
    Draft,
    Office,
    document,
    names,
    natural_date,
)
from themeday_office.render.gbt9704 import Paragraph, zh_date

FOLDER = "备案回执"


def receipt_drafts(office: Office, ledger: Ledger, month: Period, today: datetime.date) -> list[Draft]:
    """The receipts of the month's accepted, current adjustments, in ledger order."""
    out = []
    for row in ledger.current_rows_of_kind("adjustment"):
        if row.period != str(month):
            continue
        out.append(receipt_draft(office, ledger, row.submission_id, FiledAdjustment.model_validate(row.data), today))
    return out


def receipt_draft(office: Office, ledger: Ledger, submission_id: int, adj: FiledAdjustment,
                  today: datetime.date) -> Draft:
    wording = office.wording("receipt")
    sub = ledger.get(submission_id)
    period = adj.period
    district_date = office.calendar.district_date(period.year, period.number)
    scope = wording.text("all_branches") if adj.branches is None else names(adj.branches)
    values = office.common(
        year=period.year, month=period.number, unit=adj.committee, district_date=zh_date(district_date),
        new_date=zh_date(adj.new_date), scope=scope, received=zh_date(sub.received_on), file=sub.original_name,
    )
    title = wording.text("title", **values)
    day = natural_date(today, sub.received_on + datetime.timedelta(days=1))
    figures = {"submission": submission_id, "committee": adj.committee, "period": str(period),
               "district_date": district_date.isoformat(), "new_date": adj.new_date.isoformat(),
               "branches": list(adj.branches) if adj.branches is not None else None}

    def build(number: str | None, correction: Correction | None):
        blocks = [Paragraph(t) for t in wording.texts("body", **values)]
        return document(office, wording, values, number, correction, title=title, blocks=blocks, date=day,
                        addressees=[adj.committee])

    return Draft(f"receipt/{submission_id}", "receipt", str(period), title, day, figures, build, FOLDER)
