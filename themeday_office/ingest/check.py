"""`check`: one file's bytes -> its kind, unit, period, messages and findings. No side effects.

The steps: read (readers, isolated when a reader is given), classify, locate the form's
cells, parse them into the domain's form model, then run the domain's checks with the
roster in force for the form's period. Every failure along the way becomes a message on
the result; nothing raises for bad input.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import BaseModel

from themeday_office.domain import checks as domain_checks
from themeday_office.domain.adjustments import file_adjustment
from themeday_office.domain.checks import CheckContext, Outcome
from themeday_office.domain.codes import message
from themeday_office.domain.file_names import name_against_content
from themeday_office.domain.forms import (
    ADJUSTMENT_LABELS,
    MONTHLY_COLUMNS,
    MONTHLY_HEADER_LABELS,
    PLAN_COLUMNS,
    PLAN_HEADER_LABELS,
    RECORD_LABELS,
    FormContext,
    MonthlyRow,
    parse_adjustment,
    parse_monthly,
    parse_plan,
    parse_record,
    parse_summary,
)
from themeday_office.domain.messages import Finding, Message, Severity, trusted
from themeday_office.domain.period import Period
from themeday_office.domain.roster import Match, Roster
from themeday_office.ingest import word
from themeday_office.ingest.classify import Classification, classify_document, classify_workbook
from themeday_office.ingest.environment import CheckEnvironment
from themeday_office.ingest.tables import label_pairs, locate_table
from themeday_office.ingest.template_age import old_template_message
from themeday_office.ledger import stored_json
from themeday_office.readers import (
    Document,
    FileFormat,
    IsolatedReader,
    ReadError,
    Workbook,
    cell_name,
    check_failed,
    read_bytes,
    sniff,
    unpack_archive,
)
from themeday_office.readers.isolation import MissingContext

_ENCRYPTED = {"encrypted"}
_UNSAFE = {"zip_bomb", "xml_bomb", "too_large", "absurd_range", "too_many_rows", "parser_crashed",
           "parser_timeout", "nested_archive"}

Reader = Callable[[bytes, str], "Workbook | Document"]
# One file's bytes -> its result, e.g. check_bytes with a reader, or check_isolated with a pool.
Checker = Callable[[bytes, str, CheckEnvironment], "CheckResult"]


class StoredRow:
    """A parsed row as the ledger keeps it for rollups: who, when, and the row's data.

    The data travels as the JSON text the ledger stores (made in the parser process, where
    pydantic writes it in one native call): a string crosses the process boundary for almost
    nothing, where 60 nested dicts per file cost the parent more than the check itself.
    """

    __slots__ = ("kind", "committee", "branch", "period", "encoded", "_data")

    def __init__(self, kind: str, committee: str, branch: str, period: str, data: dict[str, Any] | None = None,
                 *, encoded: str | None = None) -> None:
        if (data is None) == (encoded is None):
            raise TypeError("StoredRow takes either data or encoded")
        self.kind, self.committee, self.branch, self.period = kind, committee, branch, period
        self.encoded = encoded if encoded is not None else stored_json(data)
        self._data = data

    @property
    def data(self) -> dict[str, Any]:
        if self._data is None:
            self._data = json.loads(self.encoded)
        return self._data

    def __getstate__(self) -> tuple:
        return (self.kind, self.committee, self.branch, self.period, self.encoded)  # the text only

    def __setstate__(self, state: tuple) -> None:
        self.kind, self.committee, self.branch, self.period, self.encoded = state
        self._data = None

    def __repr__(self) -> str:
        return f"StoredRow({self.kind!r}, {self.committee!r}, {self.branch!r}, {self.period!r}, {self.encoded[:60]!r}…)"


@dataclass
class CheckResult:
    file: str
    format: str = ""
    kind: str | None = None
    unit: str = ""
    period: str = ""
    messages: list[Message] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    model: BaseModel | None = None
    rows: list[StoredRow] = field(default_factory=list)
    header: dict[str, Any] = field(default_factory=dict)
    read_error: str | None = None  # the reader's code when the file could not be read
    # The findings' data as the ledger stores it, when a parser process made it (check_in_worker).
    finding_json: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(m.severity is Severity.ERROR for m in self.messages)

    def __reduce__(self) -> tuple[Any, ...]:
        # A parser process sends every file's result: messages and findings go as their field dicts
        # and rows as tuples, which pickle natively (pydantic's and StoredRow's own pickling each run
        # Python code per object, and a file has a finding or more per branch row).
        return _revived, (
            self.file, self.format, self.kind, self.unit, self.period, [m.__dict__ for m in self.messages],
            [f.__dict__ for f in self.findings], self.model,
            [(r.kind, r.committee, r.branch, r.period, r.encoded) for r in self.rows], self.header,
            self.read_error, self.finding_json,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "kind": self.kind,
            "unit": self.unit,
            "period": self.period,
            "ok": self.ok,
            "messages": [
                {"severity": m.severity.value, "code": m.code, "place": m.place, "text": m.text} for m in self.messages
            ],
            "findings": [{"code": f.code, "branch": f.branch, "text": f.text} for f in self.findings],
        }


def _revived(file: str, fmt: str, kind: str | None, unit: str, period: str, messages: list[dict],
             findings: list[dict], model: BaseModel | None, rows: list[tuple], header: dict[str, Any],
             read_error: str | None, finding_json: list[str]) -> CheckResult:
    """A CheckResult from what its __reduce__ sent."""
    return CheckResult(
        # Built in our own parser process: what pydantic's unpickling does, without its state dict each.
        file, fmt, kind, unit, period, [trusted(Message, m) for m in messages],
        [trusted(Finding, f) for f in findings], model,
        [StoredRow(kind_, committee, branch, period_, encoded=encoded)
         for kind_, committee, branch, period_, encoded in rows],
        header, read_error, finding_json,
    )


def read_error_message(error: ReadError) -> Message:
    if error.code in _ENCRYPTED:
        return message("file_encrypted")
    if error.code in _UNSAFE:
        return message("file_unsafe", reason=error.message)
    return message("file_unreadable", reason=error.message)


def check_bytes(data: bytes, name: str, env: CheckEnvironment, reader: Reader | None = None) -> CheckResult:
    """Check one submitted file's bytes. `reader` defaults to an in-process read."""
    try:
        content = reader(data, name) if reader else read_bytes(data, name, env.limits)
    except ReadError as error:
        return unreadable(name, error)
    try:
        return check_content(content, name, env)
    except Exception as error:  # noqa: BLE001 - as in a parser process (check_isolated): the file's message
        return unreadable(name, check_failed(error))


