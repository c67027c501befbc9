"""Which form a file is: the kit's marker, then the title, then the labels it carries.

A file is one of the five submitted forms (plan, monthly, record, adjustment, summary)
or one of the department's own tables (roster, themes). A file that is none of them
gets a message saying what was looked for.
"""

from __future__ import annotations

from dataclasses import dataclass

from themeday_office.domain.forms import (
    ADJUSTMENT_LABELS,
    MONTHLY_COLUMNS,
    MONTHLY_HEADER_LABELS,
    PLAN_COLUMNS,
    PLAN_HEADER_LABELS,
    RECORD_LABELS,
)
from themeday_office.domain.forms.kinds import FORM_MARKER_PROPERTY
from themeday_office.domain.labels import label_key
from themeday_office.domain.roster.loader import BRANCH_SHEET, COMMITTEE_SHEET
from themeday_office.domain.themes_table import THEMES_COLUMNS
from themeday_office.domain.values.text import squeeze
from themeday_office.ingest.tables import LocatedTable, MergedView, count_labels, fill_table, locate_table
from themeday_office.readers import Document, Sheet, Workbook

KINDS = ("plan", "monthly", "record", "adjustment", "summary", "roster", "themes")
KIND_ZH = {
    "plan": "年度计划表",
    "monthly": "月度开展情况统计表",
    "record": "主题党日活动记录表",
    "adjustment": "调整日期备案表",
    "summary": "季度总结报告",
    "roster": "组织名册",
    "themes": "指导性主题表",
    "archive": "压缩包",
}
# For narrow tables and lists.
KIND_SHORT = {
    "plan": "计划", "monthly": "月报", "record": "记录表", "adjustment": "备案表", "summary": "总结",
    "roster": "名册", "themes": "主题表", "archive": "压缩包",
}
MIN_COLUMNS = 3  # fewer matching labels than this is not a form's table
WORD_FORMS = ("record", "summary")  # forms only a document holds; a spreadsheet is never one
_HEADER_LABELS = {"monthly": MONTHLY_HEADER_LABELS, "plan": PLAN_HEADER_LABELS}

_TITLE_WORDS = (
    ("记录表", "record"),
    ("备案", "adjustment"),
    ("调整日期", "adjustment"),
    ("总结", "summary"),
    ("计划", "plan"),
    ("统计表", "monthly"),
    ("开展情况", "monthly"),
    ("指导性主题", "themes"),
    ("名册", "roster"),
)


@dataclass
class Classification:
    kind: str | None
    how: str  # "marker", "title", "labels", "file name" — shown with --verbose and in tests
    sheet: Sheet | None = None
    table: LocatedTable | None = None
    looked_for: str = ""


def _marker(props) -> str | None:
    value = props.custom.get(FORM_MARKER_PROPERTY) if props else None
    if isinstance(value, str):
        kind = value.split(":")[0].strip()
        if kind in KINDS:
            return kind
    return None


def _title_kind(text: str) -> str | None:
    s = squeeze(text)
    for word, kind in _TITLE_WORDS:
        if word in s:
            return kind
    return None


