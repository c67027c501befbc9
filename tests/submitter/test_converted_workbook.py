"""An xls (or ods, WPS) sheet comes back as a new xlsx of its values: every value at its cell, marked."""

from __future__ import annotations

import io
import zipfile
from datetime import date, time

import openpyxl

from themeday_office.ledger import CheckedFile, Ledger, StoredMessage, sha256_of
from themeday_office.readers import Workbook, read_bytes
from themeday_office.render.submitter.converted_workbook import rebuild_workbook
from themeday_office.render.submitter.error_list import notice_for
from themeday_office.render.submitter.workbook_marks import ERROR_COLOUR, LIST_SHEET, MARK_AUTHOR
from themeday_office.synthetic.legacy_xls import xls_bytes
from themeday_office.synthetic.sheet import Sheet


def test_values_formats_merges_and_marks(tmp_path):
    sheet = Sheet("月报[3]", rows=[
        ["2017年3月份统计表", None, None],
        ["党支部名称", "活动日期", "活动时间"],
        ["=1+2党支部", date(2017, 3, 10), time(8, 30)],
        ["第二党支部", date(2017, 3, 11), time(14, 0)],
    ], merges=["A1:C1"])
    data = xls_bytes([sheet])
    content = read_bytes(data, "月报.xls")
    assert isinstance(content, Workbook)
    with Ledger.open(tmp_path / "state") as ledger:
        ledger.archive.put(data)
        sub = ledger.record(CheckedFile(
            sha256=sha256_of(data), original_name="月报.xls", inbox_path="月报.xls", size=len(data), format="xls",
            messages=[StoredMessage("错误", "value_invalid", "月报[3]!B4", "月报[3]!B4 日期不对")]), auto_accept=False)
        ledger.reject(sub.id, "科员", "有误")
        package = rebuild_workbook(content, notice_for(ledger, sub.id))

    book = openpyxl.load_workbook(io.BytesIO(package))
    assert book.sheetnames == [LIST_SHEET, "月报_3_"]  # [ and ] are not allowed in an xlsx sheet name
    ws = book["月报_3_"]
    assert ws["A3"].value == "=1+2党支部" and ws["A3"].data_type == "s" and ws["A3"].quotePrefix
    assert ws["B4"].value.date() == date(2017, 3, 11) and ws["B4"].number_format == 'yyyy"年"m"月"d"日"'
    assert ws["C3"].value == time(8, 30) and ws["C3"].number_format == "h:mm"
    assert [str(r) for r in ws.merged_cells.ranges] == ["A1:C1"]
    assert ws["B4"].comment.author == MARK_AUTHOR and ws["B4"].fill.fgColor.rgb.endswith(ERROR_COLOUR)
    links = [c.hyperlink.location for row in book[LIST_SHEET].iter_rows() for c in row if c.hyperlink]
    assert links == ["'月报_3_'!B4"]
    back = read_bytes(package, "退回.xlsx")
    assert isinstance(back, Workbook)
    rebuilt, submitted = back.sheet("月报_3_"), content.sheet("月报[3]")
    assert rebuilt is not None and submitted is not None and rebuilt.rows == submitted.rows
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        assert not any(b"<f>" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
