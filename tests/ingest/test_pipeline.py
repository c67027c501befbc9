"""The ingest protocol on a real inbox, a real ledger, real files."""

from __future__ import annotations

import shutil
import zipfile

from tests.readers.craft import poison_xlsx
from themeday_office.ingest.check import check_bytes, finding_record
from themeday_office.ingest.pipeline import ACCEPTED, QUARANTINED, REPEAT, WAITING
from themeday_office.ingest.session import ingest_session
from themeday_office.ledger import Ledger, State
from themeday_office.synthetic import Mistake

from .conftest import month_files


def ingest_all(workspace, **kwargs):
    with ingest_session(workspace, **kwargs) as ingestor:
        files = sorted(p for p in workspace.inbox.rglob("*") if p.is_file())
        return {p.relative_to(workspace.inbox).as_posix(): ingestor.ingest(p) for p in files}


def test_a_mixed_inbox(workspace, district, tmp_path):
    inbox = workspace.inbox
    committees = [c.name for c in district.committees]
    bad_unit = committees[1]
    generated = month_files(district, inbox, mistakes={bad_unit: {Mistake.PRESENT_EXCEEDS_EXPECTED}})
    good = [g.path for g in generated if g.unit != bad_unit]
    bad = next(g.path for g in generated if g.unit == bad_unit)
    (inbox / "子文件夹").mkdir()
    shutil.copy(good[0], inbox / "子文件夹" / "副本.xlsx")  # the same bytes again, in a nested folder
    (inbox / "说明.txt").write_text("请查收", encoding="utf-8")  # not a form at all
    with zipfile.ZipFile(inbox / "打包.zip", "w") as zf:  # an archive holding one new and one known file
        april = month_files(district, tmp_path / "april", period=month_of(4))
        zf.write(april[0].path, "四月/" + april[0].path.name)
        zf.write(good[1], good[1].name)

    outcomes = ingest_all(workspace, actor="测试员")

    assert not [p for p in inbox.rglob("*") if p.is_file()], "every file leaves the inbox"
    words = {name: o.word for name, o in outcomes.items()}
    assert words[bad.name] == WAITING
    assert words["说明.txt"] == WAITING
    repeats = [name for name, w in words.items() if w == REPEAT]
    assert len(repeats) == 1 and repeats[0] in ("子文件夹/副本.xlsx", good[0].name)
    assert words["打包.zip"] == ACCEPTED
    with Ledger.open(workspace.state) as ledger:
        counts = ledger.counts_by_state()
        assert counts[State.INVALID] == 2  # the bad report and the text file
        assert counts[State.UNPACKED] == 1
        assert counts[State.ACCEPTED] == len(good) + 1  # + April from the archive
        archive = ledger.submissions(kind="archive")[0]
        members = ledger.members(archive.id)
        assert [m.period for m in members] == ["2017-04"]
        known = ledger.by_sha(ledger.get(outcomes[good[1].name].submission.id).sha256)
        assert known is not None
        assert ledger.repeats(known.id) == 1  # the archive's copy of a known file is a repeat
        text = ledger.submissions(state="invalid", kind="")[0]
        assert ledger.messages(text.id)[0].code == "file_unreadable"
        for sub in ledger.submissions():
            assert ledger.archive.get(sub.sha256)  # every original is archived and intact
            assert sub.removed
        bad_sub = ledger.get(outcomes[bad.name].submission.id)
        assert {m.code for m in ledger.messages(bad_sub.id)} >= {"present_exceeds_expected"}
        assert ledger.events(bad_sub.id)[0].actor == "测试员"


def month_of(m: int):
    from themeday_office.domain.period import Period

    return Period.of_month(2017, m)


def test_a_resubmission_supersedes_and_keeps_history(workspace, district, tmp_path):
    unit = district.committees[0].name
    first = month_files(district, tmp_path / "v1", mistakes={unit: {Mistake.PRESENT_EXCEEDS_EXPECTED}})
    second = month_files(district, tmp_path / "v2", seed=1)
    v1 = next(g.path for g in first if g.unit == unit)
    v2 = next(g.path for g in second if g.unit == unit)
    shutil.copy(v1, workspace.inbox / v1.name)
    out1 = ingest_all(workspace)[v1.name]
    assert out1.word == WAITING
    with Ledger.open(workspace.state) as ledger:
        ledger.reject(out1.submission.id, "科员", "实到人数有误")
    shutil.copy(v2, workspace.inbox / ("改正后" + v2.name))
    out2 = ingest_all(workspace)["改正后" + v2.name]
    assert out2.word == ACCEPTED
    with Ledger.open(workspace.state) as ledger:
        versions = ledger.versions(out2.submission.id)
        assert [(v.version, v.state) for v in versions] == [(1, State.REJECTED), (2, State.ACCEPTED)]
    # A third, clean version supersedes the second.
    third = month_files(district, tmp_path / "v3", seed=2)
    v3 = next(g.path for g in third if g.unit == unit)
    shutil.copy(v3, workspace.inbox / ("第三版" + v3.name))
    out3 = ingest_all(workspace)["第三版" + v3.name]
    assert out3.superseded == 1
    with Ledger.open(workspace.state) as ledger:
        assert ledger.get(out2.submission.id).state is State.SUPERSEDED
        assert ledger.get(out3.submission.id).current


