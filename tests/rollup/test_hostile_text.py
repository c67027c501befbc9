"""A control character in one submitted 未开展原因 must not keep the district's workbook from being written.

Excel writes a control character as `_x0001_`, which every reader (calamine too) turns back into
U+0001; a hand-made file can carry the raw byte. Either used to make `rollup --xlsx` fail with
openpyxl's IllegalCharacterError, naming no file.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from themeday_office.cli import main
from themeday_office.ledger import Ledger, State
from themeday_office.render.office_text import MARKER

from .conftest import GUXING, MAR, ROSTER_BRANCHES, ROSTER_COMMITTEES, ROSTER_GROUPS, Desk
from .files import Row, write_monthly

PLACEHOLDER = "QQQQ"  # written by openpyxl, then replaced in the file's XML by the form under test


def submitted_file(path: Path, control: bytes) -> Path:
    rows = [
        Row("大河村党支部", date(2017, 3, 10), expected=30, present=30),
        Row("古荥镇机关党支部", None, expected=10, reason=f"书记外出{PLACEHOLDER}培训"),
        Row("不在名册的党支部", date(2017, 3, 10), expected=5, present=5),  # an error the clerk accepts
    ]
    write_monthly(path, GUXING, MAR, rows)
    source, out = zipfile.ZipFile(path), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info).replace(PLACEHOLDER.encode(), control))
    path.write_bytes(out.getvalue())
    return path


@pytest.mark.parametrize("control", [b"_x0001_", b"\x01"], ids=["escaped", "raw"])
def test_a_control_character_in_a_reason_goes_through_ingest_accept_and_rollup(tmp_path, capsys, control):
    desk = Desk(tmp_path / "ws")
    desk.roster(date(2017, 1, 1), ROSTER_COMMITTEES, ROSTER_BRANCHES, ROSTER_GROUPS)
    desk.ledger.close()
    root = str(desk.workspace.root)
    submitted_file(desk.inbox / "古荥镇3月统计表.xlsx", control)

    assert main(["ingest", "-w", root]) == 0
    with Ledger.open(desk.workspace.state) as ledger:
        (sub,) = ledger.submissions()
        assert sub.state is State.INVALID
    assert main(["accept", str(sub.id), "--reason", "多出一行不影响其余支部", "-w", root]) == 0
    capsys.readouterr()

    month_xlsx, quarter_xlsx = tmp_path / "out.xlsx", tmp_path / "q.xlsx"
    assert main(["rollup", "--month", "2017-03", "--xlsx", str(month_xlsx), "-w", root]) == 0
    assert main(["rollup", "--quarter", "2017Q1", "--xlsx", str(quarter_xlsx), "-w", root]) == 0
    assert "Error" not in capsys.readouterr().err

    for path in (month_xlsx, quarter_xlsx):
        book = load_workbook(path)  # it opens
        reasons = [c.value for row in book["未开展支部"].iter_rows(min_row=3) for c in row if isinstance(c.value, str)]
        assert f"书记外出{MARKER}培训" in reasons
