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
