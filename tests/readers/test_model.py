from themeday_office.readers import CellRange, CellRef, Table, TableCell, TablePlace, cell_name, column_letters


def test_places_render_as_a_clerk_reads_them():
    assert [column_letters(c) for c in (0, 25, 26, 701, 702, 16383)] == ["A", "Z", "AA", "ZZ", "AAA", "XFD"]
    assert cell_name(4, 11) == "L5"
    assert str(CellRef("月报", 4, 11)) == "月报!L5"
    assert str(CellRange(0, 0, 1, 6)) == "A1:G2"
    assert str(TablePlace(0, 2, 1)) == "表格1 第3行第2列"


def test_table_cell_at_follows_merges_to_their_cell():
    block = TableCell("活动内容", 1, 1, row_span=2, col_span=3)
    table = Table(0, [[TableCell("a", 0, 0), TableCell("b", 0, 1, col_span=3)], [TableCell("c", 1, 0), block], []])
    assert table.cell_at(2, 3) is block
    cell = table.cell_at(0, 2)
    assert cell is not None and cell.text == "b"
    assert table.cell_at(3, 0) is None
    assert str(table.place(block)) == "表格1 第2行第2列"
