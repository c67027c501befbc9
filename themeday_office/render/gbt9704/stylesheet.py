"""Document defaults, named paragraph styles, settings.xml and the page: the blank 公文.

python-docx's default template is US Letter and resolves East-Asian text through a ja-JP
theme to MS Mincho; everything that could fall back to it is set explicitly here.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Twips

from themeday_office.render.gbt9704.measures import (
    CHAR,
    CHAR_SPACING,
    LINE,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    SIZE_2,
    SIZE_3,
    SIZE_4,
    SIZE_SMALL_4,
    mm,
)
from themeday_office.render.gbt9704.ooxml import (
    Layout,
    Look,
    element,
    fonts,
    paragraph_properties,
    run_properties,
)
from themeday_office.workspace.document_style import DocumentStyle

# The page-number line is exactly as high as its 4号 type and its top sits 7 mm below the
# type area; the footer distance (from the paper's bottom edge) follows from that.
FOOTER_LINE = SIZE_4 * 10
FOOTER_DISTANCE = MARGIN_BOTTOM - mm(7) - FOOTER_LINE


@dataclass(frozen=True)
class ParagraphStyle:
    style_id: str
    name: str  # shown to the clerk in Word/WPS's style list
    look: Look
    layout: Layout


def paragraph_styles(style: DocumentStyle) -> list[ParagraphStyle]:
    """The named styles every 公文 paragraph uses (direct formatting repeats the fonts)."""
    text = Look(style.text_font, SIZE_3, spacing=CHAR_SPACING)
    indent = Layout(first_line=2 * CHAR)
    small = Look(style.text_font, SIZE_4)
    return [
        ParagraphStyle("GwOrganMark", "发文机关标志", Look(style.title_font, SIZE_2, style.red), Layout(jc="center")),
        ParagraphStyle("GwDocNumber", "发文字号", text, Layout(jc="center")),
        ParagraphStyle("GwTitle", "公文标题", Look(style.title_font, SIZE_2), Layout(jc="center")),
        ParagraphStyle("GwAddressee", "主送机关", text, Layout()),
        ParagraphStyle("GwBody", "公文正文", text, indent),
        ParagraphStyle("GwHeading1", "一级标题", Look(style.heading1_font, SIZE_3, spacing=CHAR_SPACING),
                       Layout(first_line=2 * CHAR, keep_next=True, outline_level=0)),
        ParagraphStyle("GwHeading2", "二级标题", Look(style.heading2_font, SIZE_3, spacing=CHAR_SPACING),
                       Layout(first_line=2 * CHAR, keep_next=True, outline_level=1)),
        ParagraphStyle("GwHeading3", "三级标题", text, Layout(first_line=2 * CHAR, keep_next=True, outline_level=2)),
        ParagraphStyle("GwHeading4", "四级标题", text, Layout(first_line=2 * CHAR, keep_next=True, outline_level=3)),
        ParagraphStyle("GwAttachmentNote", "附件说明", text, Layout()),
        ParagraphStyle("GwSignature", "落款", text, Layout(jc="right")),
        ParagraphStyle("GwAttachmentLabel", "附件标识", Look(style.heading1_font, SIZE_3, spacing=CHAR_SPACING),
                       Layout(jc="left")),
        ParagraphStyle("GwTableText", "表格文字", Look(style.text_font, SIZE_SMALL_4), Layout(jc="center", line=340)),
        ParagraphStyle("GwColophon", "版记", small, Layout(jc="left")),
        ParagraphStyle("GwPageNumber", "页码", Look(style.page_number_font, SIZE_4), Layout(line=FOOTER_LINE)),
    ]


def prepare(document: Document, style: DocumentStyle) -> dict[str, ParagraphStyle]:
    """Turn python-docx's blank template into a blank A4 公文; returns the styles by id."""
    _drop_stale_parts(document)
    _set_defaults(document, style)
    styles = paragraph_styles(style)
    for paragraph_style in styles:
        _add_style(document, paragraph_style)
    _set_settings(document)
    _set_page(document)
    return {s.style_id: s for s in styles}


def _drop_stale_parts(document: Document) -> None:
    # stylesWithEffects repeats the template's ja-JP theme fonts for Word 2010, and the
    # thumbnail shows python-docx's blank page in Explorer: neither describes this document.
    for rid, rel in list(document.part.rels.items()):
        if rel.reltype == "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects":
            document.part.drop_rel(rid)
    package_rels = document.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rid]


def _set_defaults(document: Document, style: DocumentStyle) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    for child in list(rpr_default):
        rpr_default.remove(child)
    rpr_default.append(run_properties(Look(style.text_font, SIZE_3, spacing=CHAR_SPACING)))
    ppr_default = defaults.find(qn("w:pPrDefault"))
    for child in list(ppr_default):
        ppr_default.remove(child)
    ppr_default.append(paragraph_properties(Layout()))
    # Theme font references win over explicit names in Word, so no style may keep one.
    for rfonts in styles.iter(qn("w:rFonts")):
        rfonts.getparent().replace(rfonts, fonts(style.text_font))
    normal = document.styles["Normal"].element
    for tag in ("w:pPr", "w:rPr"):
        for old in normal.findall(qn(tag)):
            normal.remove(old)
    normal.append(paragraph_properties(Layout()))
    normal.append(run_properties(Look(style.text_font, SIZE_3, spacing=CHAR_SPACING)))


def _add_style(document: Document, paragraph_style: ParagraphStyle) -> None:
    node = element("style", type="paragraph", customStyle=1, styleId=paragraph_style.style_id)
    node.append(element("name", val=paragraph_style.name))
    node.append(element("basedOn", val="Normal"))
    node.append(element("qFormat"))
    node.append(paragraph_properties(paragraph_style.layout))
    node.append(run_properties(paragraph_style.look))
    document.styles.element.append(node)


def _set_settings(document: Document) -> None:
    settings = document.settings
    # Odd pages carry the page number on the right, even pages on the left.
    settings.odd_and_even_pages_header_footer = True
    lang = settings.element.find(qn("w:themeFontLang"))
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _set_page(document: Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
    section.top_margin, section.bottom_margin = Twips(MARGIN_TOP), Twips(MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Twips(MARGIN_LEFT), Twips(MARGIN_RIGHT)
    section.header_distance = Twips(MARGIN_TOP // 2)
    section.footer_distance = Twips(FOOTER_DISTANCE)
    section.gutter = Twips(0)
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid is not None  # python-docx's default template's w:sectPr has a w:docGrid
    # No grid type: Word then lays lines by the exact spacing alone, and LibreOffice does
    # not switch to its Asian text-grid mode. linePitch records the 28.95 pt pitch.
    for name in list(grid.attrib):
        del grid.attrib[name]
    grid.set(qn("w:linePitch"), str(LINE))
