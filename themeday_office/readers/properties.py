"""Document properties of OOXML (docProps/core.xml, custom.xml) and ODF (meta.xml) files.

Parsed by safe_xml, so entity tricks in these small parts are refused as an XML bomb.
"""

from __future__ import annotations

import zipfile
from datetime import datetime

from lxml.etree import _Element as Element

from themeday_office.readers.model import DocumentProperties, Value
from themeday_office.readers.safe_xml import read_part

_META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"


def ooxml_properties(zf: zipfile.ZipFile) -> DocumentProperties:
    core = read_part(zf, "docProps/core.xml")
    custom = read_part(zf, "docProps/custom.xml")
    return DocumentProperties(
        core={} if core is None else _core_fields(core),
        custom={} if custom is None else _custom_fields(custom),
    )


def odf_properties(zf: zipfile.ZipFile) -> DocumentProperties:
    meta = read_part(zf, "meta.xml")
    if meta is None:
        return DocumentProperties()
    core: dict[str, str] = {}
    custom: dict[str, Value] = {}
    for element in meta.iter():
        name = _local(element)
        if name == "user-defined":
            key = element.get(f"{_META}name")
            if key:
                custom[key] = _typed(element.get(f"{_META}value-type", "string"), element.text or "")
        elif name in ("title", "subject", "creator", "initial-creator", "creation-date", "date", "keywords"):
            core[name] = (element.text or "").strip()
    return DocumentProperties(core=core, custom=custom)


def _core_fields(root: Element) -> dict[str, str]:
    return {name: (child.text or "").strip() for child in root if (name := _local(child)) is not None}


def _custom_fields(root: Element) -> dict[str, Value]:
    fields: dict[str, Value] = {}
    for prop in root:
        name = prop.get("name")
        for value in prop:  # the first element child is the typed value (vt:lpwstr, vt:i4, ...)
            kind = _local(value)
            if name and kind is not None:
                fields[name] = _typed(kind, value.text or "")
                break
    return fields


def _typed(kind: str, text: str) -> Value:
    """A property value from its declared type (OOXML vt:* or ODF value-type); text when unsure."""
    try:
        if kind in ("i1", "i2", "i4", "i8", "int", "ui1", "ui2", "ui4", "ui8", "uint"):
            return int(text)
        if kind in ("r4", "r8", "decimal", "float"):
            return float(text)
        if kind in ("bool", "boolean"):
            return text.strip().lower() in ("true", "1")
        if kind in ("filetime", "date"):
            return datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        pass
    return text


def _local(element: Element) -> str | None:
    """The tag's local name; None for a comment or processing instruction, whose tag is a function."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else None
