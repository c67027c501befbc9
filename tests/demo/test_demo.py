"""`themeday demo` and `themeday doctor`, run as a newcomer runs them."""

from __future__ import annotations

import json

import pytest

from themeday_office.cli import main
from themeday_office.ledger import Ledger, State


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo")
    assert main(["demo", str(root)]) == 0
    return root


def test_the_demo_ingests_a_quarter_with_the_planted_mistakes(demo):
    with Ledger.open(demo / "state") as ledger:
        counts = ledger.counts_by_state()
        assert counts[State.ACCEPTED] > 200
        assert counts[State.INVALID] >= 8
        assert counts.get(State.UNPACKED) == 1  # the .zip of branch records
        codes = {m.code for s in ledger.submissions(state="invalid") for m in ledger.messages(s.id)}
        assert {"branch_unknown", "present_exceeds_expected", "branch_missing", "file_encrypted",
                "adjustment_outside_window", "branch_duplicate", "partner_missing"} <= codes
        # Arrival times are replayed: 收文日期 are 2017 dates, not today.
        assert {s.arrived_at.year for s in ledger.submissions()} <= {2016, 2017}
        repeats = sum(ledger.repeats(s.id) for s in ledger.submissions())
        assert repeats == 1
        versions = [s for s in ledger.submissions() if s.version == 2]
        assert versions, "the corrected resubmission became version 2"
    manifest = json.loads((demo / "state" / "demo" / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest) > 250
    assert not [p for p in (demo / "inbox").rglob("*") if p.is_file()]


def test_running_the_demo_twice_is_safe(demo, capsys):
    with Ledger.open(demo / "state") as ledger:
        before = len(ledger.submissions())
    assert main(["demo", str(demo)]) == 0
    assert "--fresh" in capsys.readouterr().out
    with Ledger.open(demo / "state") as ledger:
        assert len(ledger.submissions()) == before


def test_doctor_explains_the_installation(demo, capsys):
    code = main(["doctor", "-w", str(demo)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "LibreOffice" in out and "节假日数据" in out and "状态文件夹在本机磁盘" in out
    assert "[document]" in out or "公文字体均已安装" in out


def _by_file(ledger):
    return {s.original_name.rsplit("/", 1)[-1]: s for s in ledger.submissions()}


def test_each_planted_mistake_produced_its_message_or_finding(demo):
    manifest = json.loads((demo / "state" / "demo" / "manifest.json").read_text(encoding="utf-8"))
    with Ledger.open(demo / "state") as ledger:
        subs = _by_file(ledger)
        checked = 0
        for entry in manifest:
            name = entry["path"].rsplit("/", 1)[-1]
            for planted in entry["planted"]:
                sub = subs.get(name)
                if planted["effect"] == "文件":
                    continue  # file-level mistakes (zip, xls, duplicate, resubmission) are asserted above
                assert sub is not None, name
                messages = ledger.messages(sub.id)
                findings = ledger.findings(sub.id)
                if planted["mistake"] == "encrypted":
                    assert [m.code for m in messages] == ["file_encrypted"]
                elif planted["effect"] in ("错误", "提示") and planted["place"]:
                    # A Word place names the row; the kit reports the row (表格1 第5行).
                    assert any(m.place and planted["place"].startswith(m.place) for m in messages), (name, planted)
                elif planted["effect"] == "提示":
                    assert any(m.severity == "提示" for m in messages), (name, planted)
                elif planted["branch"]:
                    assert any(f.branch == planted["branch"] and not f.data.get("compliant") for f in findings), \
                        (name, planted)
                else:
                    assert any(f.code == "late_arrival" for f in findings), (name, planted)
                checked += 1
    assert checked >= 18


def test_rollup_figures_on_a_hand_computed_subset(demo):
    from themeday_office.domain.period import Period
    from themeday_office.rollup import RollupInputs, RollupRules, rollup
    from themeday_office.synthetic import make_district
    from themeday_office.workspace import Workspace

    district = make_district(seed=2017)
    workspace = Workspace.open(demo)
    with Ledger.open(demo / "state") as ledger:
        inputs = RollupInputs.from_ledger(ledger, RollupRules.of(workspace))
        feb = rollup(inputs, Period.of_month(2017, 2))
        # 区国税局党委 reported every branch in February and one of them did not meet (planted not_held).
        n = len(district.roster.branches_of("区国税局党委"))
        held = feb.cell("committee", "区国税局党委", "held_rate")
        assert (held.numerator, held.denominator) == (n - 1, n)
        # 区卫计委党委's February table left out one branch and waits as invalid: it counts nowhere,
        # so none of its branches is counted as held.
        missing = feb.cell("committee", "区卫计委党委", "held_rate")
        assert (missing.numerator, missing.denominator) == (0, len(district.roster.branches_of("区卫计委党委")))


def test_every_document_exists_opens_and_carries_its_number(demo):
    import docx

    with Ledger.open(demo / "state") as ledger:
        records = ledger.documents()
        numbers = sorted(r.number for r in records)
        assert numbers == list(range(1, len(records) + 1)), "numbers run 1..N without gaps"
        kinds = {r.kind for r in records}
        assert {"monthly", "quarterly"} <= kinds
        for record in records:
            text = "\n".join(p.text for p in docx.Document(record.path).paragraphs)
            assert f"惠组〔2017〕{record.number}号" in text, record.path
