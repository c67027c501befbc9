"""Word documents (docx) -> Document: paragraphs and tables in reading order.

python-docx opens the package; the body is walked here because python-docx's own view loses
text: ``row.cells`` repeats a merged cell, content controls (w:sdt) hide paragraphs, rows, cells
and runs from it, and a text box is stored twice (DrawingML and a VML fallback) or not at all.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from themeday_office.readers.errors import ReadError
from themeday_office.readers.model import Document, FileFormat, Paragraph, Table, TableCell
from themeday_office.readers.properties import ooxml_properties

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc"
_SDT, _SDT_CONTENT, _CUSTOM_XML = f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"
_TXBX = f"{_W}txbxContent"
# Wrappers whose children belong to the surrounding flow (content controls, custom XML).
_WRAPPERS = {_SDT, _SDT_CONTENT, _CUSTOM_XML}
# Subtrees whose text is not the paragraph's own: text boxes (read apart), the VML copy of a
# text box, deleted or moved-away revisions, properties of the content control itself.
_NOT_OWN_TEXT = {_TXBX, f"{_MC}Fallback", f"{_W}del", f"{_W}moveFrom", f"{_W}sdtPr", f"{_W}pPr", f"{_W}rPr"}
_TEXT_MARKS = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}


def read_document(data: bytes, zf: zipfile.ZipFile) -> Document:
    """Paragraphs (text boxes included once) and tables (merged cells once) of a docx."""
    _refuse_dtds(zf)
    try:
        package = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise ReadError("corrupt", detail=str(exc)[:200]) from exc
    styles = {style.style_id: style.name for style in package.styles}
    default = package.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    body = package.element.body
    _drop_placeholders(body)
    walk = _BodyWalk(styles, default.name if default is not None else None)
    walk.blocks(body)
    return Document(
        format=FileFormat.DOCX,
        paragraphs=walk.paragraphs,
        tables=walk.tables,
        properties=ooxml_properties(zf),
    )


def _refuse_dtds(zf: zipfile.ZipFile) -> None:
    # A DTD sits in the prolog, so each part's head tells; no Word part ever carries one.
    for info in zf.infolist():
        if info.filename.endswith((".xml", ".rels")):
            with zf.open(info) as part:
                head = part.read(4096)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise ReadError("xml_bomb")


def _drop_placeholders(body: etree._Element) -> None:
    # A content control still showing its prompt ("单击此处输入文字") holds no answer.
    for control in body.iter(_SDT):
        if control.find(f"{_W}sdtPr/{_W}showingPlcHdr") is not None:
            for text in control.iter(f"{_W}t"):
                text.text = ""


class _BodyWalk:
    def __init__(self, styles: dict[str, str], default_style: str | None) -> None:
        self._styles = styles
        self._default_style = default_style
        self.paragraphs: list[Paragraph] = []
        self.tables: list[Table] = []

    def blocks(self, container: etree._Element, in_text_box: bool = False) -> None:
        for element in _children(container, (_P, _TBL)):
            if element.tag == _P:
                self._paragraph(element, in_text_box)
            else:
                self.tables.append(_table(element, len(self.tables)))

    def _paragraph(self, p: etree._Element, in_text_box: bool) -> None:
        style_ref = p.find(f"{_W}pPr/{_W}pStyle")
        style_id = style_ref.get(f"{_W}val") if style_ref is not None else None
        style = self._styles.get(style_id) if style_id is not None else None
        self.paragraphs.append(
            Paragraph(_text(p), style or self._default_style, len(self.paragraphs), in_text_box)
        )
        for box in _text_boxes(p):
            self.blocks(box, in_text_box=True)


@dataclass
class _OpenCell:
    text: str
    row: int
    col: int
    row_span: int
    col_span: int


def _table(tbl: etree._Element, index: int) -> Table:
    """Each cell once, at its top-left grid place, with its horizontal and vertical spans."""
    rows: list[list[_OpenCell]] = []
    above: dict[int, _OpenCell] = {}  # grid column -> the last cell that started there or spans it
    for r, tr in enumerate(_children(tbl, (_TR,))):
        col = _int_val(tr.find(f"{_W}trPr/{_W}gridBefore"), 0)
        cells: list[_OpenCell] = []
        for tc in _children(tr, (_TC,)):
            props = tc.find(f"{_W}tcPr")
            span = max(1, _int_val(None if props is None else props.find(f"{_W}gridSpan"), 1))
            text = _cell_text(tc)
            if _continues(props, "vMerge") and col in above:
                merged = above[col]
                merged.row_span = r - merged.row + 1
                merged.text += f"\n{text}" if text else ""
            elif _continues(props, "hMerge") and cells:
                cells[-1].col_span += span  # legacy horizontal merge, still written by old tools
                cells[-1].text += f"\n{text}" if text else ""
                for c in range(col, col + span):
                    above[c] = cells[-1]
            else:
                cell = _OpenCell(text, r, col, 1, span)
                cells.append(cell)
                for c in range(col, col + span):
                    above[c] = cell
            col += span
        rows.append(cells)
    return Table(
        index=index,
        rows=[[TableCell(c.text, c.row, c.col, c.row_span, c.col_span) for c in cells] for cells in rows],
    )


def _continues(props: etree._Element | None, merge: str) -> bool:
    mark = None if props is None else props.find(f"{_W}{merge}")
    return mark is not None and mark.get(f"{_W}val", "continue") == "continue"


def _cell_text(tc: etree._Element) -> str:
    lines: list[str] = []
    for element in _children(tc, (_P, _TBL)):
        if element.tag == _P:
            lines.append(_text(element))
            lines.extend(_text(p) for box in _text_boxes(element) for p in _children(box, (_P,)))
        else:  # a nested table, flattened: cells by tabs, rows by lines
            for tr in _children(element, (_TR,)):
                lines.append("\t".join(_cell_text(inner) for inner in _children(tr, (_TC,))))
    return "\n".join(lines)


def _children(container: etree._Element, tags: tuple[str, ...]) -> Iterator[etree._Element]:
    """Children with one of ``tags``, looking through content controls and custom XML."""
    for child in container:
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tags)


def _text(element: etree._Element) -> str:
    parts: list[str] = []
    _collect_text(element, parts)
    return "".join(parts)


def _collect_text(element: etree._Element, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag == f"{_W}t":
            parts.append(child.text or "")
        elif tag in _TEXT_MARKS:
            parts.append(_TEXT_MARKS[tag])
        elif tag not in _NOT_OWN_TEXT and isinstance(tag, str):
            _collect_text(child, parts)


def _text_boxes(element: etree._Element) -> Iterator[etree._Element]:
    """Text boxes anchored in ``element``, each once: the DrawingML copy, not the VML fallback."""
    for child in element:
        if child.tag == _TXBX:
            yield child
        elif child.tag != f"{_MC}Fallback" and isinstance(child.tag, str):
            yield from _text_boxes(child)


def _int_val(element: etree._Element | None, default: int) -> int:
    if element is None:
        return default
    try:
        return int(element.get(f"{_W}val", default))
    except ValueError:
        return default
