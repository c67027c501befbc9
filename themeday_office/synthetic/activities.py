"""What happened in a committee's month: each branch's Theme Party Day, and what its table says.

A `CommitteeMonth` holds the truth (one `BranchDay` per roster branch: the date, times,
theme, who came) and the rows the committee's table lists, which differ from the truth
only by the clerical mistakes planted in them. The monthly table, the branch records and
the quarterly summary are all written from it, so they agree with each other.
"""

from __future__ import annotations

import dataclasses
import math
import random
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from themeday_office.domain.calendar import DistrictCalendar
from themeday_office.domain.period import Period
from themeday_office.domain.roster import Branch, Committee, Match, Roster
from themeday_office.domain.rules import ActivityRules, Deadlines
from themeday_office.domain.themes import bundled_themes
from themeday_office.domain.values.choices import ActivityMode, BranchType
from themeday_office.synthetic import names
from themeday_office.synthetic.district import SyntheticDistrict
from themeday_office.synthetic.mistakes import ROW_MISTAKES, Mistake

CALENDAR = DistrictCalendar()
_RULES = ActivityRules()
_DEADLINES = Deadlines()

_MORNINGS = ((time(8, 30), time(12, 0)), (time(9, 0), time(12, 30)))
_AFTERNOONS = ((time(14, 30), time(18, 0)), (time(14, 0), time(17, 30)))
_FULL_DAY = ((time(8, 30), time(12, 0)), (time(14, 30), time(18, 0)))
_SHORT = ((time(9, 0), time(11, 0)), (time(15, 0), time(17, 0)))  # two hours: less than half a day

OWN_THEMES = (
    "学习贯彻党的十八届六中全会精神",
    "重温入党誓词，坚定理想信念",
    "学习《中国共产党纪律处分条例》",
    "“两学一做”专题学习讨论",
    "观看警示教育片，筑牢廉洁防线",
    "党员志愿服务进社区",
    "学习习近平总书记系列重要讲话精神",
    "学习《关于新形势下党内政治生活的若干准则》",
)
_GENERIC_ITEMS = ("在职党员进社区", "三会一课", "交纳党费")
_NOT_HELD_REASONS = (
    "支部书记外出参加培训，本月活动顺延至下月合并开展",
    "党员大多外出务工，已安排下月集中补课",
    "单位迎接上级专项检查，经党委同意本月暂停，下月补开",
    "支部换届选举工作尚未完成",
)
_ADJUST_REASONS = (
    "区定日期与全区重点工作督查时间冲突",
    "当日承接上级专项检查任务",
    "与联建单位商定统一开展联建活动",
    "当日组织党员参加全区集中培训",
)
_OPENINGS = ("支部书记{host}传达学习上级有关文件精神", "集中学习《中国共产党章程》", "全体党员重温入党誓词")
_CLOSINGS = ("组织党员交纳党费", "党员代表交流发言，开展批评与自我批评", "支部书记作总结讲话，部署下月工作")
_MOVED_REMARK = "1名党员组织关系已转出"
# Row mistakes in the order they are given branches, so the same seed plants them on the same rows.
_ROW_ORDER = tuple(m for m in Mistake if m in ROW_MISTAKES)


@dataclass(frozen=True)
class BranchDay:
    """One branch's Theme Party Day as its table row (or record) states it."""

    branch: Branch
    written_name: str  # as written in the table; differs from the roster only when misspelt
    held_on: date | None  # None: not held
    segments: tuple[tuple[time, time], ...] = ()
    full_day: bool = False
    theme: str | None = None
    items: tuple[int, ...] = ()  # 指导性主题序号
    mode: ActivityMode | None = None
    partner: str | None = None
    location: str | None = None
    expected: int | None = None
    present: int | None = None
    excused: int | None = None
    observers: int | None = None  # 列席人数
    cadres: int | None = None  # 科级以上领导干部参加人数
    reason_not_held: str | None = None
    remarks: str | None = None
    # The record's own fields.
    host: str | None = None
    recorder: str | None = None
    absentees: str | None = None
    observer_names: str | None = None
    cadre_names: str | None = None
    content: str | None = None
    mistakes: frozenset[Mistake] = frozenset()

    @property
    def held(self) -> bool:
        return self.held_on is not None


