"""A period's documents in one batch: which drafts a month, a quarter or a year has, and writing them.

    office = Office.of(workspace)
    drafts = plan(office, ledger, inputs, Period.parse("2017-03"), today=date.today())
    for result in render_all(DocumentDesk(ledger, office, workspace.outbox), drafts):
        ...
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path

from themeday_office.domain.period import Period
from themeday_office.ledger import Ledger
from themeday_office.render.documents.annual import annual_draft
from themeday_office.render.documents.common import Draft, Office
from themeday_office.render.documents.monthly import monthly_draft
from themeday_office.render.documents.practices import good_practices
from themeday_office.render.documents.quarterly import quarterly_draft
from themeday_office.render.documents.receipts import receipt_drafts
from themeday_office.render.documents.register import DocumentDesk, Rendered
from themeday_office.render.documents.reminder import reminder_drafts
from themeday_office.render.documents.returns import return_drafts
from themeday_office.render.documents.themes_notice import themes_draft
from themeday_office.rollup import (
    RollupInputs,
    rollup_month,
    rollup_quarter,
    rollup_year,
)

KIND_ZH = {
    "monthly": "月度通报",
    "quarterly": "季度考核通报",
    "annual": "年度评定通报",
    "themes": "指导性主题通知",
    "receipt": "备案回执",
    "return": "退回通知",
    "reminder": "催报通知",
}
# The kinds a period of each length has, in the order a batch writes them. A reminder (催报通知) is
# in a batch only once the period's deadline has passed with units missing (see `reminder`).
PERIOD_KINDS = {
    "month": ("monthly", "receipt", "return", "reminder"),
    "quarter": ("quarterly", "return", "reminder"),
    "year": ("annual", "themes", "return", "reminder"),
}


class PlanError(Exception):
    """str() is the clerk-facing Chinese reason."""


def plan(office: Office, ledger: Ledger, inputs: RollupInputs, period: Period, *, today: datetime.date,
         kinds: Iterable[str] | None = None, outbox: Path | None = None,
         reader: Callable[[bytes, str], object] | None = None, as_of: datetime.date | None = None,
         practices: Collection[str] | None = None) -> list[Draft]:
    """The period's drafts of the given kinds (all the period has, by default). `reader` reads archived
    summaries again for the 通报's good practices (an isolated reader's read_bytes in the CLI);
    `practices` are the keys (`GoodPractice.key`) of the ones the clerk chose for the month's,
    quarter's or year's 通报 (default: the template's).
    `as_of` is the date the 催报通知 judges arrivals by and is dated (default: today when asked for by
    kind; in a whole batch, the earlier of today and the period's natural date, and only after the deadline)."""
    allowed = PERIOD_KINDS[period.kind]
    wanted = tuple(kinds) if kinds else allowed
    wrong = [k for k in wanted if k not in allowed]
    if wrong:
        what = {"month": "月份", "quarter": "季度", "year": "年度"}[period.kind]
        raise PlanError(f"{what}没有这类公文：{'、'.join(KIND_ZH.get(k, k) for k in wrong)}；"
                        f"可选：{'、'.join(f'{k}（{KIND_ZH[k]}）' for k in allowed)}")
    drafts: list[Draft] = []
    rules = inputs.rules.assessment
    for kind in allowed:
        if kind not in wanted:
            continue
        # The clerk's choice of 好的做法, by key, among the period's summaries' practices.
        chosen = None if practices is None or kind not in ("monthly", "quarterly", "annual") else [
            p for p in good_practices(inputs, period, ledger, reader) if p.key in practices]
        if kind == "monthly":
            drafts.append(monthly_draft(office, inputs, rollup_month(inputs, period), today, ledger, reader, chosen))
        elif kind == "quarterly":
            drafts.append(quarterly_draft(office, rollup_quarter(inputs, period), rules, today, inputs=inputs,
                                          ledger=ledger, reader=reader, practices=chosen))
        elif kind == "annual":
            drafts.append(annual_draft(office, rollup_year(inputs, period), rules, today, inputs=inputs,
                                       ledger=ledger, reader=reader, practices=chosen))
        elif kind == "themes":
            themes = office.themes(period.year)
            if themes is None:
                raise PlanError(f"没有{period.year}年的指导性主题表：请用 themeday themes import 导入，"
                                f"或放在 themes/{period.year}.toml")
            drafts.append(themes_draft(office, themes, today))
        elif kind == "receipt":
            drafts += receipt_drafts(office, ledger, period, today)
        elif kind == "return":
            drafts += return_drafts(office, ledger, period, outbox or Path("outbox"), today)
        elif kind == "reminder":
            drafts += reminder_drafts(office, ledger, inputs, period, today, as_of=as_of, asked=bool(kinds))
    return drafts


def render_all(desk: DocumentDesk, drafts: list[Draft], *, correct: bool = False, number: int | None = None,
               progress: Callable[[Draft], None] | None = None) -> Iterator[Rendered]:
    """Render each draft in turn (issued ones are left alone unless `correct`)."""
    if number is not None and len(drafts) != 1:
        raise PlanError(f"指定发文字号时一次只能生成一份公文，本次有 {len(drafts)} 份：请用 --kind 选定")
    for draft in drafts:
        if progress:
            progress(draft)
        yield desk.render(draft, correct=correct, number=number)
