"""The workbook's styles.xml, extended with what the marks and the 错误清单 sheet need.

A marked cell keeps its own style (font, border, number format) with the red or yellow fill
added: each (style, colour) pair gets one new cell format, shared by every cell that had it.
"""

from __future__ import annotations

import copy

from lxml import etree

from themeday_office.render.submitter.workbook_parts import MAIN_NS, UnsupportedWorkbook, parse, serialize

_M = f"{{{MAIN_NS}}}"
# Child order of styleSheet (ECMA-376 CT_Stylesheet): a missing list is created in its place.
_ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles",
          "colors", "extLst"]
_LIST_ITEM = {"fonts": "font", "fills": "fill", "borders": "border", "cellXfs": "xf"}


class SheetStyles:
    """styles.xml being extended; indices of what it adds."""

    def __init__(self, raw: bytes, part: str) -> None:
        self.root = parse(raw, part)
        if self.root.tag != f"{_M}styleSheet":
            raise UnsupportedWorkbook(f"{part}: not a stylesheet")
        self._xfs = self._list("cellXfs")
        if len(self._xfs) == 0:
            self._append("cellXfs", etree.Element(f"{_M}xf", numFmtId="0", fontId="0", fillId="0", borderId="0"))
        self._marked: dict[tuple[int, str], int] = {}
        self._cleared: dict[int, int] = {}
        self._fills: dict[str, int] = {}

    # ---- the marks -------------------------------------------------------------------------

    def marked(self, xf: int, colour: str) -> int:
        """The cell format `xf` with a solid `colour` fill."""
        xf = self._existing(xf)
        key = (xf, colour)
        if key not in self._marked:
            fill = self.fill(colour)
            self._marked[key] = self._derived(xf, fillId=str(fill), applyFill="1")
        return self._marked[key]

    def cleared(self, xf: int, colours: set[str]) -> int:
        """`xf` without its fill when the fill is one of the marks' `colours` (else `xf` itself)."""
        xf = self._existing(xf)
        if xf not in self._cleared:
            fill_id = int(self._xfs[xf].get("fillId", "0") or 0)
            fills = self._list("fills")
            ours = fill_id < len(fills) and _solid_rgb(fills[fill_id])[-6:].upper() in colours
            self._cleared[xf] = self._derived(xf, fillId="0") if ours else xf
        return self._cleared[xf]

    # ---- what the list sheet uses ------------------------------------------------------------

    def fill(self, colour: str) -> int:
        if colour not in self._fills:
            fill = etree.Element(f"{_M}fill")
            pattern = etree.SubElement(fill, f"{_M}patternFill", patternType="solid")
            etree.SubElement(pattern, f"{_M}fgColor", rgb="FF" + colour)
            etree.SubElement(pattern, f"{_M}bgColor", indexed="64")
            self._fills[colour] = self._append("fills", fill)
        return self._fills[colour]

    def font(self, name: str, size: float, *, bold: bool = False, colour: str | None = None,
             underline: bool = False) -> int:
        font = etree.Element(f"{_M}font")
        if bold:
            etree.SubElement(font, f"{_M}b")
        if underline:
            etree.SubElement(font, f"{_M}u")
        etree.SubElement(font, f"{_M}sz", val=f"{size:g}")
        if colour:
            etree.SubElement(font, f"{_M}color", rgb="FF" + colour)
        etree.SubElement(font, f"{_M}name", val=name)
        etree.SubElement(font, f"{_M}charset", val="134")  # GB2312: how Excel stores a Chinese font
        return self._append("fonts", font)

    def box(self, colour: str) -> int:
        border = etree.Element(f"{_M}border")
        for side in ("left", "right", "top", "bottom"):
            etree.SubElement(etree.SubElement(border, f"{_M}{side}", style="thin"), f"{_M}color", rgb="FF" + colour)
        etree.SubElement(border, f"{_M}diagonal")
        return self._append("borders", border)

    def cell_format(self, *, font: int = 0, fill: int = 0, border: int = 0, wrap: bool = False,
                    quote: bool = False) -> int:
        """A new cell format of these parts (on the workbook's default number format and style);
        `quote`: Excel keeps the text text even when it is edited (text starting like a formula)."""
        xf = etree.Element(f"{_M}xf", numFmtId="0", fontId=str(font), fillId=str(fill), borderId=str(border),
                           xfId="0")
        for name, used in (("applyFont", font), ("applyFill", fill), ("applyBorder", border)):
            if used:
                xf.set(name, "1")
        if quote:
            xf.set("quotePrefix", "1")
        if wrap:
            xf.set("applyAlignment", "1")
            etree.SubElement(xf, f"{_M}alignment", vertical="top", wrapText="1")
        return self._append("cellXfs", xf)

    def to_bytes(self) -> bytes:
        return serialize(self.root)

    # ---- lists -------------------------------------------------------------------------------

    def _existing(self, xf: int) -> int:
        return xf if 0 <= xf < len(self._xfs) else 0

    def _derived(self, xf: int, **attributes: str) -> int:
        new = copy.deepcopy(self._xfs[xf])
        for name, value in attributes.items():
            new.set(name, value)
        return self._append("cellXfs", new)

    def _list(self, name: str) -> etree._Element:
        found = self.root.find(f"{_M}{name}")
        if found is None:
            found = etree.Element(f"{_M}{name}", count="0")
            later = set(_ORDER[_ORDER.index(name) + 1:])
            at = next((i for i, child in enumerate(self.root) if etree.QName(child).localname in later),
                      len(self.root))
            self.root.insert(at, found)
            if name == "fills":  # Excel reserves the first two fills (none and gray125)
                for pattern in ("none", "gray125"):
                    etree.SubElement(etree.SubElement(found, f"{_M}fill"), f"{_M}patternFill", patternType=pattern)
            elif name == "fonts":
                font = etree.SubElement(found, f"{_M}font")
                etree.SubElement(font, f"{_M}sz", val="11")
                etree.SubElement(font, f"{_M}name", val="宋体")
            elif name == "borders":
                etree.SubElement(found, f"{_M}border")
            found.set("count", str(len(found)))
        return found

    def _append(self, name: str, element: etree._Element) -> int:
        container = self._list(name)
        items = [child for child in container if etree.QName(child).localname == _LIST_ITEM[name]]
        if items:
            items[-1].addnext(element)
        else:
            container.append(element)
        container.set("count", str(len(items) + 1))
        return len(items)


def _solid_rgb(fill: etree._Element) -> str:
    pattern = fill.find(f"{_M}patternFill")
    if pattern is None or pattern.get("patternType") != "solid":
        return ""
    colour = pattern.find(f"{_M}fgColor")
    return (colour.get("rgb") or "") if colour is not None else ""