@dataclass(frozen=True)
class Adjustment:
    """A committee's filing that moves its month's date (rejected when it carries a mistake)."""

    committee: Committee
    period: Period
    district_date: date
    new_date: date
    reason: str | None
    branches: str  # 涉及支部: 全部
    contact: str
    phone: str
    filed_on: date
    arrives: datetime
    mistakes: frozenset[Mistake] = frozenset()


@dataclass(frozen=True)
class CommitteeMonth:
    """A committee's month: what its branches did, and the table its clerk sends about it."""

    committee: Committee
    period: Period
    district_date: date
    day: date  # the date its branches meet (the district date or a filed one)
    truth: tuple[BranchDay, ...]  # one per roster branch, in roster order
    rows: tuple[BranchDay, ...]  # the table's rows, clerical mistakes included
    missing: tuple[Branch, ...]
    header_period: Period  # what 填报月份 says
    filled_by: str
    phone: str
    arrives: datetime
    adjustment: Adjustment | None = None
    mistakes: frozenset[Mistake] = frozenset()

    @property
    def filled_on(self) -> date:
        return self.arrives.date()


def month_of(
    district: SyntheticDistrict,
    committee: str,
    period: Period,
    *,
    mistakes: Collection[Mistake] = (),
    adjusted: bool = False,
    rng: random.Random | None = None,
) -> CommitteeMonth:
    """A committee's month: perfect, or with `mistakes`; `adjusted` files a proper date change."""
    if period.kind != "month":
        raise ValueError(f"a monthly report is for a month, not {period}")
    c = district.roster.committee(committee)
    if c is None:
        raise KeyError(f"{committee} is not in the district")
    mistakes = frozenset(mistakes)
    rng = rng or random.Random(f"{district.seed}/{committee}/{period}")
    branches = district.branches_of(committee)
    on_rows = [m for m in _ROW_ORDER if m in mistakes]
    if len(on_rows) > len(branches):
        raise ValueError(f"{committee} has {len(branches)} branches, too few for {len(on_rows)} row mistakes")

    district_date = CALENDAR.district_date(period.year, period.number)
    adjustment = _adjustment(c, period, district_date, mistakes, adjusted, rng)
    day = adjustment.new_date if adjustment is not None and not adjustment.mistakes else district_date
    style = _Style.of(district, c, period, rng)
    truth = [_perfect(district, b, day, style, rng) for b in branches]

    # Each row mistake gets a branch of its own, chosen once for the whole set.
    chosen = dict(zip(on_rows, rng.sample(range(len(branches)), len(on_rows)), strict=False))
    for m, i in chosen.items():
        truth[i] = _as_happened(truth[i], m, district_date, day, period, rng)
    rows = list(truth)
    for m, i in chosen.items():
        rows[i] = _as_written(rows[i], m, district.roster, rng)
    missing = [branches[chosen[Mistake.MISSING_BRANCH]]] if Mistake.MISSING_BRANCH in chosen else []
    if Mistake.DUPLICATE_BRANCH in chosen:
        i = chosen[Mistake.DUPLICATE_BRANCH]
        rows.insert(
            rng.randint(i + 1, len(rows)), dataclasses.replace(rows[i], mistakes=frozenset({Mistake.DUPLICATE_BRANCH}))
        )
        rows[i] = dataclasses.replace(rows[i], mistakes=rows[i].mistakes - {Mistake.DUPLICATE_BRANCH})
    rows = [r for r in rows if r.branch not in missing]

    deadline = district_date + timedelta(days=_DEADLINES.monthly_days_after)
    if Mistake.LATE_MONTHLY in mistakes:
        arrival_day = deadline + timedelta(days=rng.randint(2, 6))
    else:
        arrival_day = rng.choice([d for d in _days(day, deadline) if d.weekday() < 5] or [day])
    header_period = _previous(period) if Mistake.WRONG_PERIOD in mistakes else period
    return CommitteeMonth(
        committee=c,
        period=period,
        district_date=district_date,
        day=day,
        truth=tuple(truth),
        rows=tuple(rows),
        missing=tuple(missing),
        header_period=header_period,
        filled_by=names.person(rng),
        phone=names.mobile(rng),
        arrives=_office_hours(arrival_day, rng),
        adjustment=adjustment,
        mistakes=mistakes,
    )


