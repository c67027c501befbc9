"""Files made from an older template of the kit: read with a 提示 naming the latest template, or,
when their layout is no longer read, refused with one 错误 that says the template is outdated.

Every file here is a real template from `template_files`, filled in by code; an older one is the
same file with an older version written into its marker (as the kit wrote it then). Today every
form is at version 1, so the tests that need an older version raise the form's current version in
the one table (domain.forms.template_versions), as a layout change would.
"""

from __future__ import annotations

import io
import subprocess
import zipfile
from dataclasses import replace
from types import MappingProxyType

import openpyxl
import pytest

from themeday_office.domain.codes import CODES
from themeday_office.domain.forms import template_versions
from themeday_office.domain.forms.template_versions import (
    TEMPLATE_VERSIONS,
    Age,
    Marker,
    TemplateVersion,
    read_marker,
    template_age,
)
from themeday_office.domain.messages import Severity
from themeday_office.ingest.check import check_bytes, check_isolated
from themeday_office.ingest.template_age import template_name
from themeday_office.readers import IsolatedReader, read_bytes
from themeday_office.render.submitter import marker_for, template_files
from themeday_office.render.submitter.marker import FORM_MARKER_PROPERTY
from themeday_office.render.submitter.package import custom_properties

from . import fill

TEMPLATE_CODES = {"template_old", "template_obsolete"}


@pytest.fixture(scope="module")
def blank() -> dict[str, bytes]:
    return {f.name: f.data for f in template_files(2017)}


@pytest.fixture(scope="module")
def monthly(blank, town) -> bytes:
    committee, branches = town
    return fill.fill_monthly(blank["月度开展情况统计表.xlsx"], committee, branches)


@pytest.fixture(scope="module")
def record(blank, town) -> bytes:
    committee, branches = town
    return fill.fill_record(blank["主题党日活动记录表.docx"], committee, branches[0])


def remarked(data: bytes, marker: str | None) -> bytes:
    """`data` with its marker property set to `marker` (None: docProps/custom.xml taken out, as in a
    file from before templates were marked): every other part is copied byte for byte."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == "docProps/custom.xml":
                if marker is None:
                    continue
                target.writestr(info, custom_properties({FORM_MARKER_PROPERTY: marker}))
            else:
                target.writestr(info, source.read(info))
    return out.getvalue()


def bumped(monkeypatch, kind: str, current: int, readable_from: int = 1) -> None:
    """`kind`'s template as if its layout had changed: a newer current version in the one table."""
    table = {**TEMPLATE_VERSIONS, kind: TemplateVersion(current=current, readable_from=readable_from)}
    monkeypatch.setattr(template_versions, "TEMPLATE_VERSIONS", MappingProxyType(table))


def template_messages(result) -> list:
    return [m for m in result.messages if m.code in TEMPLATE_CODES]


# ---- the table and the marker ----------------------------------------------------------------


def test_every_template_is_marked_with_its_forms_current_version():
    for f in template_files(2017):
        custom = read_bytes(f.data, f.name).properties.custom
        assert custom[FORM_MARKER_PROPERTY] == marker_for(f.kind) == f"{f.kind}:{TEMPLATE_VERSIONS[f.kind].current}"


def test_the_template_a_message_names_is_one_the_kit_writes():
    names = {f.name for f in template_files(2017)}
    for f in template_files(2017):
        assert template_name(f.kind, f.name.endswith(".docx")) == f.name
    assert template_name("adjustment", True) in names and template_name("adjustment", False) in names


def test_markers_are_read_with_or_without_a_version():
    assert read_marker("monthly:2") == Marker("monthly", 2)
    assert read_marker(" record : 1 ") == Marker("record", 1)
    assert read_marker("monthly") == Marker("monthly", None)  # hand-made files and older test corpora
    assert read_marker("monthly:v2") == Marker("monthly", None)
    assert read_marker("") is None and read_marker(3) is None and read_marker(None) is None


