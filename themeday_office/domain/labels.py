"""Form labels and their variants, matched after normalizing.

Real files write `实到人数（人）`, `应到\n人数`, `*党支部名称`, `所属党委`; a form declares
its canonical labels with the variants it accepts, and `canonical` maps whatever a
reader found onto them. Readers use `match_label` to find the header cells.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from themeday_office.domain.values.text import squeeze

T = TypeVar("T")

# Units and marks that decorate a header without changing its meaning.
_DECORATION = re.compile(r"\((?:人|个|名|次|小时|必填|选填|盖章)\)|[*:：“”\"'‘’【】\[\]]")
# A note after a label, tried when the whole text matches nothing: 开展方式（联建共建/支部单独开展）.
# Two-character stems (主题, 内容, 原因) are left alone: as values they would read as labels.
_TRAILING_NOTE = re.compile(r"^(.{3,}?)\([^()]*\)$")


@dataclass(frozen=True)
class Label:
    name: str
    required: bool = False
    aliases: tuple[str, ...] = ()


@functools.lru_cache(maxsize=8192)
def label_key(text: str) -> str:
    """The comparable form of a header text: no spaces, half-width, no units or marks."""
    # Cached: the same few dozen header texts come back in every file of a kind.
    return _DECORATION.sub("", squeeze(text))


def match_label(text: str, labels: Sequence[Label]) -> str | None:
    """The canonical label a header text stands for, or None.

    A text that matches nothing is tried once more without a trailing bracketed note, as
    templates print hints there (`活动日期（月/日）`); a note that is part of a label
    (`所属党(工)委`, `联建镇(街道)`) matches as a whole first.
    """
    return match_key(label_key(text), labels)


def match_key(key: str, labels: Sequence[Label]) -> str | None:
    """`match_label` for a text already made a `label_key`."""
    keys = _keys(labels)
    found = keys.get(key)
    if found is None and key.endswith(")") and (m := _TRAILING_NOTE.match(key)):
        found = keys.get(m.group(1))
    return found


class _KeyMatches(dict[str, str | None]):
    """key -> canonical name (or None) for one label set, filled as keys are met."""

    def __init__(self, labels: Sequence[Label]) -> None:
        super().__init__()
        self.labels = labels

    def __missing__(self, key: str) -> str | None:
        if len(self) > 4096:  # data cells pass through too; keep the memory bounded
            self.clear()
        found = self[key] = match_key(key, self.labels)
        return found


_MATCHES: dict[int, _KeyMatches] = {}


def key_matches(labels: tuple[Label, ...]) -> Mapping[str, str | None]:
    """A mapping that gives `match_key(key, labels)` for any key, remembered: a sheet's header
    region is matched against several forms' labels, and the same texts recur in every file."""
    found = _MATCHES.get(id(labels))
    if found is None or found.labels is not labels:
        if len(_MATCHES) > 64:  # the forms' label sets are module constants; anything else passes
            _MATCHES.clear()
        found = _MATCHES[id(labels)] = _KeyMatches(labels)
    return found


# Label sets are a handful of module constants: their keys are worked out once, found by identity
# (hashing a tuple of labels on every lookup would cost more than the lookup).
_KEYS: dict[int, tuple[Sequence[Label], dict[str, str], frozenset[str]]] = {}


def _keys(labels: Sequence[Label]) -> dict[str, str]:
    return _cached(labels)[1]


def _names(labels: Sequence[Label]) -> frozenset[str]:
    """The canonical names that match themselves (a cell already keyed by one needs no lookup)."""
    return _cached(labels)[2]


def _cached(labels: Sequence[Label]) -> tuple[Sequence[Label], dict[str, str], frozenset[str]]:
    cached = _KEYS.get(id(labels))
    if cached is not None and cached[0] is labels:
        return cached
    keys: dict[str, str] = {}
    for label in labels:
        for name in (label.name, *label.aliases):
            keys.setdefault(label_key(name), label.name)
    names = frozenset(label.name for label in labels if keys.get(label_key(label.name)) == label.name)
    entry = (labels, keys, names)
    if isinstance(labels, tuple):  # a list may change; only tuples are kept
        if len(_KEYS) > 256:
            _KEYS.clear()
        _KEYS[id(labels)] = entry
    return entry


def canonical(cells: Mapping[str, T], labels: Sequence[Label]) -> dict[str, T]:
    """`cells` keyed by canonical labels; unknown labels dropped, the first of two variants kept."""
    names = _names(labels)
    if cells.keys() <= names:
        return dict(cells)  # a table's rows, keyed by the names its header matched: nothing to map
    out: dict[str, T] = {}
    for text, value in cells.items():
        # Readers of the kit's own tables key cells by canonical names already.
        name = text if text in names else match_label(text, labels)
        if name is not None and name not in out:
            out[name] = value
    return out
