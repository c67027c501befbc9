"""The mistakes clerks really see, planted on purpose so tests can check the kit finds them.

Each planted mistake is reported with the branch it concerns and its place, written the way
the readers name places (`月报!I7`, `表格1 第3行第2列`; "" for the file as a whole), so a test
can assert that the kit reports exactly these and nothing else.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from themeday_office.domain.forms.kinds import FormKind


class Effect(str, enum.Enum):
    """What the district's rules make of a mistake (DESIGN.md §2)."""

    ERROR = "错误"  # the file is rejected
    FINDING = "未达标"  # accepted; counts as non-compliance
    HINT = "提示"  # accepted; shown to the clerk
    FILE = "文件"  # about the file, not its content (format, version, arrival)


class Mistake(str, enum.Enum):
    """A mistake to plant. Two carry a consequence the kit also reports: a misspelt branch
    (UNKNOWN_BRANCH) is also missing from its table, and a stale 填报月份 (WRONG_PERIOD) makes
    the file judged as that month. An encrypted file hides whatever else is in it; a
    resubmission's first version carries the error the second corrects."""

    # monthly: the table's rows
    MISSING_BRANCH = "missing_branch"
    DUPLICATE_BRANCH = "duplicate_branch"
    UNKNOWN_BRANCH = "unknown_branch"
    PRESENT_EXCEEDS_EXPECTED = "present_exceeds_expected"
    ATTENDANCE_EXCEEDS_EXPECTED = "attendance_exceeds_expected"
    PARTNER_MISSING = "partner_missing"
    REASON_MISSING = "reason_missing"
    EXPECTED_DIFFERS = "expected_differs"
    # monthly: what a branch did (shown in its record too)
    NOT_HELD = "not_held"
    UNFILED_DATE = "unfiled_date"
    SHORT_DURATION = "short_duration"
    LOW_ATTENDANCE = "low_attendance"
    # monthly: the file
    WRONG_PERIOD = "wrong_period"
    ENCRYPTED = "encrypted"
    LEGACY_XLS = "legacy_xls"
    RESUBMISSION = "resubmission"
    DUPLICATE_FILE = "duplicate_file"
    LATE_MONTHLY = "late_monthly"
    # records
    RECORDS_ZIP = "records_zip"
    # adjustments
    ADJUSTMENT_OUTSIDE_WINDOW = "adjustment_outside_window"
    ADJUSTMENT_WITHOUT_REASON = "adjustment_without_reason"
    # quarterly summaries
    LATE_SUMMARY = "late_summary"
    SUMMARY_MISSING_SECTION = "summary_missing_section"

    @property
    def form(self) -> FormKind:
        """The form the mistake is planted in."""
        return _FORM.get(self, FormKind.MONTHLY)

    @property
    def effect(self) -> Effect:
        return _EFFECT[self]

    @property
    def zh(self) -> str:
        """A clerk's words for it, for the demo's listing."""
        return _ZH[self]

    @property
    def on_row(self) -> bool:
        """Planted on one branch's row of the monthly table."""
        return self in ROW_MISTAKES


# Planted on one branch's row; each needs a branch of its own.
ROW_MISTAKES = frozenset(
    {
        Mistake.MISSING_BRANCH,
        Mistake.DUPLICATE_BRANCH,
        Mistake.UNKNOWN_BRANCH,
        Mistake.PRESENT_EXCEEDS_EXPECTED,
        Mistake.ATTENDANCE_EXCEEDS_EXPECTED,
        Mistake.PARTNER_MISSING,
        Mistake.REASON_MISSING,
        Mistake.EXPECTED_DIFFERS,
        Mistake.NOT_HELD,
        Mistake.UNFILED_DATE,
        Mistake.SHORT_DURATION,
        Mistake.LOW_ATTENDANCE,
    }
)
# What the branch really did: its own record says the same as the committee's table.
ACTIVITY_MISTAKES = frozenset(
    {Mistake.EXPECTED_DIFFERS, Mistake.UNFILED_DATE, Mistake.SHORT_DURATION, Mistake.LOW_ATTENDANCE}
)

