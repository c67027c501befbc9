"""Readers: submitted files' bytes -> sheets of cells and documents of paragraphs and tables.

Each value keeps its place (``月报!L5``, ``表格1 第3行第2列``). Readers know nothing of forms.
Untrusted files are read with IsolatedReader; read_bytes is the same work in this process.
"""

from themeday_office.readers.archive import ArchiveMember, unpack_archive
from themeday_office.readers.errors import MESSAGES, ReadError, cannot_open, check_failed
from themeday_office.readers.isolation import IsolatedReader
from themeday_office.readers.libreoffice import find_soffice
from themeday_office.readers.limits import ReadLimits
from themeday_office.readers.model import (
    CellRange,
    CellRef,
    Document,
    DocumentProperties,
    FileFormat,
    Paragraph,
    Sheet,
    Table,
    TableCell,
    TablePlace,
    UncachedFormula,
    Value,
    Workbook,
    cell_name,
    column_letters,
)
from themeday_office.readers.reading import read_bytes
from themeday_office.readers.sniff import sniff

__all__ = [
    "MESSAGES",
    "ArchiveMember",
    "CellRange",
    "CellRef",
    "Document",
    "DocumentProperties",
    "FileFormat",
    "IsolatedReader",
    "Paragraph",
    "ReadError",
    "ReadLimits",
    "Sheet",
    "Table",
    "TableCell",
    "TablePlace",
    "UncachedFormula",
    "Value",
    "Workbook",
    "cannot_open",
    "cell_name",
    "check_failed",
    "column_letters",
    "find_soffice",
    "read_bytes",
    "sniff",
    "unpack_archive",
]
