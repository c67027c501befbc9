"""Templates filled by code pass `check` with no 错误 and are classified by their marker —
as written, and after LibreOffice has opened and re-saved them (as a submitter's office
suite does)."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest

from themeday_office.ingest.check import check_bytes
from themeday_office.ingest.classify import classify_document, classify_workbook
from themeday_office.ingest.department import read_roster, read_themes
from themeday_office.readers import Workbook, read_bytes
from themeday_office.render.submitter import marker_for, template_files
from themeday_office.render.submitter.marker import FORM_MARKER_PROPERTY
from themeday_office.render.submitter.templates import committee_template_name

from . import fill

WORD = {"adjustment_docx", "record", "summary"}
FORMS = ("monthly", "monthly_generic", "plan", "adjustment_xlsx", "adjustment_docx", "record", "summary")
TABLES = ("roster", "themes")


@pytest.fixture(scope="module")
def filled(district, town) -> dict[str, tuple[str, bytes]]:
    """name -> (kind, bytes) of every template filled in by a committee (or the department)."""
    committee, branches = town
    t = {f.name: f.data for f in template_files(2017, district.roster)}
    return {
        "monthly": ("monthly", fill.fill_monthly(t[committee_template_name(committee)], committee, branches)),
        "monthly_generic": ("monthly", fill.fill_monthly(t["月度开展情况统计表.xlsx"], committee, branches)),
        "plan": ("plan", fill.fill_plan(t["年度计划表.xlsx"], committee)),
        "adjustment_xlsx": ("adjustment", fill.fill_adjustment_xlsx(t["调整日期备案表.xlsx"], committee)),
        "adjustment_docx": ("adjustment", fill.fill_adjustment_docx(t["调整日期备案表.docx"], committee)),
        "record": ("record", fill.fill_record(t["主题党日活动记录表.docx"], committee, branches[0])),
        "summary": ("summary", fill.fill_summary(t["季度总结报告.docx"], committee)),
        "roster": ("roster", fill.fill_roster(t["组织名册.xlsx"], district)),
        "themes": ("themes", fill.fill_themes(t["指导性主题表.xlsx"])),
    }


def _suffix(name: str) -> str:
    return ".docx" if name in WORD else ".xlsx"


@pytest.fixture(scope="module")
def resaved(filled, soffice, tmp_path_factory) -> dict[str, bytes]:
    """Every filled file opened and saved again by LibreOffice (one soffice run per format)."""
    work = tmp_path_factory.mktemp("lo")
    source, out = work / "in", work / "out"
    source.mkdir()
    for name, (_, data) in filled.items():
        (source / f"{name}{_suffix(name)}").write_bytes(data)
    for suffix, target in ((".xlsx", "xlsx:Calc MS Excel 2007 XML"), (".docx", "docx:MS Word 2007 XML")):
        files = sorted(str(p) for p in source.glob(f"*{suffix}"))
        subprocess.run(
            [str(soffice), f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
             "--nologo", "--nodefault", "--nolockcheck", "--convert-to", target, "--outdir", str(out), *files],
            check=True, capture_output=True, timeout=300,
        )
    return {name: (out / f"{name}{_suffix(name)}").read_bytes() for name in filled}


def _assert_form_passes(name: str, kind: str, data: bytes, env) -> None:
    content = read_bytes(data, name)
    assert content.properties.custom.get(FORM_MARKER_PROPERTY) == marker_for(kind)
    if isinstance(content, Workbook):
        found = classify_workbook(content, name)
    else:
        found = classify_document(content, name)
    assert (found.kind, found.how) == (kind, "marker")
    result = check_bytes(data, name, env)
    assert result.kind == kind
    assert result.ok, [m.text for m in result.messages]
    assert result.unit and result.period


def _assert_table_imports(kind: str, data: bytes, district) -> None:
    content = read_bytes(data, kind)
    assert isinstance(content, Workbook)  # the department's tables are workbooks
    assert content.properties.custom.get(FORM_MARKER_PROPERTY) == marker_for(kind)
    assert classify_workbook(content, kind).how == "marker"
    if kind == "roster":
        imported = read_roster(content, date(2017, 1, 1))
        assert imported.ok and imported.roster is not None, [m.text for m in imported.messages]
        assert len(imported.roster.branches) == len(district.roster.branches)
    else:
        themes, problems = read_themes(content, "指导性主题表.xlsx")
        assert not problems and themes is not None and themes.year == 2017 and len(themes.months) == 12


@pytest.mark.parametrize("name", FORMS)
def test_a_filled_template_passes_check(filled, env, name):
    kind, data = filled[name]
    _assert_form_passes(name, kind, data, env)


@pytest.mark.parametrize("name", TABLES)
def test_the_departments_tables_filled_in_import(filled, district, name):
    kind, data = filled[name]
    _assert_table_imports(kind, data, district)


@pytest.mark.slow
@pytest.mark.parametrize("name", FORMS + TABLES)
def test_after_a_libreoffice_resave_the_marker_and_the_data_survive(filled, resaved, env, district, name):
    kind = filled[name][0]
    assert resaved[name] != filled[name][1]  # LibreOffice really wrote the file anew
    if name in TABLES:
        _assert_table_imports(kind, resaved[name], district)
    else:
        _assert_form_passes(name, kind, resaved[name], env)
