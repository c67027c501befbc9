"""The lines at the top of the details: which file, whose, which period, where it stands."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from themeday_office.domain.period import Period
from themeday_office.ingest.classify import KIND_ZH
from themeday_office.tui.details_data import SubmissionDetails
from themeday_office.tui.widgets.colours import state_style


def period_words(period: str) -> str:
    try:
        return Period.parse(period).zh if period else "未能确定"
    except ValueError:
        return period


class SubmissionSummary(Static):
    def show(self, details: SubmissionDetails) -> None:
        s = details.submission
        text = Text()
        text.append(f"编号 {s.id}　", style="bold")
        text.append(s.original_name, style="bold")
        text.append("\n状态 ")
        state = s.state.zh + ("（有错误）" if details.errors and s.state.zh == "待处理" else "")
        text.append(state, style=state_style(self.app, s.state))
        if s.current:
            text.append("（现行版本）")
        text.append(f"　类型 {KIND_ZH.get(s.kind, s.kind) or '未能识别'}")
        text.append(f"　单位 {s.unit or '未能确定'}")
        text.append(f"　期间 {period_words(s.period)}")
        if s.version:
            text.append(f"　第{s.version}版")
        text.append(f"\n收到 {s.arrived_at:%Y-%m-%d %H:%M}　收文日期 {s.received_on.isoformat()}")
        if details.repeats:
            text.append(f"　重复报送 {details.repeats} 次")
        if details.conflicts:
            text.append(f"\n与其他文件不一致 {len(details.conflicts)} 处（见“审核意见”）", style="bold")
        if details.package is not None:
            text.append(f"\n退回包 {details.package}")
        self.update(text)
