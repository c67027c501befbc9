"""How figures are written in a 公文: document numbers, dates, heading labels, text widths."""

from __future__ import annotations

import datetime
import unicodedata

_DIGITS = "零一二三四五六七八九"


def format_doc_number(prefix: str, year: int, n: int) -> str:
    """发文字号: 机关代字 + 〔full year〕 + number without leading zeros + 号, e.g. 惠组〔2017〕12号."""
    if not prefix.strip():
        raise ValueError("机关代字不能为空")
    if not 1000 <= year <= 9999:
        raise ValueError(f"年份应为四位数：{year}")
    if n < 1:
        raise ValueError(f"发文顺序号应从 1 开始：{n}")
    # 六角括号 U+3014/U+3015, not 【】 or ［］, and no 第 before the number.
    return f"{prefix.strip()}\u3014{year}\u3015{n}号"


def zh_date(day: datetime.date) -> str:
    """成文日期 in Arabic numerals without leading zeros: 2017年4月5日."""
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_numeral(n: int) -> str:
    """1..99 as 一..九十九 (heading labels never go higher)."""
    if not 1 <= n <= 99:
        raise ValueError(f"标题序号超出 1–99：{n}")
    tens, units = divmod(n, 10)
    if tens == 0:
        return _DIGITS[units]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[units] if units else "")


def heading_label(level: int, n: int) -> str:
    """The label of the n-th heading of a level: 一、 （一） 1. （1）."""
    if level == 1:
        return f"{chinese_numeral(n)}、"
    if level == 2:
        return f"（{chinese_numeral(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    raise ValueError(f"标题层级应为 1–4：{level}")


def text_width(text: str) -> float:
    """Width in characters: full-width (CJK) characters count 1, half-width (ASCII digits) 1/2."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text)
