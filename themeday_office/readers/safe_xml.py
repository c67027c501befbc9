"""Parse the small XML parts of a package (properties, workbook, relationships) safely and fast.

lxml with entities left unexpanded, no network and no DTD loading; a part that declares a DTD
is refused outright, since no honest Office or ODF part carries one.
"""

from __future__ import annotations

import threading
import zipfile

from lxml import etree

from themeday_office.readers.errors import ReadError

_local = threading.local()  # lxml parsers must not be shared between threads


def _parser() -> etree.XMLParser:
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = etree.XMLParser(
            resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
        )
    return parser


def parse_xml(raw: bytes, part: str) -> etree._Element:
    try:
        root = etree.fromstring(raw, _parser())
    except etree.XMLSyntaxError as exc:
        raise ReadError("corrupt", detail=f"{part} 无法解析") from exc
    if root.getroottree().docinfo.internalDTD is not None:
        raise ReadError("xml_bomb")
    return root


def read_part(zf: zipfile.ZipFile, part: str) -> etree._Element | None:
    """The parsed part, or None when the package has no such part."""
    try:
        raw = zf.read(part)
    except KeyError:
        return None
    return parse_xml(raw, part)
