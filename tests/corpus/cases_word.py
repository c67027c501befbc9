"""Word forms: activity records (2- and 4-column tables, content controls, a text box), adjustment
filings (table, four columns, paragraphs) and quarterly summaries.

The docx reader names a place by table and row: `表格1 第3行`. In the two-column record below
(RECORD_VALUES in order, one label | value pair a row) 党支部名称 is row 1, 活动日期 row 3,
活动时间 row 4, 开展方式 row 7, 联建单位 row 8, 应到人数 row 11, 实到人数 row 12, 请假人数 row 13.
"""

from __future__ import annotations

import copy
from datetime import date

from tests.corpus.build import docx_of, paragraphs, word_document, word_table
from tests.corpus.case import (
    APRIL,
    DISTRICT,
    GENERATOR,
    GY,
    HAND_XML,
    LIBREOFFICE,
    MARCH,
    PYTHON_DOCX,
    XC,
    Registry,
    ok,
    rejected,
)  # fmt: skip
from tests.readers.craft import sdt, text_box_run, w, wrap_in_sdt
from themeday_office.domain.period import Period
from themeday_office.synthetic import month_of, summary_of, write_adjustment_docx, write_record_docx, write_summary_docx

cases = Registry()

RECORD_TITLE = "主题党日活动记录表"
RECORD_VALUES = (
    ("党支部名称", "美庙社区党支部"), ("所属党(工)委", XC), ("活动日期", "2017.3.10"), ("活动时间", "下午2:30-6:00"),
    ("活动地点", "美庙社区党群服务中心"), ("活动主题", "为老年人义务理发"), ("开展方式", "支部单独开展"),
    ("联建单位", ""), ("主持人", "刘建国"), ("记录人", "陈静"), ("应到人数", "17"), ("实到人数", "16"),
    ("请假人数", "1"), ("缺席人员及原因", "王强（出差）"), ("列席人员", "无"), ("参加的科级以上领导干部", "无"),
    ("活动内容", "1.集中学习《中国共产党章程》；2.为社区老人义务理发；3.组织党员交纳党费。"), ("备注", ""),
)  # fmt: skip
Q1_ARRIVED = date(2017, 4, 5)


