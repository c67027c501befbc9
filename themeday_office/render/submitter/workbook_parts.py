"""A submitter's xlsx as its zip parts, edited in place: content types, relationships, new parts.

Marking a workbook this way leaves every part it does not need to change byte for byte as the
submitter's program wrote it, and never builds an object per cell: a 5,000 x 200 report is
marked in the time it takes to unzip and zip it again (openpyxl took 30-50 s and 0.5-1.8 GB).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Collection
from posixpath import basename, dirname, join, normpath

from lxml import etree

from themeday_office.readers import ReadError
from themeday_office.readers.safe_xml import parse_xml

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DOC_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_TYPE = DOC_REL_NS + "/"  # + worksheet, comments, vmlDrawing, vbaProject...
SHEET_MAIN_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
VML_TYPE = "application/vnd.openxmlformats-officedocument.vmlDrawing"
_ZIP_MEMBER = re.compile(r"^[^/\\][^\\]*$")  # a relative member name, no backslashes


class UnsupportedWorkbook(Exception):
    """The workbook is laid out in a way this editor does not handle; mark it another way."""


def parse(raw: bytes, part: str) -> etree._Element:
    """A small part parsed safely (no entities, no DTD); UnsupportedWorkbook when it cannot be."""
    try:
        return parse_xml(raw, part)
    except ReadError as error:
        raise UnsupportedWorkbook(f"{part}: {error.code}") from None


def serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


class WorkbookParts:
    """The parts of an xlsx by name, its content types and relationships, ready to be changed."""

    def __init__(self, parts: dict[str, bytes]) -> None:
        """From the parts by name, in package order (`of_bytes` reads them from an xlsx)."""
        self._order = list(parts)
        self.parts = dict(parts)
        if not all(_ZIP_MEMBER.match(name) for name in self._order):
            raise UnsupportedWorkbook("odd member names")
        self.types = parse(self.require("[Content_Types].xml"), "[Content_Types].xml")
        self.workbook = self._main_part()

    @classmethod
    def of_bytes(cls, data: bytes) -> WorkbookParts:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                return cls({info.filename: zf.read(info) for info in zf.infolist()})
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
            raise UnsupportedWorkbook(f"zip: {exc}") from None

    def require(self, part: str) -> bytes:
        try:
            return self.parts[part]
        except KeyError:
            raise UnsupportedWorkbook(f"no {part}") from None

    # ---- relationships ------------------------------------------------------------------

    def relationships(self, part: str) -> etree._Element:
        """The relationships of `part` (an empty set when it has none yet)."""
        name = rels_name(part)
        if name in self.parts:
            return parse(self.parts[name], name)
        return etree.Element(f"{{{PKG_REL_NS}}}Relationships", nsmap={None: PKG_REL_NS})

    def targets(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id -> (type, part name) for `part`'s internal relationships."""
        found = {}
        for rel in self.relationships(part).iter(f"{{{PKG_REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            found[rel.get("Id", "")] = (rel.get("Type", ""), resolve(part, rel.get("Target", "")))
        return found

    def relate(self, part: str, rel_type: str, target: str) -> str:
        """Add a relationship from `part` to the part `target`; its new id."""
        root = self.relationships(part)
        taken = {rel.get("Id") for rel in root}
        rid = next(f"rId{n}" for n in range(1, len(taken) + 2) if f"rId{n}" not in taken)
        etree.SubElement(root, f"{{{PKG_REL_NS}}}Relationship", Id=rid, Type=REL_TYPE + rel_type,
                         Target=relative(part, target))
        self.parts[rels_name(part)] = serialize(root)
        return rid

    def unrelate(
        self, part: str, rel_types: Collection[str] = frozenset(), ids: Collection[str] = frozenset()
    ) -> list[str]:
        """Drop `part`'s relationships of the given types (the type's last word: `comments`,
        `vbaProject`, whichever namespace names it) or ids; the parts they pointed at."""
        root = self.relationships(part)
        dropped = []
        for rel in list(root):
            if rel.get("Type", "").rsplit("/", 1)[-1] in rel_types or rel.get("Id") in ids:
                dropped.append(resolve(part, rel.get("Target", "")))
                root.remove(rel)
        if dropped:
            self.parts[rels_name(part)] = serialize(root)
        return dropped

    # ---- parts and their types ----------------------------------------------------------------

    def new_name(self, pattern: str) -> str:
        """The first free part name of `pattern` (with {n} for the number), from 1."""
        taken = {name.lower() for name in self.parts}
        return next(pattern.format(n=n) for n in range(1, len(self.parts) + 2)
                    if pattern.format(n=n).lower() not in taken)

    def add(self, part: str, data: bytes, content_type: str | None = None) -> None:
        """Add or replace `part`; `content_type` (when given) goes into [Content_Types].xml."""
        if part not in self.parts:
            self._order.append(part)
        self.parts[part] = data
        if content_type is not None:
            self.set_type(part, content_type)

    def remove(self, part: str) -> None:
        self.parts.pop(part, None)
        self.parts.pop(rels_name(part), None)
        for override in list(self.types.iter(f"{{{CT_NS}}}Override")):
            if override.get("PartName", "").lstrip("/") == part:
                self.types.remove(override)

    def set_type(self, part: str, content_type: str) -> None:
        for override in self.types.iter(f"{{{CT_NS}}}Override"):
            if override.get("PartName", "").lstrip("/") == part:
                override.set("ContentType", content_type)
                return
        etree.SubElement(self.types, f"{{{CT_NS}}}Override", PartName="/" + part, ContentType=content_type)

    def default_type(self, extension: str, content_type: str) -> None:
        if not any(d.get("Extension", "").lower() == extension for d in self.types.iter(f"{{{CT_NS}}}Default")):
            # Defaults come first in Office's own files; some readers expect them there.
            self.types.insert(0, etree.Element(f"{{{CT_NS}}}Default", Extension=extension, ContentType=content_type))

    def to_bytes(self) -> bytes:
        self.parts["[Content_Types].xml"] = serialize(self.types)
        out = io.BytesIO()
        # Level 1: the big sheet is most of the work, and level 6 saves little on XML this repetitive.
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
            known = set(self._order)
            names = ["[Content_Types].xml", *self._order, *(n for n in self.parts if n not in known)]
            for name in dict.fromkeys(names):  # in the submitter's order, new parts last
                if name in self.parts:
                    target.writestr(name, self.parts[name])
        return out.getvalue()

    def _main_part(self) -> str:
        for rel in self.relationships("").iter(f"{{{PKG_REL_NS}}}Relationship"):
            if rel.get("Type", "").endswith("/officeDocument"):
                part = resolve("", rel.get("Target", ""))
                if part in self.parts:
                    return part
        raise UnsupportedWorkbook("no workbook part")


def rels_name(part: str) -> str:
    """`xl/worksheets/sheet1.xml` -> `xl/worksheets/_rels/sheet1.xml.rels`; the package's own for ''."""
    return join(dirname(part), "_rels", basename(part) + ".rels")


def resolve(source: str, target: str) -> str:
    """The part name a relationship of `source` points at."""
    if target.startswith("/"):
        return normpath(target.lstrip("/"))
    return normpath(join(dirname(source), target)).lstrip("./") if target else ""


def relative(source: str, target: str) -> str:
    """How a relationship of `source` names `target` (an absolute part name, as Office accepts)."""
    return "/" + target
