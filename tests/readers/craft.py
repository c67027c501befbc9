"""Real files for the reader tests, made by code: openpyxl, python-docx, zipfile, and hand-edited
XML or bytes where no library writes what a real submitter's tool writes."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable, Mapping
from datetime import date, time

import docx
import openpyxl
from docx.oxml import parse_xml
from openpyxl.packaging.custom import CustomPropertyList, StringProperty
from openpyxl.worksheet.worksheet import Worksheet

from themeday_office.readers import Document, TableCell, Workbook, read_bytes

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (
    f'xmlns:w="{W_NS}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
MONTHLY_HEADERS = ["序号", "党支部名称", "活动日期", "开始时间", "应到人数", "实到人数", "备注"]


# -- spreadsheets ------------------------------------------------------------------------------


def active_sheet(book: openpyxl.Workbook) -> Worksheet:
    """The sheet a new workbook opens with (openpyxl types `active` as possibly None)."""
    sheet = book.active
    assert sheet is not None
    return sheet


def custom_properties(book: openpyxl.Workbook) -> CustomPropertyList:
    """The workbook's custom document properties, which openpyxl writes to docProps/custom.xml."""
    props: CustomPropertyList = book.custom_doc_props  # type: ignore[attr-defined]  # missing from types-openpyxl
    return props


def as_workbook(content: Workbook | Document) -> Workbook:
    """What a reader returned, known to be a spreadsheet."""
    assert isinstance(content, Workbook), content
    return content


def as_document(content: Workbook | Document) -> Document:
    """What a reader returned, known to be a Word document."""
    assert isinstance(content, Document), content
    return content


def read_book(data: bytes, name: str = "") -> Workbook:
    """read_bytes of a file known to be a spreadsheet."""
    return as_workbook(read_bytes(data, name))


def read_document(data: bytes, name: str = "") -> Document:
    """read_bytes of a file known to be a Word document."""
    return as_document(read_bytes(data, name))


