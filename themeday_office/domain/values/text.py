"""Text as submitters type it: full-width forms, stray spaces, Chinese numerals."""

from __future__ import annotations

import re
import unicodedata

from themeday_office.domain.values.raw import Raw, ValueProblem

_SPACE = re.compile(r"\s+")
_ZH_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def fold(text: str) -> str:
    """Full-width letters, digits and punctuation to half-width (NFKC), trimmed."""
    return unicodedata.normalize("NFKC", text).strip()


def squeeze(text: str) -> str:
    """`fold` and drop every space, line break and full-width space."""
    return _SPACE.sub("", fold(text))


def parse_text(value: Raw) -> str | None:
    """A text cell, trimmed; numbers as typed (a phone number read as 13800000000.0 comes back whole)."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


# What clerks write in a cell to mean "nothing here".
NOTHING = frozenset({"无", "无。", "/", "\\", "-", "--", "—", "——"})


def parse_note(value: Raw) -> str | None:
    """Like `parse_text`, but `无`, `/` or a dash (nothing to say) is None: a 联建单位 of `无` is no partner."""
    text = parse_text(value)
    return None if text is None or squeeze(text) in NOTHING else text


def zh_number(text: str) -> int | None:
    """一 … 九十九 (and 十二, 两) as an int; None when it is not a Chinese numeral."""
    if not text or any(ch not in _ZH_DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _ZH_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if "十" in ones or len(tens) > 1 or len(ones) > 1:
        return None
    return (_ZH_DIGITS[tens] if tens else 1) * 10 + (_ZH_DIGITS[ones] if ones else 0)


def small_number(text: str) -> int:
    """An Arabic or Chinese numeral; raises ValueProblem otherwise."""
    s = squeeze(text)
    if s.isdigit():
        return int(s)
    n = zh_number(s)
    if n is None:
        raise ValueProblem("不是数字")
    return n
