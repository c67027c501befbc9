"""The department's own tables: the roster (组织名册) and a year's guiding themes.

They are imported by a clerk's command, not ingested: a roster import becomes a new
roster version in the ledger only when it has no 错误; otherwise nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from themeday_office.domain.codes import message
from themeday_office.domain.labels import label_key
from themeday_office.domain.messages import Message, Severity
from themeday_office.domain.roster import (
    BRANCH_LABELS,
    BRANCH_SHEET,
    COMMITTEE_LABELS,
    COMMITTEE_SHEET,
    GROUP_LABELS,
    GROUP_SHEET,
    Roster,
    load_roster,
)
from themeday_office.domain.themes import ThemesError, YearThemes
from themeday_office.domain.themes_table import THEMES_COLUMNS
from themeday_office.domain.values.dates import parse_date
from themeday_office.domain.values.raw import RawValue, ValueProblem, display
from themeday_office.ingest.tables import locate_table
from themeday_office.readers import Document, Workbook

_SHEETS = (
    ("committees", COMMITTEE_SHEET, COMMITTEE_LABELS),
    ("branches", BRANCH_SHEET, BRANCH_LABELS),
    ("groups", GROUP_SHEET, GROUP_LABELS),
)


@dataclass
class RosterImport:
    roster: Roster | None
    messages: list[Message] = field(default_factory=list)
    rows: dict[str, list[dict]] = field(default_factory=dict)  # plain values, as the ledger keeps them

    @property
    def ok(self) -> bool:
        return self.roster is not None and not any(m.severity is Severity.ERROR for m in self.messages)


def read_roster(content: Workbook | Document, effective: date) -> RosterImport:
    """The roster a workbook describes (sheets 党(工)委, 党支部, 协作组), with row-level messages."""
    if not isinstance(content, Workbook):
        return RosterImport(None, [message("unknown_form", reason="组织名册应为 Excel 工作簿")])
    out: list[Message] = []
    raw: dict[str, list[dict[str, RawValue]]] = {}
    by_key = {label_key(s.name): s for s in content.sheets}
    for key, sheet_name, labels in _SHEETS:
        sheet = by_key.get(label_key(sheet_name))
        if sheet is None:
            if key != "groups":
                out.append(message("label_missing", label=f"工作表“{sheet_name}”"))
            raw[key] = []
            continue
        table = locate_table(sheet, labels, ())
        if table is None:
            out.append(message("label_missing", sheet_name, label=labels[0].name))
            raw[key] = []
            continue
        raw[key] = table.rows
    if any(m.severity is Severity.ERROR for m in out):
        return RosterImport(None, out)
    roster, messages = load_roster(effective, raw["committees"], raw["branches"], raw["groups"])
    plain = {key: [{label: _plain(v.value) for label, v in row.items()} for row in rows] for key, rows in raw.items()}
    return RosterImport(roster, out + messages, plain)


def _plain(value):
    # JSON keeps text and numbers; a date cell in a roster is shown as written.
    return value if value is None or isinstance(value, (str, int, float)) else display(value)


def read_themes(content: Workbook | Document, source: str) -> tuple[YearThemes | None, list[str]]:
    """A year's guiding themes from the `themes` form: rows of 月份, 日期, 序号, 活动内容."""
    if not isinstance(content, Workbook):
        return None, ["指导性主题表应为 Excel 工作簿（月份、日期、序号、活动内容 四栏）"]
    table = next((t for s in content.sheets if (t := locate_table(s, THEMES_COLUMNS, ())) is not None), None)
    if table is None or "活动内容" not in table.columns.values():
        return None, ["没有找到“月份”“序号”“活动内容”栏目"]
    problems: list[str] = []
    months: dict[int, dict] = {}
    year: int | None = None
    for row in table.rows:
        month_raw, text_raw = row.get("月份"), row.get("活动内容")
        if text_raw is None or text_raw.value in (None, ""):
            continue
        month = _month_number(month_raw.value if month_raw else None)
        if month is None:
            place, shown = (month_raw.place, display(month_raw.value)) if month_raw else ("", "")
            problems.append(f"{place}“月份”为“{shown}”，应为 1 到 12")
            continue
        entry = months.setdefault(month, {"month": month, "items": []})
        day_raw = row.get("日期")
        if day_raw is not None and day_raw.value not in (None, "") and "date" not in entry:
            try:
                day = parse_date(day_raw.value, year)
                if day is None:
                    continue
                entry["date"] = day
                year = year or day.year
            except (ValueProblem, TypeError):
                problems.append(f"{day_raw.place}“日期”为“{display(day_raw.value)}”，无法识别")
        entry["items"].append(str(text_raw.value).strip())
    if year is None:
        year = _year_in_title(table.title.value if table.title else None)
    if year is None:
        problems.append("无法确定年份：请在“日期”栏填写完整日期，或在标题中写明年份")
    if problems:
        return None, problems
    try:
        return YearThemes.from_mapping({"year": year, "month": [months[m] for m in sorted(months)]}, source), []
    except ThemesError as exc:
        return None, [str(exc)]


def _month_number(value) -> int | None:
    text = display(value).removesuffix("月").strip() if value is not None else ""
    return int(text) if text.isdigit() and 1 <= int(text) <= 12 else None


def _year_in_title(value) -> int | None:
    import re

    m = re.search(r"(\d{4})\s*年", str(value or ""))
    return int(m.group(1)) if m else None
