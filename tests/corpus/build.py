"""Building blocks for the corpus files: sheets and Word tables written cell by cell, LibreOffice
re-saves, hand-edited XML, and byte-stable packaging.

Everything here is deterministic: zip packages are rewritten with fixed entry times and fixed
document timestamps, so running the make script twice writes the same bytes (LibreOffice's
OLE files, .xls and .doc, keep their own internal timestamps).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path

import docx
import openpyxl
from docx.enum.text import WD_ALIGN_PARAGRAPH
from openpyxl.packaging.custom import StringProperty

from tests.readers.craft import custom_properties, docx_bytes, rewrite_zip, w
from themeday_office.domain.forms.kinds import FORM_MARKER_PROPERTY

FIXED_ZIP_TIME = (2017, 1, 1, 0, 0, 0)
FIXED_STAMP = "2017-01-01T00:00:00Z"
_STAMPS = re.compile(
    rb"(<(dcterms:created|dcterms:modified|meta:creation-date|dc:date|cp:lastPrinted|meta:print-date)\b[^>]*>)"
    rb"[^<]*(</\2>)"
)
_DURATION = re.compile(rb"(<meta:editing-duration>)[^<]*(</meta:editing-duration>)")


# -- packaging --------------------------------------------------------------------------------


def stable_zip(data: bytes) -> bytes:
    """The same package with fixed entry times and fixed created/modified stamps."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename.endswith(".xml"):
                body = _STAMPS.sub(rb"\g<1>" + FIXED_STAMP.encode() + rb"\g<3>", body)
                body = _DURATION.sub(rb"\g<1>PT0S\g<2>", body)
            entry = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            # ODF wants its mimetype first and stored; everything else is deflated.
            entry.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, body)
    return out.getvalue()


def xlsx_of(book: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return stable_zip(out.getvalue())


def docx_of(document) -> bytes:
    """The document's package without python-docx's template ballast (stylesWithEffects.xml, a
    thumbnail), which Word does not need and which would double every corpus file."""
    def unlink(xml: bytes) -> bytes:
        return re.sub(rb"<(?:Relationship|Override)[^>]*(?:stylesWithEffects|thumbnail)[^>]*/>", b"", xml)

    return stable_zip(rewrite_zip(docx_bytes(document), {
        "word/stylesWithEffects.xml": None, "docProps/thumbnail.jpeg": None, "[Content_Types].xml": unlink,
        "_rels/.rels": unlink, "word/_rels/document.xml.rels": unlink,
    }))  # fmt: skip


def with_marker(book: openpyxl.Workbook, kind: str) -> openpyxl.Workbook:
    """The kit's template marker as a custom document property."""
    custom_properties(book).append(StringProperty(name=FORM_MARKER_PROPERTY, value=kind))
    return book


# -- spreadsheets -----------------------------------------------------------------------------


@dataclass
class SheetSpec:
    """A worksheet cell by cell: rows from row 1, merged ranges ("A1:H1"), formats per cell."""

    name: str
    rows: list[list[object]] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)
    hidden: bool = False

    def add(self, *rows: Sequence[object]) -> int:
        """Append rows; the 1-based number of the last."""
        self.rows.extend(list(r) for r in rows)
        return len(self.rows)


def book_of(*sheets: SheetSpec) -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    book.remove(book.worksheets[0])  # the sheet a new workbook opens with
    for spec in sheets:
        ws = book.create_sheet(spec.name)
        for r, values in enumerate(spec.rows, start=1):
            for c, value in enumerate(values, start=1):
                if value is None:
                    continue
                cell = ws.cell(r, c, value)
                if isinstance(value, date):
                    cell.number_format = 'yyyy"年"m"月"d"日"'
                elif isinstance(value, time):
                    cell.number_format = "h:mm"
        for rng in spec.merges:
            ws.merge_cells(rng)
        if spec.hidden:
            ws.sheet_state = "hidden"
    return book


def set_number_format(book: openpyxl.Workbook, sheet: str, cells: dict[str, str]) -> None:
    ws = book[sheet]
    for ref, fmt in cells.items():
        ws[ref].number_format = fmt


# -- Word -------------------------------------------------------------------------------------


def word_document(title: str | None) -> docx.document.Document:
    document = docx.Document()
    if title:
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(title).bold = True
    return document


def word_table(document, rows: Sequence[Sequence[str | None]], *, spans: dict[tuple[int, int], int] | None = None):
    """A table of text cells; `spans` widens (row, col) over that many grid columns (later cells
    of the row move right). Columns = the widest row."""
    spans = spans or {}
    width = max(sum(spans.get((r, c), 1) for c in range(len(row))) for r, row in enumerate(rows))
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        grid = 0
        for c, text in enumerate(row):
            span = spans.get((r, c), 1)
            cell = table.cell(r, grid)
            if span > 1:
                cell = cell.merge(table.cell(r, grid + span - 1))
            if text:
                cell.text = text
            grid += span
    return table


def paragraphs(document, *texts: str) -> None:
    for text in texts:
        document.add_paragraph(text)


def document_xml_edit(data: bytes, edit: Callable[[str], str]) -> bytes:
    """A docx with word/document.xml edited as text (what a hand edit of the XML does)."""
    return stable_zip(rewrite_zip(data, {"word/document.xml": lambda xml: edit(xml.decode("utf-8")).encode("utf-8")}))


def element(xml: str):
    return w(xml)


# -- LibreOffice ------------------------------------------------------------------------------


