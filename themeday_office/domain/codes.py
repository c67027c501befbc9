"""Every message and finding code, with its severity and Chinese wording, in one place.

The CLI, the TUI, the documents and the tests refer to codes by name; the text is
built here from a template and parameters. Severities follow DESIGN.md's table
"Data errors, compliance findings, and what counts": data that cannot be trusted is
an 错误, valid data about non-compliance is a finding, anything else worth a look is
a 提示.

Templates are `str.format` strings. Parameters are shown the way clerks write them:
a date as 2017年3月10日, a period as 2017年3月, a float without trailing zeros;
an explicit format spec (`{rate:.0%}`) wins.
"""

from __future__ import annotations

import functools
import string
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from themeday_office.domain.messages import Finding, Message, Severity, trusted
from themeday_office.domain.period import Period

ERROR = Severity.ERROR
HINT = Severity.HINT


@dataclass(frozen=True)
class CodeSpec:
    code: str
    severity: Severity | None  # None: a finding, not a message
    title: str  # a short tag for lists and tables
    template: str
    compliant: bool = False  # findings only: does it record compliance?

    @property
    def is_finding(self) -> bool:
        return self.severity is None


_SPECS: tuple[CodeSpec, ...] = (
    # Files the readers cannot turn into a form; `reason` is the reader's own sentence (ReadError.message).
    CodeSpec("file_unreadable", ERROR, "无法读取", "文件无法读取：{reason}"),
    CodeSpec("file_encrypted", ERROR, "文件加密", "文件设有密码，无法读取，请去掉密码后重新报送"),
    CodeSpec("file_unsafe", ERROR, "文件不安全", "文件存在安全风险，未予读取（原文件已保留）：{reason}"),
    CodeSpec("unknown_form", ERROR, "无法识别", "未能识别为任何一种报表：{reason}"),
    CodeSpec(
        "formula_uncached",
        ERROR,
        "公式无结果",
        "是公式（{formula}）但文件里没有保存计算结果；请在 Excel 或 WPS 中打开、保存后重新报送",
    ),
    CodeSpec("department_table", HINT, "部门自用表", "这是{what}，不是报送报表；如需启用，请用 {command} 导入"),
    CodeSpec(
        "roster_missing",
        ERROR,
        "未导入名册",
        "{period}没有生效的组织名册，无法核对单位和支部；请先导入组织名册（themeday roster import）",
    ),
    # Files made from an older template of the kit (domain.forms.template_versions).
    CodeSpec(
        "template_old",
        HINT,
        "旧版模板",
        "本文件用的是旧版{form}模板（第{version}版，现行第{current}版），已照常读取；"
        "请使用最新模板：{where}（用 {command} 生成）",
    ),
    CodeSpec(
        "template_obsolete",
        ERROR,
        "模板已过时",
        "本文件用的是已停用的旧版{form}模板（第{version}版，现行第{current}版），版式已改变，无法读取；"
        "请使用最新模板重新填报：{where}（用 {command} 生成）",
    ),
    # Form structure and values.
    CodeSpec("label_missing", ERROR, "缺少栏目", "表中缺少“{label}”"),
    CodeSpec("form_empty", ERROR, "空表", "表中没有填写任何{what}"),
    CodeSpec("value_missing", ERROR, "未填写", "“{label}”未填写"),
    CodeSpec("value_invalid", ERROR, "无法识别", "“{label}”为“{raw}”，{reason}"),
    CodeSpec("count_negative", ERROR, "人数有误", "“{label}”为 {raw}，人数不能为负数"),
    CodeSpec("period_missing", ERROR, "期间不明", "无法确定报表所属{what}，请填写“{label}”"),
    CodeSpec("period_inconsistent", ERROR, "期间不一致", "“{label}”为{found}，与{source}的{expected}不一致"),
    CodeSpec("unit_missing", ERROR, "单位不明", "无法确定填报单位，请填写“{label}”"),
    CodeSpec("unit_unknown", ERROR, "单位不在名册", "{label}“{name}”不在组织名册中{suggest}"),
    # Branches in a form against the roster in force.
    CodeSpec("branch_unknown", ERROR, "支部不在名册", "党支部“{name}”不在组织名册中{suggest}"),
    CodeSpec(
        "branch_ambiguous", ERROR, "支部名称不明", "党支部“{name}”在组织名册中有{count}个（{candidates}），请填写全称"
    ),
    CodeSpec("branch_other_committee", ERROR, "支部不属本单位", "党支部“{name}”属于{actual}，不属于{unit}"),
    CodeSpec(
        "branch_missing",
        ERROR,
        "缺少支部",
        "缺少{unit}所属党支部“{branch}”（未开展活动的支部也应填写一行，并注明未开展原因）",
    ),
    CodeSpec("branch_duplicate", ERROR, "支部重复", "党支部“{branch}”重复填写（另见{other}）"),
    # Activity figures and rules.
    CodeSpec("present_exceeds_expected", ERROR, "人数有误", "“实到人数”为 {present}，大于应到人数 {expected}"),
    CodeSpec(
        "attendance_exceeds_expected",
        ERROR,
        "人数有误",
        "实到人数 {present} 加请假人数 {excused} 为 {total}，大于应到人数 {expected}",
    ),
    CodeSpec("partner_missing", ERROR, "缺联建单位", "开展方式为联建共建，但未填写“联建单位”"),
    CodeSpec("reason_missing", ERROR, "缺未开展原因", "未填写活动日期（未开展），也未填写“未开展原因”"),
    CodeSpec("date_outside_period", ERROR, "日期不符", "活动日期{date}不在{period}主题党日的范围内（{start}至{end}）"),
    # Adjustments and plans.
    CodeSpec("adjustment_outside_window", ERROR, "调整超出范围", "{verdict}"),
    CodeSpec("adjustment_reason_missing", ERROR, "缺调整原因", "未填写“调整原因”"),
    CodeSpec(
        "adjustment_district_date_wrong",
        ERROR,
        "区定日期有误",
        "“区定日期”为{written}，{period}全区主题党日应为{actual}",
    ),
    CodeSpec("plan_month_missing", ERROR, "缺少月份", "计划表缺少{months}的计划"),
    CodeSpec("plan_month_duplicate", ERROR, "月份重复", "{month}月的计划重复填写（另见{other}）"),
    CodeSpec("plan_date_outside_window", ERROR, "计划日期有误", "{month}月计划日期不符合规定：{verdict}"),
    # The roster's own integrity (the department's xlsx).
    CodeSpec("roster_committee_duplicate", ERROR, "党(工)委重复", "党(工)委“{name}”重复（另见{other}）"),
    CodeSpec("roster_committee_unknown", ERROR, "党(工)委不明", "所属党(工)委“{name}”不在党(工)委表中{suggest}"),
    CodeSpec("roster_branch_duplicate", ERROR, "支部重复", "党支部“{name}”在{committee}下重复（另见{other}）"),
    CodeSpec("roster_group_duplicate", ERROR, "协作组重复", "协作组“{name}”重复（另见{other}）"),
    CodeSpec("roster_group_unknown", ERROR, "协作组不明", "所属协作组“{name}”不在协作组表中{suggest}"),
    CodeSpec("roster_group_member_unknown", ERROR, "成员单位不明", "成员单位“{name}”不在党(工)委表中{suggest}"),
    CodeSpec(
        "roster_partner_unknown", ERROR, "联建镇(街道)不明", "联建镇(街道)“{name}”不是党(工)委表中的镇或街道{suggest}"
    ),
    # Hints: accepted, shown to the clerk.
    CodeSpec(
        "expected_differs_from_roster",
        HINT,
        "人数与名册不符",
        "“应到人数”为 {expected}，组织名册中该支部党员 {members} 人",
    ),
    CodeSpec(
        "cadres_exceed_present", HINT, "人数存疑", "“科级以上领导干部参加人数”为 {cadres}，大于实到人数 {present}"
    ),
    CodeSpec("duration_unusual", HINT, "时长存疑", "活动时长 {hours} 小时，超过 {limit} 小时，请核实时间是否填写有误"),
    CodeSpec("held_with_reason", HINT, "开展情况存疑", "已填写活动日期，又填写了“未开展原因”，请核实是否开展"),
    CodeSpec("date_is_holiday", HINT, "节假日", "{day}是法定节假日（{holiday}）"),
    CodeSpec("holiday_data_missing", HINT, "节假日数据缺失", "{year}年节假日数据缺失，无法判断{day}是否为法定节假日"),
    CodeSpec(
        "theme_item_unknown",
        HINT,
        "主题序号存疑",
        "“指导性主题序号”中的 {number} 不在{month}月的指导性主题中（共 {count} 项）",
    ),
    CodeSpec(
        "plan_date_adjusted",
        HINT,
        "计划调整日期",
        "{month}月计划日期{date}不是全区主题党日（{district}），届时须报区委组织部备案",
    ),
    CodeSpec("adjustment_not_needed", HINT, "无需备案", "调整后日期与全区主题党日{district}相同，无需备案"),
    CodeSpec("scope_assumed_all", HINT, "按全部支部", "“涉及支部”未填写，按全部支部处理"),
    CodeSpec("summary_section_missing", HINT, "缺少部分", "总结中未见“{section}”部分"),
    CodeSpec("summary_date_missing", HINT, "缺少日期", "总结末尾未注明成文日期"),
    CodeSpec(
        "roster_group_mismatch", HINT, "协作组不一致", "“所属协作组”为{group}，但协作组表中{group}的成员单位不含{name}"
    ),
    # A file's name against its content (domain.file_names): the content decides.
    CodeSpec("name_period_differs", HINT, "文件名期间不符", "文件名写的是{named}，内容是{actual}：以内容为准"),
    CodeSpec("name_unit_differs", HINT, "文件名单位不符", "文件名写的是{named}，内容是{actual}：以内容为准"),
    # Findings: accepted, counted in rollups and bulletins.
    CodeSpec("held_on_district_date", None, "按时开展", "{branch}于{date}（全区主题党日）开展活动", compliant=True),
    CodeSpec(
        "held_on_adjusted_date",
        None,
        "调整日期开展",
        "{branch}于{date}开展活动（已报备调整日期，全区主题党日为{district}）",
        compliant=True,
    ),
    CodeSpec(
        "held_on_unfiled_date", None, "未报备调整", "{branch}于{date}开展活动，该日期未报备（全区主题党日为{district}）"
    ),
    CodeSpec("not_held", None, "未开展", "{branch}本月未开展活动，原因：{reason}"),
    CodeSpec("short_duration", None, "时长不足", "{branch}活动时长 {hours} 小时，不足 {threshold} 小时（半天）"),
    CodeSpec(
        "low_attendance",
        None,
        "参与率偏低",
        "{branch}实到 {present} 人，应到 {expected} 人，参与率 {rate:.0%}，低于 {threshold:.0%}",
    ),
    CodeSpec(
        "late_arrival", None, "逾期报送", "{unit}的{form}于{arrived}收到，晚于报送期限{deadline}（逾期 {days} 天）"
    ),
)