def xlsx_bytes(book: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def monthly_book(rows: int = 3, form: str | None = "monthly") -> openpyxl.Workbook:
    """A small monthly report: title merged across the table, header block, header row, branch rows
    (one not held), a 合计 row with a formula, a #DIV/0! formula, and a hidden notes sheet."""
    book = openpyxl.Workbook()
    sheet = active_sheet(book)
    sheet.title = "月报"
    sheet["A1"] = "2017年3月份“主题党日”活动开展情况统计表"
    sheet.merge_cells("A1:G1")
    sheet["A2"], sheet["B2"] = "填报单位", "古荥镇党委"
    sheet.append(MONTHLY_HEADERS)
    for k in range(1, rows + 1):
        held = k != 2
        sheet.append(
            [
                k,
                f"第{k}党支部",
                date(2017, 3, 10) if held else None,
                time(8, 30) if held else None,
                30 + k,
                28 + k if held else 0,
                None,
            ]
        )
    total = 4 + rows
    sheet.cell(total, 2, "合计")
    sheet.cell(total, 5, f"=SUM(E4:E{total - 1})")
    sheet.cell(total, 6, "=F4/0")  # a #DIV/0! once calculated
    sheet.merge_cells(start_row=4, start_column=7, end_row=5, end_column=7)  # 备注 merged down
    notes = book.create_sheet("说明")
    notes["A1"] = "填表说明"
    notes.sheet_state = "hidden"
    if form:
        custom_properties(book).append(StringProperty(name="themeday_form", value=form))
    return book


def rewrite_zip(data: bytes, changes: Mapping[str, bytes | Callable[[bytes], bytes] | None]) -> bytes:
    """The same zip with parts replaced (bytes), transformed (callable), added, or removed (None)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            change = changes.get(info.filename, info.filename)
            if change is None:
                continue
            body = source.read(info)
            if callable(change):
                body = change(body)
            elif isinstance(change, bytes):
                body = change
            target.writestr(info.filename, body)
        for name, change in changes.items():
            if name not in source.NameToInfo and isinstance(change, bytes):
                target.writestr(name, change)
    return out.getvalue()


# -- Word --------------------------------------------------------------------------------------


def docx_bytes(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def w(xml: str):
    """A WordprocessingML fragment (namespaces declared on its first tag) as an lxml element."""
    end = xml.index(">")
    if xml[end - 1] == "/":
        end -= 1
    return parse_xml(f"{xml[:end]} {NAMESPACES}{xml[end:]}")


def run_xml(text: str) -> str:
    return f"<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>"


def text_box_run(text: str) -> str:
    """A text box as Word saves it: a DrawingML shape, and the same text again in a VML fallback."""
    content = f"<w:txbxContent><w:p>{run_xml(text)}</w:p></w:txbxContent>"
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:inline distT="0" distB="0" distL="0" distR="0">'
        '<wp:extent cx="1828800" cy="457200"/><wp:docPr id="1" name="文本框 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
        '<a:xfrm><a:off x="0" y="0"/><a:ext cx="1828800" cy="457200"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
        f"<wps:txbx>{content}</wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice>"
        '<mc:Fallback><w:pict><v:shape style="width:144pt;height:36pt">'
        f"<v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def sdt(content: str, alias: str = "", placeholder: bool = False) -> str:
    """A content control around ``content`` (block, row, cell or run level alike)."""
    props = f"<w:alias w:val=\"{alias}\"/>" if alias else ""
    props += "<w:showingPlcHdr/>" if placeholder else ""
    return f"<w:sdt><w:sdtPr>{props}</w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>"


def wrap_in_sdt(element) -> None:
    """Put an existing element (a w:tr or w:tc) inside a content control, in place."""
    control = w(sdt(""))
    element.addprevious(control)
    control.find(f"{{{W_NS}}}sdtContent").append(element)


CUSTOM_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{}</Properties>'
)


def with_custom_properties(data: bytes, properties: dict[str, str | int | bool]) -> bytes:
    """An OOXML package with docProps/custom.xml added, as Office writes it (part, type, relationship)."""
    items = []
    for pid, (name, value) in enumerate(properties.items(), start=2):
        kind = "bool" if isinstance(value, bool) else "i4" if isinstance(value, int) else "lpwstr"
        text = str(value).lower() if isinstance(value, bool) else str(value)
        items.append(
            f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{pid}" name="{name}">'
            f"<vt:{kind}>{text}</vt:{kind}></property>"
        )
    custom = CUSTOM_XML.format("".join(items)).encode()

    def add_type(xml: bytes) -> bytes:
        override = (
            b'<Override PartName="/docProps/custom.xml" '
            b'ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>'
        )
        return xml.replace(b"</Types>", override + b"</Types>")

    def add_rel(xml: bytes) -> bytes:
        rel = (
            b'<Relationship Id="rIdCustom" Target="docProps/custom.xml" '
            b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"/>'
        )
        return xml.replace(b"</Relationships>", rel + b"</Relationships>")

    return rewrite_zip(data, {"docProps/custom.xml": custom, "[Content_Types].xml": add_type, "_rels/.rels": add_rel})


# -- containers --------------------------------------------------------------------------------


def zip_with_raw_names(members: list[tuple[bytes, bytes]]) -> bytes:
    """A zip whose names are stored as the given raw bytes without the UTF-8 flag, as old Chinese
    Windows tools (and WinRAR's default) write GBK names."""
    out = io.BytesIO()
    placeholders = []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (raw, body) in enumerate(members):
            placeholder = f"{index:02d}".encode() + b"_" * (len(raw) - 2)
            placeholders.append((placeholder, raw))
            archive.writestr(placeholder.decode(), body)
    data = out.getvalue()
    for placeholder, raw in placeholders:
        assert data.count(placeholder) == 2  # local header and central directory
        data = data.replace(placeholder, raw)
    return data


def encrypted_ooxml() -> bytes:
    """An OLE compound file laid out as Office stores a password-protected xlsx/docx
    ([MS-OFFCRYPTO]: an EncryptionInfo stream and an EncryptedPackage stream)."""
    info = struct.pack("<HHI", 4, 4, 0x40) + (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption">'
        b'<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" '
        b'cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/>'
        b"</encryption>"
    )
    package = struct.pack("<Q", 4096) + bytes((i * 37) % 256 for i in range(4088))
    return compound_file([("EncryptionInfo", info.ljust(4096, b"\0")), ("EncryptedPackage", package)])


def compound_file(streams: list[tuple[str, bytes]]) -> bytes:
    """A minimal version-3 compound file: one FAT sector, the directory, then streams of whole
    4096-byte multiples (so no mini stream is needed), all at the root."""
    end, free, fat_sector = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD

    def entry(name: str, kind: int, start: int, size: int, child: int = free, right: int = free) -> bytes:
        encoded = name.encode("utf-16-le") + b"\0\0"
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", free, right, child)
            + b"\0" * 36
            + struct.pack("<IQ", start, size)
        )

    directory_sectors = (len(streams) + 1 + 3) // 4
    fat = [fat_sector] + list(range(2, directory_sectors + 1)) + [end]
    directory = entry("Root Entry", 5, end, 0, child=1)
    for index, (name, body) in enumerate(streams, start=1):
        assert len(body) % 4096 == 0 and body
        start, count = len(fat), len(body) // 512
        fat += list(range(start + 1, start + count)) + [end]
        directory += entry(name, 2, start, len(body), right=index + 1 if index < len(streams) else free)
    assert len(fat) <= 128
    fat += [free] * (128 - len(fat))
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 10
        + struct.pack("<IIIIIIII", 1, 1, 0, 4096, end, 0, end, 0)
        + struct.pack("<109I", 0, *([free] * 108))
    )
    assert len(header) == 512
    directory = directory.ljust(512 * directory_sectors, b"\0")
    return header + struct.pack("<128I", *fat) + directory + b"".join(body for _, body in streams)