@dataclass(frozen=True)
class _Style:
    """What a committee decides for the month: its usual time, theme, and 联建共建 share."""

    slot: tuple[tuple[time, time], ...]
    full_day: bool
    theme: str
    items: tuple[int, ...]
    joint_share: float
    partner: str | None
    joint_theme: str
    joint_items: tuple[int, ...]

    @classmethod
    def of(cls, district: SyntheticDistrict, c: Committee, period: Period, rng: random.Random) -> _Style:
        full_day = rng.random() < 0.15
        slot = _FULL_DAY if full_day else (rng.choice((*_MORNINGS, *_MORNINGS, *_AFTERNOONS)),)
        theme, items = pick_theme(period, rng)
        joint_theme, joint_items = pick_theme(period, rng, guided_only=True)
        partner, share = None, 0.0
        kind = district.kind(c.name)
        if kind in ("town", "street") and (group := district.partner_group(c.name)) is not None:
            partner, share = group.name, rng.choice((0.0, 0.3, 0.6, 1.0))
        elif (towns := district.partners(c.name)) and rng.random() < 0.4:
            partner, share = rng.choice(towns), rng.choice((0.2, 0.5))
        return cls(slot, full_day, theme, items, share, partner, joint_theme, joint_items)


def pick_theme(period: Period, rng: random.Random, *, guided_only: bool = False) -> tuple[str, tuple[int, ...]]:
    """A month's theme: one of the district's guiding items (sometimes with a routine one), or its own."""
    year = bundled_themes().get(period.year)
    month = year.month(period.number) if year is not None else None
    if month is None or (not guided_only and rng.random() < 0.2):
        return rng.choice(OWN_THEMES), ()
    numbered = list(enumerate(month.items, start=1))
    specific = [(n, t) for n, t in numbered if not any(g in t for g in _GENERIC_ITEMS)] or numbered
    generic = [(n, t) for n, t in numbered if (n, t) not in specific]
    first = rng.choice(specific)
    if generic and rng.random() < 0.3:
        second = rng.choice(generic)
        return f"{first[1]}，{second[1]}", (first[0], second[0])
    return first[1], (first[0],)


def _perfect(district: SyntheticDistrict, b: Branch, day: date, style: _Style, rng: random.Random) -> BranchDay:
    own_slot = rng.random() < 0.15  # a branch that could not meet at the committee's usual time
    segments = (rng.choice((*_MORNINGS, *_AFTERNOONS)),) if own_slot else style.slot
    full_day = style.full_day and not own_slot
    joint = style.partner is not None and rng.random() < style.joint_share
    if joint:
        theme, items = style.joint_theme, style.joint_items
    elif rng.random() < 0.8:
        theme, items = style.theme, style.items
    else:
        theme, items = rng.choice(OWN_THEMES), ()
    expected = b.members
    excused, absent = _absence(expected, rng)
    present = expected - excused - absent
    observers = (
        rng.choice((0, 0, 1, 2, 3, 4))
        if b.type in (BranchType.VILLAGE, BranchType.COMMUNITY)
        else rng.choice((0, 0, 0, 1, 2))
    )
    cadres = (
        min(present, rng.choice((0, 1, 1, 2, 3)))
        if district.kind(b.committee) in ("work", "direct")
        else rng.choice((0, 0, 1))
    )
    host = b.secretary or names.person(rng)
    return BranchDay(
        branch=b,
        written_name=b.name,
        held_on=day,
        segments=segments,
        full_day=full_day,
        theme=theme,
        items=items,
        mode=ActivityMode.JOINT if joint else ActivityMode.SOLO,
        partner=style.partner if joint else None,
        location=_location(b),
        expected=expected,
        present=present,
        excused=excused,
        observers=observers,
        cadres=cadres,
        host=host,
        recorder=names.person(rng),
        absentees=_absentees(excused, absent, rng),
        observer_names=_observer_names(observers, rng),
        cadre_names="、".join(names.person(rng) for _ in range(cadres)) or "无",
        content=_content(host, theme, rng),
    )


def _absence(expected: int, rng: random.Random) -> tuple[int, int]:
    """Members excused and absent, keeping attendance at or above the district's threshold."""
    room = expected - math.ceil(_RULES.min_attendance_rate * expected)
    excused = min(room, rng.choice((0, 0, 1, 1, 2, 3)))
    absent = 1 if room > excused and rng.random() < 0.1 else 0
    return excused, absent


