import string
from datetime import date

import pytest

from themeday_office.domain.codes import CODES, finding, message, render
from themeday_office.domain.messages import Severity
from themeday_office.domain.period import Period


def _fields(template: str) -> list[tuple[str, str | None]]:
    return [(name, spec) for _, name, spec, _ in string.Formatter().parse(template) if name]


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_renders_chinese_with_sample_parameters(code):
    spec = CODES[code]
    params = {name: (0.5 if fmt else "样例") for name, fmt in _fields(spec.template)}
    text = render(spec.template, params)
    assert text and "{" not in text
    assert code.isidentifier() and code == code.lower()  # stable snake_case
    assert spec.title


def test_severities_are_the_two_chinese_words():
    assert {s.value for s in Severity} == {"错误", "提示"}
    assert {c.severity for c in CODES.values()} == {Severity.ERROR, Severity.HINT, None}


def test_a_message_reads_with_its_place():
    m = message("present_exceeds_expected", "月报!L5", present=30, expected=28)
    assert m.text == "月报!L5“实到人数”为 30，大于应到人数 28"
    assert (m.severity, m.code, m.place) == (Severity.ERROR, "present_exceeds_expected", "月报!L5")
    m = message("roster_committee_unknown", "党支部!B7", name="xx", suggest="")
    assert m.text == "党支部!B7 所属党(工)委“xx”不在党(工)委表中"
    assert message("summary_date_missing").text == "总结末尾未注明成文日期"


def test_parameters_are_shown_as_clerks_write_them():
    m = message(
        "adjustment_district_date_wrong",
        written=date(2017, 3, 11),
        period=Period.of_month(2017, 3),
        actual=date(2017, 3, 10),
    )
    assert m.text == "“区定日期”为2017年3月11日，2017年3月全区主题党日应为2017年3月10日"


def test_a_finding_keeps_its_numbers_as_json_values():
    f = finding(
        "low_attendance",
        committee="古荥镇党委",
        branch="大河村党支部",
        period=Period.of_month(2017, 3),
        present=15,
        expected=30,
        rate=0.5,
        threshold=0.8,
    )
    assert f.text == "大河村党支部实到 15 人，应到 30 人，参与率 50%，低于 80%"
    assert f.values == {"present": 15, "expected": 30, "rate": 0.5, "threshold": 0.8}
    assert f.period == "2017-03" and not f.compliant
    held = finding(
        "held_on_district_date", committee="古荥镇党委", branch="大河村党支部", period="2017-03", date=date(2017, 3, 10)
    )
    assert held.compliant and held.values == {"date": "2017-03-10"}


def test_message_and_finding_codes_are_not_interchangeable():
    with pytest.raises(ValueError):
        message("not_held")
    with pytest.raises(ValueError):
        finding("value_missing", committee="x", period="2017-03")
    with pytest.raises(KeyError):
        message("no_such_code")


def test_reader_codes_are_reserved_here():
    for code in ("file_unreadable", "file_encrypted", "file_unsafe", "unknown_form"):
        assert CODES[code].severity is Severity.ERROR
