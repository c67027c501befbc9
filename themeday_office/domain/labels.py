"""Form labels and their variants, matched after normalizing.

Real files write `实到人数（人）`, `应到\n人数`, `*党支部名称`, `所属党委`; a form declares
its canonical labels with the variants it accepts, and `canonical` maps whatever a
reader found onto them. Readers use `match_label` to find the header cells.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from themeday_office.domain.values.text import squeeze

T = TypeVar("T")

# Units and marks that decorate a header without changing its meaning.
_DECORATION = re.compile(r"\((?:人|个|名|次|小时|必填|选填|盖章)\)|[*:：“”\"'‘’]")


@dataclass(frozen=True)
class Label:
    name: str
    required: bool = False
    aliases: tuple[str, ...] = ()


def label_key(text: str) -> str:
    """The comparable form of a header text: no spaces, half-width, no units or marks."""
    return _DECORATION.sub("", squeeze(text))


def match_label(text: str, labels: Sequence[Label]) -> str | None:
    """The canonical label a header text stands for, or None."""
    key = label_key(text)
    for label in labels:
        if key == label_key(label.name) or any(key == label_key(a) for a in label.aliases):
            return label.name
    return None


def canonical(cells: Mapping[str, T], labels: Sequence[Label]) -> dict[str, T]:
    """`cells` keyed by canonical labels; unknown labels dropped, the first of two variants kept."""
    out: dict[str, T] = {}
    for text, value in cells.items():
        name = match_label(text, labels)
        if name is not None and name not in out:
            out[name] = value
    return out
