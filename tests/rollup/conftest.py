"""Two small districts ingested through the real pipeline into real ledgers.

`q1` is the first quarter of a six-committee district with every case the rollup must
get right (see the table in `build_q1`); `year` is a whole year of one committee whose
activities fell short in spring, for the annual rating and its 优秀 cap.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from themeday_office.domain.period import Period
from themeday_office.domain.roster import Committee
from themeday_office.ingest.pipeline import Ingestor
from themeday_office.ingest.session import EnvironmentCache
from themeday_office.ledger import Ledger, Submission
from themeday_office.readers import read_bytes
from themeday_office.rollup import MonthRollup, RollupInputs, RollupRules, rollup_month
from themeday_office.workspace import Workspace, init_workspace

from .files import Row, write_adjustment, write_monthly, write_plan, write_summary

JAN, FEB, MAR = (Period.of_month(2017, m) for m in (1, 2, 3))
Q1 = Period.of_quarter(2017, 1)

GUXING, XINCHENG, JIAOTI, WEIJI, XINQU, GONGWEI = (
    "古荥镇党委", "新城街道党工委", "区教体局党委", "区卫计委党委", "郑州惠济新区党工委", "区直机关工委",
)
GROUP_1, GROUP_ZONE = "区直机关第一党建协作组", "开发区党建协作组"
FORMULA_REASON = "@所有人 书记外出培训，下月补开"
FORMULA_BRANCH = "=1+2党支部"


class Desk:
    """A clerk's desk: a workspace, its ledger on a clock the test sets, and the real ingestor."""

    def __init__(self, root: Path):
        init_workspace(root)
        self.workspace = Workspace.open(root)
        self.now = datetime(2016, 12, 1, 9)
        self.ledger = Ledger.open(self.workspace.state, clock=lambda: self.now)
        limits = self.workspace.settings.limits.to_read_limits()
        # In-process reading keeps the tests quick; the isolated reader is tested with ingest.
        self.ingestor = Ingestor(self.workspace.inbox, self.ledger, EnvironmentCache(self.workspace, self.ledger),
                                 lambda data, name: read_bytes(data, name, limits), actor="测试员")
        self.inbox = self.workspace.inbox

    def roster(self, effective: date, committees, branches, groups) -> None:
        data = {
            "committees": [{"名称": n, "类别": cat, "所属协作组": g} for n, cat, g in committees],
            "branches": [{"支部名称": n, "所属党(工)委": c, "支部类型": t, "党员人数": m} for n, c, t, m in branches],
            "groups": [
                {"协作组名称": n, "成员单位": "、".join(ms), "联建镇(街道)": "、".join(ps)} for n, ms, ps in groups
            ],
        }
        self.ledger.add_roster_version(effective, "组织名册.xlsx", f"roster-{effective}", data)

    def receive(self, path: Path, on: date, accept_reason: str | None = None) -> Submission:
        """The file arrives on `on`; with `accept_reason`, the clerk accepts it despite its errors."""
        self.now = datetime.combine(on, time(10))
        outcome = self.ingestor.ingest(path)
        assert outcome.submission is not None, outcome.detail
        if accept_reason:
            self.ledger.accept(outcome.submission.id, "测试员", accept_reason)
        return self.ledger.get(outcome.submission.id)

    def inputs(self) -> RollupInputs:
        return RollupInputs.from_ledger(self.ledger, RollupRules.of(self.workspace))


def committee(name: str, category: str) -> Committee:
    return Committee(name=name, category=category)


@dataclass
class Q1World:
    desk: Desk
    ids: dict[str, int] = field(default_factory=dict)
    before_late_filing: MonthRollup | None = None


