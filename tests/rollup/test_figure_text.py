"""The text of a figure: one function (office/rollup.py) for the command line and the app."""

from themeday_office.cli import rollup_cmd
from themeday_office.office.rollup import NO_FIGURE, figure_text
from themeday_office.rollup import COLUMN, Figure, Tally


def test_a_figure_reads_the_same_in_both_front_ends():
    ratio = next(c for c in COLUMN.values() if c.ratio)
    assert figure_text(Figure(5, 6), ratio) == "5/6"
    assert figure_text(Figure(7, 8), COLUMN["held_rate"]) == "87.5%"
    assert figure_text(Figure(3.25), COLUMN["branches"]) == "3.25"
    assert figure_text(Figure(12), COLUMN["branches"]) == "12"
    assert figure_text(None, COLUMN["branches"]) == ""
    assert rollup_cmd._cell(COLUMN["held_rate"], Tally({"held_rate": Figure(7, 8)})) == "87.5%"


def test_a_figure_without_a_denominator_is_an_ascii_hyphen():
    # Not "—": its width is ambiguous, and CJK terminals draw it two columns wide.
    ratio = next(c for c in COLUMN.values() if c.ratio)
    assert NO_FIGURE == "-"
    assert figure_text(Figure(0, 0), COLUMN["held_rate"]) == "-"
    assert figure_text(Figure(0, 0), ratio) == "-"
    assert rollup_cmd._cell(COLUMN["held_rate"], Tally({"held_rate": Figure(0, 0)})) == "-"