CODES: dict[str, CodeSpec] = {s.code: s for s in _SPECS}


def spec(code: str) -> CodeSpec:
    """The catalog entry of a code; a KeyError means a typo in the program, not in the data."""
    return CODES[code]


def message(code: str, place: str = "", **params: Any) -> Message:
    """The message for `code` at `place`, its template filled with `params`."""
    s = spec(code)
    if s.severity is None:
        raise ValueError(f"{code} is a finding code, not a message code")
    text = _with_place(place, render(s.template, params))
    # Every field is a str or the catalog's Severity: validating them again would only copy them.
    return trusted(Message, {"severity": s.severity, "code": code, "place": place, "text": text})


def finding(
    code: str,
    *,
    committee: str,
    period: Period | str,
    branch: str = "",
    place: str = "",
    **values: Any,
) -> Finding:
    """The finding for `code`; `values` fill the template and are kept as the finding's numbers."""
    s = CODES[code]
    if not s.is_finding:
        raise ValueError(f"{code} is a message code, not a finding code")
    params = {"branch": branch, "unit": committee, **values}
    # Fields of their declared types by construction (_stored gives int, float or str), so the
    # model is built without validating them a second time: a check makes a finding per branch.
    return trusted(Finding, {
        "code": code,
        "committee": committee,
        "branch": branch,
        "period": period if period.__class__ is str else str(period),
        "place": place,
        "text": render(s.template, params),
        "values": {k: _stored(v) for k, v in values.items()},
        "compliant": s.compliant,
    })