ROSTER_COMMITTEES = [
    (GUXING, "镇", None),
    (XINCHENG, "街道", None),
    (JIAOTI, "区直机关", GROUP_1),
    (WEIJI, "区直机关", GROUP_1),
    (XINQU, "开发区", GROUP_ZONE),
    (GONGWEI, "区直机关", None),
]
ROSTER_BRANCHES = [
    ("大河村党支部", GUXING, "农村", 30),
    ("古荥镇机关党支部", GUXING, "党政机关", 10),
    ("天河社区党支部", XINCHENG, "社区", 20),
    ("新城街道机关党支部", XINCHENG, "党政机关", 8),
    ("惠济区第一中学党支部", JIAOTI, "学校", 40),
    ("区教体局机关党支部", JIAOTI, "党政机关", 12),
    ("区人民医院党支部", WEIJI, "事业单位", 25),
    ("郑州宏达科技有限公司党支部", XINQU, "两新组织", 6),
    ("惠济建设投资集团党支部", XINQU, "国有企业", 10),
    ("区直机关工委机关党支部", GONGWEI, "党政机关", 9),
]
ADDED_IN_FEBRUARY = ("黄河滩村党支部", GUXING, "农村", 15)  # in force from 2017-02-20
ROSTER_GROUPS = [(GROUP_1, [JIAOTI, WEIJI], [GUXING]), (GROUP_ZONE, [XINQU], [XINCHENG])]


