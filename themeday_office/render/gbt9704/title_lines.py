"""Where a long title breaks (GB/T 9704-2012 7.3.3: 回行时，要做到词意完整，排列对称，长短适宜，间距恰当;
标题排列应当使用梯形或菱形).

Word and LibreOffice wrap a centred title wherever the line is full, often inside a word
(关于2017年3月“主题党日”活动开展情⏎况的通报). The title is broken here instead, with explicit
line breaks: at a sense boundary (before an opening quote, after a closing one, before
的通报/的通知…, before 关于), into lines as even as those boundaries allow, never an hourglass.
A title the clerk broke by hand (a \\n in it) keeps its own lines.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

# What a 公文 title ends with: a break before 的 + one of these keeps the document's kind whole.
DOC_KINDS = ("通报", "通知", "报告", "请示", "批复", "意见", "决定", "函", "纪要", "公告", "通告", "办法", "方案",
             "规定", "规划", "计划", "总结", "要点", "表", "结果", "名单")
_OPENING = "“‘（(《〈〔【「『"
_CLOSING = "”’）)》〉〕】」』，。、；：？！,.;:?!…—·"
# A date or period ends a phrase: 2017年 | 3月份 | 2017年度 | 第一季度 (not the 月 of 3月份 or 年 of 年度).
_PERIOD_END = re.compile(r"(?:\d+年度?|\d+月份?|第[一二三四]季度|[上下]半年)$")
_CONJUNCTIONS = "和与及暨"

SENSE, PHRASE, WORD_EDGE, ANYWHERE = 0.0, 3.0, 5.0, 14.0  # what a break at each kind of place costs
EXTRA_LINE = 6.0  # one more line than the title needs
HOURGLASS = 20.0  # a middle line shorter than the lines above and below it
MAX_LINES = 4


def char_width(ch: str) -> float:
    """A character's advance in em: full-width 1; Latin letters and digits a little over half
    (the CJK fonts' proportional digits run wider than 0.5 em), so an estimate never overflows."""
    return 1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.6


def line_width(text: str) -> float:
    return sum(char_width(ch) for ch in text)


def title_lines(title: str, capacity: float) -> list[str]:
    """`title` as the lines to set, each at most `capacity` em wide where the title allows it."""
    if "\n" in title:
        return [line for line in title.split("\n")]
    if line_width(title) <= capacity:
        return [title]
    costs = _break_costs(title)
    need = max(2, -int(-line_width(title) // capacity))
    best: tuple[float, tuple[int, ...]] | None = None
    for lines in range(need, min(need + 1, MAX_LINES) + 1):
        for cuts in itertools.combinations(sorted(costs), lines - 1):
            parts = _split(title, cuts)
            widths = [line_width(p) for p in parts]
            if max(widths) > capacity:
                continue
            score = sum(costs[c] for c in cuts) + _shape(widths) + EXTRA_LINE * (lines - need)
            if best is None or score < best[0]:
                best = (score, cuts)
    if best is None:  # no way to keep whole words: fill the lines, breaking only where allowed
        return _greedy(title, capacity, costs)
    return _split(title, best[1])


def _split(title: str, cuts: tuple[int, ...]) -> list[str]:
    edges = (0, *cuts, len(title))
    return [title[a:b] for a, b in itertools.pairwise(edges)]


def _shape(widths: list[float]) -> float:
    """Uneven lines cost their spread; a longer top line is preferred over a longer bottom one
    (倒梯形 before 正梯形); a middle line shorter than both neighbours is an hourglass."""
    score = max(widths) - min(widths)
    if len(widths) == 2 and widths[1] > widths[0]:
        score += 0.25
    for above, middle, below in zip(widths, widths[1:], widths[2:], strict=False):
        if middle < above and middle < below:
            score += HOURGLASS
    return score


def _break_costs(title: str) -> dict[int, float]:
    """Break position (index of the next line's first character) -> its cost; positions that
    would split a number, a Latin word or strand punctuation are left out."""
    costs: dict[int, float] = {}
    for i in range(1, len(title)):
        before, after = title[i - 1], title[i]
        if after in _CLOSING or before in _OPENING:
            continue  # no line starts with closing punctuation or ends with an opening one
        if before.isascii() and after.isascii() and (before.isalnum() and after.isalnum()):
            continue  # inside 2017 or a Latin word
        rest = title[i:]
        if after in "“《" or before in "”》":
            cost = SENSE
        elif rest.startswith("关于") or any(rest == "的" + kind for kind in DOC_KINDS):
            cost = SENSE
        elif after in _CONJUNCTIONS or before in "、，":
            cost = PHRASE
        elif _PERIOD_END.search(title[:i]) and not after.isdigit() and after not in "度份":
            cost = PHRASE
        elif before in _CLOSING or after in _OPENING:
            cost = WORD_EDGE
        else:
            cost = ANYWHERE
        costs[i] = cost
    return costs


def _greedy(title: str, capacity: float, costs: dict[int, float]) -> list[str]:
    lines: list[str] = []
    start = 0
    while line_width(title[start:]) > capacity:
        later = [i for i in costs if i > start]
        if not later:
            break
        fits = [i for i in later if line_width(title[start:i]) <= capacity]
        end = max(fits) if fits else min(later)  # a word wider than a line gets a line of its own
        lines.append(title[start:end])
        start = end
    lines.append(title[start:])
    return lines
