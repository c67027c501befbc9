"""Closed choices in the forms: 开展方式, 涉及支部, 指导性主题序号, 支部类型."""

from __future__ import annotations

import enum
import re

from pydantic import BaseModel, ConfigDict

from themeday_office.domain.values.raw import Raw, ValueProblem, is_blank
from themeday_office.domain.values.text import fold, squeeze, zh_number


class ActivityMode(str, enum.Enum):
    JOINT = "联建共建"
    SOLO = "支部单独开展"


class BranchType(str, enum.Enum):
    GOVERNMENT = "党政机关"
    PUBLIC_INSTITUTION = "事业单位"
    VILLAGE = "农村"
    COMMUNITY = "社区"
    STATE_ENTERPRISE = "国有企业"
    SCHOOL = "学校"
    NEW_ORGANIZATION = "两新组织"


_BRANCH_TYPE_ALIASES = {
    "机关": BranchType.GOVERNMENT,
    "党政机关": BranchType.GOVERNMENT,
    "事业": BranchType.PUBLIC_INSTITUTION,
    "村": BranchType.VILLAGE,
    "国企": BranchType.STATE_ENTERPRISE,
    "两新": BranchType.NEW_ORGANIZATION,
    "非公企业": BranchType.NEW_ORGANIZATION,
    "社会组织": BranchType.NEW_ORGANIZATION,
}


class BranchScope(BaseModel):
    """The branches an adjustment covers: all of the committee's, or the ones named."""

    model_config = ConfigDict(frozen=True)

    all_branches: bool
    names: tuple[str, ...] = ()

    @classmethod
    def everyone(cls) -> BranchScope:
        return cls(all_branches=True)


_ALL_WORDS = {
    "全部", "全部支部", "全部党支部", "所有支部", "所有党支部",
    "全体", "全体支部", "全体党支部", "全部所属党支部", "所属全部党支部",
}  # fmt: skip
_LIST_SPLIT = re.compile(r"[、,;/\n]+")
_ITEM_SPLIT = re.compile(r"[、,;/]+|和|及")
_ITEM_RANGE = re.compile(r"^(\d+)[-~—至到](\d+)$")


def parse_mode(value: Raw) -> ActivityMode | None:
    """开展方式: `联建共建` or `支部单独开展`, with variants (`联建`, `单独开展`, `党组织联建共建活动`)."""
    if is_blank(value):
        return None
    s = squeeze(str(value))
    joint = "联建" in s or "共建" in s
    solo = "单独" in s or "独立" in s or "自行" in s
    if joint and not solo:
        return ActivityMode.JOINT
    if solo and not joint:
        return ActivityMode.SOLO
    raise ValueProblem("应为“联建共建”或“支部单独开展”")


def parse_scope(value: Raw) -> BranchScope | None:
    """涉及支部: `全部` or branch names separated by `、`; None when blank."""
    if is_blank(value):
        return None
    s = squeeze(str(value))
    if s in _ALL_WORDS:
        return BranchScope.everyone()
    names = tuple(n.strip() for n in _LIST_SPLIT.split(fold(str(value))) if n.strip())
    if not names:
        raise ValueProblem("应为“全部”或用“、”分隔的支部名称")
    return BranchScope(all_branches=False, names=names)


def parse_item_numbers(value: Raw) -> tuple[int, ...]:
    """指导性主题序号: `1、4`, `1,4`, `第3项`, `2-4`, 3 — the 1-based item numbers; () when blank."""
    if is_blank(value):
        return ()
    if isinstance(value, bool):
        raise ValueProblem("应为主题序号，如 1、4")
    if isinstance(value, (int, float)):
        if not float(value).is_integer() or value < 1:
            raise ValueProblem("应为主题序号，如 1、4（多个序号用“、”分隔）")
        return (int(value),)
    numbers: list[int] = []
    for part in _ITEM_SPLIT.split(squeeze(str(value))):
        part = part.removeprefix("第").removesuffix("项").removesuffix("条").rstrip(".")
        if not part:
            continue
        if m := _ITEM_RANGE.match(part):
            lo, hi = int(m.group(1)), int(m.group(2))
            if not 1 <= lo <= hi:
                raise ValueProblem("序号范围有误")
            numbers.extend(range(lo, hi + 1))
            continue
        n = int(part) if part.isdigit() else zh_number(part)
        if not n:
            raise ValueProblem("应为主题序号，如 1、4（多个序号用“、”分隔）")
        numbers.append(n)
    return tuple(dict.fromkeys(numbers))


def parse_branch_type(value: Raw) -> BranchType | None:
    """支部类型: one of the seven types; `“两新”组织` and short forms like `国企` are accepted."""
    if is_blank(value):
        return None
    s = squeeze(str(value)).translate({ord(c): None for c in "“”\"'‘’「」"})
    s = s.removesuffix("党支部").removesuffix("支部") or s
    for t in BranchType:
        if s == t.value:
            return t
    if s in _BRANCH_TYPE_ALIASES:
        return _BRANCH_TYPE_ALIASES[s]
    raise ValueProblem("应为" + "、".join(t.value for t in BranchType) + "之一")
