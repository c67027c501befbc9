"""Head counts: `30`, `３０`, `30人`, `30 名`, 30.0 from Excel, blanks, and `无` for none."""

from __future__ import annotations

import re

from themeday_office.domain.values.raw import Raw, ValueProblem, is_blank
from themeday_office.domain.values.text import squeeze

_COUNT = re.compile(r"^(-?\d+)(?:\.0+)?(?:人|名|位|个)?$")
# What clerks put in a count cell to mean "nobody".
_NONE = {"无", "-", "—", "/", "\\"}

COUNT_HINT = "不是人数（应填写整数，如 30）"
# Far above any branch or committee; a cell of 1e308 must not become a 309-digit head count that
# the ledger's JSON and the rollup's sums carry on.
_MAX_COUNT = 1_000_000


def parse_count(value: Raw) -> int | None:
    """A non-negative head count, or None for a blank cell."""
    if value.__class__ is int and value >= 0:  # the usual cell, first
        return value
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ValueProblem(COUNT_HINT)
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise ValueProblem("人数应为整数")
        number = int(value)
    elif isinstance(value, str):
        s = squeeze(value)
        if s in _NONE:
            return 0
        m = _COUNT.match(s)
        if not m:
            raise ValueProblem(COUNT_HINT)
        number = int(m.group(1))
    else:
        raise ValueProblem(COUNT_HINT)
    if number < 0:
        raise ValueProblem("人数不能为负数", code="count_negative")
    if number > _MAX_COUNT:
        raise ValueProblem(COUNT_HINT)
    return number
