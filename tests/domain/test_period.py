from datetime import date

import pytest
from pydantic import BaseModel

from themeday_office.domain.period import Period


@pytest.mark.parametrize(
    "text, kind, number, zh",
    [
        ("2017-03", "month", 3, "2017年3月"),
        ("2017Q1", "quarter", 1, "2017年第一季度"),
        ("2017", "year", 0, "2017年"),
    ],
)
def test_parse_and_print_round_trip(text, kind, number, zh):
    p = Period.parse(text)
    assert (p.year, p.kind, p.number) == (2017, kind, number)
    assert str(p) == text
    assert p.zh == zh


@pytest.mark.parametrize("text", ["2017-13", "2017Q5", "17-03", "2017年3月", ""])
def test_bad_spellings_are_refused_in_chinese(text):
    with pytest.raises(ValueError, match="无法识别的期间"):
        Period.parse(text)


def test_bounds_and_membership():
    q1 = Period.of_quarter(2017, 1)
    assert (q1.start, q1.end) == (date(2017, 1, 1), date(2017, 3, 31))
    assert [str(m) for m in q1.months()] == ["2017-01", "2017-02", "2017-03"]
    assert q1.contains(Period.of_month(2017, 3)) and not q1.contains(Period.of_month(2017, 4))
    assert Period.of_month(2017, 2).end == date(2017, 2, 28)
    assert Period.containing(date(2017, 11, 10), "quarter") == Period.of_quarter(2017, 4)
    assert Period.of_month(2017, 5).quarter == 2


def test_pydantic_fields_store_the_canonical_string():
    class Holder(BaseModel):
        period: Period

    held = Holder(period=Period.of_month(2017, 3))
    assert held.model_dump_json() == '{"period":"2017-03"}'
    assert Holder.model_validate_json('{"period":"2017Q2"}').period == Period.of_quarter(2017, 2)
