"""Raw WordprocessingML where python-docx has no API, always in schema order.

Word rejects (and WPS silently misreads) property elements out of the order the schema
fixes, so every property container here is built through `place`, which knows the order.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from themeday_office.render.gbt9704.measures import LINE
from themeday_office.render.office_text import xml_text

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# Child order of w:pPr, w:rPr, w:tblPr, w:tcPr and w:trPr (ECMA-376 Part 1, 17.3 and 17.4).
PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
).split()
RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
).split()
TBLPR_ORDER = (
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
    "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook"
).split()
TCPR_ORDER = (
    "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark".split()
)
TRPR_ORDER = (
    "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader tblCellSpacing jc hidden".split()
)


def element(tag: str, **attrs: object) -> etree._Element:
    """A w: element; keyword arguments become w: attributes (None values are left out).

    Typed as a plain lxml element: python-docx gives a custom class only to the tags it knows."""
    node = OxmlElement(f"w:{tag}")
    for name, value in attrs.items():
        if value is not None:
            node.set(qn(f"w:{name}"), str(value))
    return node


def place(parent: etree._Element, child: etree._Element, order: list[str]) -> etree._Element:
    """Put child into parent where the schema wants it, replacing an element of the same tag."""
    local = etree.QName(child).localname
    for old in parent.findall(qn(f"w:{local}")):
        parent.remove(old)
    later = set(order[order.index(local) + 1 :])
    for index, existing in enumerate(parent):
        if etree.QName(existing).localname in later:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


@dataclass(frozen=True)
class Look:
    """How a run looks: one font for all four slots, a size in half-points, colour, spacing."""

    font: str
    half_points: int
    color: str | None = None
    spacing: int = 0  # twentieths of a point between characters
    scale: int = 100  # horizontal scaling in percent (w:w)


def fonts(font: str) -> etree._Element:
    # All four slots: Word picks the slot by character class, so a name in ascii alone
    # leaves Chinese text to the theme's East-Asian font (MS Mincho in python-docx's template).
    return element("rFonts", ascii=font, hAnsi=font, eastAsia=font, cs=font, hint="eastAsia")


def run_properties(look: Look) -> etree._Element:
    """A w:rPr for `look` (for a run, a style or the document defaults)."""
    rpr = element("rPr")
    place(rpr, fonts(look.font), RPR_ORDER)
    if look.color:
        place(rpr, element("color", val=look.color), RPR_ORDER)
    # Always written, 0 included: styles are based on Normal, whose -0.25 pt would leak in.
    place(rpr, element("spacing", val=look.spacing), RPR_ORDER)
    if look.scale != 100:
        place(rpr, element("w", val=look.scale), RPR_ORDER)
    place(rpr, element("kern", val=0), RPR_ORDER)
    place(rpr, element("sz", val=look.half_points), RPR_ORDER)
    place(rpr, element("szCs", val=look.half_points), RPR_ORDER)
    place(rpr, element("lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"), RPR_ORDER)
    return rpr


@dataclass(frozen=True)
class Layout:
    """How a paragraph sits: alignment, indents and spacing in twips, exact line height."""

    jc: str = "both"
    first_line: int = 0
    hanging: int = 0
    left: int = 0
    right: int = 0
    before: int = 0
    after: int = 0
    line: int = LINE
    keep_next: bool = False
    page_break_before: bool = False
    outline_level: int | None = None


def paragraph_properties(layout: Layout, style_id: str | None = None) -> etree._Element:
    """A w:pPr for `layout`; widow control is off so that every page holds all 22 lines."""
    ppr = element("pPr")
    if style_id:
        place(ppr, element("pStyle", val=style_id), PPR_ORDER)
    if layout.keep_next:
        place(ppr, element("keepNext"), PPR_ORDER)
    if layout.page_break_before:
        place(ppr, element("pageBreakBefore"), PPR_ORDER)
    place(ppr, element("widowControl", val=0), PPR_ORDER)
    # LibreOffice otherwise hangs a line-end 、or ，past the right margin, and its PDF (our PDF
    # copies) leaves it out. It reads overflowPunct the other way round from Word: on turns its
    # hanging off. On is Word's and WPS's own default, so they typeset as they always did.
    place(ppr, element("overflowPunct", val=1), PPR_ORDER)
    # No automatic extra space between Chinese and Latin text or digits: a half-width digit
    # stays half a character wide, so lines keep the 28-character grid and widths estimate.
    place(ppr, element("autoSpaceDE", val=0), PPR_ORDER)
    place(ppr, element("autoSpaceDN", val=0), PPR_ORDER)
    place(
        ppr,
        element("spacing", before=layout.before, after=layout.after, line=layout.line, lineRule="exact"),
        PPR_ORDER,
    )
    place(
        ppr,
        element(
            "ind",
            left=layout.left,
            right=layout.right,
            firstLine=layout.first_line if not layout.hanging else None,
            hanging=layout.hanging or None,
        ),
        PPR_ORDER,
    )
    place(ppr, element("jc", val=layout.jc), PPR_ORDER)
    if layout.outline_level is not None:
        place(ppr, element("outlineLvl", val=layout.outline_level), PPR_ORDER)
    return ppr


def append_run(p: etree._Element, text: str, look: Look) -> etree._Element:
    """Append a run of (already cleaned) text to paragraph p; \n becomes a line break."""
    run = element("r")
    run.append(run_properties(look))
    for index, line in enumerate(text.split("\n")):
        if index:
            run.append(element("br"))
        t = element("t")
        t.text = line
        t.set(XML_SPACE, "preserve")
        run.append(t)
    p.append(run)
    return run


def append_block(document: Document, block: etree._Element) -> None:
    """Append a w:p or w:tbl to the body, before its final w:sectPr."""
    # What python-docx's insert_element_before does, on the plain lxml type `element` gives.
    body: etree._Element = document.element.body
    sect_pr = body.find(qn("w:sectPr"))
    if sect_pr is not None:
        sect_pr.addprevious(block)
    else:
        body.append(block)


def clean_text(text: str, *, keep_breaks: bool = False) -> str:
    """Text safe for a run: XML-illegal characters dropped (a 公文 shows no stand-in for them, see
    office_text); tabs become spaces (they break the character grid); line breaks are joined
    unless `keep_breaks` (then they stay as \\n)."""
    text = xml_text(text, "").replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n")
    if keep_breaks:
        return text.strip("\n")
    # Chinese text has no spaces between words, so a wrapped line joins without one.
    return text.replace("\n", "")
