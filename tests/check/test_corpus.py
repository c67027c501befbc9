"""Every corpus file through `check`: its kind, unit, period, verdict, and exactly the messages
(code, place) and non-compliance findings its hand-written expectation lists."""

from __future__ import annotations

import json
import pickle
from collections import Counter
from datetime import date
from functools import partial

import pytest

from themeday_office.ingest.check import CheckResult, check_isolated, check_submission, finding_record
from themeday_office.readers import find_soffice

from .conftest import CORPUS, corpus_specs

SPECS = corpus_specs()
FORMS = ("monthly", "plan", "record", "adjustment", "summary")


def _param(spec: dict):
    marks = []
    if spec["converts"]:  # LibreOffice converts it during the check
        marks = [pytest.mark.slow, pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")]
    return pytest.param(spec, id=spec["file"], marks=marks)


def said(result: CheckResult) -> dict:
    """What a result says, in the shape of an expectation (texts aside)."""
    return {
        "kind": result.kind,
        "unit": result.unit,
        "period": result.period,
        "ok": result.ok,
        "messages": sorted([m.code, m.place] for m in result.messages),
        "findings": sorted([f.code, f.place] for f in result.findings if not f.compliant),
        "compliant": sum(1 for f in result.findings if f.compliant),
    }


def wanted(expect: dict) -> dict:
    out = {key: expect[key] for key in ("kind", "unit", "period", "ok", "findings", "compliant")}
    out["messages"] = sorted(m[:2] for m in expect["messages"])
    return out


@pytest.mark.parametrize("spec", [_param(s) for s in SPECS])
def test_corpus_file(spec, environment, request):
    data = (CORPUS / spec["file"]).read_bytes()
    reader = request.getfixturevalue("isolated_reader").read_bytes if spec["isolated"] else None
    results = check_submission(data, spec["file"], environment(date.fromisoformat(spec["arrived"])), reader)

    assert len(results) == len(spec["results"])
    for result, expect in zip(results, spec["results"], strict=True):
        if "file" in expect:
            assert result.file == f"{spec['file']}/{expect['file']}"
        assert said(result) == wanted(expect), result.file
        # Where the expectation quotes the message, the clerk must read those words.
        for code, place, *text in expect["messages"]:
            if text:
                texts = [m.text for m in result.messages if (m.code, m.place) == (code, place)]
                assert any(text[0] in t for t in texts), (code, place, text[0], texts)
        # Every message carries its place at the front of its sentence, as the clerk sees it.
        for m in result.messages:
            assert m.text.startswith(m.place)


def test_the_corpus_is_what_the_issue_asks_for():
    files = {p.name for p in CORPUS.iterdir() if p.is_file() and not p.name.endswith((".py", ".json", ".pyc"))}
    described = {s["file"] for s in SPECS}
    assert files == described, "every corpus file has its expected result, and every expectation its file"
    assert len(files) >= 40
    made_by = Counter(s["made_by"] for s in SPECS)
    assert made_by["libreoffice"] + made_by["hand-xml"] >= 10
    perfect = {s["results"][0]["kind"] for s in SPECS if "-perfect." in s["file"]}
    assert perfect >= set(FORMS)
    covered = {s["results"][0]["kind"] for s in SPECS} | {r["kind"] for s in SPECS for r in s["results"]}
    assert covered >= {*FORMS, None, "roster"}


# Files that would abort this process when read here (the corpus's poison files) are left out.
@pytest.mark.parametrize("spec", [_param(s) for s in SPECS if not s["isolated"]])
def test_checked_in_a_parser_process_it_says_the_same(spec, environment, isolated_reader):
    """What ingest gets back from the parser process (check_isolated: the check runs there and its
    result crosses the pipe in its compact form) is what a check in this process says, field by field."""
    data = (CORPUS / spec["file"]).read_bytes()
    env = environment(date.fromisoformat(spec["arrived"]))
    here = check_submission(data, spec["file"], env)
    there = check_submission(data, spec["file"], env, checker=partial(check_isolated, isolated_reader))
    assert len(here) == len(there)
    for mine, theirs in zip(here, there, strict=True):
        assert theirs.as_json() == mine.as_json()
        assert theirs.messages == mine.messages and theirs.findings == mine.findings
        assert [(r.kind, r.committee, r.branch, r.period, r.data) for r in theirs.rows] == [
            (r.kind, r.committee, r.branch, r.period, r.data) for r in mine.rows]
        assert (theirs.header, theirs.read_error, theirs.unit, theirs.period) == (
            mine.header, mine.read_error, mine.unit, mine.period)
        assert [json.loads(j) for j in theirs.finding_json] == [
            json.loads(json.dumps(finding_record(f), ensure_ascii=False, default=str)) for f in mine.findings]
        # The models rebuilt on this side behave as models: frozen, hashable, dumped alike.
        for a, b in zip([*theirs.messages, *theirs.findings], [*mine.messages, *mine.findings], strict=True):
            assert a.model_dump() == b.model_dump() and a.model_fields_set == b.model_fields_set
        assert {hash(m) for m in theirs.messages} == {hash(m) for m in mine.messages}
        again = pickle.loads(pickle.dumps(theirs))  # and cross a pipe again the same way
        assert again.as_json() == mine.as_json() and again.findings == mine.findings
