"""The monthly 通报: 关于2017年3月份“主题党日”活动开展情况的通报.

基本情况 (the month's district figures in prose), 好的做法 (a few distinct practices from the
quarter's summaries, when any came: see `practices`), 存在的问题 with the units named (未报送,
未开展, 未按规定日期, 时长不足, 迟报, and the files that contradict each other, counted: see
`rollup.conflicts`), 下步要求, and an attachment table with one row per committee.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from themeday_office.domain.forms.kinds import FormKind
from themeday_office.ledger import Ledger
from themeday_office.render.documents.common import (
    Correction,
    Draft,
    Office,
    count,
    document,
    names,
    natural_date,
    pct,
)
from themeday_office.render.documents.practices import (
    GoodPractice,
    Reader,
    good_blocks,
    good_figures,
    pick,
)
from themeday_office.render.documents.practices import good_count as good_count  # the office layer's import
from themeday_office.render.documents.reminder import outstanding
from themeday_office.render.gbt9704 import (
    Attachment,
    Heading,
    Paragraph,
    Table,
    zh_date,
)
from themeday_office.rollup import DISTRICT, MonthRollup, RollupInputs, Tally

# 已开展/支部数 in one column keeps the rates' columns wide enough for "66.7%" on one line; the
# long rates' headers may take two lines, so that their columns are as wide as their figures and
# the committees' names get the room.
ATTACHMENT_COLUMNS = ["党（工）委", "已开展/支部数", "开展率", "按时\n开展率", "时长\n达标率", "参与率", "报送"]
ATTACHMENT_WIDTHS = [2.7, 1.35, 1.35, 1.35, 1.35, 1.35, 1.05]


def monthly_draft(office: Office, inputs: RollupInputs, r: MonthRollup, today: datetime.date,
                  ledger: Ledger | None = None, reader: Reader | None = None,
                  practices: Sequence[GoodPractice] | None = None) -> Draft:
    """The bulletin of month `r`. 好的做法 are `practices` when given (the clerk's choice among
    `good_practices(...)`), else the template's `good.count` most widely reported ones, read from
    the quarter's summaries when there is a `ledger` (their archived originals, through `reader`:
    pass an isolated reader's read_bytes)."""
    period = r.period
    wording = office.wording("monthly")
    district_date = office.calendar.district_date(period.year, period.number)
    values = office.common(year=period.year, month=period.number)
    # Natural date: ten days after the monthly reports were due.
    day = natural_date(today, district_date + datetime.timedelta(days=15))
    reviewing = under_review(ledger, inputs, r, day)
    r = replace(r, missing=tuple(c for c in r.missing if c not in reviewing))
    figures = bulletin_figures(r)
    figures["reviewing"] = list(reviewing)
    figures["district_date"] = district_date.isoformat()
    good = pick(inputs, period, wording, ledger, reader, practices)
    figures["good"] = good_figures(good)
    title = wording.text("title", **values)

    def build(number: str | None, correction: Correction | None):
        blocks: list = [
            Paragraph(wording.text("opening", **values)),
            Heading(1, wording.text("headings.basic", **values)),
        ]
        blocks += basic_paragraphs(wording, values, r, zh_date(district_date), reviewing)
        if reviewing:
            blocks.append(Paragraph(wording.text("basic.reviewing", units=names(reviewing), count=len(reviewing),
                                                 **values)))
        blocks += good_blocks(wording, values, good)
        blocks.append(Heading(1, wording.text("headings.problems", **values)))
        blocks += problem_blocks(wording, values, r, figures)
        blocks.append(Heading(1, wording.text("headings.requirements", **values)))
        blocks += [Paragraph(t) for t in wording.texts("requirements", **values)]
        blocks.append(Paragraph(wording.text("closing", **values)))
        attachment = Attachment(wording.text("attachment_title", **values),
                                [Table(ATTACHMENT_COLUMNS, committee_rows(r, reviewing), widths=ATTACHMENT_WIDTHS)])
        return document(office, wording, values, number, correction, title=title, blocks=blocks, date=day,
                        attachments=[attachment])

    return Draft(f"monthly/{period}", "monthly", str(period), title, day, figures, build)


def under_review(ledger: Ledger | None, inputs: RollupInputs, r: MonthRollup, as_of: datetime.date) -> tuple[str, ...]:
    """Committees without an accepted table whose table had arrived by `as_of` and waits for the
    clerk (待处理): they did send it, as the 催报通知 of the same day counts them, so the bulletin
    does not name them 未报送; their figures are not in it until the table is accepted."""
    if ledger is None or not r.missing:
        return ()
    owed = set(outstanding(ledger, inputs, r.period, as_of).units)
    return tuple(c for c in r.missing if c not in owed)