def _as_happened(
    d: BranchDay, m: Mistake, district_date: date, day: date, period: Period, rng: random.Random
) -> BranchDay:
    """The truth, changed by a mistake about what the branch did."""
    tagged = d.mistakes | {m}
    if m in (Mistake.NOT_HELD, Mistake.REASON_MISSING):
        # Not held, for a reason; whether the clerk wrote the reason down is the table's business.
        return BranchDay(
            branch=d.branch,
            written_name=d.written_name,
            held_on=None,
            expected=d.expected,
            reason_not_held=rng.choice(_NOT_HELD_REASONS),
            mistakes=frozenset({Mistake.NOT_HELD}),
        )
    if m is Mistake.SHORT_DURATION:
        return dataclasses.replace(d, segments=(rng.choice(_SHORT),), full_day=False, mistakes=tagged)
    if m is Mistake.UNFILED_DATE:
        lo, hi = CALENDAR.adjustment_window(period.year, period.number)
        other = [x for x in _days(lo, hi) if period.contains(x) and x.weekday() < 5 and x not in (day, district_date)]
        return dataclasses.replace(d, held_on=rng.choice(other), mistakes=tagged)
    if m is Mistake.LOW_ATTENDANCE:
        expected = d.expected
        assert expected is not None, "a perfect day (from _perfect) states its expected members"
        present = math.floor(0.6 * expected)
        return dataclasses.replace(
            d,
            present=present,
            excused=expected - present,
            absentees=_absentees(expected - present, 0, rng),
            mistakes=tagged,
        )
    if m is Mistake.EXPECTED_DIFFERS:  # a member moved away; the roster has not caught up
        expected = d.branch.members - 1
        excused = min(d.excused or 0, expected - math.ceil(_RULES.min_attendance_rate * expected))
        return dataclasses.replace(
            d,
            expected=expected,
            excused=excused,
            present=expected - excused,
            absentees=_absentees(excused, 0, rng),
            remarks=_MOVED_REMARK,
            mistakes=tagged,
        )
    return d


def _as_written(d: BranchDay, m: Mistake, roster: Roster, rng: random.Random) -> BranchDay:
    """The row as the clerk typed it, changed by a clerical mistake."""
    tagged = d.mistakes | {m}
    if m is Mistake.PRESENT_EXCEEDS_EXPECTED:
        assert d.expected is not None
        return dataclasses.replace(d, present=d.expected + rng.randint(1, 3), mistakes=tagged)
    if m is Mistake.ATTENDANCE_EXCEEDS_EXPECTED:
        assert d.expected is not None and d.present is not None
        return dataclasses.replace(d, excused=d.expected - d.present + rng.randint(1, 2), mistakes=tagged)
    if m is Mistake.PARTNER_MISSING:
        return dataclasses.replace(d, mode=ActivityMode.JOINT, partner=None, mistakes=tagged)
    if m is Mistake.REASON_MISSING:
        return dataclasses.replace(d, reason_not_held=None, mistakes=tagged)
    if m is Mistake.UNKNOWN_BRANCH:
        return dataclasses.replace(d, written_name=misspell(d.branch, roster, rng), mistakes=tagged)
    return dataclasses.replace(d, mistakes=tagged)


# Characters a hurried clerk types instead (same pinyin or shape), then any common one.
_CONFUSED = {
    "荥": "荣", "河": "和", "庄": "桩", "园": "圆", "岗": "刚", "寨": "赛", "湾": "弯", "桥": "乔", "堡": "保",
    "区": "曲", "局": "居", "城": "成", "新": "心", "兴": "星", "华": "化", "安": "按", "东": "冬", "西": "希",
}  # fmt: skip
_COMMON = "新兴华和平安东西南北中"
# What kind of unit a name ends with: left alone, a typo there would not look like a typo.
_UNIT_WORDS = ("有限公司", "社区", "中心小学", "初级中学", "实验学校", "小学", "中学", "幼儿园", "村", "机关")