def unreadable(name: str, error: ReadError, fmt: str = "") -> CheckResult:
    """The result of a file that could not be read or checked: one 错误 saying why."""
    return CheckResult(file=name, format=fmt, messages=[read_error_message(error)], read_error=error.code)


def check_in_worker(content: Workbook | Document, name: str, env: CheckEnvironment, extra: tuple) -> CheckResult:
    """check_content as IsolatedReader.read_then runs it in a parser process: the per-file parts of
    the environment come in ``extra``; the pydantic model stays behind (the ledger does not keep it)."""
    adjustments, arrived = extra
    result = check_content(content, name, replace(env, adjustments=adjustments, arrived=arrived))
    result.model = None
    result.finding_json = [stored_json(finding_record(f)) for f in result.findings]
    return result


def finding_record(finding: Finding) -> dict[str, Any]:
    """A finding's data as the ledger keeps it: its numbers, whether it counts as compliant, where."""
    return {**finding.values, "compliant": finding.compliant, "period": finding.period, "place": finding.place}


# What a parser process imports before its first check_isolated (an IsolatedReader's `preload`),
# so the first file does not wait for the check to load.
WORKER_MODULES = (__name__,)


def check_isolated(reader: IsolatedReader, data: bytes, name: str, env: CheckEnvironment) -> CheckResult:
    """check_bytes with the read *and* the check in one of ``reader``'s processes: only the small
    result comes back. The environment goes to a process once, then again only when it changes."""
    base = replace(env, adjustments=(), arrived=None)
    extra = (tuple(env.adjustments), env.arrived)
    for _ in range(8):  # each round adds a year's themes; a file names one or two years
        themes = env.themes
        key = (id(env.rosters), id(env.calendar), id(themes), id(env.activity), id(env.deadlines), id(env.hours),
               id(env.limits), len(getattr(themes, "known", ())), env.templates)
        try:
            return reader.read_then(data, name, check_in_worker, key, base, extra)
        except ReadError as error:
            return unreadable(name, error)
        except MissingContext as missing:
            what, year = missing.what
            if what != "themes":
                raise
            themes(year)  # resolved here (remembered by the table), so the next key differs
    raise RuntimeError("check_isolated: the environment kept missing themes")