def build_q1(root: Path) -> Q1World:
    """The first quarter; March is the month with every case (district date 3-10, due 3-15):

    古荥镇党委    大河村 3-10 联建; 机关 not held (reason); 黄河滩村 (added 2-20) 3-10, own theme; on time
    新城街道党工委 adjustment to 3-8 filed 3-6; both branches 3-8 (one 全天); report late (3-16)
    区教体局党委  v1 3-11 (一中 not held), superseded by v2 3-14: 一中 3-10 联建, 机关 3-10 only two hours
    区卫计委党委  医院 on 3-13, an unfiled date
    郑州惠济新区党工委 both on 3-9, its adjustment filed only on 3-20 (late); a row naming no branch,
                  accepted by the clerk
    区直机关工委  nothing at all
    January and February: 古荥镇 and 区卫计委 only, everything on time. Summaries: 古荥镇 4-7, 区卫计委 4-15 (late).
    """
    desk = Desk(root)
    desk.roster(date(2017, 1, 1), ROSTER_COMMITTEES, ROSTER_BRANCHES, ROSTER_GROUPS)
    desk.roster(date(2017, 2, 20), ROSTER_COMMITTEES, [*ROSTER_BRANCHES, ADDED_IN_FEBRUARY], ROSTER_GROUPS)
    world = Q1World(desk)
    inbox, ids = desk.inbox, world.ids

    for period, day, arrives in (
        (JAN, date(2017, 1, 13), date(2017, 1, 16)),
        (FEB, date(2017, 2, 10), date(2017, 2, 13)),
    ):
        rows = [
            Row("大河村党支部", day, expected=30, present=30),
            Row("古荥镇机关党支部", day, expected=10, present=10),
        ]
        ids[f"{GUXING}/{period}"] = desk.receive(
            write_monthly(inbox / f"古荥{period}.xlsx", GUXING, period, rows), arrives
        ).id
        rows = [Row("区人民医院党支部", day, expected=25, present=25)]
        ids[f"{WEIJI}/{period}"] = desk.receive(
            write_monthly(inbox / f"卫计{period}.xlsx", WEIJI, period, rows), arrives
        ).id

    d = date(2017, 3, 10)
    rows = [
        Row("大河村党支部", d, expected=30, present=27, excused=2, observers=3, joint_with=GROUP_1),
        Row("古荥镇机关党支部", None, expected=10, reason=FORMULA_REASON),
        Row("黄河滩村党支部", d, expected=15, present=15, items=None, theme="重温入党誓词"),
    ]
    ids[GUXING] = desk.receive(write_monthly(inbox / "古荥3月.xlsx", GUXING, MAR, rows), date(2017, 3, 13)).id

    ids["adjustment/" + XINCHENG] = desk.receive(
        write_adjustment(
            inbox / "新城备案.xlsx", committee(XINCHENG, "街道"), MAR, d, date(2017, 3, 8), date(2017, 3, 6)
        ),
        date(2017, 3, 6),
    ).id
    rows = [
        Row("天河社区党支部", date(2017, 3, 8), expected=20, present=18, excused=1, observers=2, items="2"),
        Row("新城街道机关党支部", date(2017, 3, 8), hours="全天", expected=8, present=8, cadres=1, items="2"),
    ]
    ids[XINCHENG] = desk.receive(write_monthly(inbox / "新城3月.xlsx", XINCHENG, MAR, rows), date(2017, 3, 16)).id

    rows = [
        Row("惠济区第一中学党支部", None, expected=40, reason="迎接期中考试"),
        Row("区教体局机关党支部", d, expected=12, present=12),
    ]
    ids["v1/" + JIAOTI] = desk.receive(write_monthly(inbox / "教体3月.xlsx", JIAOTI, MAR, rows), date(2017, 3, 11)).id
    rows = [
        Row("惠济区第一中学党支部", d, hours="14:30-18:00", expected=40, present=36, excused=3, cadres=2,
            joint_with=GUXING),
        Row("区教体局机关党支部", d, hours="9:00-11:00", expected=12, present=12, cadres=3, items=None),
    ]
    ids[JIAOTI] = desk.receive(write_monthly(inbox / "教体3月改.xlsx", JIAOTI, MAR, rows), date(2017, 3, 14)).id

    rows = [Row("区人民医院党支部", date(2017, 3, 13), expected=25, present=20, excused=2, cadres=1, items="3")]
    ids[WEIJI] = desk.receive(write_monthly(inbox / "卫计3月.xlsx", WEIJI, MAR, rows), date(2017, 3, 13)).id

    rows = [
        Row("郑州宏达科技有限公司党支部", date(2017, 3, 9), expected=6, present=6),
        Row("惠济建设投资集团党支部", date(2017, 3, 9), expected=10, present=9, excused=1, cadres=1),
        Row(FORMULA_BRANCH, date(2017, 3, 9), expected=5, present=5),
    ]
    ids[XINQU] = desk.receive(write_monthly(inbox / "新区3月.xlsx", XINQU, MAR, rows), date(2017, 3, 14),
                              accept_reason="多出一行不影响其余支部").id

    world.before_late_filing = rollup_month(desk.inputs(), MAR)
    ids["adjustment/" + XINQU] = desk.receive(
        write_adjustment(
            inbox / "新区备案.xlsx", committee(XINQU, "开发区"), MAR, d, date(2017, 3, 9), date(2017, 3, 20)
        ),
        date(2017, 3, 20),
    ).id

    ids["summary/" + GUXING] = desk.receive(
        write_summary(inbox / "古荥总结.docx", committee(GUXING, "镇"), Q1, date(2017, 4, 7)), date(2017, 4, 7)
    ).id
    ids["summary/" + WEIJI] = desk.receive(
        write_summary(inbox / "卫计总结.docx", committee(WEIJI, "区直机关"), Q1, date(2017, 4, 15)), date(2017, 4, 15)
    ).id
    return world


@pytest.fixture(scope="session")
def q1(tmp_path_factory) -> Iterator[Q1World]:
    world = build_q1(tmp_path_factory.mktemp("q1"))
    yield world
    world.desk.ledger.close()


# ---- a year of one committee that fell short in spring --------------------------------------

HUAYUANKOU, CHANGXING, GAOXIN, FAGAI = "花园口镇党委", "长兴路街道党工委", "郑州农业高新区党工委", "区发改委党委"
ZONE_GROUP, DIRECT_GROUP = "三个开发区党建协作组", "区直机关第一党建协作组"
DISTRICT_DATES = {
    1: date(2017, 1, 13), 2: date(2017, 2, 10), 3: date(2017, 3, 10), 4: date(2017, 4, 14),
    5: date(2017, 5, 12), 6: date(2017, 6, 9), 7: date(2017, 7, 14), 8: date(2017, 8, 11),
    9: date(2017, 9, 8), 10: date(2017, 10, 13), 11: date(2017, 11, 10), 12: date(2017, 12, 8),
}  # fmt: skip
NOT_HELD_MONTHS = (4, 5, 6)  # 花园口镇机关党支部 did not meet in spring
PLANNED_APRIL = date(2017, 4, 13)  # 花园口镇 planned April a day early, then met on the district date