def misspell(branch: Branch, roster: Roster, rng: random.Random) -> str:
    """The branch's name with one character changed, such that the roster's lookup misses it and
    suggests the right name."""
    stem = branch.name.removesuffix("党支部").removesuffix("支部")
    word = next((w for w in _UNIT_WORDS if stem.endswith(w) and len(stem) > len(w)), "")
    positions = list(range(len(stem) - len(word)))
    rng.shuffle(positions)
    for pos in positions:
        for char in [_CONFUSED.get(stem[pos], "")] + rng.sample(_COMMON, len(_COMMON)):
            if not char or char == stem[pos]:
                continue
            candidate = stem[:pos] + char + stem[pos + 1 :] + branch.name[len(stem) :]
            found = roster.find_branch(candidate, branch.committee)
            if not isinstance(found, Match) and not found.ambiguous and branch.name in found.suggestions:
                return candidate
    raise ValueError(f"no misspelling of {branch.name} keeps it recognizable")


def _adjustment(
    c: Committee, period: Period, district_date: date, mistakes: frozenset[Mistake], adjusted: bool, rng: random.Random
) -> Adjustment | None:
    planted = mistakes & {Mistake.ADJUSTMENT_OUTSIDE_WINDOW, Mistake.ADJUSTMENT_WITHOUT_REASON}
    if not planted and not adjusted:
        return None
    window = CALENDAR.rules.adjust_window_days
    if Mistake.ADJUSTMENT_OUTSIDE_WINDOW in planted:
        # A Friday's next Monday to Wednesday but one: 10-12 days, beyond the week allowed.
        new_date = district_date + timedelta(days=rng.choice((window + 3, window + 4, window + 5)))
    else:
        options = [
            district_date + timedelta(days=k)
            for k in (-4, -3, -2, -1, 3, 4, 5)
            if abs(k) <= window
        ]
        options = [
            d for d in options if period.contains(d) and d.weekday() < 5 and CALENDAR.day_status(d).holiday is None
        ]
        new_date = rng.choice(options)
    filed_on = min(district_date, new_date) - timedelta(days=rng.randint(2, 6))
    return Adjustment(
        committee=c,
        period=period,
        district_date=district_date,
        new_date=new_date,
        reason=None if Mistake.ADJUSTMENT_WITHOUT_REASON in planted else rng.choice(_ADJUST_REASONS),
        branches="全部",
        contact=c.contact or names.person(rng),
        phone=c.phone or names.landline(rng),
        filed_on=filed_on,
        arrives=_office_hours(filed_on, rng),
        mistakes=frozenset(planted),
    )


def _location(b: Branch) -> str:
    unit = b.name.removesuffix("党支部")
    for mark in ("第一", "第二", "第三", "第四", "第五", "第六", "第七", "第八", "第九"):
        unit = unit.removesuffix(mark)
    if b.type in (BranchType.VILLAGE, BranchType.COMMUNITY):
        return f"{unit}党群服务中心"
    if b.type in (BranchType.NEW_ORGANIZATION, BranchType.STATE_ENTERPRISE):
        return f"{unit}党员活动室"
    return f"{unit}会议室"


def _absentees(excused: int, absent: int, rng: random.Random) -> str:
    why = ("出差", "病假", "外出务工", "事假", "参加培训")
    people = [f"{names.person(rng)}（{rng.choice(why)}）" for _ in range(excused)]
    people += [f"{names.person(rng)}（无故缺席）" for _ in range(absent)]
    return "、".join(people) or "无"


def _observer_names(count: int, rng: random.Random) -> str:
    roles = ("入党积极分子", "发展对象", "流动党员")
    return "、".join(f"{names.person(rng)}（{rng.choice(roles)}）" for _ in range(count)) or "无"


def _content(host: str, theme: str, rng: random.Random) -> str:
    opening = rng.choice(_OPENINGS).format(host=host)
    closing = rng.choice(_CLOSINGS)
    return f"1.{opening}；2.围绕“{theme}”主题，组织党员开展活动，参会党员结合工作实际交流心得体会；3.{closing}。"


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=k) for k in range((last - first).days + 1)]


def _office_hours(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(rng.randint(8, 17), rng.randrange(0, 60, 5)))


def _previous(p: Period) -> Period:
    return Period.of_month(p.year, p.number - 1) if p.number > 1 else Period.of_month(p.year - 1, 12)
