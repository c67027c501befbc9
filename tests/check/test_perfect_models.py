"""A perfect file of each form, read through `check`: its whole parsed model, value by value.

The expected models are written from the files as a person reads them (the cell and table
contents listed in each test's comment), not from what `check` returns.
"""

from __future__ import annotations

from datetime import date

import pytest

from themeday_office.ingest.check import check_bytes

from .conftest import CORPUS

MONTHLY_COLUMNS = {
    "党支部名称": "A", "活动日期": "B", "开始时间": "C", "结束时间": "D", "活动主题": "E", "指导性主题序号": "F",
    "开展方式": "G", "联建单位": "H", "活动地点": "I", "应到人数": "J", "实到人数": "K", "请假人数": "L",
    "列席人数": "M", "科级以上领导干部参加人数": "N", "未开展原因": "O",
}  # fmt: skip
PLAN_COLUMNS = {
    "月份": "A", "活动日期": "B", "活动主题": "C", "指导性主题序号": "D", "开展方式": "E", "联建单位": "F",
    "活动地点": "G", "备注": "H",
}  # fmt: skip


def checked(name: str, arrived: date, environment):
    result = check_bytes((CORPUS / name).read_bytes(), name, environment(arrived))
    assert result.ok and result.messages == [], [m.text for m in result.messages]
    return result


def places(sheet: str, columns: dict[str, str], row: int) -> dict[str, str]:
    return {label: f"{sheet}!{col}{row}" for label, col in columns.items()}


def test_monthly(environment):
    # Sheet1: A1 title; row 2 填报单位 区教体局党委 | 填报月份 2017年3月 | 填报人 于浩 | 联系电话 15824883012 |
    # 填报日期 (a date cell) 2017-03-13; row 3 the fifteen forms.md columns A..O; rows 4 and 5 the two branches.
    result = checked("monthly-perfect.xlsx", date(2017, 3, 13), environment)
    afternoon = {"segments": [["14:30:00", "18:00:00"]]}
    assert result.model.model_dump(mode="json") == {
        "unit": "区教体局党委",
        "period": "2017-03",
        "header": {"unit": "区教体局党委", "filled_by": "于浩", "phone": "15824883012", "filled_on": "2017-03-13"},
        "title": "2017年3月份“主题党日”活动开展情况统计表",
        "place": "Sheet1",
        "unit_place": "Sheet1!B2",
        "rows": [
            {
                "branch": "区教体局机关党支部", "held_on": "2017-03-10", "time": afternoon, "theme": "为老年人义务理发",
                "theme_items": [2], "mode": "联建共建", "partner": "新城街道党工委", "location": "区教体局机关会议室",
                "expected": 23, "present": 21, "excused": 2, "remarks": None, "seq": None, "observers": 1, "cadres": 1,
                "reason_not_held": None, "places": places("Sheet1", MONTHLY_COLUMNS, 4), "unreadable": [],
            },
            {
                "branch": "惠济区瑞河初级中学党支部", "held_on": "2017-03-10", "time": afternoon,
                "theme": "党员志愿服务进社区", "theme_items": [], "mode": "支部单独开展", "partner": None,
                "location": "惠济区瑞河初级中学会议室", "expected": 13, "present": 12, "excused": 1, "remarks": None,
                "seq": None, "observers": 1, "cadres": 3, "reason_not_held": None,
                "places": places("Sheet1", MONTHLY_COLUMNS, 5), "unreadable": [],
            },
        ],
    }  # fmt: skip
    assert [(r.committee, r.branch, r.data["matched"]) for r in result.rows] == [
        ("区教体局党委", "区教体局机关党支部", True),
        ("区教体局党委", "惠济区瑞河初级中学党支部", True),
    ]


