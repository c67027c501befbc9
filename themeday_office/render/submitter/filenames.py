"""File names built from unit names and other text a submitter controls.

A unit name is whatever a file said it was. Written into a path it must not climb out
of the folder (`/`, `\\`, `..`), hide itself (a leading dot), disguise its extension
(right-to-left overrides), or name a device Windows refuses to create (`CON`, `LPT1`).
"""

from __future__ import annotations

import re
import unicodedata

MAX_NAME_CHARS = 60  # leaves room for period, id and suffix under Windows' 255 per name

_FORBIDDEN = re.compile(r'[<>:"/\\|?*]')
_SPACES = re.compile(r"\s+")
# Device names Windows reserves with any extension, in any case (CON.txt is CON too).
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$", re.IGNORECASE)
# Unicode categories that draw nothing or reorder what is drawn: controls, format
# characters (RTL overrides, zero-width joiners), surrogates, private use, unassigned,
# line and paragraph separators.
_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def safe_filename(text: str, fallback: str = "未命名") -> str:
    """`text` as one safe file-name component: no separators, no `..`, no control or
    invisible characters, no reserved Windows names, no leading or trailing dots and
    spaces, at most MAX_NAME_CHARS characters. Chinese is kept as it is."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", str(text)))  # tabs and line breaks are spaces
    text = "".join(ch for ch in text if unicodedata.category(ch) not in _INVISIBLE)
    text = _FORBIDDEN.sub("_", text)
    text = re.sub(r"\.{2,}", ".", text)  # `..` is never a name's part, even inside it
    text = text.strip(" ._")[:MAX_NAME_CHARS].strip(" .")
    if not text:
        return fallback
    if _RESERVED.match(text):
        text = "_" + text
    return text
