"""季度考核结果通报, in the monthly bulletin's order: 一、基本情况 (the method in one sentence, the
quarter's figures, the grades), 二、好的做法 (from the quarter's summaries), 三、存在的问题 (the units
named: summaries and monthly tables not sent, branches that did not meet, late forms, 一般 and
较差 grades, with the 优秀 cap a 较差 quarter brings), 四、下步要求, and the ranking as the 附件."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from themeday_office.domain.scoring import Grade
from themeday_office.ledger import Ledger
from themeday_office.render.documents.assessed import (
    QUARTER_ZH,
    Problems,
    district_numbers,
    four_parts,
    grade_counts,
    late_when,
    missing_monthly_items,
    ranking,
    scored,
    thresholds,
    weights_text,
)
from themeday_office.render.documents.common import Correction, Draft, Office, document, names, natural_date, pct
from themeday_office.render.documents.practices import GoodPractice, Reader, good_figures, pick
from themeday_office.render.documents.wording import Wording
from themeday_office.render.gbt9704 import Attachment, Block, Cell, Table
from themeday_office.rollup import DISTRICT, QuarterRollup, RollupInputs

__all__ = ["RANK_COLUMNS", "quarterly_draft", "ranking"]

RANK_COLUMNS = ["名次", "党（工）委", "开展率", "按时开展率", "参与率", "得分", "等次"]
RANK_WIDTHS = [0.9, 2.7, 1.35, 1.35, 1.35, 1.45, 1]


def quarterly_draft(office: Office, q: QuarterRollup, rules, today: datetime.date, *,
                    inputs: RollupInputs | None = None, ledger: Ledger | None = None, reader: Reader | None = None,
                    practices: Sequence[GoodPractice] | None = None) -> Draft:
    """The assessment 通报 of quarter `q`. 好的做法 are `practices` when given, else the template's
    good.count most widely reported ones of the quarter's summaries (read through `ledger` and
    `reader`, as for the monthly bulletin; none without a ledger)."""
    period = q.period
    wording = office.wording("quarterly")
    values = office.common(year=period.year, quarter_zh=QUARTER_ZH[period.number - 1], period_zh=period.zh)
    scores = {c: a.score.numerator for c, a in q.assessments.items()}
    ranked = ranking(scores)
    grades = {c: a.grade for c, a in q.assessments.items()}
    rows: list[list[Cell]] = []
    for rank, c in ranked:
        t = q.views["committee"][c]
        rows.append([rank, c, pct(t.get("held_rate")), pct(t.get("on_time_rate")), pct(t.get("attendance_rate")),
                     f"{scores[c]:.2f}", grades[c].value])
    poor = [c for _, c in ranked if grades[c] is Grade.POOR]
    good = pick(inputs, period, wording, ledger, reader, practices) if inputs is not None else list(practices or ())
    figures: dict[str, Any] = {"ranking": rows, "missing_summaries": list(q.missing_summaries), "capped": poor,
                               "good": good_figures(good)}
    method = wording.text("method.text", weights=weights_text(rules), **thresholds(rules), **values)
    figures_text = wording.text("basic.figures", **district_numbers(q.views["district"][DISTRICT]), **values)
    top = names([c for rank, c in ranked if rank == 1])
    result = wording.text("result.text", count=len(ranked), top=top, **grade_counts(grades.values()), **values)
    title = wording.text("title", **values)
    day = natural_date(today, period.end + datetime.timedelta(days=15))

    def build(number: str | None, correction: Correction | None):
        blocks = four_parts(wording, values, [method, figures_text, result], good,
                            lambda: problem_blocks(wording, values, q, ranked, scores))
        attachment = Attachment(wording.text("attachment_title", **values),
                                [Table(RANK_COLUMNS, rows, widths=RANK_WIDTHS)])
        return document(office, wording, values, number, correction, title=title, blocks=blocks, date=day,
                        attachments=[attachment])

    return Draft(f"quarterly/{period}", "quarterly", str(period), title, day, figures, build)


def problem_blocks(wording: Wording, values: dict[str, Any], q: QuarterRollup, ranked: list[tuple[int, str]],
                   scores: dict[str, float]) -> list[Block]:
    """三、存在的问题: each kind of problem under its own heading, the units named."""
    problems = Problems(wording, values)
    if q.missing_summaries:
        problems.add("missing_summaries", units=names(q.missing_summaries), count=len(q.missing_summaries))
    if any(m.missing for m in q.months):
        items, tables = missing_monthly_items({m.period.number: m.missing for m in q.months}, len(ranked))
        problems.add("missing_monthly", items=items, count=tables)
    not_held = [(m.period.number, x) for m in q.months for x in m.not_held]
    if not_held:
        branches: dict[tuple[int, str], list[str]] = defaultdict(list)
        for month, x in not_held:
            branches[(month, x.committee)].append(x.branch)
        items = "；".join(f"{month}月{c}的{names(b)}" for (month, c), b in branches.items())
        problems.add("not_held", items=items, count=len(not_held))
    if q.late:
        items = "；".join(f"{x.unit}{late_when(x.period)}的{x.form}逾期{x.days}天报送" for x in q.late)
        problems.add("late", items=items, count=len(q.late))
    grades = {c: a.grade for c, a in q.assessments.items()}
    fair = [c for _, c in ranked if grades[c] is Grade.FAIR]
    if fair:
        problems.add("fair", units=names(fair), items=scored(fair, scores), count=len(fair))
    poor = [c for _, c in ranked if grades[c] is Grade.POOR]
    if poor:
        problems.item("headings.cap", "cap.text", units=names(poor), items=scored(poor, scores), count=len(poor))
    return problems.done()