_FORM = {
    Mistake.RECORDS_ZIP: FormKind.RECORD,
    Mistake.ADJUSTMENT_OUTSIDE_WINDOW: FormKind.ADJUSTMENT,
    Mistake.ADJUSTMENT_WITHOUT_REASON: FormKind.ADJUSTMENT,
    Mistake.LATE_SUMMARY: FormKind.SUMMARY,
    Mistake.SUMMARY_MISSING_SECTION: FormKind.SUMMARY,
}
_E, _F, _H, _X = Effect.ERROR, Effect.FINDING, Effect.HINT, Effect.FILE
_EFFECT = {
    Mistake.MISSING_BRANCH: _E,
    Mistake.DUPLICATE_BRANCH: _E,
    Mistake.UNKNOWN_BRANCH: _E,
    Mistake.PRESENT_EXCEEDS_EXPECTED: _E,
    Mistake.ATTENDANCE_EXCEEDS_EXPECTED: _E,
    Mistake.PARTNER_MISSING: _E,
    Mistake.REASON_MISSING: _E,
    Mistake.EXPECTED_DIFFERS: _H,
    Mistake.NOT_HELD: _F,
    Mistake.UNFILED_DATE: _F,
    Mistake.SHORT_DURATION: _F,
    Mistake.LOW_ATTENDANCE: _F,
    Mistake.WRONG_PERIOD: _E,
    Mistake.ENCRYPTED: _E,
    Mistake.LEGACY_XLS: _X,
    Mistake.RESUBMISSION: _X,
    Mistake.DUPLICATE_FILE: _X,
    Mistake.LATE_MONTHLY: _F,
    Mistake.RECORDS_ZIP: _X,
    Mistake.ADJUSTMENT_OUTSIDE_WINDOW: _E,
    Mistake.ADJUSTMENT_WITHOUT_REASON: _E,
    Mistake.LATE_SUMMARY: _F,
    Mistake.SUMMARY_MISSING_SECTION: _H,
}
_ZH = {
    Mistake.MISSING_BRANCH: "漏报党支部",
    Mistake.DUPLICATE_BRANCH: "党支部重复填报",
    Mistake.UNKNOWN_BRANCH: "党支部名称写错",
    Mistake.PRESENT_EXCEEDS_EXPECTED: "实到人数大于应到人数",
    Mistake.ATTENDANCE_EXCEEDS_EXPECTED: "实到与请假人数之和大于应到人数",
    Mistake.PARTNER_MISSING: "联建共建未填联建单位",
    Mistake.REASON_MISSING: "未开展未填原因",
    Mistake.EXPECTED_DIFFERS: "应到人数与名册不符",
    Mistake.NOT_HELD: "本月未开展",
    Mistake.UNFILED_DATE: "未报备擅自调整日期",
    Mistake.SHORT_DURATION: "活动时长不足半天",
    Mistake.LOW_ATTENDANCE: "参与率偏低",
    Mistake.WRONG_PERIOD: "填报月份与标题不一致",
    Mistake.ENCRYPTED: "文件设置了打开密码",
    Mistake.LEGACY_XLS: "旧版 .xls 格式",
    Mistake.RESUBMISSION: "修改后重新报送",
    Mistake.DUPLICATE_FILE: "同一文件重复报送",
    Mistake.LATE_MONTHLY: "统计表逾期报送",
    Mistake.RECORDS_ZIP: "记录表打包为 .zip 报送",
    Mistake.ADJUSTMENT_OUTSIDE_WINDOW: "调整后日期超出一周范围",
    Mistake.ADJUSTMENT_WITHOUT_REASON: "调整日期未填原因",
    Mistake.LATE_SUMMARY: "季度总结逾期报送",
    Mistake.SUMMARY_MISSING_SECTION: "季度总结缺少“存在问题”部分",
}


@dataclass(frozen=True)
class PlantedMistake:
    """A mistake as planted: about which branch (None: the whole file) and where."""

    mistake: Mistake
    branch: str | None = None  # roster name
    place: str = ""  # `月报!I7`, `表格1 第3行第2列`; "" for the file as a whole
