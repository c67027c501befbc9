"""What an official document says, declared as data; `write_docx` decides how it looks.

Heading numbers are generated, not written by the caller: a Heading's text is the bare
heading (“加强组织领导”), and the document numbers them 一、 （一） 1. （1）, restarting a level's
count under each heading of the level above and in each attachment. Text already starting
with such a label is rejected, so a label is never printed twice.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

DOC_NUMBER = re.compile(r"^\S+\u3014\d{4}\u3015[1-9]\d*号$")
_LABELLED = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、]|[（(]\d+[)）])")

Cell = str | int | float


def _need_text(value: str, what: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{what}不能为空")


@dataclass(frozen=True)
class Heading:
    """A heading of level 1–4 (一、 黑体; （一） 楷体; 1. and （1） 仿宋), numbered by the document."""

    level: int
    text: str

    def __post_init__(self) -> None:
        if self.level not in (1, 2, 3, 4):
            raise ValueError(f"标题层级应为 1–4：{self.level}")
        _need_text(self.text, "标题")
        if _LABELLED.match(self.text):
            raise ValueError(f"标题序号由公文自动编排，请去掉“{self.text}”开头的序号")


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph, 3号 仿宋, first line indented two characters."""

    text: str

    def __post_init__(self) -> None:
        _need_text(self.text, "正文段落")


@dataclass(frozen=True)
class Table:
    """A table as wide as the type area; widths are relative weights (equal when omitted)."""

    columns: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    widths: Sequence[float] | None = None

    def __post_init__(self) -> None:
        if not self.columns:
            raise ValueError("表格至少要有一列")
        for number, row in enumerate(self.rows, start=1):
            if len(row) != len(self.columns):
                raise ValueError(f"表格第{number}行有 {len(row)} 格，表头有 {len(self.columns)} 列")
        if self.widths is not None and (
            len(self.widths) != len(self.columns) or any(w <= 0 for w in self.widths)
        ):
            raise ValueError("表格列宽应与列数相同且都大于 0")


Block = Heading | Paragraph | Table


@dataclass(frozen=True)
class Attachment:
    """An attachment: starts on a new page, 附件N on line 1, its title centred on line 3."""

    title: str
    blocks: Sequence[Block] = ()

    def __post_init__(self) -> None:
        _need_text(self.title, "附件标题")


@dataclass(frozen=True)
class OfficialDocument:
    """A 公文: 版头 (organ mark, number, red line), 主体 (title … signature), attachments, 版记.

    `attachment_note` lists the attachment names for 附件说明; left empty it is taken from
    the attachments' titles. `doc_number` None leaves the number line blank.
    """

    organ_mark: str
    doc_number: str | None
    title: str
    addressees: Sequence[str]
    blocks: Sequence[Block]
    signature_organ: str
    date: datetime.date
    issuer: str
    issue_date: datetime.date
    attachment_note: Sequence[str] = ()
    sealed: bool = True
    copy_to: Sequence[str] = ()
    attachments: Sequence[Attachment] = field(default=())

    def __post_init__(self) -> None:
        _need_text(self.organ_mark, "发文机关标志")
        _need_text(self.title, "公文标题")
        _need_text(self.signature_organ, "发文机关署名")
        _need_text(self.issuer, "印发机关")
        if self.doc_number is not None and not DOC_NUMBER.match(self.doc_number):
            raise ValueError(f"发文字号格式应如 惠组〔2017〕12号：{self.doc_number}")
        if self.attachment_note and self.attachments and len(self.attachment_note) != len(self.attachments):
            raise ValueError(
                f"附件说明列了 {len(self.attachment_note)} 个附件，实际有 {len(self.attachments)} 个"
            )
        if self.issue_date < self.date:
            raise ValueError("印发日期不能早于成文日期")

    @property
    def attachment_names(self) -> list[str]:
        """The names 附件说明 lists."""
        return list(self.attachment_note) or [a.title for a in self.attachments]
