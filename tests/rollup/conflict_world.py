"""A March whose files contradict each other, ingested from real xlsx and docx files.

District date 2017-03-10. 古荥镇党委's 统计表 says:
    大河村党支部     held 3-10, 应到 30, 实到 27, 请假 2, “学习贯彻党的十八届六中全会精神”
    古荥镇机关党支部  not held (书记外出培训)
and the branches' own 活动记录表 say:
    大河村党支部     held 3-9, 应到 30, 实到 25, 请假 2, “重温入党誓词”    -> date, 实到, theme
    古荥镇机关党支部  held 3-10                                            -> held
古荥镇党委's 年度计划 lists every month but March                          -> plan month
新城街道党工委 filed 3-8 for all branches; its 统计表 has 天河社区 on 3-8 and its
机关党支部 on 3-9                                                          -> adjustment date
So seven conflicts, every kind but 应到 and 请假 (the unit tests have those).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from themeday_office.domain.period import Period
from themeday_office.domain.roster import Branch, Committee
from themeday_office.domain.values.choices import ActivityMode, BranchType
from themeday_office.synthetic.activities import BranchDay, CommitteeMonth
from themeday_office.synthetic.plans import PlannedMonth, YearPlan
from themeday_office.synthetic.word_forms import write_record_docx
from themeday_office.synthetic.workbook_forms import write_plan_xlsx

from .conftest import Desk
from .files import Row, write_adjustment, write_monthly

MAR = Period.of_month(2017, 3)
DISTRICT_DATE = date(2017, 3, 10)
GUXING, XINCHENG = "古荥镇党委", "新城街道党工委"
DAHE, GUXING_OFFICE = "大河村党支部", "古荥镇机关党支部"
TIANHE, XINCHENG_OFFICE = "天河社区党支部", "新城街道机关党支部"
THEME, OTHER_THEME = "学习贯彻党的十八届六中全会精神", "重温入党誓词"
BRANCHES = [
    (DAHE, GUXING, "农村", 30),
    (GUXING_OFFICE, GUXING, "党政机关", 10),
    (TIANHE, XINCHENG, "社区", 20),
    (XINCHENG_OFFICE, XINCHENG, "党政机关", 8),
]


@dataclass
class ConflictWorld:
    desk: Desk
    ids: dict[str, int] = field(default_factory=dict)


def write_record(path: Path, committee: str, branch: str, held_on: date, *, expected: int, present: int,
                 excused: int = 0, theme: str = THEME) -> Path:
    """A branch's 主题党日活动记录表 (Word), as the synthetic district writes it."""
    kind = next(BranchType(t) for b, _c, t, _m in BRANCHES if b == branch)
    day = BranchDay(
        branch=Branch(name=branch, committee=committee, type=kind, members=expected), written_name=branch,
        held_on=held_on, segments=((time(8, 30), time(12, 0)),), theme=theme, mode=ActivityMode.SOLO,
        location="党员活动室", expected=expected, present=present, excused=excused, host="王敏", recorder="李娜",
        content="集中学习《中国共产党章程》。",
    )
    period = Period.containing(held_on)
    month = CommitteeMonth(
        committee=Committee(name=committee, category="镇"), period=period, district_date=DISTRICT_DATE,
        day=held_on, truth=(day,), rows=(day,), missing=(), header_period=period, filled_by="王敏",
        phone="0371-63580000", arrives=datetime.combine(held_on, time(17)),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    write_record_docx(day, month, path)
    return path


def write_plan_without(path: Path, unit: str, year: int, left_out: int, filed_on: date) -> Path:
    """A 年度计划表 with a row for every month but `left_out`."""
    months = tuple(
        PlannedMonth(month=m, day=date(year, m, 10), theme=THEME, items=(), mode=ActivityMode.SOLO, partner=None,
                     location="党员活动室")
        for m in range(1, 13) if m != left_out
    )
    plan = YearPlan(unit=unit, year=year, months=months, filled_by="王敏", phone="13800000000",
                    arrives=datetime.combine(filed_on, time(9)))
    path.parent.mkdir(parents=True, exist_ok=True)
    write_plan_xlsx(plan, path)
    return path


def build_conflicts(root: Path) -> ConflictWorld:
    desk = Desk(root)
    desk.roster(date(2017, 1, 1), [(GUXING, "镇", None), (XINCHENG, "街道", None)], BRANCHES, [])
    world = ConflictWorld(desk)
    inbox, ids = desk.inbox, world.ids

    ids["plan"] = desk.receive(write_plan_without(inbox / "古荥计划.xlsx", GUXING, 2017, 3, date(2016, 12, 20)),
                               date(2016, 12, 20), accept_reason="3月另行安排").id
    rows = [
        Row(DAHE, DISTRICT_DATE, expected=30, present=27, excused=2, theme=THEME),
        Row(GUXING_OFFICE, None, expected=10, reason="书记外出培训"),
    ]
    ids["monthly"] = desk.receive(write_monthly(inbox / "古荥3月.xlsx", GUXING, MAR, rows), date(2017, 3, 13)).id
    ids["record"] = desk.receive(
        write_record(inbox / "大河村3月记录表.docx", GUXING, DAHE, date(2017, 3, 9), expected=30, present=25,
                     excused=2, theme=OTHER_THEME),
        date(2017, 3, 13),
    ).id
    ids["record/office"] = desk.receive(
        write_record(inbox / "古荥镇机关3月记录表.docx", GUXING, GUXING_OFFICE, DISTRICT_DATE, expected=10, present=9),
        date(2017, 3, 13),
    ).id

    ids["adjustment"] = desk.receive(
        write_adjustment(inbox / "新城备案.xlsx", Committee(name=XINCHENG, category="街道"), MAR, DISTRICT_DATE,
                         date(2017, 3, 8), date(2017, 3, 6)),
        date(2017, 3, 6),
    ).id
    rows = [
        Row(TIANHE, date(2017, 3, 8), expected=20, present=18, excused=1),
        Row(XINCHENG_OFFICE, date(2017, 3, 9), expected=8, present=8),
    ]
    ids["monthly/xincheng"] = desk.receive(write_monthly(inbox / "新城3月.xlsx", XINCHENG, MAR, rows),
                                           date(2017, 3, 13)).id
    return world
