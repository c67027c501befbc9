"""What the quarterly assessment and the annual rating 通报 share: the period's district figures
in words, the ranking, the 存在的问题 part's items, and the order of the four parts.

Both follow the monthly bulletin: 一、基本情况 (the method in one sentence, the figures, the
results), 二、好的做法 (from the period's summaries), 三、存在的问题 (the units named), 四、下步要求,
and the ranking table as the 附件.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from themeday_office.domain.period import Period
from themeday_office.domain.scoring import COMPONENTS, Grade
from themeday_office.render.documents.common import names, pct
from themeday_office.render.documents.practices import GoodPractice, good_blocks
from themeday_office.render.documents.wording import Wording
from themeday_office.render.gbt9704 import Block, Heading, Paragraph
from themeday_office.rollup import Figure, Tally

QUARTER_ZH = "一二三四"
ALL_NAMED = 3  # more units than this, and all of them: 全部N个党（工）委


def ranking(scores: dict[str, float]) -> list[tuple[int, str]]:
    """(rank, committee) by score, highest first; equal scores share a rank (1, 1, 3)."""
    ordered = sorted(scores.items(), key=lambda kv: (-round(kv[1], 2), list(scores).index(kv[0])))
    out, rank, previous = [], 0, None
    for i, (committee, score) in enumerate(ordered, start=1):
        if previous is None or round(score, 2) != previous:
            rank = i
        previous = round(score, 2)
        out.append((rank, committee))
    return out


def grade_counts(grades: Iterable[Grade]) -> dict[str, int]:
    """The result sentence's {excellent_n} {good_n} {fair_n} {poor_n}."""
    found = list(grades)
    keys = {Grade.EXCELLENT: "excellent_n", Grade.GOOD: "good_n", Grade.FAIR: "fair_n", Grade.POOR: "poor_n"}
    return {key: sum(1 for g in found if g is grade) for grade, key in keys.items()}


def weights_text(rules) -> str:
    """开展率30分、按时开展率15分、…: each component of the score with its points."""
    return "、".join(f"{name}{rules.weights()[key]:g}分" for key, name in COMPONENTS.items())


def thresholds(rules) -> dict[str, str]:
    return {"excellent": f"{rules.excellent_from:g}", "good": f"{rules.good_from:g}", "fair": f"{rules.fair_from:g}"}


def _whole(f: Figure | None, part: str) -> int:
    if f is None:
        return 0
    value = f.numerator if part == "numerator" else (f.denominator or 0)
    return int(round(value))


def district_numbers(d: Tally) -> dict[str, Any]:
    """The basic.figures sentence's numbers, from the period's district row."""
    return {
        "due": _whole(d.get("held_rate"), "denominator"),
        "held": _whole(d.get("held"), "numerator"),
        "held_rate": pct(d.get("held_rate")),
        "on_time_rate": pct(d.get("on_time_rate")),
        "duration_rate": pct(d.get("duration_rate")),
        "attendance_rate": pct(d.get("attendance_rate")),
        "reports_due": _whole(d.get("reports"), "denominator"),
        "reports": _whole(d.get("reports"), "numerator"),
        "reports_on_time": _whole(d.get("reporting_rate"), "numerator"),
        "summaries_due": _whole(d.get("summaries"), "denominator"),
        "summaries": _whole(d.get("summaries"), "numerator"),
    }


def scored(units: Sequence[str], scores: dict[str, float]) -> str:
    """甲（72.47分）、乙（73.05分）."""
    return "、".join(f"{u}（{scores[u]:.2f}分）" for u in units)


def who(units: Sequence[str], everyone: int) -> str:
    """The units by name, or 全部N个党（工）委 when they are all of them (and more than a few)."""
    if len(units) == everyone and everyone > ALL_NAMED:
        return f"全部{everyone}个党（工）委"
    return names(units)


def quarters_text(numbers: Sequence[int]) -> str:
    """[2, 3, 4] -> 第二、三、四季度; all four -> 各季度."""
    if list(numbers) == [1, 2, 3, 4]:
        return "各季度"
    return "第" + "、".join(QUARTER_ZH[n - 1] for n in numbers) + "季度"


def months_text(numbers: Sequence[int]) -> str:
    """[1, 2] -> 1月、2月; three or more months in a row as a range: [1, 4, 5, 6] -> 1月、4月至6月."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [f"{run[0]}月至{run[-1]}月" if len(run) >= 3 else "、".join(f"{n}月" for n in run) for run in runs]
    return "、".join(parts)


def missing_monthly_items(months: Mapping[int, Sequence[str]], everyone: int) -> tuple[str, int]:
    """The months' tables not sent, months that name the same units together: (1月、2月的甲、乙，
    4月至12月的全部32个党（工）委, how many tables)."""
    groups = grouped(months)
    items = "，".join(f"{months_text(numbers)}的{who(units, everyone)}" for numbers, units in groups)
    return items, sum(len(units) * len(numbers) for numbers, units in groups)


def grouped(found: Mapping[int, Sequence[str]]) -> list[tuple[list[int], list[str]]]:
    """Months or quarters that name the same units, together, in order:
    {1: [甲], 2: [乙], 3: [乙]} -> [([1], [甲]), ([2, 3], [乙])]."""
    groups: dict[tuple[str, ...], list[int]] = {}
    for number, units in sorted(found.items()):
        if units:
            groups.setdefault(tuple(units), []).append(number)
    return [(numbers, list(units)) for units, numbers in groups.items()]


def late_when(period: str) -> str:
    """The month a late form was for (1月), or nothing for the quarter's or year's own forms."""
    try:
        p = Period.parse(period)
    except ValueError:
        return ""
    return f"{p.number}月" if p.kind == "month" else ""


class Problems:
    """The 存在的问题 part's items: a second-level heading and its paragraph each."""

    def __init__(self, wording: Wording, values: dict[str, Any]) -> None:
        self.wording = wording
        self.values = values
        self.blocks: list[Block] = []

    def add(self, kind: str, **numbers: Any) -> None:
        """The problems.<kind>_heading heading and the problems.<kind> paragraph."""
        self.item(f"problems.{kind}_heading", f"problems.{kind}", **numbers)

    def item(self, heading: str, text: str, **numbers: Any) -> None:
        self.blocks.append(Heading(2, self.wording.text(heading, **self.values)))
        self.blocks.append(Paragraph(self.wording.text(text, **numbers, **self.values)))

    def text(self, key: str, **numbers: Any) -> str:
        return self.wording.text(key, **numbers, **self.values)

    def done(self) -> list[Block]:
        """The items, or the template's problems.none when there are none."""
        return self.blocks or [Paragraph(self.wording.text("problems.none", **self.values))]


def four_parts(wording: Wording, values: dict[str, Any], basic: Sequence[str], good: Sequence[GoodPractice],
               problems: Callable[[], list[Block]]) -> list[Block]:
    """opening, 一、基本情况, 二、好的做法 (when there are any), 三、存在的问题, 四、下步要求, closing."""
    blocks: list[Block] = [Paragraph(wording.text("opening", **values)),
                           Heading(1, wording.text("headings.basic", **values)),
                           *(Paragraph(text) for text in basic)]
    blocks += good_blocks(wording, values, good)
    blocks.append(Heading(1, wording.text("headings.problems", **values)))
    blocks += problems()
    blocks.append(Heading(1, wording.text("headings.requirements", **values)))
    blocks += [Paragraph(t) for t in wording.texts("requirements", **values)]
    blocks.append(Paragraph(wording.text("closing", **values)))
    return blocks
