"""The rollup tests' small districts, with their documents drafted; and every document rendered
by LibreOffice once per session for the layout measurements.

The first quarter (tests/rollup `build_q1`) gets one more file: 区直机关工委's March table with
实到 above 应到, which the clerk rejects — so March also has a 退回通知, beside its return package.
The year (`build_year`) gets one more: 区发改委党委's third-quarter summary, with a practice of its
own, so that the annual 通报's 好的做法 come from more than one quarter.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.render.conftest import _require_tools
from tests.render.pdf_probe import TextPage, convert_to_pdf, text_pages
from tests.rollup.conftest import (
    FAGAI,
    GONGWEI,
    MAR,
    Q1,
    Q1World,
    YearWorld,
    build_q1,
    build_year,
    committee,
)
from tests.rollup.files import Row, write_monthly, write_summary
from themeday_office.domain.period import Period
from themeday_office.render.documents import Draft, Office, plan
from themeday_office.render.gbt9704 import write_docx
from themeday_office.render.submitter import on_rejected

TODAY = datetime.date(2026, 1, 5)  # long after 2017: every document keeps its period's natural date
REJECT_REASON = "实到人数大于应到人数，请核实后重报"
Q3 = Period.of_quarter(2017, 3)
FAGAI_PRACTICE = "（一）建强支部阵地。每个支部都有固定活动场所，做到有场地、有设施、有标识。"


@dataclass
class World:
    q1: Q1World
    year: YearWorld
    rejected: int
    package: Path
    drafts: dict[str, list[Draft]] = field(default_factory=dict)

    @property
    def office(self) -> Office:
        return Office.of(self.q1.desk.workspace)


def build_world(root: Path) -> World:
    q1 = build_q1(root / "q1")
    desk = q1.desk
    bad = write_monthly(desk.inbox / "工委3月.xlsx", GONGWEI, MAR,
                        [Row("区直机关工委机关党支部", datetime.date(2017, 3, 10), expected=9, present=12)])
    sub = desk.receive(bad, datetime.date(2017, 3, 14))
    desk.now = datetime.datetime(2017, 3, 15, 9)
    desk.ledger.reject(sub.id, "测试员", REJECT_REASON)
    package = on_rejected(desk.ledger, sub.id, desk.workspace.outbox)
    assert package is not None  # the submission was just rejected
    year = build_year(root / "year")
    arrives = datetime.date(2017, 10, 9)
    year.desk.receive(write_summary(year.desk.inbox / "发改委总结3.docx", committee(FAGAI, "区直机关"), Q3, arrives,
                                    practices=(FAGAI_PRACTICE,)), arrives)
    return World(q1, year, sub.id, package)


def drafts_of(world: World) -> dict[str, list[Draft]]:
    q1_desk, year_desk = world.q1.desk, world.year.desk
    q1_office, year_office = Office.of(q1_desk.workspace), Office.of(year_desk.workspace)
    out: dict[str, list[Draft]] = {}
    for office, desk, period in (
        (q1_office, q1_desk, MAR),
        (q1_office, q1_desk, Q1),
        (year_office, year_desk, Period.of_year(2017)),
    ):
        drafts = plan(office, desk.ledger, desk.inputs(), period, today=TODAY, outbox=desk.workspace.outbox)
        for d in drafts:
            out.setdefault(d.kind, []).append(d)
    return out


@pytest.fixture(scope="session")
def world(tmp_path_factory) -> Iterator[World]:
    w = build_world(tmp_path_factory.mktemp("documents"))
    w.drafts = drafts_of(w)
    yield w
    w.q1.desk.ledger.close()
    w.year.desk.ledger.close()


@dataclass(frozen=True)
class Rendered:
    docx: Path
    pdf: Path
    pages: list[TextPage]


LAYOUT_KINDS = ("monthly", "quarterly", "annual", "themes", "receipt", "return")


@pytest.fixture(scope="session")
def rendered_documents(world, tmp_path_factory) -> dict[str, Rendered]:
    """kind -> its first document, numbered 1, written and converted (one LibreOffice run for all)."""
    _require_tools()
    work = tmp_path_factory.mktemp("documents-pdf")
    docx = {}
    for n, kind in enumerate(LAYOUT_KINDS, start=1):
        draft = world.drafts[kind][0]
        docx[kind] = write_docx(draft.build(f"惠组〔{draft.date.year}〕{n}号", None), work / f"{kind}.docx")
    pdfs = convert_to_pdf(list(docx.values()), work, work / "lo-profile")
    return {kind: Rendered(path, pdf, text_pages(pdf)) for (kind, path), pdf in zip(docx.items(), pdfs, strict=False)}
