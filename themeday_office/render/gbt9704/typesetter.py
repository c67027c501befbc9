"""The typesetter: appends paragraphs and tables to a prepared 公文, in its named styles.

Every paragraph repeats its style's layout and fonts as direct formatting: WPS and older
Word versions do not always resolve East-Asian fonts through styles, and the rendered
page must not depend on that. All text passes through `clean_text` here.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypedDict, Unpack

from docx.document import Document
from lxml import etree

from themeday_office.render.gbt9704.ooxml import (
    Look,
    append_block,
    append_run,
    clean_text,
    element,
    paragraph_properties,
)
from themeday_office.render.gbt9704.stylesheet import ParagraphStyle
from themeday_office.workspace.document_style import DocumentStyle


class LayoutOptions(TypedDict, total=False):
    """Fields of Layout a paragraph may override (see Layout for their meaning)."""

    jc: str
    first_line: int
    hanging: int
    left: int
    right: int
    before: int
    after: int
    line: int
    keep_next: bool
    page_break_before: bool
    outline_level: int | None


class ParagraphOptions(LayoutOptions, total=False):
    """make_paragraph's keyword arguments: its own and the Layout overrides."""

    look: Look | None
    keep_breaks: bool


class Typesetter:
    """Builds the body of one document."""

    def __init__(self, document: Document, styles: dict[str, ParagraphStyle], style: DocumentStyle) -> None:
        self.document = document
        self.styles = styles
        self.style = style

    def look(self, style_id: str) -> Look:
        return self.styles[style_id].look

    def make_paragraph(
                self,
        style_id: str,
        text: str = "",
        *,
        look: Look | None = None,
        keep_breaks: bool = False,
        **layout: Unpack[LayoutOptions],
    ) -> etree._Element:
        """A w:p in style `style_id`; keyword arguments override fields of its Layout."""
        p = element("p")
        p.append(paragraph_properties(replace(self.styles[style_id].layout, **layout), style_id))
        text = clean_text(text, keep_breaks=keep_breaks)
        if text:
            append_run(p, text, look or self.look(style_id))
        return p

    def paragraph(self, style_id: str, text: str = "", **options: Unpack[ParagraphOptions]) -> etree._Element:
        """Append a paragraph (see make_paragraph) to the body."""
        p = self.make_paragraph(style_id, text, **options)
        append_block(self.document, p)
        return p

    def table(self, tbl: etree._Element) -> None:
        append_block(self.document, tbl)