@dataclass
class YearWorld:
    desk: Desk
    ids: dict[str, int] = field(default_factory=dict)


def build_year(root: Path) -> YearWorld:
    """2017 for 花园口镇党委 (two branches): every monthly table and summary on time; its office branch
    missed April to June. Plans: 花园口镇 and 区发改委 on time, the development-zone group six days
    late, 区直机关第一党建协作组 none (it sends to 区直机关工委). 长兴路街道 and 高新区 send nothing."""
    desk = Desk(root)
    desk.roster(
        date(2017, 1, 1),
        [
            (HUAYUANKOU, "镇", None),
            (CHANGXING, "街道", None),
            (GAOXIN, "开发区", ZONE_GROUP),
            (FAGAI, "区直机关", DIRECT_GROUP),
        ],
        [
            ("东大村党支部", HUAYUANKOU, "农村", 20),
            ("花园口镇机关党支部", HUAYUANKOU, "党政机关", 10),
            ("长兴社区党支部", CHANGXING, "社区", 15),
            ("高新区管委会机关党支部", GAOXIN, "党政机关", 8),
            ("区发改委机关党支部", FAGAI, "党政机关", 10),
        ],
        [(ZONE_GROUP, [GAOXIN], [CHANGXING]), (DIRECT_GROUP, [FAGAI], [HUAYUANKOU])],
    )
    world = YearWorld(desk)
    inbox, ids = desk.inbox, world.ids
    days = dict(DISTRICT_DATES)
    ids["plan/" + HUAYUANKOU] = desk.receive(
        write_plan(inbox / "花园口计划.xlsx", HUAYUANKOU, 2017, {**days, 4: PLANNED_APRIL}, date(2016, 12, 20)),
        date(2016, 12, 20),
    ).id
    ids["plan/" + FAGAI] = desk.receive(write_plan(inbox / "发改委计划.xlsx", FAGAI, 2017, days, date(2016, 12, 28)),
                                        date(2016, 12, 28)).id
    ids["plan/" + ZONE_GROUP] = desk.receive(
        write_plan(inbox / "开发区协作组计划.xlsx", ZONE_GROUP, 2017, days, date(2017, 1, 5)), date(2017, 1, 5)
    ).id
    for month, day in DISTRICT_DATES.items():
        period = Period.of_month(2017, month)
        office = (
            Row("花园口镇机关党支部", None, expected=10, reason="党员集中参加防汛值守")
            if month in NOT_HELD_MONTHS
            else Row("花园口镇机关党支部", day, expected=10, present=10)
        )
        rows = [Row("东大村党支部", day, expected=20, present=20), office]
        path = write_monthly(inbox / f"花园口{month}月.xlsx", HUAYUANKOU, period, rows)
        ids[f"{HUAYUANKOU}/{period}"] = desk.receive(path, day + timedelta(days=3)).id
    for q in range(1, 5):
        quarter = Period.of_quarter(2017, q)
        arrives = quarter.end + timedelta(days=5)
        path = write_summary(inbox / f"花园口总结{q}.docx", committee(HUAYUANKOU, "镇"), quarter, arrives)
        ids[f"summary/{HUAYUANKOU}/{quarter}"] = desk.receive(path, arrives).id
    return world


@pytest.fixture(scope="session")
def year(tmp_path_factory) -> Iterator[YearWorld]:
    world = build_year(tmp_path_factory.mktemp("year"))
    yield world
    world.desk.ledger.close()
