"""A quarterly summary (季度总结报告), its figures taken from what the committee's branches did."""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from themeday_office.domain.deadlines import summary_deadline
from themeday_office.domain.period import Period
from themeday_office.domain.roster import Committee
from themeday_office.domain.values.choices import ActivityMode
from themeday_office.synthetic import names
from themeday_office.synthetic.activities import CommitteeMonth
from themeday_office.synthetic.district import SyntheticDistrict
from themeday_office.synthetic.mistakes import Mistake

_PRACTICES = (
    "强化组织领导。党委书记亲自抓，组织委员具体抓，每月初召开党建工作例会研究部署主题党日活动，做到年度有计划、每月有主题。",
    "突出联建共建。与联建单位共同商定活动主题，整合双方阵地和资源，联合开展志愿服务和政策宣传，实现联建活动和业务工作“两不误”。",
    "注重活动实效。结合“两学一做”学习教育，把主题党日与“三会一课”、党费收缴、民主评议党员等工作结合起来，增强党员身份意识。",
    "创新活动方式。对流动党员利用微信群开展远程学习，对年老体弱党员采取送学上门的方式，确保全体党员参与。",
)
_PROBLEMS = (
    "一是个别党支部活动形式较为单一，以集中学习为主，实践类活动偏少；",
    "二是部分农村党支部外出务工党员较多，参与率有待提高；",
    "三是个别党支部活动记录不够规范，资料归档不及时。",
)
_PLANS = (
    "一是加强督促指导，对活动开展情况每月通报，推动各党支部规范开展；",
    "二是丰富活动载体，结合重要节点和中心工作设计活动主题，增强吸引力；",
    "三是严格落实党员参加活动制度，对流动党员和年老体弱党员作出妥善安排。",
)


@dataclass(frozen=True)
class QuarterSummary:
    committee: Committee
    period: Period  # the quarter
    title: str
    sections: tuple[tuple[str, tuple[str, ...]], ...]  # heading, paragraphs
    signed_by: str  # the formal name above the date
    dated: date
    arrives: datetime
    mistakes: frozenset[Mistake] = frozenset()


def summary_of(
    district: SyntheticDistrict,
    months: Sequence[CommitteeMonth],
    *,
    mistakes: Collection[Mistake] = (),
    rng: random.Random | None = None,
) -> QuarterSummary:
    """The committee's summary of the quarter its three `months` make."""
    first = months[0]
    c, quarter = first.committee, Period.of_quarter(first.period.year, first.period.quarter or 1)
    if any(m.committee != c or not quarter.contains(m.period) for m in months):
        raise ValueError("a summary covers one committee's months of one quarter")
    mistakes = frozenset(mistakes)
    rng = rng or random.Random(f"{district.seed}/{c.name}/{quarter}")

    days = [d for m in months for d in m.truth]
    held = [d for d in days if d.held]
    branches = len(district.branches_of(c.name))
    expected = sum(d.expected or 0 for d in held)
    present = sum(d.present or 0 for d in held)
    joint = sum(1 for d in held if d.mode is ActivityMode.JOINT)
    guided = sum(1 for d in held if d.items)
    basics = (
        f"本季度，{_short(c.name)}所属{branches}个党支部共开展“主题党日”活动{len(held)}次，"
        f"参加党员{present}人次，平均参与率{present / expected:.1%}；"
        f"其中联建共建活动{joint}次，采用全区指导性主题{guided}次"
        + (f"，未开展{len(days) - len(held)}次，均已说明原因并安排补课。" if len(days) > len(held) else "。")
        if expected
        else f"本季度，{_short(c.name)}所属{branches}个党支部均未开展“主题党日”活动。"
    )
    sections = [
        ("一、基本情况", (basics,)),
        ("二、主要做法", tuple(f"（{'一二三'[i]}）{p}" for i, p in enumerate(rng.sample(_PRACTICES, 3)))),
        ("三、存在问题", ("".join(_PROBLEMS),)),
        ("四、下步打算", ("".join(_PLANS),)),
    ]
    if Mistake.SUMMARY_MISSING_SECTION in mistakes:
        sections = [s for s in sections if s[0] != "三、存在问题"]

    deadline = summary_deadline(quarter)
    after = quarter.end + timedelta(days=1)
    if Mistake.LATE_SUMMARY in mistakes:
        arrival = deadline + timedelta(days=rng.randint(5, 12))
    else:
        arrival = rng.choice([after + timedelta(days=k) for k in range((deadline - after).days + 1)])
    dated = arrival - timedelta(days=rng.choice((0, 0, 1)))
    title_unit = f"{names.DISTRICT}{c.name}" if district.kind(c.name) in ("town", "street") else c.name
    return QuarterSummary(
        committee=c,
        period=quarter,
        title=f"{title_unit}{quarter.year}年第{'一二三四'[quarter.number - 1]}季度“主题党日”活动开展情况总结",
        sections=tuple(sections),
        signed_by=_formal(c.name),
        dated=dated,
        arrives=datetime.combine(arrival, time(rng.randint(8, 17), rng.randrange(0, 60, 5))),
        mistakes=mistakes & {Mistake.LATE_SUMMARY, Mistake.SUMMARY_MISSING_SECTION},
    )


def _short(name: str) -> str:
    for suffix in ("党工委", "党委"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _formal(name: str) -> str:
    """The formal name a document is signed with: 中共惠济区古荥镇委员会."""
    suffixes = (("党工委", "工作委员会"), ("工委", "工作委员会"), ("党委", "委员会"))
    suffix, body = next(((s, b) for s, b in suffixes if name.endswith(s)), ("", ""))
    stem = name[: -len(suffix)] if suffix else name
    # Units named after the city or the district already say where they are.
    where = "" if stem.startswith(names.CITY) or names.DISTRICT[:2] in stem else names.DISTRICT
    return f"中共{where}{stem.removeprefix('区') if where else stem}{body}"
