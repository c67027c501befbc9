"""A month's and a quarter's submissions: every file where the manifest says, with what it says."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, timedelta

import docx
import pytest

from themeday_office.domain.adjustments import FiledAdjustment
from themeday_office.domain.checks import CheckContext, check_monthly
from themeday_office.domain.forms import FormKind, parse_monthly
from themeday_office.domain.period import Period
from themeday_office.domain.themes import bundled_themes
from themeday_office.domain.values.dates import parse_date
from themeday_office.synthetic import (
    DEFAULT_PASSWORD,
    Effect,
    Mistake,
    make_period_submissions,
    make_quarter,
    typical_mistakes,
    write_manifest,
)
from themeday_office.synthetic.compound_file import MAGIC
from themeday_office.synthetic.password import aes_encrypt_block, expand_key

from .readback import monthly_input, paragraphs, xls_grids, xlsx_grids
from .test_monthly import CODES

MARCH = Period.of_month(2017, 3)
DISTRICT_DATE = date(2017, 3, 10)
Q1 = Period.of_quarter(2017, 1)
FILE_CODES = {Mistake.LATE_MONTHLY: "late_arrival"}


def grids_of(path):
    return xls_grids(path) if path.suffix == ".xls" else xlsx_grids(path)


def judged(district, f, filed) -> set[tuple[str, str]]:
    header, rows, context = monthly_input(grids_of(f.path))
    report, problems = parse_monthly(header, rows, context)
    assert report is not None, problems
    ctx = CheckContext(district.roster, adjustments=filed, arrived=f.arrives.date(), themes=bundled_themes()[2017])
    outcome = check_monthly(report, ctx)
    return {(m.code, m.place) for m in (*problems, *outcome.messages)} | {
        (x.code, x.place) for x in outcome.findings if not x.compliant
    }


def expected(f) -> set[tuple[str, str]]:
    codes = {**CODES, **FILE_CODES}
    out = {(codes[p.mistake], p.place) for p in f.planted if p.mistake in codes}
    sheet = next((p.place for p in f.planted if p.mistake is Mistake.MISSING_BRANCH), None)
    for p in f.planted:
        if p.mistake is Mistake.UNKNOWN_BRANCH:
            out.add(("branch_missing", sheet or p.place.split("!")[0]))
    return out


def filed_adjustments(files) -> list[FiledAdjustment]:
    """What the department has on file: the adjustments that carry no mistake."""
    return [
        FiledAdjustment(committee=f.unit, period=f.period, new_date=_new_date(f.path))
        for f in files
        if f.kind is FormKind.ADJUSTMENT and not f.planted
    ]


def _new_date(path) -> date:
    if path.suffix == ".docx":
        cells = {row.cells[0].text: row.cells[1].text for row in docx.Document(str(path)).tables[0].rows}
    else:
        cells = {row[0]: row[1] for row in xlsx_grids(path)["备案表"][1:]}
    new_date = parse_date(cells["调整后日期"])
    assert new_date is not None, path
    return new_date


@pytest.fixture(scope="module")
def march(small, tmp_path_factory):
    names = [c.name for c in small.committees]
    mistakes = {
        names[0]: {Mistake.RESUBMISSION, Mistake.DUPLICATE_FILE, Mistake.RECORDS_ZIP},
        names[1]: {Mistake.ENCRYPTED},
        names[2]: {Mistake.LEGACY_XLS, Mistake.LATE_MONTHLY, Mistake.SHORT_DURATION},
    }
    out = tmp_path_factory.mktemp("march")
    files = make_period_submissions(
        small, MARCH, out, seed=3, mistakes=mistakes, record_sample=2, adjusted={names[3]}
    )
    return out, files


def test_every_committee_sends_its_forms(small, march):
    _, files = march
    monthly = [f for f in files if f.kind is FormKind.MONTHLY]
    assert {f.unit for f in monthly} == {c.name for c in small.committees}
    assert all(f.path.exists() and f.period == MARCH for f in files)
    assert len({f.path for f in files}) == len(files)
    (adjustment,) = [f for f in files if f.kind is FormKind.ADJUSTMENT]
    assert adjustment.unit == small.committees[3].name
    assert adjustment.arrives.date() < min(DISTRICT_DATE, _new_date(adjustment.path))  # filed ahead
    records = [f for f in files if f.kind is FormKind.RECORD]
    assert len(records) == len(small.committees) * 2 - 1  # the zip holds one committee's two


def test_readable_monthly_files_say_exactly_what_was_planted(small, march):
    _, files = march
    filed = filed_adjustments(files)
    assert len(filed) == 1
    for f in files:
        if f.kind is FormKind.MONTHLY and Mistake.ENCRYPTED not in {p.mistake for p in f.planted}:
            assert judged(small, f, filed) == expected(f), f.path.name


def test_resubmission_and_duplicate(small, march):
    _, files = march
    name = small.committees[0].name
    first, second, copy = [f for f in files if f.kind is FormKind.MONTHLY and f.unit == name]
    assert (first.version, second.version) == (1, 2) and second.arrives > first.arrives
    assert Mistake.PRESENT_EXCEEDS_EXPECTED in {p.mistake for p in first.planted}  # something to correct
    assert [p.mistake for p in second.planted] == [Mistake.RESUBMISSION]
    assert copy.path.read_bytes() == second.path.read_bytes() and copy.path != second.path
    assert [p.mistake for p in copy.planted] == [Mistake.DUPLICATE_FILE] and copy.arrives > second.arrives


def test_encrypted_file_is_a_password_protected_package(small, march):
    _, files = march
    (f,) = [f for f in files if f.unit == small.committees[1].name and f.kind is FormKind.MONTHLY]
    data = f.path.read_bytes()
    assert data.startswith(MAGIC) and f.path.suffix == ".xlsx"
    for stream in ("EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"):
        assert stream.encode("utf-16-le") in data
    assert [p.mistake for p in f.planted] == [Mistake.ENCRYPTED] and f.password == DEFAULT_PASSWORD


def test_aes_matches_the_fips_197_examples():
    plain = bytes.fromhex("00112233445566778899aabbccddeeff")
    assert aes_encrypt_block(expand_key(bytes(range(16))), plain).hex() == "69c4e0d86a7b0430d8cdb78070b4c55a"
    assert aes_encrypt_block(expand_key(bytes(range(32))), plain).hex() == "8ea2b7ca516745bfeafc49904b496089"


def test_old_format_and_late_arrival(small, march):
    _, files = march
    (f,) = [f for f in files if f.unit == small.committees[2].name and f.kind is FormKind.MONTHLY]
    assert f.path.suffix == ".xls" and f.path.read_bytes().startswith(MAGIC)
    assert {p.mistake for p in f.planted} == {Mistake.LEGACY_XLS, Mistake.LATE_MONTHLY, Mistake.SHORT_DURATION}
    assert f.arrives.date() > DISTRICT_DATE + timedelta(days=5)


def test_records_zip_holds_word_records(small, march):
    _, files = march
    (z,) = [f for f in files if f.path.suffix == ".zip"]
    assert z.unit == small.committees[0].name and [p.mistake for p in z.planted] == [Mistake.RECORDS_ZIP]
    with zipfile.ZipFile(z.path) as archive:
        infos = archive.infolist()
        assert len(infos) == 2
        for info in infos:
            raw = info.filename.encode("cp437") if not info.flag_bits & 0x800 else info.filename.encode()
            name = raw.decode("utf-8" if info.flag_bits & 0x800 else "gbk")
            assert name.endswith("3月主题党日活动记录表.docx")
            document = docx.Document(io.BytesIO(archive.read(info)))
            assert document.paragraphs[0].text == "主题党日活动记录表"


def test_same_seed_same_values_other_seed_other(small, march, tmp_path):
    out, files = march
    names = [c.name for c in small.committees]
    mistakes = {
        names[0]: {Mistake.RESUBMISSION, Mistake.DUPLICATE_FILE, Mistake.RECORDS_ZIP},
        names[1]: {Mistake.ENCRYPTED},
        names[2]: {Mistake.LEGACY_XLS, Mistake.LATE_MONTHLY, Mistake.SHORT_DURATION},
    }
    again = make_period_submissions(
        small, MARCH, tmp_path, seed=3, mistakes=mistakes, record_sample=2, adjusted={names[3]}
    )
    assert [f.to_dict(tmp_path) for f in again] == [f.to_dict(out) for f in files]
    for a, b in zip(files, again, strict=False):
        if a.path.suffix in (".xlsx", ".xls") and not a.password:
            assert grids_of(a.path) == grids_of(b.path)
        elif a.path.suffix == ".docx":
            assert [p.value for p in paragraphs(a.path)] == [p.value for p in paragraphs(b.path)]
            assert [[c.text for c in r.cells] for r in docx.Document(str(a.path)).tables[0].rows] == [
                [c.text for c in r.cells] for r in docx.Document(str(b.path)).tables[0].rows
            ]
        elif a.path.suffix == ".zip":
            with zipfile.ZipFile(a.path) as za, zipfile.ZipFile(b.path) as zb:
                assert za.namelist() == zb.namelist()
    other = make_period_submissions(small, MARCH, tmp_path / "other", seed=4)
    first = next(f for f in other if f.kind is FormKind.MONTHLY)
    assert grids_of(first.path) != grids_of(next(f.path for f in files if f.unit == first.unit))


def test_typical_mistakes_plant_each_mistake_once(huiji, small):
    for district in (huiji, small):
        plan = typical_mistakes(district, Q1, seed=1)
        planted = [m for per in plan.values() for ms in per.values() for m in ms]
        assert sorted(planted, key=list(Mistake).index) == list(Mistake)
        assert set(plan) == {*Q1.months(), Q1}
    assert typical_mistakes(huiji, Q1, seed=1) == typical_mistakes(huiji, Q1, seed=1)


def test_quarter_with_typical_mistakes(small, tmp_path):
    files = make_quarter(small, Q1, tmp_path, seed=5, mistakes=typical_mistakes(small, Q1, seed=5), record_sample=1)
    kinds = {kind: [f for f in files if f.kind is kind] for kind in FormKind}
    assert {f.unit for f in kinds[FormKind.PLAN]} == set(small.plan_units())
    assert {(f.unit, f.period) for f in kinds[FormKind.SUMMARY]} == {(c.name, Q1) for c in small.committees}
    assert {p.mistake for f in files for p in f.planted} == set(Mistake)
    assert all(f.arrives is not None for f in files)
    filed = filed_adjustments(files)
    for f in kinds[FormKind.MONTHLY]:
        mistakes = {p.mistake for p in f.planted}
        if Mistake.ENCRYPTED in mistakes:
            continue
        said = judged(small, f, [a for a in filed if a.period == f.period])
        if Mistake.WRONG_PERIOD in mistakes:  # the file is judged as the month its header claims
            assert expected(f) <= said
        else:
            assert said == expected(f), f.path.name
    write_manifest(files, tmp_path / "manifest.json")
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest) == len(files) and all((tmp_path / row["path"]).exists() for row in manifest)
    assert {row["planted"][0]["effect"] for row in manifest if row["planted"]} <= {e.value for e in Effect}


def test_mistakes_in_the_wrong_place_are_refused(small, tmp_path):
    name = small.committees[0].name
    with pytest.raises(ValueError):
        make_period_submissions(small, MARCH, tmp_path, mistakes={name: {Mistake.LATE_SUMMARY}})
    with pytest.raises(ValueError):
        make_period_submissions(small, MARCH, tmp_path, mistakes={name: {Mistake.ENCRYPTED, Mistake.LEGACY_XLS}})
    with pytest.raises(KeyError):
        make_period_submissions(small, MARCH, tmp_path, mistakes={"不存在的党委": {Mistake.NOT_HELD}})
    with pytest.raises(ValueError):
        make_quarter(small, Q1, tmp_path, mistakes={Period.of_month(2017, 4): {}})