def test_the_age_of_a_marker(monkeypatch):
    bumped(monkeypatch, "monthly", current=3, readable_from=2)
    assert template_age(Marker("monthly", 3)) is Age.CURRENT
    assert template_age(Marker("monthly", 2)) is Age.OLDER
    assert template_age(Marker("monthly", 1)) is Age.UNREADABLE
    assert template_age(Marker("monthly", 4)) is None  # from a newer kit: nothing to say
    assert template_age(Marker("monthly", None)) is None
    assert template_age(Marker("invoice", 1)) is None
    assert template_age(Marker("plan", 1)) is Age.CURRENT


def test_the_codes_are_catalogued_as_a_hint_and_an_error():
    assert CODES["template_old"].severity is Severity.HINT
    assert CODES["template_obsolete"].severity is Severity.ERROR


# ---- check -----------------------------------------------------------------------------------


def test_a_filled_current_template_gets_no_hint(env, monthly, record):
    for name, data in (("古荥镇党委3月统计表.xlsx", monthly), ("记录表.docx", record)):
        result = check_bytes(data, name, env)
        assert result.ok and not template_messages(result), [m.text for m in result.messages]


def test_a_filled_current_template_gets_no_hint_through_a_parser_process(env, monthly):
    with IsolatedReader(workers=1) as reader:
        result = check_isolated(reader, monthly, "古荥镇党委3月统计表.xlsx", env)
    assert result.ok and result.rows and not template_messages(result)


def test_an_older_template_is_read_with_a_hint_naming_the_latest(monkeypatch, env, monthly, town):
    bumped(monkeypatch, "monthly", current=2)
    result = check_bytes(remarked(monthly, "monthly:1"), "古荥镇党委3月统计表.xlsx", env)
    assert result.ok  # read as usual: every branch's row counts
    assert (result.unit, result.period, len(result.rows)) == (town[0], "2017-03", len(town[1]))
    [hint] = template_messages(result)
    assert (hint.code, hint.severity) == ("template_old", Severity.HINT)
    assert hint.text == (
        "本文件用的是旧版月度开展情况统计表模板（第1版，现行第2版），已照常读取；"
        "请使用最新模板：templates/月度开展情况统计表.xlsx（用 themeday templates 生成）"
    )


def test_an_older_word_template_names_the_word_template_in_the_folder_the_settings_give(monkeypatch, env, record):
    bumped(monkeypatch, "record", current=2)
    result = check_bytes(remarked(record, "record:1"), "记录表.docx", replace(env, templates="outbox/填报模板"))
    assert result.ok and result.rows
    [hint] = template_messages(result)
    assert "请使用最新模板：outbox/填报模板/主题党日活动记录表.docx" in hint.text


def _old_layout(monthly: bytes) -> bytes:
    """The filled monthly table laid out as an older template might have been: the branch column
    headed 组织名称, which today's reader does not take for 党支部名称."""
    book = openpyxl.load_workbook(io.BytesIO(monthly))
    ws = book.worksheets[0]
    [cell] = [c for c in ws[4] if c.value == "党支部名称"]
    cell.value = "组织名称"
    out = io.BytesIO()
    book.save(out)  # openpyxl keeps the custom properties it read
    return out.getvalue()


def test_a_layout_no_longer_read_is_one_clear_error_not_a_parse_failure(monkeypatch, env, monthly):
    old = _old_layout(monthly)
    assert read_bytes(old, "x.xlsx").properties.custom[FORM_MARKER_PROPERTY] == "monthly:1"
    # Without the outdated version the same layout fails as an unreadable table does.
    generic = check_bytes(old, "古荥镇党委3月统计表.xlsx", env)
    assert not generic.ok and "label_missing" in {m.code for m in generic.messages}

    bumped(monkeypatch, "monthly", current=3, readable_from=2)
    result = check_bytes(old, "古荥镇党委3月统计表.xlsx", env)
    assert not result.ok and result.kind == "monthly" and not result.rows
    assert [m.code for m in result.messages] == ["template_obsolete"]
    [error] = result.messages
    assert error.severity is Severity.ERROR
    assert error.text == (
        "本文件用的是已停用的旧版月度开展情况统计表模板（第1版，现行第3版），版式已改变，无法读取；"
        "请使用最新模板重新填报：templates/月度开展情况统计表.xlsx（用 themeday templates 生成）"
    )
    # A version still read gets its hint, and the layout's own message.
    result = check_bytes(remarked(old, "monthly:2"), "古荥镇党委3月统计表.xlsx", env)
    assert {"label_missing", "template_old"} <= {m.code for m in result.messages}


