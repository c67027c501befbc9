"""Page numbers: — N — in 4号 宋体 below the type area, odd pages right, even pages left,
one character in from the edge (needs w:evenAndOddHeaders, set by the stylesheet)."""

from __future__ import annotations

from docx.document import Document
from docx.text.paragraph import Paragraph
from lxml import etree

from themeday_office.render.gbt9704.measures import SIZE_4, SMALL_CHAR
from themeday_office.render.gbt9704.ooxml import Layout, Look, element, paragraph_properties, run_properties
from themeday_office.render.gbt9704.stylesheet import FOOTER_LINE
from themeday_office.workspace.document_style import DocumentStyle


def add_page_numbers(document: Document, style: DocumentStyle) -> None:
    """Fill the odd (default) and even footers of every section."""
    for section in document.sections:
        _fill(section.footer.paragraphs[0], Layout(jc="right", right=SMALL_CHAR, line=FOOTER_LINE), style)
        _fill(section.even_page_footer.paragraphs[0], Layout(jc="left", left=SMALL_CHAR, line=FOOTER_LINE), style)


def _fill(paragraph: Paragraph, layout: Layout, style: DocumentStyle) -> None:
    p: etree._Element = paragraph._p  # as plain lxml: the runs built here are not CT_R
    for child in list(p):
        p.remove(child)
    p.append(paragraph_properties(layout, "GwPageNumber"))
    look = Look(style.page_number_font, SIZE_4)
    # The dashes are 一字线 (U+2014) with a half-width space each side of the number.
    p.append(_text_run(look, "\u2014 "))
    for field_part in _page_field():
        run = element("r")
        run.append(run_properties(look))
        run.append(field_part)
        p.append(run)
    p.append(_text_run(look, " \u2014"))


def _text_run(look: Look, text: str) -> etree._Element:
    run = element("r")
    run.append(run_properties(look))
    t = element("t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(t)
    return run


def _page_field() -> list[etree._Element]:
    # A complex field with a cached "1": viewers that do not update fields still show a number.
    instr = element("instrText")
    instr.text = " PAGE "
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    cached = element("t")
    cached.text = "1"
    return [
        element("fldChar", fldCharType="begin"),
        instr,
        element("fldChar", fldCharType="separate"),
        cached,
        element("fldChar", fldCharType="end"),
    ]