def check_submission(data: bytes, name: str, env: CheckEnvironment, reader: Reader | None = None,
                     checker: Checker | None = None) -> list[CheckResult]:
    """Check a file as it arrived: a .zip of submissions gives one result per member (`包.zip/成员.xlsx`).
    Each file (or member) is checked by ``checker``; by default ``check_bytes`` with ``reader``."""
    check = checker or (lambda member, label, env: check_bytes(member, label, env, reader))
    try:
        archive = sniff(data) is FileFormat.ZIP_ARCHIVE
    except ReadError as error:  # a zip too broken to tell what it holds
        return [unreadable(name, error)]
    if not archive:
        return [check(data, name, env)]
    try:
        members = unpack_archive(data, name, env.limits)
    except ReadError as error:
        return [unreadable(name, error, "zip")]
    if not members:  # every file gets an answer, an empty package too
        return [unreadable(name, ReadError("empty_archive"), "zip")]
    results = []
    for member in members:
        label = f"{name}/{member.name}"
        if member.error is not None:
            results.append(unreadable(label, member.error))
        else:
            results.append(check(member.data, label, env))
    return results


def check_content(content: Workbook | Document, name: str, env: CheckEnvironment) -> CheckResult:
    result = CheckResult(file=name, format=content.format.value)
    formulas: set[str] = set()
    if isinstance(content, Workbook):
        cls = classify_workbook(content, name)
        formulas = _uncached_formulas(content, result)
    else:
        cls = classify_document(content, name)
    if cls.kind is None:
        result.messages.append(message("unknown_form", reason=f"没有找到{cls.looked_for}"))
        return result
    result.kind = cls.kind
    old = old_template_message(content, cls.kind, env.templates)
    if old is None or not old.is_error:  # a layout no longer read is not parsed: its one 错误 says why
        _FORMS[cls.kind](content, cls, env, result)
    if old is not None:
        result.messages.append(old)
    result.messages.extend(_name_against_content(name, env, result))
    if formulas:
        # A formula without its value reads as a blank cell; its own message already says why.
        result.messages = [m for m in result.messages if not (m.code == "value_missing" and m.place in formulas)]
    return result


def _name_against_content(name: str, env: CheckEnvironment, result: CheckResult) -> list[Message]:
    """提示 when the file's name states another month or unit than its content (the content decides).

    Only for a form read as far as its period; the unit is compared when it is the roster's own
    (a committee or group, for a record the branch's committee), else only the period.
    """
    if not result.period or result.kind in ("roster", "themes"):
        return []
    period = Period.parse(result.period)
    roster = env.rosters.in_force(period)
    unit = branch = ""
    if roster is not None and result.kind == "record":
        if result.rows and result.rows[0].data.get("matched"):
            unit, branch = result.rows[0].committee, result.rows[0].branch
    elif roster is not None and (roster.committee(result.unit) or roster.group(result.unit)):
        unit = result.unit
    return name_against_content(name, period, unit, roster, branch=branch)


def _uncached_formulas(book: Workbook, result: CheckResult) -> set[str]:
    places = set()
    for sheet in book.sheets:
        for f in sheet.uncached_formulas[:20]:  # one file rarely has more; the first ones say it all
            place = f"{sheet.name}!{cell_name(f.row, f.col)}"
            places.add(place)
            result.messages.append(message("formula_uncached", place, formula=f"={f.formula}"))
    return places


