"""write_docx: an OfficialDocument -> a GB/T 9704-2012 .docx, written atomically."""

from __future__ import annotations

import datetime
import os
import tempfile
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
from themeday_office.workspace.document_style import DocumentStyle
from themeday_office.render.gbt9704.stylesheet import prepare
from themeday_office.render.gbt9704.typesetter import Typesetter


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
    properties.created = properties.modified = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    return document


def write_docx(doc: OfficialDocument, path: Path, style: DocumentStyle | None = None) -> Path:
    """Write `doc` to `path` via a temporary file in the same folder and os.replace, so a
    reader (or a crash) never sees half a document. Returns the path."""
    path = Path(path)
    document = build_docx(doc, style)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=".~", suffix=".docx.tmp", dir=path.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            document.save(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except PermissionError:
        temp.unlink(missing_ok=True)
        # On Windows the target is locked while Word or WPS has it open.
        raise DocumentWriteError(f"无法写入 {path}：文件可能正被 Word 或 WPS 打开，请关闭后重试") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return path