def bulletin_figures(r: MonthRollup) -> dict[str, Any]:
    """What the bulletin prints, for the ledger's record of an issued document."""
    d = r.district
    return {
        "district": {k: _plain(d.get(k)) for k in ("branches", "held", "not_held", "held_rate", "on_time_rate",
                                                  "duration_rate", "attendance_rate", "joint", "guiding", "own")},
        "committees": {c: {k: _plain(t.get(k)) for k in ("branches", "held", "held_rate", "on_time_rate",
                                                           "duration_rate", "attendance_rate")}
                       for c, t in r.views["committee"].items()},
        "missing": list(r.missing),
        "not_held": [[x.committee, x.branch, x.reason] for x in r.not_held],
        "off_date": {c: n for c, n in _shortfalls(r, "on_time_rate").items()},
        "short": {c: n for c, n in _shortfalls(r, "duration_rate").items()},
        "late": [[x.unit, x.form, x.days] for x in r.late],
        "conflicts": [[x.committee, x.kind, x.monthly.submission, x.other.submission] for x in r.conflicts],
    }


def _plain(f) -> Any:
    if f is None:
        return None
    return [f.numerator, f.denominator] if f.is_rate else f.numerator


def basic_paragraphs(wording, values: dict[str, Any], r: MonthRollup, district_date: str,
                     reviewing: Sequence[str] = ()) -> list[Paragraph]:
    d = r.district
    committees = len(r.views["committee"])
    if d["reported"].numerator == 0 and not d["held"].numerator:
        # None counted yet: "none received" only when none is being checked either (it says so next).
        return [] if reviewing else [Paragraph(wording.text("basic.none_reported", **values))]
    attendance = d["attendance_rate"]
    numbers = {
        "district_date": district_date,
        "committees": committees,
        "reported_committees": committees - len(r.missing),
        "branches": count(d["branches"]),
        "held": count(d["held"]),
        "not_held": count(d["not_held"]),
        "held_rate": pct(d["held_rate"]),
        "on_time": count(d["on_time_rate"]),
        "on_time_rate": pct(d["on_time_rate"]),
        "duration_ok": count(d["duration_rate"]),
        "duration_rate": pct(d["duration_rate"]),
        "expected": int(attendance.denominator or 0),
        "present": int(attendance.numerator),
        "attendance_rate": pct(attendance),
        "excused": count(d["excused"]),
        "observers": count(d["observers"]),
        "cadres": count(d["cadres"]),
        "joint": count(d["joint"]),
        "guiding": count(d["guiding"]),
        "own": count(d["own"]),
    }
    return [Paragraph(wording.text(f"basic.{key}", **numbers, **values)) for key in ("overview", "attendance", "mode")]


def _shortfalls(r: MonthRollup, column: str) -> dict[str, int]:
    """committee -> branches that met but not on a filed date (on_time_rate) or not for half a day."""
    out = {}
    for committee, tally in r.views["committee"].items():
        f = tally.get(column)
        if f is not None and f.denominator:
            short = int(f.denominator - f.numerator)
            if short:
                out[committee] = short
    return out


def problem_blocks(wording, values: dict[str, Any], r: MonthRollup, figures: dict[str, Any]) -> list:
    blocks: list = []

    def add(kind: str, **numbers: Any) -> None:
        blocks.append(Heading(2, wording.text(f"problems.{kind}_heading", **values)))
        blocks.append(Paragraph(wording.text(f"problems.{kind}", **numbers, **values)))

    if r.missing:
        add("missing", units=names(r.missing), count=len(r.missing))
    if r.not_held:
        by_committee: dict[str, list[str]] = defaultdict(list)
        for x in r.not_held:
            reason = x.reason if x.listed else "统计表中未列该支部"
            by_committee[x.committee].append(f"{x.branch}（{reason.rstrip('。')}）")
        items = "；".join(f"{c}{names(b)}" for c, b in by_committee.items())
        add("not_held", count=len(r.not_held), items=items)
    for kind in ("off_date", "short"):
        found = figures[kind]
        if found:
            items = names([f"{c}{n}个" for c, n in found.items()])
            add(kind, count=sum(found.values()), items=items)
    if r.late:
        items = "；".join(f"{x.unit}的{x.form}逾期{x.days}天报送" for x in r.late)
        add("late", items=items, count=len(r.late))
    if r.conflicts:
        add("conflicts", count=len(r.conflicts), items="；".join(x.brief for x in r.conflicts))
    if not blocks:
        blocks.append(Paragraph(wording.text("problems.none", **values)))
    return blocks


def committee_rows(r: MonthRollup, reviewing: Sequence[str] = ()) -> list[list[str | int]]:
    """One row per committee (roster order) and the district's total."""
    missing = set(r.missing)
    late = {x.unit for x in r.late if x.form == FormKind.MONTHLY.zh}
    rows: list[list[str | int]] = []
    for committee, t in r.views["committee"].items():
        if committee in missing:
            state = "未报送"
        elif committee in reviewing:
            state = "审核中"
        else:
            state = "迟报" if committee in late else "按时"
        rows.append(_row(committee, t, state))
    reported = len(r.views["committee"]) - len(missing)
    rows.append(_row(DISTRICT + "合计", r.district, f"{reported}/{len(r.views['committee'])}"))
    return rows


def _row(name: str, t: Tally, state: str) -> list[str | int]:
    return [name, f"{count(t['held'])}/{count(t['branches'])}", pct(t["held_rate"]), pct(t["on_time_rate"]),
            pct(t["duration_rate"]), pct(t["attendance_rate"]), state]