def _context(env: CheckEnvironment, title=None, place: str = "") -> FormContext:
    return FormContext(title=title, place=place, working_hours=env.hours)


def _check_context(env: CheckEnvironment, roster: Roster, year: int) -> CheckContext:
    return CheckContext(
        roster=roster, calendar=env.calendar, adjustments=tuple(env.adjustments), arrived=env.arrived,
        activity=env.activity, deadlines=env.deadlines, themes=env.themes(year),
    )


def _roster(env: CheckEnvironment, period: Period, result: CheckResult) -> Roster | None:
    roster = env.rosters.in_force(period)
    if roster is None:
        result.messages.append(message("roster_missing", period=period))
    return roster


def _finish(result: CheckResult, model: BaseModel | None, parse_messages: list[Message], unit: str | None,
            period: Period | None) -> None:
    result.model = model
    result.messages.extend(parse_messages)
    result.unit = unit or ""
    result.period = str(period) if period else ""


def _apply(result: CheckResult, outcome: Outcome) -> None:
    seen = {(m.code, m.place, m.text) for m in result.messages}
    result.messages.extend(m for m in outcome.messages if (m.code, m.place, m.text) not in seen)
    result.findings.extend(outcome.findings)


def _committee_name(roster: Roster, unit: str) -> str:
    found = roster.find_committee(unit)
    return found.item.name if isinstance(found, Match) else unit


def _branch_name(roster: Roster, name: str | None, committee: str | None) -> tuple[str, bool]:
    if not name:
        return "", False
    found = roster.find_branch(name, committee)
    return (found.item.name, True) if isinstance(found, Match) else (name, False)


# ---- the forms ---------------------------------------------------------------------------

_dump_row = MonthlyRow.__pydantic_serializer__.to_json


# Each form's check takes the file as read: a document marked as a spreadsheet form reaches
# _monthly or _plan, which then find no table in it (cls.sheet is None).
_Form = Callable[[Workbook | Document, Classification, CheckEnvironment, CheckResult], None]


def _monthly(content: Workbook | Document, cls: Classification, env: CheckEnvironment, result: CheckResult) -> None:
    table = cls.table or (locate_table(cls.sheet, MONTHLY_COLUMNS, MONTHLY_HEADER_LABELS) if cls.sheet else None)
    if table is None:
        result.messages.append(message("label_missing", label="党支部名称"))
        return
    report, msgs = parse_monthly(table.header, table.grid, _context(env, table.title, table.place))
    _finish(result, report, msgs, report.unit if report else None, report.period if report else None)
    if report is None or (roster := _roster(env, report.period, result)) is None:
        return
    _apply(result, domain_checks.check_monthly(report, _check_context(env, roster, report.period.year)))
    committee = _committee_name(roster, report.unit)
    result.unit = committee
    result.header = report.header.model_dump(mode="json")
    period = str(report.period)
    for row in report.rows:
        branch, matched = _branch_name(roster, row.branch, committee)
        # The row's JSON object with "matched" added as its last key, without decoding it again.
        # (model_dump_json is this very call behind a Python wrapper of a dozen options.)
        text = _dump_row(row).decode()
        encoded = f'{text[:-1]},"matched":{"true" if matched else "false"}}}'
        result.rows.append(StoredRow("monthly", committee, branch, period, encoded=encoded))


def _plan(content: Workbook | Document, cls: Classification, env: CheckEnvironment, result: CheckResult) -> None:
    table = cls.table or (locate_table(cls.sheet, PLAN_COLUMNS, PLAN_HEADER_LABELS) if cls.sheet else None)
    if table is None:
        result.messages.append(message("label_missing", label="月份"))
        return
    plan, msgs = parse_plan(table.header, table.rows, _context(env, table.title, table.place))
    _finish(result, plan, msgs, plan.unit if plan else None, plan.period if plan else None)
    if plan is None or (roster := _roster(env, Period.of_month(plan.period.year, 1), result)) is None:
        return
    _apply(result, domain_checks.check_plan(plan, _check_context(env, roster, plan.period.year)))
    unit = plan.unit
    if isinstance(found := roster.find_committee(unit), Match):
        unit = found.item.name
    elif isinstance(group := roster.find_group(unit), Match):
        unit = group.item.name
    result.unit = unit
    for row in plan.rows:
        result.rows.append(StoredRow("plan", unit, "", str(plan.period), row.model_dump(mode="json")))


