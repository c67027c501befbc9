"""Readers: submitted files' bytes -> sheets of cells and documents of paragraphs and tables.

Each value keeps its place (``月报!L5``, ``表格1 第3行第2列``). Readers know nothing of forms.
Untrusted files are read with IsolatedReader; read_bytes is the same work in this process.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from themeday_office.lazy_exports import lazy_exports

# Imported now: the function has its module's name, and the module, once imported, would be the
# package's attribute `sniff` in its place.
from themeday_office.readers.sniff import sniff

# Each name, the module that defines it: loaded on first use, so a command that needs only the
# isolated reader or the file model does not load python-docx, LibreOffice's helpers and the rest
# (issue 25: commands import what they use). The parser processes import the parsers themselves.
WHERE = {
    "ArchiveMember": "themeday_office.readers.archive",
    "unpack_archive": "themeday_office.readers.archive",
    "MESSAGES": "themeday_office.readers.errors",
    "ReadError": "themeday_office.readers.errors",
    "cannot_open": "themeday_office.readers.errors",
    "check_failed": "themeday_office.readers.errors",
    "IsolatedReader": "themeday_office.readers.isolation",
    "find_soffice": "themeday_office.readers.libreoffice",
    "ReadLimits": "themeday_office.readers.limits",
    "CellRange": "themeday_office.readers.model",
    "CellRef": "themeday_office.readers.model",
    "Document": "themeday_office.readers.model",
    "DocumentProperties": "themeday_office.readers.model",
    "FileFormat": "themeday_office.readers.model",
    "Paragraph": "themeday_office.readers.model",
    "Sheet": "themeday_office.readers.model",
    "Table": "themeday_office.readers.model",
    "TableCell": "themeday_office.readers.model",
    "TablePlace": "themeday_office.readers.model",
    "UncachedFormula": "themeday_office.readers.model",
    "Value": "themeday_office.readers.model",
    "Workbook": "themeday_office.readers.model",
    "cell_name": "themeday_office.readers.model",
    "column_letters": "themeday_office.readers.model",
    "read_bytes": "themeday_office.readers.reading",
}

if TYPE_CHECKING:
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


__getattr__ = lazy_exports(__name__, WHERE)

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