def record(changes: dict[str, str] | None = None, drop: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    changes = changes or {}
    return [(label, changes.get(label, value)) for label, value in RECORD_VALUES if label not in drop]


def two_columns(pairs: list[tuple[str, str]], title: str | None = RECORD_TITLE):
    document = word_document(title)
    word_table(document, [[label, value] for label, value in pairs])
    # A form ends with a line under its table (LibreOffice's .doc export drops a table that ends the document).
    paragraphs(document, "填表日期：2017年3月13日")
    return document


# ---- records ----------------------------------------------------------------------------------


@cases.add("record-perfect.docx", GENERATOR,
           ("perfect record: whole model asserted", "four columns, lone pairs spanning three"),
           ok("record", "岗田社区党支部", "2017-03", compliant=1))
def _(tools):
    month = month_of(DISTRICT, XC, MARCH)
    return tools.written(write_record_docx, month.rows[1], month, suffix=".docx")


@cases.add("record-two-column.docx", PYTHON_DOCX, ("two columns: one label | value pair a row", "date 2017.3.10",
                                                   "time 下午2:30-6:00"),
           ok("record", "美庙社区党支部", "2017-03", compliant=1))
def _(tools):
    return docx_of(two_columns(record()))


@cases.add("record-value-below.docx", PYTHON_DOCX,
           ("four columns", "活动内容 alone on its row, its text in the unmerged row below",
            "备注 spanning three columns", "label variants 支部名称, 所属党委, 起止时间, 参加的科级以上干部"),
           ok("record", "丰乐社区党支部", "2017-03", compliant=1))
def _(tools):
    document = word_document(RECORD_TITLE)
    rows = [
        ["支部名称", "丰乐社区党支部", "所属党委", XC],
        ["活动日期", "2017年3月10日", "起止时间", "8：30—12：00"],
        ["活动地点", "丰乐社区党群服务中心", "活动主题", "为老年人义务理发"],
        ["开展方式", "联建共建", "联建单位", "区直机关第一党建协作组"],
        ["主持人", "赵敏", "记录人", "孙磊"],
        ["应到人数", "32", "实到人数", "30"],
        ["请假人数", "2", "缺席人员及原因", "张伟（病假）、李娟（出差）"],
        ["列席人员", "无", "参加的科级以上干部", "无"],
        ["活动内容", "", "", ""],
        ["1.学习上级文件精神；2.与协作组党员共同为社区老人义务理发。", "", "", ""],
        ["备注", "无"],
    ]
    word_table(document, rows, spans={(10, 1): 3})
    return docx_of(document)


@cases.add("record-content-controls.docx", HAND_XML,
           ("values in content controls at cell, run and row level", "a control still showing its placeholder"),
           ok("record", "小岭社区党支部", "2017-03", compliant=1))
def _(tools):
    pairs = record({"党支部名称": "小岭社区党支部", "活动地点": "小岭社区党群服务中心", "应到人数": "19",
                    "实到人数": "18", "活动日期": "", "备注": ""})
    document = two_columns(pairs)
    table = document.tables[0]
    rows = table._tbl.tr_lst
    # 活动日期: the value typed into a run-level control.
    date_cell = rows[2].tc_lst[1]
    date_cell.p_lst[0].append(w(sdt('<w:r><w:t>2017年3月10日</w:t></w:r>', alias="活动日期")))
    # 备注: a control still showing its prompt holds no answer.
    note_cell = rows[17].tc_lst[1]
    note_cell.p_lst[0].append(w(sdt('<w:r><w:t>单击或点击此处输入文字。</w:t></w:r>', placeholder=True)))
    for tr in rows[:6]:
        wrap_in_sdt(tr.tc_lst[1])  # cell-level controls on the first values
    wrap_in_sdt(rows[10])  # a whole row in a control (应到人数)
    return docx_of(document)


@cases.add("record-in-text-box.docx", HAND_XML, ("the whole record table inside a text box",),
           ok("record", "岗塘社区党支部", "2017-03", compliant=1))
def _(tools):
    pairs = record({"党支部名称": "岗塘社区党支部", "活动地点": "岗塘社区党群服务中心", "应到人数": "27",
                    "实到人数": "25", "请假人数": "2"})
    document = two_columns(pairs)
    tbl = document.tables[0]._tbl
    tbl.getparent().remove(tbl)
    holder = document.add_paragraph()
    holder._p.append(w(text_box_run("")))
    boxes = holder._p.findall(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}txbxContent")
    for box, body in zip(boxes, (tbl, copy.deepcopy(tbl)), strict=True):  # the DrawingML copy and the VML fallback
        box.insert(0, body)
    return docx_of(document)


@cases.add("record-inline-labels.docx", PYTHON_DOCX, ("label and value in one cell: 活动日期：2017年3月10日",),
           ok("record", "瑞寿社区党支部", "2017-03", compliant=1))
def _(tools):
    pairs = record({"党支部名称": "瑞寿社区党支部", "活动日期": "2017年3月10日", "活动地点": "瑞寿社区党群服务中心",
                    "应到人数": "26", "实到人数": "25"})
    document = word_document(RECORD_TITLE)
    word_table(document, [[f"{a}：{x}", f"{b}：{y}"] for (a, x), (b, y) in zip(pairs[::2], pairs[1::2], strict=True)])
    return docx_of(document)


@cases.add("record-errors.docx", PYTHON_DOCX,
           ("a misspelt branch with its suggestion", "实到 > 应到", "联建共建 without 联建单位"),
           rejected("record", "刚田社区党支部", "2017-03",
                    ("branch_unknown", "表格1 第1行", "您是否要填：岗田社区党支部"),
                    ("partner_missing", "表格1 第8行"),
                    ("present_exceeds_expected", "表格1 第12行", "“实到人数”为 30，大于应到人数 28")))
def _(tools):
    pairs = record({"党支部名称": "刚田社区党支部", "开展方式": "联建共建", "应到人数": "28", "实到人数": "30",
                    "请假人数": "0"})
    return docx_of(two_columns(pairs))


@cases.add("record-findings.docx", PYTHON_DOCX,
           ("held on an unfiled date", "two hours only", "low attendance"),
           ok("record", "丰乐社区党支部", "2017-03", compliant=0,
              findings=(("held_on_unfiled_date", "表格1 第3行"), ("short_duration", "表格1 第4行"),
                        ("low_attendance", "表格1 第12行"))))
def _(tools):
    pairs = record({"党支部名称": "丰乐社区党支部", "活动日期": "2017年3月14日", "活动时间": "下午2:30-4:30",
                    "应到人数": "32", "实到人数": "20", "请假人数": "5"})
    return docx_of(two_columns(pairs))


@cases.add("record-missing-date.docx", PYTHON_DOCX, ("required label 活动日期 missing: not a record at all",),
           rejected("record", "", "", ("label_missing", "表格1", "表中缺少“活动日期”")))
def _(tools):
    return docx_of(two_columns(record(drop=("活动日期",))))


@cases.add("record-date-without-year.docx", PYTHON_DOCX, ("a date without its year and nothing to take it from",),
           rejected("record", "", "", ("value_invalid", "表格1 第3行", "没有年份")))
def _(tools):
    return docx_of(two_columns(record({"活动日期": "3月10日"})))


@cases.add("record-lo.doc", LIBREOFFICE, ("Word 97-2003 .doc: converted by LibreOffice during the check",),
           ok("record", "美庙社区党支部", "2017-03", compliant=1), converts=True)
def _(tools):
    return tools.lo.convert(docx_of(two_columns(record())), ".docx", "doc")


@cases.add("record-lo-resaved.docx", LIBREOFFICE, ("a record saved by LibreOffice (its own merges and styles)",),
           ok("record", "瑞寿社区党支部", "2017-03", compliant=1))
def _(tools):
    month = month_of(DISTRICT, XC, MARCH)
    return tools.lo.convert(tools.written(write_record_docx, month.rows[6], month, suffix=".docx"), ".docx", "docx")


# ---- adjustment filings -----------------------------------------------------------------------


@cases.add("adjustment-perfect.docx", GENERATOR, ("perfect adjustment: whole model asserted", "涉及支部 全部"),
           ok("adjustment", XC, "2017-04", compliant=0))
def _(tools):
    return tools.written(write_adjustment_docx, month_of(DISTRICT, XC, APRIL, adjusted=True).adjustment, suffix=".docx")


@cases.add("adjustment-four-column.docx", PYTHON_DOCX,
           ("four columns", "调整后日期 4月12日 (the year from 调整月份)", "涉及支部 a 、 list"),
           ok("adjustment", GY, "2017-04", compliant=0))
def _(tools):
    document = word_document("主题党日活动调整日期备案表")
    rows = [
        ["申请单位", GY, "调整月份", "2017年4月"],
        ["区定日期", "2017年4月14日", "调整后日期", "4月12日"],
        ["调整原因", "当日承接上级专项检查任务"],
        ["涉及支部", "大河村党支部、古荥村党支部、孙庄村党支部"],
        ["联系人", "李娜", "联系电话", "0371-63331234"],
        ["报备日期", "2017年4月6日"],
    ]
    word_table(document, rows, spans={(2, 1): 3, (3, 1): 3, (5, 1): 3})
    paragraphs(document, "", "古荥镇党委（盖章）")
    return docx_of(document)


@cases.add("adjustment-paragraphs.docx", PYTHON_DOCX,
           ("label：value paragraphs, no table", "涉及支部 not filled: all branches assumed (提示)"),
           ok("adjustment", XC, "2017-04", compliant=0, messages=(("scope_assumed_all", "正文", "按全部支部处理"),)))
def _(tools):
    document = word_document("调整日期备案表")
    paragraphs(document, "申请单位：新城街道党工委", "调整月份：2017年4月", "区定日期：2017年4月14日",
               "调整后日期：2017年4月19日", "调整原因：与联建单位商定统一开展联建活动", "联系人：毛凯鹏",
               "联系电话：0371-64066206", "报备日期：2017年4月10日")
    return docx_of(document)


@cases.add("adjustment-errors.docx", PYTHON_DOCX,
           ("new date outside the week", "no reason", "区定日期 written wrong", "涉及支部 naming an unknown branch"),
           rejected("adjustment", XC, "2017-04",
                    ("adjustment_district_date_wrong", "表格1 第3行", "全区主题党日应为2017年4月14日"),
                    ("adjustment_outside_window", "表格1 第4行", "超出前后7天的范围"),
                    ("adjustment_reason_missing", "表格1 第5行"),
                    ("branch_unknown", "表格1 第6行", "新城社区党支部")))
def _(tools):
    document = word_document("主题党日活动调整日期备案表")
    word_table(document, [
        ["申请单位", XC], ["调整月份", "2017年4月"], ["区定日期", "2017年4月7日"], ["调整后日期", "2017年4月25日"],
        ["调整原因", ""], ["涉及支部", "岗田社区党支部、新城社区党支部"], ["联系人", "毛凯鹏"],
        ["联系电话", "0371-64066206"], ["报备日期", "2017年4月5日"],
    ])  # fmt: skip
    return docx_of(document)


# ---- quarterly summaries ----------------------------------------------------------------------


def _quarter(committee: str):
    return summary_of(DISTRICT, [month_of(DISTRICT, committee, Period.of_month(2017, m)) for m in (1, 2, 3)])


@cases.add("summary-perfect.docx", GENERATOR, ("perfect summary: whole model asserted",),
           ok("summary", XC, "2017Q1", compliant=0), arrived=Q1_ARRIVED)
def _(tools):
    return tools.written(write_summary_docx, _quarter(XC), suffix=".docx")


@cases.add("summary-hints-late.docx", PYTHON_DOCX,
           ("unit from a 报送单位 line", "a usual section missing (提示)", "no date at the end (提示)",
            "arrived after the 10th"),
           ok("summary", GY, "2017Q1", compliant=0,
              messages=(("summary_section_missing", "正文", "存在问题"), ("summary_date_missing", "正文")),
              findings=(("late_arrival", ""),)), arrived=date(2017, 4, 20))
def _(tools):
    document = word_document("2017年第一季度“主题党日”活动开展情况总结")
    paragraphs(
        document,
        "报送单位：古荥镇党委",
        "一、基本情况",
        "本季度，古荥镇党委所属15个党支部每月按时开展“主题党日”活动。",
        "二、主要做法",
        "强化组织领导，每月初召开党建工作例会研究部署主题党日活动。",
        "四、下步打算",
        "加强督促指导，丰富活动载体。",
    )
    return docx_of(document)


@cases.add("summary-no-quarter.docx", PYTHON_DOCX, ("a title that names no quarter: period unknown",),
           rejected("summary", "", "", ("period_missing", "正文", "无法确定报表所属季度")))
def _(tools):
    document = word_document("古荥镇党委“主题党日”活动开展情况总结")
    paragraphs(document, "一、基本情况", "各党支部按时开展活动。", "二、主要做法", "强化组织领导。", "2017年4月5日")
    return docx_of(document)


@cases.add("summary-lo-resaved.docx", LIBREOFFICE, ("a summary saved by LibreOffice",),
           ok("summary", GY, "2017Q1", compliant=0), arrived=Q1_ARRIVED)
def _(tools):
    return tools.lo.convert(tools.written(write_summary_docx, _quarter(GY), suffix=".docx"), ".docx", "docx")

