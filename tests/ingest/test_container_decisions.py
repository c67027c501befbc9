"""A .zip of reports (已拆包) through the real CLI: its members are decided, the container never.

`themeday accept` on the container used to make it 已通过 and current, while the TUI refused;
the ledger's table of state changes (ledger/states.py) now refuses it, whichever front end asks.
"""

from __future__ import annotations

import json
import zipfile

from themeday_office.cli import main
from themeday_office.ledger import Ledger, State

from .conftest import month_files


def run(capsys, *argv):
    code = main([*argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_cli_refuses_to_accept_or_reject_a_zip_of_reports(workspace, district, tmp_path, capsys):
    reports = month_files(district, tmp_path / "报表")[:2]
    with zipfile.ZipFile(workspace.inbox / "两份月报.zip", "w") as pack:
        for report in reports:
            pack.write(report.path, report.path.name)
    root = str(workspace.root)
    assert run(capsys, "ingest", "-w", root)[0] == 0
    code, out, _ = run(capsys, "ledger", "--json", "-w", root)
    [container] = [r for r in json.loads(out) if r["state"] == "unpacked"]

    code, out, err = run(capsys, "accept", str(container["id"]), "--reason", "打包报送", "-w", root)
    assert code == 2 and out == ""
    assert f"编号 {container['id']}" in err and "已拆包" in err and "不能通过" in err
    code, out, err = run(capsys, "reject", str(container["id"]), "--reason", "请分开报送", "-w", root)
    assert code == 2 and "已拆包" in err and "不能退回" in err

    with Ledger.open(workspace.state) as ledger:
        still = ledger.get(container["id"])
        assert (still.state, still.current) == (State.UNPACKED, False)
        assert [e.action for e in ledger.events(still.id)] == ["arrived", "checked"]
        members = ledger.members(still.id)
        assert sorted(m.original_name for m in members) == sorted(r.path.name for r in reports)
        assert all(m.state is State.ACCEPTED for m in members)  # the reports themselves were decided