class LibreOffice:
    """`soffice --headless --convert-to` with a private profile, one conversion per call."""

    def __init__(self) -> None:
        found = shutil.which("soffice") or shutil.which("libreoffice")
        if found is None:
            raise SystemExit("LibreOffice (soffice) is needed to build the corpus")
        self.soffice = found
        self._tmp = Path(tempfile.mkdtemp(prefix="themeday-corpus-"))

    def convert(self, data: bytes, suffix: str, target: str) -> bytes:
        """`data` (a file ending in `suffix`) saved by LibreOffice as `target` (xlsx, xls, ods, docx, doc)."""
        work = Path(tempfile.mkdtemp(dir=self._tmp))
        source = work / f"source{suffix}"
        source.write_bytes(data)
        out = work / "out"
        subprocess.run(
            [self.soffice, f"-env:UserInstallation={(self._tmp / 'profile').as_uri()}", "--headless", "--norestore",
             "--convert-to", target, "--outdir", str(out), str(source)],
            check=True, capture_output=True, timeout=180,
        )
        produced = out / f"source.{target.split(':')[0]}"
        if not produced.exists():
            raise RuntimeError(f"LibreOffice wrote nothing converting {suffix} to {target}")
        body = produced.read_bytes()
        return stable_zip(body) if body[:2] == b"PK" else body

    def close(self) -> None:
        shutil.rmtree(self._tmp, ignore_errors=True)


# -- hand-written SpreadsheetML ---------------------------------------------------------------

_EXCEL_EPOCH = date(1899, 12, 30)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def column_letter(col: int) -> str:
    """1-based column -> letters."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cell_xml(ref: str, value: object) -> str:
    """One <c> as a minimal writer (WPS, a script) emits it: inline strings, no shared table;
    dates as serials in style 1 (a date format), times as fractions in style 2."""
    if value is None:
        return ""
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{_escape(value)}</t></is></c>'
    if isinstance(value, date):
        return f'<c r="{ref}" s="1"><v>{(value - _EXCEL_EPOCH).days}</v></c>'
    if isinstance(value, time):
        return f'<c r="{ref}" s="2"><v>{(value.hour * 60 + value.minute) / 1440!r}</v></c>'
    if isinstance(value, tuple):  # ("formula", cached text)
        formula, cached = value
        return f'<c r="{ref}" t="str"><f>{_escape(formula)}</f><v>{_escape(str(cached))}</v></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def minimal_xlsx(sheets: list[tuple[str, list[list[object]], list[str]]]) -> bytes:
    """An xlsx written part by part: (sheet name, rows, merged ranges) per sheet."""
    parts: dict[str, str] = {}
    overrides = []
    sheet_entries, rels = [], []
    for i, (name, rows, merges) in enumerate(sheets, start=1):
        body = []
        for r, values in enumerate(rows, start=1):
            cells = "".join(cell_xml(f"{column_letter(c)}{r}", v) for c, v in enumerate(values, start=1))
            if cells:
                body.append(f'<row r="{r}">{cells}</row>')
        merged = ""
        if merges:
            merged = (
                f'<mergeCells count="{len(merges)}">'
                + "".join(f'<mergeCell ref="{m}"/>' for m in merges)
                + "</mergeCells>"
            )
        parts[f"xl/worksheets/sheet{i}.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{_MAIN}">'
            f"<sheetData>{''.join(body)}</sheetData>{merged}</worksheet>"
        )
        overrides.append(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        )
        sheet_entries.append(f'<sheet name="{_escape(name)}" sheetId="{i}" r:id="rId{i}"/>')
        rels.append(
            f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        )
    n = len(sheets) + 1
    rels.append(f'<Relationship Id="rId{n}" Type="{_REL}/styles" Target="styles.xml"/>')
    parts["xl/workbook.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
        f"<sheets>{''.join(sheet_entries)}</sheets></workbook>"
    )
    parts["xl/_rels/workbook.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{"".join(rels)}</Relationships>'
    )
    parts["xl/styles.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="{_MAIN}">'
        '<numFmts count="1"><numFmt numFmtId="176" formatCode="h:mm"/></numFmts>'
        '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
        "</styleSheet>"
    )
    parts["[Content_Types].xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        f"{''.join(overrides)}</Types>"
    )
    parts["_rels/.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    return package({name: body.encode("utf-8") for name, body in parts.items()})


def package(parts: dict[str, bytes]) -> bytes:
    """A zip of `parts` in order, with fixed times."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, body in parts.items():
            entry = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, body)
    return out.getvalue()


def sheet_xml_edit(data: bytes, part: str, edit: Callable[[str], str]) -> bytes:
    """An xlsx with one worksheet part edited as text."""
    return stable_zip(rewrite_zip(data, {part: lambda xml: edit(xml.decode("utf-8")).encode("utf-8")}))


# -- the tools a case's builder gets ----------------------------------------------------------


class Tools:
    """What builders share: a scratch folder for the generator's writers and one LibreOffice."""

    def __init__(self) -> None:
        self._tmp = Path(tempfile.mkdtemp(prefix="themeday-corpus-build-"))
        self._lo: LibreOffice | None = None
        self._n = 0

    @property
    def lo(self) -> LibreOffice:
        if self._lo is None:
            self._lo = LibreOffice()
        return self._lo

    def written(self, write: Callable[..., object], *args: object, suffix: str, **kwargs: object) -> bytes:
        """What a path-taking writer (`write(*args, path, **kwargs)`) writes, byte-stable."""
        self._n += 1
        path = self._tmp / f"f{self._n}{suffix}"
        write(*args, path, **kwargs)
        data = path.read_bytes()
        return stable_zip(data) if data[:2] == b"PK" else data

    def close(self) -> None:
        if self._lo is not None:
            self._lo.close()
        shutil.rmtree(self._tmp, ignore_errors=True)
