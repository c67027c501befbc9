"""GB/T 9704-2012 official documents (公文) as .docx: declare an OfficialDocument, call write_docx."""

from themeday_office.render.gbt9704.notation import format_doc_number, zh_date
from themeday_office.render.gbt9704.spec import Attachment, Block, Cell, Heading, OfficialDocument, Paragraph, Table
from themeday_office.render.gbt9704.writer import DocumentWriteError, build_docx, write_docx
from themeday_office.workspace.document_style import DocumentStyle

__all__ = [
    "Attachment",
    "Block",
    "Cell",
    "DocumentStyle",
    "DocumentWriteError",
    "Heading",
    "OfficialDocument",
    "Paragraph",
    "Table",
    "build_docx",
    "format_doc_number",
    "write_docx",
    "zh_date",
]
