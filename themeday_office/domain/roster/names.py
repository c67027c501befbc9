"""Comparable forms of organization names, for lookups that forgive how people write them.

Spaces, full-width forms and quotes never matter; `党支部` and `支部` are the same word;
a committee is known by its stem (`古荥镇` for `古荥镇党委`), which branch names often
carry as a prefix and often leave out.
"""

from __future__ import annotations

import difflib

from themeday_office.domain.values.text import squeeze

_QUOTES = {ord(c): None for c in "“”\"'‘’「」《》"}
# Prefixes that formal names carry and everyday names drop: 中共惠济区古荥镇委员会.
UNIT_PREFIXES = ("中国共产党", "中共", "郑州市", "惠济区")
# Longest first, so 党工委 is not read as 党 + 工委.
_COMMITTEE_SUFFIXES = ("委员会", "党工委", "党(工)委", "机关党委", "党委", "工委", "党组", "党总支", "总支")


def name_key(name: str) -> str:
    """Spaces, full-width forms, quotes and letter case removed."""
    return squeeze(name).translate(_QUOTES).lower()


def branch_key(name: str) -> str:
    """`name_key`, with 党支部 written as 支部 (大河村党支部 = 大河村支部)."""
    return name_key(name).replace("党支部", "支部")


def without_prefixes(key: str) -> str:
    for prefix in UNIT_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            key = key[len(prefix) :]
    return key


def committee_stem(name: str) -> str:
    """The committee's own name without 中共/惠济区 and 党委/党工委: 古荥镇党委 -> 古荥镇."""
    key = without_prefixes(name_key(name))
    for suffix in _COMMITTEE_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            return key[: -len(suffix)]
    return key


def closest(key: str, candidates: dict[str, str], n: int = 3) -> tuple[str, ...]:
    """Display names whose keys are close to `key` (difflib ratio >= 0.6), best first."""
    hits = difflib.get_close_matches(key, list(candidates), n=n, cutoff=0.6)
    return tuple(dict.fromkeys(candidates[h] for h in hits))