# What record_document()'s table reads as: each merged cell once, at its top-left place.
RECORD_TABLE = [
    [TableCell("党支部名称", 0, 0), TableCell("大河村党支部", 0, 1, col_span=3)],
    [
        TableCell("活动日期", 1, 0),
        TableCell("2017年3月10日", 1, 1),
        TableCell("活动时间", 1, 2),
        TableCell("8:30—12:00", 1, 3),
    ],
    [TableCell("活动内容", 2, 0, row_span=2), TableCell("学习党章，重温入党誓词", 2, 1, row_span=2, col_span=3)],
    [],
]


def record_document() -> docx.document.Document:
    """A 主题党日活动记录表 like the kit's: a title, a text box with the unit, and one table of
    label/value cells with a value merged across columns and a block merged both ways."""
    document = docx.Document()
    document.add_heading("主题党日活动记录表", level=1)
    unit = document.add_paragraph("填报单位：")
    unit._p.append(w(text_box_run("古荥镇党委")))
    table = document.add_table(rows=4, cols=4)
    table.style = "Table Grid"
    labels = {(0, 0): "党支部名称", (1, 0): "活动日期", (1, 2): "活动时间", (2, 0): "活动内容"}
    for (row, col), text in labels.items():
        table.cell(row, col).text = text
    table.cell(0, 1).merge(table.cell(0, 3)).text = "大河村党支部"
    table.cell(1, 1).text = "2017年3月10日"
    table.cell(1, 3).text = "8:30—12:00"
    table.cell(2, 0).merge(table.cell(3, 0))
    table.cell(2, 1).merge(table.cell(3, 3)).text = "学习党章，重温入党誓词"
    document.add_paragraph("记录人：张三")
    return document


def as_wps(data: bytes) -> bytes:
    """An OLE Office file relabelled the way WPS Office labels its own: the same streams, with
    WPS's name as the CompObj user type (WPS writes Word/Excel-compatible streams)."""
    from themeday_office.readers.ole import OleFile

    ole = OleFile(data)
    streams = []
    for name in sorted(ole.names()):
        body = ole.stream(name)
        if name == "\x01CompObj":
            # Header (28 bytes), then the length-prefixed user type: replace the user type.
            (length,) = struct.unpack_from("<I", body, 28)
            label = b"WPS Office\x00"
            body = body[:28] + struct.pack("<I", len(label)) + label + body[32 + length :]
        streams.append((name, body.ljust(max(4096, -(-len(body) // 4096) * 4096), b"\0")))
    return compound_file(streams)


def poison_xlsx() -> bytes:
    """A real 4.8 KB xlsx that makes calamine ask for ~550 GB and abort its process: A1 and
    XFD1048576, with the stored dimension rewritten to hide the far cell."""
    import re

    book = openpyxl.Workbook()
    sheet = active_sheet(book)
    sheet["A1"], sheet["XFD1048576"] = "填报单位", "x"
    return rewrite_zip(
        xlsx_bytes(book),
        {"xl/worksheets/sheet1.xml": lambda xml: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1"/>', xml)},
    )
