"""The annual rating 通报, in the monthly bulletin's order: 一、基本情况 (the method and the seed's
cap — 活动开展不力的，不得评议为“优秀” — the year's figures, the ratings), 二、好的做法 (from the four
quarters' summaries), 三、存在的问题 (plans, summaries and monthly tables not sent, branches that did
not meet, late forms, 较差 quarters and years, and the units capped with their reasons),
四、下步要求, and each committee's year score, quarters' grades and rating as the 附件."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Sequence
from typing import Any

from themeday_office.domain.scoring import Grade
from themeday_office.ledger import Ledger
from themeday_office.render.documents.assessed import (
    Problems,
    district_numbers,
    four_parts,
    grade_counts,
    grouped,
    missing_monthly_items,
    quarters_text,
    ranking,
    scored,
    thresholds,
    weights_text,
    who,
)
from themeday_office.render.documents.common import (
    Correction,
    Draft,
    Office,
    document,
    names,
    natural_date,
    rate_text,
)
from themeday_office.render.documents.practices import GoodPractice, Reader, good_figures, pick
from themeday_office.render.documents.wording import Wording
from themeday_office.render.gbt9704 import Attachment, Block, Cell, Paragraph, Table
from themeday_office.rollup import DISTRICT, RollupInputs, YearRollup

COLUMNS = ["名次", "党（工）委", "一季度", "二季度", "三季度", "四季度", "全年得分", "评定"]
WIDTHS = [0.9, 2.7, 1.1, 1.1, 1.1, 1.1, 1.5, 1.1]


def annual_draft(office: Office, y: YearRollup, rules, today: datetime.date, *,
                 inputs: RollupInputs | None = None, ledger: Ledger | None = None, reader: Reader | None = None,
                 practices: Sequence[GoodPractice] | None = None) -> Draft:
    """The rating 通报 of year `y`. 好的做法 are `practices` when given, else the template's
    good.count most widely reported ones of the four quarters' summaries (read through `ledger`
    and `reader`, as for the monthly bulletin; none without a ledger)."""
    period = y.period
    wording = office.wording("annual")
    values = office.common(year=period.year)
    scores = {c: r.score.numerator for c, r in y.ratings.items()}
    ranked = ranking(scores)
    rows: list[list[Cell]] = []
    for rank, c in ranked:
        r = y.ratings[c]
        quarters = [r.quarters[q].value if q in r.quarters else "—" for q in range(1, 5)]
        rating = r.grade.value + ("*" if r.rating.capped else "")
        rows.append([rank, c, *quarters, f"{r.score.numerator:.2f}", rating])
    capped = [(c, y.ratings[c]) for _, c in ranked if y.ratings[c].rating.capped]
    good = pick(inputs, period, wording, ledger, reader, practices) if inputs is not None else list(practices or ())
    figures: dict[str, Any] = {"ranking": rows, "capped": {c: list(r.rating.reasons) for c, r in capped},
                               "good": good_figures(good)}
    # The method, then the cap it ends with: one paragraph.
    method = (wording.text("method.text", weights=weights_text(rules), **thresholds(rules), **values)
              + wording.text("cap.rule", floor=rate_text(rules.cap_held_rate_floor), **values))
    plans = [p for p in y.plans if not p.is_group]
    figures_text = wording.text("basic.figures", **district_numbers(y.views["district"][DISTRICT]),
                                plans_due=len(plans), plans=sum(1 for p in plans if p.submission is not None),
                                **values)
    result = wording.text("result.text", count=len(ranked), **grade_counts(r.grade for r in y.ratings.values()),
                          **values)
    if not capped:
        result += wording.text("cap.none", **values)
    title = wording.text("title", **values)
    day = natural_date(today, period.end + datetime.timedelta(days=15))

    def build(number: str | None, correction: Correction | None):
        blocks = four_parts(wording, values, [method, figures_text, result], good,
                            lambda: problem_blocks(wording, values, y, ranked, scores))
        table_blocks: list[Block] = [Table(COLUMNS, rows, widths=WIDTHS)]
        if capped:
            table_blocks.append(Paragraph("注：标*的单位按得分应评为“优秀”，因活动开展不力评定为“良好”。"))
        attachment = Attachment(wording.text("attachment_title", **values), table_blocks)
        return document(office, wording, values, number, correction, title=title, blocks=blocks, date=day,
                        attachments=[attachment])

    return Draft(f"annual/{period}", "annual", str(period), title, day, figures, build)


def problem_blocks(wording: Wording, values: dict[str, Any], y: YearRollup, ranked: list[tuple[int, str]],
                   scores: dict[str, float]) -> list[Block]:
    """三、存在的问题: each kind of problem under its own heading, the units named."""
    problems = Problems(wording, values)
    everyone = len(ranked)
    if y.missing_plans:
        problems.add("missing_plans", units=names(y.missing_plans), count=len(y.missing_plans))
    summaries = grouped({q.period.number: q.missing_summaries for q in y.quarters})
    if summaries:
        items = "；".join(problems.text("problems.missing_summaries_item", quarters=quarters_text(qs),
                                        units=who(units, everyone)) for qs, units in summaries)
        problems.add("missing_summaries", items=items, count=sum(len(u) * len(qs) for qs, u in summaries))
    months = {m.period.number: m.missing for q in y.quarters for m in q.months}
    if any(months.values()):
        items, tables = missing_monthly_items(months, everyone)
        problems.add("missing_monthly", items=items, count=tables)
    not_held = Counter(x.committee for q in y.quarters for m in q.months for x in m.not_held)
    if not_held:
        problems.add("not_held", items=names([f"{c}{n}次" for c, n in not_held.items()]),
                     count=sum(not_held.values()))
    late = Counter(x.unit for x in (*y.late, *(x for q in y.quarters for x in q.late)))
    if late:
        problems.add("late", items=names([f"{u}{n}份" for u, n in late.items()]), count=sum(late.values()))
    order = {c: i for i, (_, c) in enumerate(ranked)}
    poor_quarters = grouped({q.period.number: sorted((c for c, a in q.assessments.items() if a.grade is Grade.POOR),
                                                        key=lambda c: order.get(c, len(order)))
                                for q in y.quarters})
    if poor_quarters:
        items = "；".join(problems.text("problems.poor_quarters_item", quarters=quarters_text(qs),
                                        units=who(units, everyone)) for qs, units in poor_quarters)
        problems.add("poor_quarters", items=items, count=len({c for _, u in poor_quarters for c in u}))
    poor = [c for _, c in ranked if y.ratings[c].grade is Grade.POOR]
    if poor:
        problems.add("poor", units=names(poor), items=scored(poor, scores), count=len(poor))
    capped = [(c, y.ratings[c]) for _, c in ranked if y.ratings[c].rating.capped]
    if capped:
        items = "；".join(
            problems.text("cap.item", unit=c, reasons="；".join(_reason(x) for x in r.rating.reasons))
            for c, r in capped
        )
        problems.item("headings.cap", "cap.items", items=items, count=len(capped))
    return problems.done()


def _reason(text: str) -> str:
    # The rating's reasons end with the rule itself; the document states the rule once.
    return text.split("，活动开展不力")[0]