# 计划表: A1 title; A2 填报单位：新城街道党工委（盖章）, D2 填报人：贺颖永, F2 联系电话：13506908137,
# G2 填报日期：2016年12月24日; row 3 the eight columns; rows 4..15 the months 1月..12月 on the district dates.
PLAN_MONTHS = [
    (1, "2017-01-13", "以支部为单位开展民主评议党员活动", [5], True),
    (2, "2017-02-10", "送文艺节目进工地，组织党员交纳党费", [3, 7], True),
    (3, "2017-03-10", "开展“学雷锋比奉献”活动，组织党员交纳党费", [1, 9], False),
    (4, "2017-04-14", "迎“五四”青年党员(入党积极分子、党员发展对象)志愿服务活动，在职党员进社区服务", [1, 4], True),
    (5, "2017-05-12", "开展党员认领“微心愿”活动", [1], False),
    (6, "2017-06-09", "学习贯彻党的十八届六中全会精神", [], False),
    (7, "2017-07-14", "重温入党誓词，坚定理想信念", [], False),
    (8, "2017-08-11", "邀请红军老战士讲革命故事", [2], False),
    (9, "2017-09-08", "开展“勿忘国耻自强不息”爱国主义教育", [2], True),
    (10, "2017-10-13", "开展“亮身份、作表率、树形象”活动，在职党员进社区服务", [1, 4], True),
    (11, "2017-11-10", "形势政策教育，召开“三会一课”", [3, 6], True),
    (12, "2017-12-08", "学习贯彻党的十八届六中全会精神", [], False),
]


def test_plan(environment):
    result = checked("plan-perfect.xlsx", date(2016, 12, 20), environment)
    rows = [
        {
            "month": month, "planned_on": day, "theme": theme, "theme_items": items,
            "mode": "联建共建" if joint else "支部单独开展", "partner": "区直机关第一党建协作组" if joint else None,
            "location": "新城街道党员活动室", "remarks": None, "places": places("计划表", PLAN_COLUMNS, month + 3),
            "unreadable": [],
        }
        for month, day, theme, items, joint in PLAN_MONTHS
    ]  # fmt: skip
    assert result.model.model_dump(mode="json") == {
        "unit": "新城街道党工委",
        "period": "2017",
        "header": {"unit": "新城街道党工委", "filled_by": "贺颖永", "phone": "13506908137", "filled_on": "2016-12-24"},
        "title": "2017年“主题党日”活动计划表",
        "place": "计划表",
        "unit_place": "计划表!A2",
        "rows": rows,
    }


def test_record(environment):
    # 表格1, four columns; a lone pair's value spans three: 1 党支部名称 岗田社区党支部 |
    # 2 所属党(工)委 新城街道党工委 | 3 活动日期 2017年3月10日, 活动时间 9:00—12:30 | 4 活动地点 |
    # 5 活动主题 | 6 开展方式 联建共建, 联建单位 |
    # 7 主持人 史晓林, 记录人 叶利红 | 8 应到 28, 实到 27 | 9 请假 1, 缺席 刘新红（病假） | 10 列席人员 无 |
    # 11 参加的科级以上领导干部 无 | 12 活动内容 | 13 备注 (blank).
    result = checked("record-perfect.docx", date(2017, 3, 13), environment)
    rows = {
        "党支部名称": 1, "所属党(工)委": 2, "活动日期": 3, "活动时间": 3, "活动地点": 4, "活动主题": 5, "开展方式": 6,
        "联建单位": 6, "主持人": 7, "记录人": 7, "应到人数": 8, "实到人数": 8, "请假人数": 9, "缺席人员及原因": 9,
        "列席人员": 10, "参加的科级以上领导干部": 11, "活动内容": 12, "备注": 13,
    }  # fmt: skip
    theme = "开展“3·15”维护消费者权益宣传活动，在职党员进社区服务"
    assert result.model.model_dump(mode="json") == {
        "period": "2017-03",
        "place": "表格1",
        "record": {
            "branch": "岗田社区党支部", "committee": "新城街道党工委", "held_on": "2017-03-10",
            "time": {"segments": [["09:00:00", "12:30:00"]]}, "theme": theme, "theme_items": [], "mode": "联建共建",
            "partner": "区直机关第一党建协作组", "location": "岗田社区党群服务中心", "expected": 28, "present": 27,
            "excused": 1, "remarks": None, "host": "史晓林", "recorder": "叶利红", "absentees": "刘新红（病假）",
            "observers": "无", "cadres": "无",
            "content": f"1.支部书记史晓林传达学习上级有关文件精神；2.围绕“{theme}”主题，组织党员开展活动，"
                       "参会党员结合工作实际交流心得体会；3.党员代表交流发言，开展批评与自我批评。",
            "places": {label: f"表格1 第{row}行" for label, row in rows.items()}, "unreadable": [],
        },
    }  # fmt: skip
    assert result.unit == "岗田社区党支部" and result.rows[0].committee == "新城街道党工委"


