"""What every document builder shares: the office's names, the date, number formats, the draft."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from themeday_office.domain.calendar import DistrictCalendar
from themeday_office.domain.themes import YearThemes
from themeday_office.render.documents.wording import Wording, WordingError, leftover_placeholder, load_wording
from themeday_office.render.gbt9704 import (
    Attachment,
    Block,
    DocumentStyle,
    Heading,
    OfficialDocument,
    Paragraph,
    Table,
)
from themeday_office.rollup import Figure


@dataclass(frozen=True)
class Office:
    """Who issues the documents and how: the workspace's settings, read once."""

    organ: str = "中共郑州市惠济区委组织部"
    prefix: str = "惠组"
    district: str = "惠济区"
    contact: str = "区委组织部组织科"  # who units call about a document (催报通知)
    phone: str = ""
    style: DocumentStyle = field(default_factory=DocumentStyle)
    calendar: DistrictCalendar = field(default_factory=DistrictCalendar)
    templates_dir: Path | None = None  # the workspace's templates folder (its 公文/ overrides the wording)
    themes: Callable[[int], YearThemes | None] = lambda year: None

    @classmethod
    def of(cls, workspace) -> Office:
        s = workspace.settings
        return cls(organ=s.district.organ, prefix=s.district.doc_prefix, district=s.district.name,
                   contact=s.district.contact, phone=s.district.phone, style=s.document,
                   calendar=workspace.calendar, templates_dir=workspace.templates, themes=workspace.themes)

    def wording(self, kind: str) -> Wording:
        return load_wording(kind, self.templates_dir)

    def common(self, **more: Any) -> dict[str, Any]:
        return {"organ": self.organ, "district": self.district, **more}


@dataclass(frozen=True)
class Correction:
    """What a correcting document says it corrects."""

    number: str
    title: str


@dataclass(frozen=True)
class Draft:
    """One document a batch writes: how to build it with its number, and the figures it prints.

    `key` names what it is about (the ledger keeps one current document per key), `folder`
    is the outbox subfolder, `date` the 成文日期 (its year is the number's year).
    """

    key: str
    kind: str
    period: str
    title: str
    date: datetime.date
    figures: dict[str, Any]
    build: Callable[[str | None, Correction | None], OfficialDocument]
    folder: str = ""


def pct(f: Figure | None) -> str:
    """A rate as every document writes it: one decimal (95.0%), except 0% and 100% themselves;
    — when nothing was there to divide by."""
    if f is None or f.rate is None:
        return "—"
    return rate_text(f.rate)


def rate_text(rate: float) -> str:
    """0.95 -> 95.0%; exactly 0 and 1 -> 0% and 100%; a rate just short of them never reads as
    either (99.96% -> 99.9%, 0.04% -> 0.1%)."""
    if rate <= 0:
        return "0%"
    if rate >= 1:
        return "100%"
    tenths = min(999, max(1, round(rate * 1000)))
    return f"{tenths / 10:.1f}%"


def count(f: Figure | None) -> int | float:
    if f is None:
        return 0
    n = f.numerator
    return int(n) if float(n).is_integer() else round(n, 2)


def names(items: Sequence[str]) -> str:
    """A list of names in prose: 甲、乙、丙."""
    return "、".join(items)


def natural_date(today: datetime.date, natural: datetime.date) -> datetime.date:
    """The 成文日期: today, unless the period's natural date is earlier (documents about a past
    period rendered long after it keep the date they would have had)."""
    return min(today, natural)


def document(
    office: Office,
    wording: Wording,
    values: dict[str, Any],
    number: str | None,
    correction: Correction | None,
    *,
    title: str,
    blocks: Sequence[Block],
    date: datetime.date,
    addressees: Sequence[str] | None = None,
    attachments: Sequence[Attachment] = (),
) -> OfficialDocument:
    """An OfficialDocument with the template's 主送, 抄送, 印发机关 and seal, and the correction note first."""
    _refuse_placeholders(title, blocks, attachments)
    if correction is not None:
        note = wording.text("correction", old_number=correction.number, old_title=correction.title, **values)
        blocks = [Paragraph(note), *blocks]
    return OfficialDocument(
        organ_mark=office.organ + "文件",
        doc_number=number,
        title=title,
        addressees=list(addressees) if addressees is not None else wording.texts("addressees", **values),
        blocks=list(blocks),
        signature_organ=office.organ,
        date=date,
        issuer=wording.text("issuer", **values),
        issue_date=date,
        sealed=wording.flag("sealed"),
        copy_to=wording.texts("copy_to", **values),
        attachments=list(attachments),
    )


def _refuse_placeholders(title: str, blocks: Sequence[Block], attachments: Sequence[Attachment]) -> None:
    """The last net: no text of the document (figures and names included) holds a placeholder."""
    def texts():
        yield "标题", title
        for where, items in (("正文", blocks), *((f"附件“{a.title}”", a.blocks) for a in attachments)):
            for block in items:
                if isinstance(block, (Heading, Paragraph)):
                    yield where, block.text
                elif isinstance(block, Table):
                    for row in (block.columns, *block.rows):
                        for cell in row:
                            yield where + "的表格", str(cell)
    for where, text in texts():
        if found := leftover_placeholder(text):
            excerpt = text if len(text) <= 30 else text[:30] + "……"
            raise WordingError(
                f"《{title}》{where}中“{excerpt}”有未替换的占位文字“{found}”：请改为实际内容后再生成公文"
            )
