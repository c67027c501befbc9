"""write_docx: an OfficialDocument -> a GB/T 9704-2012 .docx, written atomically."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import docx
from docx.document import Document as DocxDocument

from themeday_office.render.gbt9704.body import (
    add_addressees,
    add_attachment_note,
    add_attachments,
    add_blocks,
    add_signature,
    add_title,
)
from themeday_office.render.gbt9704.colophon import add_colophon
from themeday_office.render.gbt9704.header_block import add_header_block
from themeday_office.render.gbt9704.ooxml import clean_text
from themeday_office.render.gbt9704.page_numbers import add_page_numbers
from themeday_office.render.gbt9704.spec import OfficialDocument
from themeday_office.render.gbt9704.stylesheet import prepare
from themeday_office.render.gbt9704.typesetter import Typesetter
from themeday_office.render.outbox_file import OutboxWriteError, write_atomically
from themeday_office.workspace.document_style import DocumentStyle


class DocumentWriteError(Exception):
    """The .docx could not be written; str() is the clerk-facing Chinese message."""


def build_docx(doc: OfficialDocument, style: DocumentStyle | None = None) -> DocxDocument:
    """The python-docx Document for `doc`, not yet saved."""
    style = style or DocumentStyle()
    document = docx.Document()
    ts = Typesetter(document, prepare(document, style), style)
    add_header_block(ts, doc.organ_mark, doc.doc_number)
    add_title(ts, doc.title)
    add_addressees(ts, doc.addressees)
    add_blocks(ts, doc.blocks, keep_last=True)
    add_attachment_note(ts, doc.attachment_names)
    add_signature(ts, doc.signature_organ, doc.date, sealed=doc.sealed)
    add_attachments(ts, doc.attachments)
    add_colophon(ts, doc.copy_to, doc.issuer, doc.issue_date)
    add_page_numbers(document, style)
    properties = document.core_properties
    properties.title = clean_text(doc.title)
    properties.author = properties.last_modified_by = clean_text(doc.signature_organ)
    properties.comments = ""
    properties.revision = 1
    # The template's own dates are python-docx's, not this document's.
    properties.created = properties.modified = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    return document


def write_docx(doc: OfficialDocument, path: Path, style: DocumentStyle | None = None) -> Path:
    """Write `doc` to `path` via a temporary file in the same folder and os.replace, so a
    reader (or a crash) never sees half a document. Returns the path."""
    document = build_docx(doc, style)
    buffer = io.BytesIO()
    document.save(buffer)
    try:
        return write_atomically(Path(path), buffer.getvalue())
    except OutboxWriteError as exc:
        raise DocumentWriteError(str(exc)) from None