def test_a_file_that_kills_its_parser_is_quarantined_and_the_rest_goes_on(workspace, district):
    (workspace.inbox / "0-崩溃.xlsx").write_bytes(poison_xlsx())
    generated = month_files(district, workspace.inbox)
    outcomes = ingest_all(workspace)
    assert outcomes["0-崩溃.xlsx"].word == QUARANTINED
    assert all(outcomes[g.path.name].word in (ACCEPTED, WAITING) for g in generated)
    with Ledger.open(workspace.state) as ledger:
        sub = ledger.submissions(state="quarantined")[0]
        assert "已隔离" in ledger.messages(sub.id)[0].text
        assert ledger.archive.has(sub.sha256)
        assert ledger.attempt(sub.sha256) == (0, "")
    assert not (workspace.inbox / "0-崩溃.xlsx").exists()


def test_a_parser_killer_inside_a_batch_is_quarantined_after_the_files_before_it(workspace, district):
    generated = month_files(district, workspace.inbox)
    poison = workspace.inbox / f"{generated[1].path.stem}-崩溃.xlsx"  # sorts between two good files
    poison.write_bytes(poison_xlsx())
    files = sorted(p for p in workspace.inbox.iterdir() if p.is_file())
    with ingest_session(workspace) as ingestor:
        outcomes = list(ingestor.ingest_many(files))
    assert [o.path for o in outcomes] == files  # in order, the batch before it committed first
    words = {o.path.name: o.word for o in outcomes}
    assert words.pop(poison.name) == QUARANTINED
    assert set(words.values()) <= {ACCEPTED, WAITING} and len(words) == len(generated)
    assert not any(workspace.inbox.iterdir())


def test_files_outside_the_inbox_are_recorded_but_not_moved(workspace, district, tmp_path):
    generated = month_files(district, tmp_path / "elsewhere")
    with ingest_session(workspace) as ingestor:
        outcome = ingestor.ingest(generated[0].path)
    assert outcome.word == ACCEPTED
    assert generated[0].path.exists()


def test_ingest_many_gives_ingest_s_outcomes_in_order(workspace, district, tmp_path):
    from themeday_office.ingest.pipeline import ACCEPTED as OK

    inbox = workspace.inbox
    generated = month_files(district, inbox)
    shutil.copy(generated[0].path, inbox / "副本.xlsx")  # the same bytes while the first is in flight
    (inbox / "说明.txt").write_text("请查收", encoding="utf-8")
    with zipfile.ZipFile(inbox / "打包.zip", "w") as zf:
        zf.write(generated[1].path, generated[1].path.name)
    files = sorted(p for p in inbox.rglob("*") if p.is_file())
    with ingest_session(workspace) as ingestor:
        outcomes = list(ingestor.ingest_many(files, ahead=3))
    assert [o.path for o in outcomes] == files
    words = {o.path.name: o.word for o in outcomes}
    assert words["副本.xlsx"] == REPEAT or words[generated[0].path.name] == REPEAT
    assert words["说明.txt"] == WAITING
    assert sum(w == OK for w in words.values()) >= len(generated) - 1
    assert not any(p.is_file() for p in inbox.rglob("*"))
    with Ledger.open(workspace.state) as ledger:
        assert ledger.pending_removal() == []


def test_what_the_parser_process_encodes_is_what_an_in_process_check_would_store(workspace, district):
    generated = month_files(district, workspace.inbox, mistakes={district.committees[0].name: {Mistake.SHORT_DURATION}})
    path = next(g.path for g in generated if g.unit == district.committees[0].name)
    data = path.read_bytes()
    with ingest_session(workspace) as ingestor:
        local = check_bytes(data, path.name, ingestor.env_factory())
        sub = ingestor.ingest(path).submission
        assert sub is not None
        stored_findings, stored_rows = ingestor.ledger.findings(sub.id), ingestor.ledger.rows(sub.id)
    assert local.findings and any(f.code == "short_duration" for f in local.findings)
    assert [(f.code, f.branch, f.text, f.data) for f in stored_findings] == [
        (f.code, f.branch, f.text, finding_record(f)) for f in local.findings]
    assert [(r.branch, r.data) for r in stored_rows] == [(r.branch, r.data) for r in local.rows]
