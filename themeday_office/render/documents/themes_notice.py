"""年度指导性主题通知: the year's district dates and numbered themes, as in the seed's table."""

from __future__ import annotations

import datetime

from themeday_office.domain.themes import YearThemes
from themeday_office.render.documents.common import (
    Correction,
    Draft,
    Office,
    document,
    natural_date,
)
from themeday_office.render.documents.wording import WordingError
from themeday_office.render.gbt9704 import Attachment, Paragraph, Table, zh_date

WIDTHS = [1, 1.5, 7]


def themes_draft(office: Office, themes: YearThemes, today: datetime.date) -> Draft:
    year = themes.year
    wording = office.wording("themes")
    day_of_december = wording.raw("day_of_december")
    if not isinstance(day_of_december, int) or not 1 <= day_of_december <= 31:
        raise WordingError("指导性主题通知.toml 中 day_of_december 应为 1–31 的整数")
    natural = datetime.date(year - 1, 12, day_of_december)
    plan_due = datetime.date(year - 1, 12, 30)
    values = office.common(year=year, plan_due=zh_date(plan_due))
    rows = []
    for m in sorted(themes.months, key=lambda m: m.month):
        day = m.day or office.calendar.district_date(year, m.month)
        items = "；".join(f"{n}.{item}" for n, item in enumerate(m.items, start=1)) + "。"
        rows.append([f"{m.month}月", f"{day.month}月{day.day}日", items])
    title = wording.text("title", **values)
    day = natural_date(today, natural)
    figures = {"year": year, "rows": rows}

    def build(number: str | None, correction: Correction | None):
        blocks = [Paragraph(t) for t in wording.texts("body", **values)]
        attachment = Attachment(wording.text("attachment_title", **values),
                                [Table(wording.texts("columns"), rows, widths=WIDTHS)])
        return document(office, wording, values, number, correction, title=title, blocks=blocks, date=day,
                        attachments=[attachment])

    return Draft(f"themes/{year}", "themes", str(year), title, day, figures, build)
