"""Text from submitters and the ledger made safe for the files handed back to them.

Cell values, comments and Word runs are XML: control characters a submitter typed (or a
hostile file carried) would make openpyxl or lxml refuse the whole file, so they go.
"""

from __future__ import annotations

import re

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: object) -> str:
    """`text` as a string XML can hold: illegal characters become U+FFFD so the reader sees
    that something was there."""
    return _XML_ILLEGAL.sub("\ufffd", "" if text is None else str(text))
