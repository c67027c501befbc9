"""File names as a clerk sees them, whatever bytes the file system holds.

Old tools on a GBK share write names that are not UTF-8; on POSIX Python hands them over
with surrogate escapes, which cannot be printed, logged or stored as text. A name can also
carry terminal escapes (`\\x1b[31m`) or bidirectional overrides that disguise it. `shown()`
is the one display form, used wherever a name is printed, logged or recorded as text: the
file system's bytes decoded as UTF-8, else as GBK, else as GBK with replacement characters,
and every control character written as a visible escape. The ledger keeps the raw bytes
beside it whenever the two differ (`raw_when_needed`), so nothing is lost.
"""

from __future__ import annotations

import os
import re
from typing import TypedDict

# C0 and C1 controls, DEL, and the bidirectional marks and overrides that reorder what is shown.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """`text` with control characters written as visible escapes (\\x1b, \\u202e)."""
    return _CONTROLS.sub(_visible, text)


def shown(name: str) -> str:
    """The display form of a name (or a path) as the file system gave it."""
    try:
        name.encode("utf-8")  # fails only on surrogate escapes
        text = name
    except UnicodeEncodeError:
        raw = os.fsencode(name)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = raw.decode("gbk")
            except UnicodeDecodeError:
                text = raw.decode("gbk", "replace")
    return escape_controls(text)


def raw_when_needed(name: str) -> bytes | None:
    """The file system's bytes for `name` when its display form is not the same text; else None."""
    return None if shown(name) == name else os.fsencode(name)


class RecordedNames(TypedDict):
    """A CheckedFile's names: display text, and the inbox path's own bytes when the text differs."""

    original_name: str
    inbox_path: str
    inbox_path_raw: bytes | None


def names_for(rel: str, name: str) -> RecordedNames:
    """The names a file is recorded under (the ledger's CheckedFile takes them as keywords)."""
    return {"original_name": shown(name), "inbox_path": shown(rel), "inbox_path_raw": raw_when_needed(rel)}
