"""好的做法: the practices the committees describe in their quarter summaries (主要做法), each told once.

Summaries often repeat one another word for word; a 通报 names a practice once, with the
committees that reported it (区卫计委党委、区地税局党委等9个党（工）委). The monthly bulletin takes them
from its quarter's summaries, the quarterly assessment from the quarter's, the annual rating
from all four quarters'. Each prints a few (its template's `good.count`); which ones is the
caller's choice (the drafts' `practices=…`).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from themeday_office.domain.forms.kinds import FormKind
from themeday_office.domain.forms.summary import SECTIONS
from themeday_office.domain.period import Period
from themeday_office.ledger import Ledger
from themeday_office.readers import Document, ReadError, ReadLimits, read_bytes
from themeday_office.render.documents.wording import Wording, WordingError, leftover_placeholder
from themeday_office.render.gbt9704 import Block, Heading, Paragraph
from themeday_office.rollup import RollupInputs

Reader = Callable[[bytes, str], object]

_HEADING = re.compile(r"^[一二三四五六七八九十]+[、.．]")
# A practice's own lead: （一）创新活动方式。… or 1.创新活动方式。…
_LEAD = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、])\s*([^。；，]{2,16})[。：:]\s*(.+)$")
_GOOD_WORDS = SECTIONS["主要做法"]
NAMED_UNITS = 2  # committees named before 等N个党（工）委


@dataclass(frozen=True)
class GoodPractice:
    """One practice: its lead (创新活动方式, may be empty), its text, and who reported it."""

    lead: str
    text: str
    units: tuple[str, ...]

    @property
    def key(self) -> str:
        """What identifies it (the TUI's choice): its text."""
        return self.text

    def units_text(self) -> str:
        if len(self.units) <= NAMED_UNITS + 1:
            return "、".join(self.units)
        return "、".join(self.units[:NAMED_UNITS]) + f"等{len(self.units)}个党（工）委"


def summary_quarters(period: Period) -> tuple[Period, ...]:
    """The quarters whose summaries speak for `period`: a month's quarter, the quarter, a year's four."""
    if period.kind == "month":
        return (Period.containing(datetime.date(period.year, period.number, 1), "quarter"),)
    if period.kind == "quarter":
        return (period,)
    return tuple(Period.of_quarter(period.year, q) for q in range(1, 5))


def good_practices(inputs: RollupInputs, period: Period, ledger: Ledger, reader: Reader | None = None
                   ) -> list[GoodPractice]:
    """Every distinct practice in the 主要做法 part of the summaries of `period` (a month: its
    quarter's; a quarter: its own; a year: its four quarters'), the most widely reported first
    (then in arrival order, earlier quarters first). A committee that wrote the same practice in
    several quarters is named once.

    The ledger keeps a summary's sections, not its prose: the text is read again from the
    archived original. A summary that cannot be read again is left out."""
    read = reader or (lambda data, name: read_bytes(data, name, ReadLimits()))
    found: dict[str, tuple[str, list[str]]] = {}
    reports = [r for q in summary_quarters(period) for r in inputs.reports(FormKind.SUMMARY.value, q)]
    for report in reports:
        sub = ledger.get(report.id)
        try:
            content = read(ledger.archive.get(sub.sha256), sub.original_name)
        except (OSError, ReadError):
            continue
        if not isinstance(content, Document):
            continue
        for paragraph in practices(tuple(p.text for p in content.paragraphs)):
            lead, text = split_lead(paragraph)
            if leftover_placeholder(paragraph):
                continue  # a summary template's unfilled ×× text is no practice
            entry = found.setdefault(_normal(text), (lead, []))
            if report.unit not in entry[1]:
                entry[1].append(report.unit)
    out = [GoodPractice(lead, key + "。", tuple(units)) for key, (lead, units) in found.items()]
    # Most widely reported first; sorted() keeps arrival order among equals.
    return sorted(out, key=lambda p: -len(p.units))


def choose(candidates: Sequence[GoodPractice], count: int) -> list[GoodPractice]:
    """The default choice: up to `count` practices, no two with the same lead, most reported first."""
    chosen: list[GoodPractice] = []
    leads: set[str] = set()
    for p in candidates:
        if len(chosen) >= count:
            break
        if p.lead and p.lead in leads:
            continue
        chosen.append(p)
        leads.add(p.lead)
    return chosen


def good_count(wording: Wording) -> int:
    """How many good practices a 通报 prints (its template's good.count)."""
    value = wording.raw("good.count")
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 20:
        raise WordingError(f"公文模板 {'、'.join(wording.sources)} 中“good.count”应为 0–20 的整数")
    return value


def pick(inputs: RollupInputs, period: Period, wording: Wording, ledger: Ledger | None, reader: Reader | None,
         practices: Sequence[GoodPractice] | None) -> list[GoodPractice]:
    """The practices a 通报 of `period` prints: `practices` when given (the clerk's choice), else
    the template's good.count most widely reported ones (none without a ledger to read from)."""
    if practices is not None:
        return list(practices)
    if ledger is None:
        return []
    return choose(good_practices(inputs, period, ledger, reader), good_count(wording))


def good_blocks(wording: Wording, values: dict[str, Any], good: Sequence[GoodPractice]) -> list[Block]:
    """The 好的做法 part: its heading, the template's intro, and each practice under its lead
    (as a second-level heading, when it has one). Nothing when there are none."""
    if not good:
        return []
    blocks: list[Block] = [Heading(1, wording.text("headings.good", **values)),
                           Paragraph(wording.text("good.intro", **values))]
    for g in good:
        if g.lead:
            blocks.append(Heading(2, g.lead))
        blocks.append(Paragraph(wording.text("good.item", units=g.units_text(), text=g.text, **values)))
    return blocks


def good_figures(good: Sequence[GoodPractice]) -> list[dict[str, Any]]:
    """The practices as the register records an issued document's figures."""
    return [{"lead": g.lead, "text": g.text, "units": list(g.units)} for g in good]


def split_lead(paragraph: str) -> tuple[str, str]:
    """（一）创新活动方式。对流动党员… -> (创新活动方式, 对流动党员…); no lead -> ("", paragraph)."""
    if m := _LEAD.match(paragraph.strip()):
        return m.group(1).strip(), m.group(2).strip()
    return "", paragraph.strip()


def _normal(text: str) -> str:
    return re.sub(r"\s+", "", text).rstrip("。；")


def practices(paragraphs: tuple[str, ...]) -> list[str]:
    """The paragraphs under the heading whose words say 主要做法, up to the next numbered heading.
    A heading that runs into its text (二、主要做法。强化…) gives that text."""
    out: list[str] = []
    inside = False
    for p in paragraphs:
        text = p.strip()
        if m := _HEADING.match(text):
            head, _, rest = text[m.end():].partition("。")
            inside = any(w in head[:12] for w in _GOOD_WORDS)
            if inside and rest.strip():
                out.append(rest.strip())
            continue
        if inside and text:
            out.append(text if text.endswith(("。", "！", "；")) else text + "。")
    return out