@pytest.mark.parametrize("marker", [None, "monthly"])
def test_a_file_without_a_versioned_marker_gets_no_hint(monkeypatch, env, monthly, marker):
    bumped(monkeypatch, "monthly", current=3, readable_from=2)
    data = remarked(monthly, marker)
    assert read_bytes(data, "x.xlsx").properties.custom.get(FORM_MARKER_PROPERTY) == marker
    result = check_bytes(data, "古荥镇党委3月统计表.xlsx", env)
    assert result.ok and result.rows and not template_messages(result)


def test_another_forms_marker_is_not_judged(monkeypatch, env, monthly):
    # A Word form's marker on a workbook: classified by its sheets, so its version says nothing.
    bumped(monkeypatch, "record", current=3, readable_from=3)
    result = check_bytes(remarked(monthly, "record:1"), "古荥镇党委3月统计表.xlsx", env)
    assert result.kind == "monthly" and result.ok and not template_messages(result)


# ---- LibreOffice -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def resaved(monthly, record, soffice, tmp_path_factory) -> dict[str, bytes]:
    """A current and an older monthly table and a record, opened and saved again by LibreOffice."""
    work = tmp_path_factory.mktemp("lo-versions")
    source, out = work / "in", work / "out"
    source.mkdir()
    files = {"current.xlsx": monthly, "older.xlsx": remarked(monthly, "monthly:1"), "record.docx": record,
             "older.ods.xlsx": remarked(monthly, "monthly:1")}
    for name, data in files.items():
        (source / name).write_bytes(data)
    for pattern, target in (("*.xlsx", "xlsx:Calc MS Excel 2007 XML"), ("*.docx", "docx:MS Word 2007 XML"),
                            ("older.ods.xlsx", "ods")):
        subprocess.run(
            [str(soffice), f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
             "--nologo", "--nodefault", "--nolockcheck", "--convert-to", target, "--outdir", str(out),
             *sorted(str(p) for p in source.glob(pattern))],
            check=True, capture_output=True, timeout=300,
        )
    return {
        "current": (out / "current.xlsx").read_bytes(),
        "older": (out / "older.xlsx").read_bytes(),
        "older_ods": (out / "older.ods.ods").read_bytes(),
        "record": (out / "record.docx").read_bytes(),
    }


@pytest.mark.slow
def test_a_libreoffice_resave_keeps_the_mark_and_gives_no_false_hint(resaved, monthly, env):
    assert resaved["current"] != monthly  # LibreOffice really wrote the file anew
    for name, kind in (("current", "monthly"), ("record", "record")):
        suffix = ".docx" if kind == "record" else ".xlsx"
        data = resaved[name]
        assert read_bytes(data, name + suffix).properties.custom[FORM_MARKER_PROPERTY] == marker_for(kind)
        result = check_bytes(data, name + suffix, env)
        assert result.ok and not template_messages(result), [m.text for m in result.messages]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["older", "older_ods"])
def test_a_libreoffice_resave_of_an_older_template_keeps_its_older_mark(monkeypatch, resaved, env, name):
    data = resaved[name]
    suffix = ".ods" if name.endswith("ods") else ".xlsx"
    assert read_bytes(data, name + suffix).properties.custom[FORM_MARKER_PROPERTY] == "monthly:1"
    bumped(monkeypatch, "monthly", current=2)
    result = check_bytes(data, name + suffix, env)
    assert result.ok and [m.code for m in template_messages(result)] == ["template_old"]
