from datetime import time

import pytest

from themeday_office.domain.rules import WorkingHours
from themeday_office.domain.values import ActivityTime, Raw, ValueProblem, parse_time, parse_time_range


def span_of(raw: Raw, hours: WorkingHours | None = None) -> ActivityTime:
    """parse_time_range of a value that is not blank: a time span, never None."""
    span = parse_time_range(raw, hours)
    assert span is not None, raw
    return span


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("8:30", time(8, 30)),
        ("8：30", time(8, 30)),
        ("08:30:00", time(8, 30)),
        ("上午8:30", time(8, 30)),
        ("下午2:30", time(14, 30)),
        ("下午 2：30", time(14, 30)),
        ("14:30", time(14, 30)),
        ("8点半", time(8, 30)),
        ("9点", time(9, 0)),
        ("中午1点", time(13, 0)),
        (time(8, 30), time(8, 30)),
        (0.3541666667, time(8, 30)),  # Excel's fraction of a day
        (42804.6041666667, time(14, 30)),  # a date-time serial
        (8.3, time(8, 30)),  # typed 8.30 into a number cell
    ],
)
def test_time_shapes(raw, expected):
    assert parse_time(raw) == expected


@pytest.mark.parametrize("raw", ["25:00", "8:75", "早饭后", 42804.0, -1])
def test_bad_times(raw):
    with pytest.raises(ValueProblem):
        parse_time(raw)


@pytest.mark.parametrize(
    "raw, start, end, hours",
    [
        ("8:30-12:00", time(8, 30), time(12, 0), 3.5),
        ("8：30—12：00", time(8, 30), time(12, 0), 3.5),
        ("8:30——12:00", time(8, 30), time(12, 0), 3.5),
        ("8:30至12:00", time(8, 30), time(12, 0), 3.5),
        ("8:30到12:00", time(8, 30), time(12, 0), 3.5),
        ("8:30~12:00", time(8, 30), time(12, 0), 3.5),
        ("8:30－12:00", time(8, 30), time(12, 0), 3.5),
        ("上午8:30-11:00", time(8, 30), time(11, 0), 2.5),
        ("下午2:30-5:30", time(14, 30), time(17, 30), 3.0),  # the 下午 carries over
        ("上午9:00-下午1:00", time(9, 0), time(13, 0), 4.0),
        ("全天(8:30-17:30)", time(8, 30), time(17, 30), 9.0),  # times given win over 全天
    ],
)
def test_range_shapes(raw, start, end, hours):
    span = span_of(raw)
    assert (span.start, span.end, span.hours) == (start, end, hours)


def test_two_sessions_add_up():
    span = span_of("8:30-10:00、14:30-16:00")
    assert span.hours == 3.0
    assert str(span) == "08:30-10:00、14:30-16:00"


@pytest.mark.parametrize(
    "raw, hours",
    [
        ("上午", 3.5),
        ("下午", 3.5),
        ("全天", 7.0),
        ("上午半天", 3.5),
        (" 全天 ", 7.0),
        ("一上午", 3.5),
        ("上午、下午", 7.0),
    ],
)
def test_half_days_alone_use_the_working_hours(raw, hours):
    assert span_of(raw).hours == hours


def test_working_hours_come_from_settings():
    short_mornings = WorkingHours(morning_start=time(9, 0), morning_end=time(11, 30))
    assert span_of("上午", short_mornings).hours == 2.5
    assert span_of("上午", short_mornings).start == time(9, 0)


@pytest.mark.parametrize(
    "raw, reason",
    [
        ("12:00-8:30", "不晚于开始时间"),
        ("8:30", "缺少结束时间"),
        (time(8, 30), "缺少结束时间"),
        ("8:30-12:00-14:00", "缺少结束时间"),
        ("半天", "无法识别为活动时间"),
        ("约3小时", "无法识别为活动时间"),
        ("上午开会", "无法识别为活动时间"),
    ],
)
def test_bad_ranges(raw, reason):
    with pytest.raises(ValueProblem, match=reason):
        parse_time_range(raw)


def test_blank_range_is_none():
    assert parse_time_range(None) is None
    assert parse_time_range("  ") is None


def test_activity_time_round_trips_through_json():
    span = span_of("8:30-12:00")
    assert ActivityTime.model_validate_json(span.model_dump_json()) == span
