"""The annual rating 通报: each committee's year score, its quarters' grades and the rating given,
with the seed's cap (活动开展不力的，不得评议为“优秀”) applied and explained unit by unit."""

from __future__ import annotations

import datetime
from typing import Any

from themeday_office.domain.scoring import Grade
from themeday_office.render.documents.common import (
    Correction,
    Draft,
    Office,
    document,
    natural_date,
    rate_text,
)
from themeday_office.render.documents.quarterly import ranking
from themeday_office.render.gbt9704 import Attachment, Cell, Heading, Paragraph, Table
from themeday_office.rollup import YearRollup

COLUMNS = ["名次", "党（工）委", "一季度", "二季度", "三季度", "四季度", "全年得分", "评定"]
WIDTHS = [0.9, 2.7, 1.1, 1.1, 1.1, 1.1, 1.5, 1.1]


def annual_draft(office: Office, y: YearRollup, rules, today: datetime.date) -> Draft:
    period = y.period
    wording = office.wording("annual")
    values = office.common(year=period.year)
    ranked = ranking({c: r.score.numerator for c, r in y.ratings.items()})
    rows: list[list[Cell]] = []
    for rank, c in ranked:
        r = y.ratings[c]
        quarters = [r.quarters[q].value if q in r.quarters else "—" for q in range(1, 5)]
        rating = r.grade.value + ("*" if r.rating.capped else "")
        rows.append([rank, c, *quarters, f"{r.score.numerator:.2f}", rating])
    capped = [(c, y.ratings[c]) for _, c in ranked if y.ratings[c].rating.capped]
    counts = {g: sum(1 for r in y.ratings.values() if r.grade is g) for g in Grade}
    figures: dict[str, Any] = {"ranking": rows, "capped": {c: list(r.rating.reasons) for c, r in capped}}
    title = wording.text("title", **values)
    day = natural_date(today, period.end + datetime.timedelta(days=15))

    def build(number: str | None, correction: Correction | None):
        blocks: list = [Paragraph(wording.text("opening", **values)),
                        Heading(1, wording.text("headings.result", **values)),
                        Paragraph(wording.text("result.text", count=len(ranked), excellent_n=counts[Grade.EXCELLENT],
                                               good_n=counts[Grade.GOOD], fair_n=counts[Grade.FAIR],
                                               poor_n=counts[Grade.POOR], **values)),
                        Heading(1, wording.text("headings.cap", **values)),
                        Paragraph(wording.text("cap.rule", floor=rate_text(rules.cap_held_rate_floor), **values))]
        if capped:
            items = "；".join(
                wording.text("cap.item", unit=c, reasons="；".join(_reason(x) for x in r.rating.reasons), **values)
                for c, r in capped
            )
            blocks.append(Paragraph(wording.text("cap.items", items=items, **values)))
        else:
            blocks.append(Paragraph(wording.text("cap.none", **values)))
        blocks.append(Heading(1, wording.text("headings.requirements", **values)))
        blocks += [Paragraph(t) for t in wording.texts("requirements", **values)]
        blocks.append(Paragraph(wording.text("closing", **values)))
        table_blocks: list = [Table(COLUMNS, rows, widths=WIDTHS)]
        if capped:
            table_blocks.append(Paragraph("注：标*的单位按得分应评为“优秀”，因活动开展不力评定为“良好”。"))
        attachment = Attachment(wording.text("attachment_title", **values), table_blocks)
        return document(office, wording, values, number, correction, title=title, blocks=blocks, date=day,
                        attachments=[attachment])

    return Draft(f"annual/{period}", "annual", str(period), title, day, figures, build)


def _reason(text: str) -> str:
    # The rating's reasons end with the rule itself; the document states the rule once.
    return text.split("，活动开展不力")[0]
