"""The 错误清单: what was wrong with a rejected file, item by item, with where to look.

Built from the ledger (the messages stored when the file was checked, and the clerk's
reason for rejecting it); drawn into a worksheet or a Word table by the package writers.
"""

from __future__ import annotations

from dataclasses import dataclass

from themeday_office.domain.period import Period
from themeday_office.ingest.classify import KIND_ZH
from themeday_office.ledger import Ledger, StoredMessage, Submission
from themeday_office.render.submitter.places import Place, parse_place

ERROR, HINT = "错误", "提示"
# What the submitter is asked to do, by the kind of package they get.
FIX_THIS_WORKBOOK = (
    "请按本清单逐项改正后重新报送。可直接在本工作簿中改正（标红的单元格有错误，标黄的有提示，批注中写明了问题），"
    "保存后报送本文件；本工作表可以保留。重新报送的文件将登记为同一报表的新版本。"
)
FIX_CONVERTED_WORKBOOK = (
    "原文件已转换为本工作簿（.xlsx），数据位置不变。请在本工作簿中逐项改正（标红的单元格有错误，标黄的有提示，"
    "批注中写明了问题），保存后报送本文件。重新报送的文件将登记为同一报表的新版本。"
)
FIX_THE_DOCUMENT = (
    "请对照本清单和下方标出的原文表格（标红的有错误，标黄的有提示），逐项改正原文件后重新报送。"
    "重新报送的文件将登记为同一报表的新版本。"
)
FIX_UNREAD_FILE = "原文件未能读取。请按本清单说明处理（如去掉密码、另存为 .xlsx 或 .docx）后重新报送。"


@dataclass(frozen=True)
class ListedMessage:
    number: int
    severity: str  # 错误 or 提示
    place: str  # as stored, e.g. 月报!L5 ("" when the message is about the whole file)
    text: str  # the sentence without its place
    code: str
    target: Place | None  # the cell, row or paragraph the place names

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


@dataclass(frozen=True)
class ReturnNotice:
    submission: Submission
    reason: str  # the clerk's reason for rejecting ("" when none was recorded)
    messages: tuple[ListedMessage, ...]
    note: str = ""  # why the package marks nothing in the file, when it could not

    def intro(self) -> list[tuple[str, str]]:
        """Label / value lines above the list: which file, whose, which period, why returned."""
        s = self.submission
        lines = [
            ("退回文件", s.original_name),
            ("报表类型", KIND_ZH.get(s.kind, "") or "未能识别"),
            ("报送单位", s.unit or "未能确定"),
            ("所属期间", _period_zh(s.period) or "未能确定"),
            ("台账编号", f"{s.id}（第{s.version}版）" if s.version else str(s.id)),
            ("收到时间", s.arrived_at.strftime("%Y-%m-%d %H:%M")),
        ]
        if self.reason:
            lines.append(("退回理由", self.reason))
        if self.note:
            lines.append(("说明", self.note))
        return lines

    @property
    def errors(self) -> int:
        return sum(m.is_error for m in self.messages)


def listed(messages: list[StoredMessage]) -> tuple[ListedMessage, ...]:
    """The stored messages numbered for the list, 错误 before 提示, each in its stored order."""
    ordered = sorted(messages, key=lambda m: m.severity != ERROR)
    return tuple(
        ListedMessage(n, m.severity, m.place, _without_place(m.text, m.place), m.code, parse_place(m.place))
        for n, m in enumerate(ordered, start=1)
    )


def notice_for(ledger: Ledger, submission_id: int) -> ReturnNotice:
    """The notice of a submission as the ledger has it now (LedgerError if there is none)."""
    submission = ledger.get(submission_id)
    rejections = [e for e in ledger.events(submission_id) if e.action == "rejected"]
    reason = rejections[-1].reason if rejections else ""
    return ReturnNotice(submission, reason, listed(ledger.messages(submission_id)))


def _without_place(text: str, place: str) -> str:
    # Messages read `月报!L5“实到人数”…`; the list shows the place in a column of its own.
    if place and text.startswith(place):
        return text[len(place):].lstrip() or text
    return text


def _period_zh(period: str) -> str:
    try:
        return Period.parse(period).zh if period else ""
    except ValueError:
        return period