def render(template: str, params: dict[str, Any]) -> str:
    if _plain_fields(template):
        # No format specs: each value shown as a clerk writes it, without a wrapper per value.
        return template.format(**{k: v if v.__class__ is str else shown(v) for k, v in params.items()})
    return template.format(**{k: _Shown(v) for k, v in params.items()})


@functools.cache
def _plain_fields(template: str) -> bool:
    """Whether every field of a template is a bare `{name}` (templates are the catalog's, a few dozen)."""
    return all(not spec and not conversion for _, name, spec, conversion in string.Formatter().parse(template) if name)


def shown(value: Any) -> str:
    """A value the way a clerk writes it."""
    kind = value.__class__
    if kind is str:
        text: str = value
        return text
    if kind is int:
        return str(value)
    if kind is date:  # every finding about a day; the general case below says the same
        return f"{value.year}年{value.month}月{value.day}日"
    return _Shown(value).__format__("")


def _with_place(place: str, text: str) -> str:
    # `月报!L5“实到人数”…` reads well without a space; before plain text a space keeps them apart.
    if not place:
        return text
    return f"{place}{text}" if text.startswith("“") else f"{place} {text}"


class _Shown:
    def __init__(self, value: Any):
        self.value = value

    def __format__(self, spec: str) -> str:
        v = self.value
        if spec:
            return format(v, spec)
        if isinstance(v, datetime):
            v = v.date()
        if isinstance(v, date):
            return f"{v.year}年{v.month}月{v.day}日"
        if isinstance(v, time):
            return v.strftime("%H:%M")
        if isinstance(v, Period):
            return v.zh
        if isinstance(v, float):
            return f"{v:g}"
        return str(v)


def _stored(value: Any) -> int | float | str:
    # Finding values go into the ledger as JSON: numbers stay numbers, the rest becomes text.
    kind = value.__class__
    if kind is int or kind is float or kind is str:
        plain: int | float | str = value
        return plain
    if kind is date:
        day: date = value
        return day.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)
