"""Finishing an OOXML package (xlsx or docx) the kit wrote: its marker and fixed dates.

openpyxl stamps every save with the current time and python-docx keeps its own template's
dates; zip entries carry the time of writing. Templates are committed to the repository,
so a package is rewritten here with fixed dates everywhere: the same template is the same
bytes on every run. The form marker goes into docProps/custom.xml, which python-docx
cannot write and openpyxl writes only for properties set through its own API.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from lxml import etree

from themeday_office.domain.forms.kinds import FORM_MARKER_PROPERTY
from themeday_office.render.office_text import xml_text

TEMPLATE_STAMP = datetime(2017, 1, 1)  # the seed year; any fixed moment would do
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold

_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the user-defined property set, as Office writes it
_DCTERMS = "http://purl.org/dc/terms/"
_DC = "http://purl.org/dc/elements/1.1/"
_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"


def finish_package(data: bytes, *, marker: str, title: str, stamp: datetime = TEMPLATE_STAMP) -> bytes:
    """`data` with the form `marker` as a custom property, `title` and `stamp` in the core
    properties, and every zip entry dated alike."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts["docProps/core.xml"] = _core(parts.get("docProps/core.xml"), title, stamp)
    parts["docProps/custom.xml"] = custom_properties({FORM_MARKER_PROPERTY: marker})
    parts["[Content_Types].xml"] = _with_custom_type(parts["[Content_Types].xml"])
    parts["_rels/.rels"] = _with_custom_relationship(parts["_rels/.rels"])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        # [Content_Types].xml first, as Office writes it; the rest in a stable order.
        for name in sorted(parts, key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, parts[name])
    return out.getvalue()


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _core(existing: bytes | None, title: str, stamp: datetime) -> bytes:
    nsmap = {"cp": _CP, "dc": _DC, "dcterms": _DCTERMS, "xsi": _XSI}
    root = etree.fromstring(existing) if existing else etree.Element(f"{{{_CP}}}coreProperties", nsmap=nsmap)
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    for tag, text in (
        (f"{{{_DC}}}title", title),
        (f"{{{_DC}}}creator", "themeday-office"),
        (f"{{{_CP}}}lastModifiedBy", "themeday-office"),
        (f"{{{_DCTERMS}}}created", when),
        (f"{{{_DCTERMS}}}modified", when),
    ):
        element = root.find(tag)
        if element is None:
            element = etree.SubElement(root, tag)
        element.text = xml_text(text)
        if tag.startswith(f"{{{_DCTERMS}}}"):
            element.set(f"{{{_XSI}}}type", "dcterms:W3CDTF")
    for tag in (f"{{{_CP}}}lastPrinted", f"{{{_CP}}}revision"):
        for element in root.findall(tag):
            root.remove(element)
    return _xml(root)


def custom_properties(properties: dict[str, str]) -> bytes:
    """docProps/custom.xml holding `properties` as text (user-defined) properties."""
    root = etree.Element(f"{{{_CUSTOM_NS}}}Properties", nsmap={None: _CUSTOM_NS, "vt": _VT})
    for pid, (name, value) in enumerate(properties.items(), start=2):  # pid 0 and 1 are reserved
        prop = etree.SubElement(root, f"{{{_CUSTOM_NS}}}property", fmtid=_FMTID, pid=str(pid), name=name)
        etree.SubElement(prop, f"{{{_VT}}}lpwstr").text = value
    return _xml(root)


def _with_custom_type(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    if not any(o.get("PartName") == "/docProps/custom.xml" for o in root.iter(f"{{{_CT}}}Override")):
        etree.SubElement(root, f"{{{_CT}}}Override", PartName="/docProps/custom.xml", ContentType=_CUSTOM_TYPE)
    return _xml(root)


def _with_custom_relationship(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    relationships = list(root.iter(f"{{{_RELS}}}Relationship"))
    if not any(r.get("Type") == _CUSTOM_REL for r in relationships):
        taken = {r.get("Id") for r in relationships}
        rid = next(f"rId{n}" for n in range(len(taken) + 1, len(taken) + 100) if f"rId{n}" not in taken)
        etree.SubElement(root, f"{{{_RELS}}}Relationship", Id=rid, Type=_CUSTOM_REL, Target="docProps/custom.xml")
    return _xml(root)
