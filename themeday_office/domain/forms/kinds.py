"""The five forms submitters send, by the kind names the ledger and the CLI use."""

from __future__ import annotations

import enum


class FormKind(str, enum.Enum):
    PLAN = "plan"
    MONTHLY = "monthly"
    RECORD = "record"
    ADJUSTMENT = "adjustment"
    SUMMARY = "summary"

    @property
    def zh(self) -> str:
        """The form's Chinese name, as clerks call it."""
        return _ZH[self]


_ZH = {
    FormKind.PLAN: "年度计划表",
    FormKind.MONTHLY: "月度开展情况统计表",
    FormKind.RECORD: "主题党日活动记录表",
    FormKind.ADJUSTMENT: "调整日期备案表",
    FormKind.SUMMARY: "季度总结报告",
}


# The kit's own templates carry their form in a custom document property, so `check`
# knows a template however a submitter retitled it. Value: "monthly", or "monthly:1" with a version.
FORM_MARKER_PROPERTY = "themeday_form"
