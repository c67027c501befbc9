"""季度考核结果通报: each committee's score and grade, ranked; the 优秀 cap explained where a
committee's quarter was 较差 (it cannot then be rated 优秀 for the year)."""

from __future__ import annotations

import datetime
from typing import Any

from themeday_office.domain.scoring import COMPONENTS, Grade
from themeday_office.render.documents.common import (
    Correction,
    Draft,
    Office,
    document,
    names,
    natural_date,
    pct,
)
from themeday_office.render.gbt9704 import Attachment, Cell, Heading, Paragraph, Table
from themeday_office.rollup import QuarterRollup

_QUARTER_ZH = "一二三四"
RANK_COLUMNS = ["名次", "党（工）委", "开展率", "按时开展率", "参与率", "得分", "等次"]
RANK_WIDTHS = [0.9, 2.7, 1.35, 1.35, 1.35, 1.45, 1]


def ranking(scores: dict[str, float]) -> list[tuple[int, str]]:
    """(rank, committee) by score, highest first; equal scores share a rank (1, 1, 3)."""
    ordered = sorted(scores.items(), key=lambda kv: (-round(kv[1], 2), list(scores).index(kv[0])))
    out, rank, previous = [], 0, None
    for i, (committee, score) in enumerate(ordered, start=1):
        if previous is None or round(score, 2) != previous:
            rank = i
        previous = round(score, 2)
        out.append((rank, committee))
    return out


def quarterly_draft(office: Office, q: QuarterRollup, rules, today: datetime.date) -> Draft:
    period = q.period
    wording = office.wording("quarterly")
    values = office.common(year=period.year, quarter_zh=_QUARTER_ZH[period.number - 1], period_zh=period.zh)
    scores = {c: a.score.numerator for c, a in q.assessments.items()}
    ranked = ranking(scores)
    grades = {c: a.grade for c, a in q.assessments.items()}
    poor = [c for _, c in ranked if grades[c] is Grade.POOR]
    counts = {g: sum(1 for x in grades.values() if x is g) for g in Grade}
    rows: list[list[Cell]] = []
    for rank, c in ranked:
        t = q.views["committee"][c]
        rows.append([rank, c, pct(t.get("held_rate")), pct(t.get("on_time_rate")), pct(t.get("attendance_rate")),
                     f"{scores[c]:.2f}", grades[c].value])
    figures: dict[str, Any] = {"ranking": rows, "missing_summaries": list(q.missing_summaries), "capped": poor}
    weights = "，".join(f"{name}{rules.weights()[key]:g}" for key, name in COMPONENTS.items())
    title = wording.text("title", **values)
    day = natural_date(today, period.end + datetime.timedelta(days=15))

    def build(number: str | None, correction: Correction | None):
        blocks: list = [Paragraph(wording.text("opening", **values)),
                        Heading(1, wording.text("headings.method", **values)),
                        Paragraph(wording.text("method.text", weights=weights, excellent=f"{rules.excellent_from:g}",
                                               good=f"{rules.good_from:g}", fair=f"{rules.fair_from:g}", **values)),
                        Heading(1, wording.text("headings.result", **values)),
                        Paragraph(wording.text("result.text", count=len(ranked), excellent_n=counts[Grade.EXCELLENT],
                                               good_n=counts[Grade.GOOD], fair_n=counts[Grade.FAIR],
                                               poor_n=counts[Grade.POOR], top=ranked[0][1] if ranked else "",
                                               **values))]
        if q.missing_summaries:
            blocks.append(Paragraph(wording.text("result.missing_summaries", units=names(q.missing_summaries),
                                                 **values)))
        if poor:
            blocks += [Heading(1, wording.text("headings.cap", **values)),
                       Paragraph(wording.text("cap.text", units=names(poor), **values))]
        blocks.append(Heading(1, wording.text("headings.requirements", **values)))
        blocks += [Paragraph(t) for t in wording.texts("requirements", **values)]
        blocks.append(Paragraph(wording.text("closing", **values)))
        attachment = Attachment(wording.text("attachment_title", **values),
                                [Table(RANK_COLUMNS, rows, widths=RANK_WIDTHS)])
        return document(office, wording, values, number, correction, title=title, blocks=blocks, date=day,
                        attachments=[attachment])

    return Draft(f"quarterly/{period}", "quarterly", str(period), title, day, figures, build)