def _record(doc: Workbook | Document, cls: Classification, env: CheckEnvironment, result: CheckResult) -> None:
    assert isinstance(doc, Document)  # classify_workbook never gives a Word form (WORD_FORMS)
    cells = word.table_pairs(doc, RECORD_LABELS)
    form, msgs = parse_record(cells, _context(env, word.title(doc), "表格1"))
    period = form.period if form else None
    _finish(result, form, msgs, None, period)
    if form is None or (roster := _roster(env, form.period, result)) is None:
        return
    _apply(result, domain_checks.check_record(form, _check_context(env, roster, form.period.year)))
    written = form.record.committee
    committee = _committee_name(roster, written) if written else ""
    branch, matched = _branch_name(roster, form.record.branch, committee or None)
    if not committee and matched and isinstance(found := roster.find_branch(branch), Match):
        committee = found.item.committee
    result.unit = branch
    data = form.model_dump(mode="json")
    data["matched"] = matched
    result.rows.append(StoredRow("record", committee, branch, str(form.period), data))


def _adjustment(content: Workbook | Document, cls: Classification, env: CheckEnvironment, result: CheckResult) -> None:
    if isinstance(content, Workbook):
        sheet = cls.sheet or content.sheets[0]
        cells = label_pairs(sheet, ADJUSTMENT_LABELS)
        context = _context(env, None, sheet.name)
    else:
        cells = {**word.paragraph_pairs(content, ADJUSTMENT_LABELS), **word.table_pairs(content, ADJUSTMENT_LABELS)}
        # A filing typed as paragraphs has no table to point at.
        context = _context(env, word.title(content), "表格1" if content.tables else "正文")
    form, msgs = parse_adjustment(cells, context)
    _finish(result, form, msgs, form.unit if form else None, form.period if form else None)
    if form is None or (roster := _roster(env, form.period, result)) is None:
        return
    _apply(result, domain_checks.check_adjustment(form, _check_context(env, roster, form.period.year)))
    result.unit = _committee_name(roster, form.unit)
    if (filed := file_adjustment(form, roster)) is not None:
        result.rows.append(
            StoredRow("adjustment", filed.committee, "", str(filed.period), filed.model_dump(mode="json"))
        )


def _summary(doc: Workbook | Document, cls: Classification, env: CheckEnvironment, result: CheckResult) -> None:
    assert isinstance(doc, Document)  # classify_workbook never gives a Word form (WORD_FORMS)
    report, msgs = parse_summary(word.paragraphs(doc), _context(env, word.title(doc), "正文"))
    _finish(result, report, msgs, report.unit if report else None, report.period if report else None)
    if report is None or (roster := _roster(env, report.period, result)) is None:
        return
    _apply(result, domain_checks.check_summary(report, _check_context(env, roster, report.period.year)))
    result.unit = _committee_name(roster, report.unit)
    data = report.model_dump(mode="json", exclude={"paragraphs"})
    result.rows.append(StoredRow("summary", result.unit, "", str(report.period), data))


def _department_table(
    content: Workbook | Document, cls: Classification, env: CheckEnvironment, result: CheckResult
) -> None:
    # The roster and the themes are the department's own tables: imported by a command, not ingested.
    what = "组织名册" if cls.kind == "roster" else "指导性主题表"
    command = "themeday roster import" if cls.kind == "roster" else "themeday themes import"
    result.messages.append(message("department_table", what=what, command=command))


_FORMS: dict[str, _Form] = {
    "monthly": _monthly,
    "plan": _plan,
    "record": _record,
    "adjustment": _adjustment,
    "summary": _summary,
    "roster": _department_table,
    "themes": _department_table,
}