ADJUSTMENT = {
    "unit": "新城街道党工委",
    "period": "2017-04",
    "district_date": "2017-04-14",
    "new_date": "2017-04-18",
    "reason": "当日承接上级专项检查任务",
    "scope": {"all_branches": True, "names": []},
    "contact": "毛凯鹏",
    "phone": "0371-64066206",
    "filed_on": "2017-04-08",
    "unreadable": [],
}
ADJUSTMENT_LABELS = (
    "申请单位",
    "调整月份",
    "区定日期",
    "调整后日期",
    "调整原因",
    "涉及支部",
    "联系人",
    "联系电话",
    "报备日期",
)


@pytest.mark.parametrize(
    ("name", "place", "where"),
    [
        # 表格1: nine label | value rows, 申请单位 新城街道党工委 … 报备日期 2017年4月8日.
        ("adjustment-perfect.docx", "表格1", lambda row: f"表格1 第{row}行"),
        # 备案表: A1 title; A2:B10 the same nine label | value rows.
        ("adjustment-perfect.xlsx", "备案表", lambda row: f"备案表!B{row + 1}"),
    ],
)
def test_adjustment(name, place, where, environment):
    result = checked(name, date(2017, 4, 8), environment)
    places = {label: where(row) for row, label in enumerate(ADJUSTMENT_LABELS, start=1)}
    assert result.model.model_dump(mode="json") == {**ADJUSTMENT, "place": place, "places": places}
    assert [(r.kind, r.committee, r.period) for r in result.rows] == [("adjustment", "新城街道党工委", "2017-04")]


def test_summary(environment):
    # Title, the four numbered sections with their paragraphs, the signature and the date, as listed.
    result = checked("summary-perfect.docx", date(2017, 4, 5), environment)
    paragraphs = [
        "惠济区新城街道党工委2017年第一季度“主题党日”活动开展情况总结",
        "一、基本情况",
        "本季度，新城街道所属7个党支部共开展“主题党日”活动21次，参加党员453人次，平均参与率93.8%；"
        "其中联建共建活动10次，采用全区指导性主题18次。",
        "二、主要做法",
        "（一）突出联建共建。与联建单位共同商定活动主题，整合双方阵地和资源，联合开展志愿服务和政策宣传，"
        "实现联建活动和业务工作“两不误”。",
        "（二）强化组织领导。党委书记亲自抓，组织委员具体抓，每月初召开党建工作例会研究部署主题党日活动，"
        "做到年度有计划、每月有主题。",
        "（三）注重活动实效。结合“两学一做”学习教育，把主题党日与“三会一课”、党费收缴、民主评议党员等工作结合起来，"
        "增强党员身份意识。",
        "三、存在问题",
        "一是个别党支部活动形式较为单一，以集中学习为主，实践类活动偏少；二是部分农村党支部外出务工党员较多，"
        "参与率有待提高；三是个别党支部活动记录不够规范，资料归档不及时。",
        "四、下步打算",
        "一是加强督促指导，对活动开展情况每月通报，推动各党支部规范开展；二是丰富活动载体，"
        "结合重要节点和中心工作设计活动主题，增强吸引力；三是严格落实党员参加活动制度，对流动党员和年老体弱党员作出妥善安排。",
        "中共惠济区新城街道工作委员会",
        "2017年4月9日",
    ]
    assert result.model.model_dump(mode="json") == {
        "unit": "惠济区新城街道党工委",
        "period": "2017Q1",
        "title": paragraphs[0],
        "sections": ["基本情况", "主要做法", "存在问题", "下步打算"],
        "dated": "2017-04-09",
        "paragraphs": paragraphs,
        "place": "正文",
        "unit_place": "第1段",
    }
    assert result.unit == "新城街道党工委"  # the title's 惠济区新城街道党工委, as the roster names it