def classify_workbook(book: Workbook, name: str) -> Classification:
    marker = _marker(book.properties)
    if marker in WORD_FORMS:
        marker = None  # a Word form's marker on a spreadsheet: told by its sheets instead
    sheet_keys = {label_key(s.name) for s in book.sheets}
    if marker == "roster" or {label_key(COMMITTEE_SHEET), label_key(BRANCH_SHEET)} <= sheet_keys:
        return Classification("roster", "marker" if marker else "labels")

    best: tuple[int, str, Sheet, LocatedTable | None] | None = None
    views: dict[int, MergedView] = {}
    for sheet in book.sheets:
        if not sheet.rows:
            continue
        view = views[id(sheet)] = MergedView(sheet)  # one per sheet: its header cells are keyed once
        for kind, columns in (("monthly", MONTHLY_COLUMNS), ("plan", PLAN_COLUMNS), ("themes", THEMES_COLUMNS)):
            if best is not None and best[0] >= len(columns):
                continue  # a table of this form matches at most all its labels: it cannot win
            table = locate_table(sheet, columns, (), view=view, fill=False)
            score = table.score if table else 0
            if table and kind == "monthly" and "党支部名称" not in table.columns.values():
                score = 0  # without its branch column a table is not a monthly report
            if table and kind == "themes" and "活动内容" not in table.columns.values():
                score = 0
            if score >= MIN_COLUMNS and (best is None or score > best[0]):
                best = (score, kind, sheet, table)
        if best is not None and best[0] >= len(ADJUSTMENT_LABELS):
            continue
        pairs = count_labels(_sheet_texts(sheet), ADJUSTMENT_LABELS)
        if pairs >= 4 and (best is None or pairs > best[0]):
            best = (pairs, "adjustment", sheet, None)

    def filled(kind: str, table: LocatedTable | None) -> LocatedTable | None:
        # Only the chosen table's rows are read.
        if table is None:
            return None
        return fill_table(table, _HEADER_LABELS.get(kind, ()), views.get(id(table.sheet)))

    if marker:
        marked = best[2] if best and best[1] == marker else _first_sheet(book)
        table = best[3] if best and best[1] == marker else None
        return Classification(marker, "marker", marked, filled(marker, table))
    # A monthly table whose headers are all wrong matches a few of a plan's labels, or none: its title
    # (else its file name) says what it is, so its messages are a monthly table's, and it is never
    # taken for (and accepted as) a newer version of the unit's plan.
    titled = best[2] if best is not None else _first_sheet(book)
    if titled is not None and (best is None or best[1] != "monthly"):
        if how := _named_monthly(titled, best[3] if best is not None else None, name, strict=best is None):
            return Classification("monthly", how, titled, None)
    if best is not None:
        return Classification(best[1], "labels", best[2], filled(best[1], best[3]))
    return Classification(
        None, "", looked_for="月度统计表的“党支部名称”“活动日期”“实到人数”等栏目、年度计划表的“月份”“活动主题”栏目、"
        "调整日期备案表的“申请单位”“调整后日期”，或组织名册的“党(工)委”“党支部”工作表",
    )


def _named_monthly(sheet: Sheet, table: LocatedTable | None, name: str, *, strict: bool) -> str:
    """"title" or "file name" when the rows above the table (else the file's name) call it the monthly
    report (strict, for a sheet no form's labels matched: 主题党日…统计表, not any 统计表); else ""."""
    def says(text: str) -> bool:
        text = squeeze(text)
        if strict:
            return "主题党日" in text and "统计表" in text
        return "统计表" in text or "开展情况" in text

    title = " ".join(_sheet_texts(sheet, table.header_rows[0] if table is not None else 3))
    if title.strip():
        return "title" if says(title) else ""
    return "file name" if says(name) else ""


def _first_sheet(book: Workbook) -> Sheet | None:
    return next((s for s in book.sheets if not s.hidden and s.rows), book.sheets[0] if book.sheets else None)


def _sheet_texts(sheet: Sheet, rows: int = 40) -> list[str]:
    return [str(v).strip() for row in sheet.rows[:rows] for v in row if isinstance(v, str)]


def classify_document(doc: Document, name: str) -> Classification:
    if marker := _marker(doc.properties):
        return Classification(marker, "marker")
    heads = [p.text for p in doc.paragraphs[:4] if p.text.strip()]
    for text in heads:
        kind = _title_kind(text)
        if kind in ("record", "adjustment", "summary"):
            return Classification(kind, "title")
    cells = [c.text for t in doc.tables for row in t.rows for c in row]
    record = count_labels(cells, RECORD_LABELS)
    adjustment = count_labels(cells + [p.text.split("：")[0] for p in doc.paragraphs], ADJUSTMENT_LABELS)
    if max(record, adjustment) >= 4:
        return Classification("record" if record > adjustment else "adjustment", "labels")
    if any("季度" in t for t in heads) and len(doc.paragraphs) >= 3:
        return Classification("summary", "title")
    by_name = _title_kind(name)
    if by_name in ("record", "adjustment", "summary"):
        return Classification(by_name, "file name")
    return Classification(
        None, "", looked_for="标题“主题党日活动记录表”“调整日期备案表”或“……季度……总结”，"
        "或表格中的“党支部名称”“活动日期”“申请单位”“调整后日期”等栏目",
    )
