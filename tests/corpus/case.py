"""A corpus case: how its file is made and, written by hand, what `check` must say about it.

The district is `make_district(seed=2017, branches=40)`: five committees, of which the cases
use 新城街道党工委 (7 branches), 古荥镇党委 (15) and 区教体局党委 (2). Its roster is the
corpus file roster.xlsx, in force from 2017-01-01.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from themeday_office.domain.period import Period
from themeday_office.synthetic import make_district

DISTRICT = make_district(seed=2017, branches=40)
EFFECTIVE = date(2017, 1, 1)
ARRIVED = date(2017, 3, 13)  # the Monday after March's district date (3-10); monthly due 3-15
MARCH = Period.of_month(2017, 3)
APRIL = Period.of_month(2017, 4)

XC = "新城街道党工委"
GY = "古荥镇党委"
JT = "区教体局党委"

# How a file came to be; LIBREOFFICE and HAND_XML count as "not our own writers".
GENERATOR = "generator"  # themeday_office.synthetic as it is
OPENPYXL = "openpyxl"  # cells written one by one here
PYTHON_DOCX = "python-docx"
LIBREOFFICE = "libreoffice"  # saved by soffice --convert-to
HAND_XML = "hand-xml"  # package parts written or edited by hand
BYTES = "bytes"  # not an Office file at all

Message = tuple[str, str] | tuple[str, str, str]  # (code, place) or (code, place, text it must contain)


@dataclass(frozen=True)
class Expect:
    """One result of `check`: a file gives one, a .zip of submissions one per member."""

    kind: str | None
    unit: str
    period: str
    ok: bool
    messages: tuple[Message, ...] = ()  # every message, exactly
    findings: tuple[tuple[str, str], ...] = ()  # every non-compliant finding (code, place), exactly
    compliant: int = 0  # how many compliant findings (held on the district or a filed date)
    file: str | None = None  # the member's label, for a .zip

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "unit": self.unit,
            "period": self.period,
            "ok": self.ok,
            "messages": sorted(list(m) for m in self.messages),
            "findings": sorted(list(f) for f in self.findings),
            "compliant": self.compliant,
        }
        if self.file is not None:
            out = {"file": self.file, **out}
        return out


@dataclass(frozen=True)
class Case:
    name: str  # the file's name in tests/corpus
    made_by: str
    covers: tuple[str, ...]  # what it is there for: a row of DESIGN.md §2's table, a value shape, a layout
    build: Callable[[Any], bytes]  # tools -> the file's bytes
    expect: tuple[Expect, ...]
    arrived: date = ARRIVED
    isolated: bool = False  # only through an IsolatedReader: it kills its parser in-process
    converts: bool = False  # check converts it with LibreOffice (slow)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.name,
            "made_by": self.made_by,
            "covers": list(self.covers),
            "arrived": self.arrived.isoformat(),
            "isolated": self.isolated,
            "converts": self.converts,
            "results": [e.to_json() for e in self.expect],
        }


def ok(kind: str, unit: str, period: str, *, compliant: int, messages: tuple[Message, ...] = (),
       findings: tuple[tuple[str, str], ...] = (), file: str | None = None) -> Expect:
    """A file accepted as it is (hints and findings allowed)."""
    return Expect(kind, unit, period, True, messages, findings, compliant, file)


def rejected(kind: str | None, unit: str, period: str, *messages: Message,
             findings: tuple[tuple[str, str], ...] = (), compliant: int = 0, file: str | None = None) -> Expect:
    return Expect(kind, unit, period, False, tuple(messages), findings, compliant, file)


@dataclass
class Registry:
    cases: list[Case] = field(default_factory=list)

    def add(self, name: str, made_by: str, covers: tuple[str, ...], *expect: Expect, arrived: date = ARRIVED,
            isolated: bool = False, converts: bool = False):
        """Decorator: register the function below as the builder of `name`."""

        def register(build: Callable[[Any], bytes]) -> Callable[[Any], bytes]:
            self.cases.append(Case(name, made_by, covers, build, tuple(expect), arrived, isolated, converts))
            return build

        return register
