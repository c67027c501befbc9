"""主体: title, 主送机关, numbered headings, paragraphs, tables, 附件说明, signature and date,
and the attachments, each on a new page before the 版记."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from themeday_office.render.gbt9704.header_block import RULE_ROW
from themeday_office.render.gbt9704.measures import CHAR, LINE, SIZE_SMALL_4, TABLE_CHAR, TYPE_WIDTH
from themeday_office.render.gbt9704.notation import heading_label, text_width, zh_date
from themeday_office.render.gbt9704.ooxml import Look, clean_text
from themeday_office.render.gbt9704.spec import Attachment, Block, Cell, Heading, Paragraph, Table
from themeday_office.render.gbt9704.table_widths import column_widths, header_text, room
from themeday_office.render.gbt9704.tables import CellSpec, border, fixed_table, table_row
from themeday_office.render.gbt9704.title_lines import title_lines
from themeday_office.render.gbt9704.typesetter import Typesetter

# Two blank lines between the 发文字号's line and the title; the red line's two table rows
# already fill part of them.
TITLE_BEFORE = 2 * LINE - 2 * RULE_ROW
SEAL_LINES = 3  # blank lines above a sealed signature: room for the seal's upper half
TABLE_CELL_MARGIN = 57  # 1 mm each side of a cell's text
TABLE_ROW = 454  # 8 mm: the least height of a table row (小四 text, 17 pt lines)
_TRAILING_PUNCTUATION = "。，、；：.,;:"


def add_title(ts: Typesetter, title: str) -> None:
    """2号 小标宋, centred; a long title broken between words into balanced lines (a \\n in the
    title is kept as the clerk's line break instead)."""
    ts.paragraph("GwTitle", _title_text(ts, title), keep_breaks=True, before=TITLE_BEFORE)


def _title_text(ts: Typesetter, title: str) -> str:
    """The title with its line breaks: as many em of the title's size as fit the type area."""
    capacity = TYPE_WIDTH / (ts.look("GwTitle").half_points * 10)
    return "\n".join(title_lines(clean_text(title, keep_breaks=True), capacity))


def add_addressees(ts: Typesetter, addressees: Sequence[str]) -> None:
    """主送机关 one blank line below the title, flush left, ending with a full-width colon."""
    names = [name.strip().rstrip(_TRAILING_PUNCTUATION) for name in addressees if name.strip()]
    if names:
        ts.paragraph("GwAddressee", "，".join(names) + "：", before=LINE)


def add_blocks(ts: Typesetter, blocks: Sequence[Block], *, first_before: int = 0, keep_last: bool = False) -> None:
    """Headings are numbered here: a level's count restarts under each heading above it.
    `keep_last` keeps the last paragraph's end on the page of what follows (the signature
    must not stand alone on a page)."""
    counts = [0] * 5
    previous: Block | None = None
    for index, block in enumerate(blocks):
        before = first_before if index == 0 else 0
        if isinstance(block, Heading):
            counts[block.level] += 1
            counts[block.level + 1 :] = [0] * (4 - block.level)
            label = heading_label(block.level, counts[block.level])
            ts.paragraph(f"GwHeading{block.level}", label + block.text, before=before)
        elif isinstance(block, Paragraph):
            last = keep_last and index == len(blocks) - 1
            ts.paragraph("GwBody", block.text, before=before, keep_next=last)
        elif isinstance(block, Table):
            if isinstance(previous, Table) or before:
                # Word merges two adjacent tables into one; a blank line keeps them apart.
                ts.paragraph("GwBody")
            add_table(ts, block)
        else:
            raise TypeError(f"unknown block {block!r}")
        previous = block


def add_table(ts: Typesetter, table: Table) -> None:
    """A table as wide as the type area, 小四 text, the header row repeated on every page (w:tblHeader),
    no row split across pages (w:cantSplit): Word and WPS paginate it themselves."""
    rows = [[_cell_text(value) for value in row] for row in table.rows]
    # Widths from the contents: figures, ratios, rates and short words on one line, names wrap;
    # table.widths only weighs how the wrapping columns share the rest.
    widths = column_widths(TYPE_WIDTH, table.columns, rows, TABLE_CHAR, TABLE_CELL_MARGIN, table.widths)
    thin = border(4)
    tbl = fixed_table(widths, borders={side: thin for side in ("top", "left", "bottom", "right", "insideH", "insideV")},
                      cell_margin=TABLE_CELL_MARGIN)
    head_look = Look(ts.style.heading1_font, SIZE_SMALL_4)
    rooms = [room(width, TABLE_CHAR, TABLE_CELL_MARGIN) for width in widths]
    header: list[CellSpec] = [
        (ts.make_paragraph("GwTableText", header_text(name, room), look=head_look, keep_breaks=True), {})
        for name, room in zip(table.columns, rooms, strict=True)
    ]
    tbl.append(table_row(widths, header, height=TABLE_ROW, header=True))
    for row in rows:
        cells: list[CellSpec] = [(ts.make_paragraph("GwTableText", text), {}) for text in row]
        tbl.append(table_row(widths, cells, height=TABLE_ROW))
    ts.table(tbl)


def _cell_text(value: Cell) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def add_attachment_note(ts: Typesetter, names: Sequence[str]) -> None:
    """附件说明 one blank line below the body, two characters in; wrapped names align with
    the first character of the name above."""
    names = [name.strip().rstrip(_TRAILING_PUNCTUATION) for name in names]
    if not names:
        return
    label = "附件："
    if len(names) == 1:
        ts.paragraph("GwAttachmentNote", label + names[0], before=LINE,
                     left=_chars(2 + 3), hanging=_chars(3), keep_next=True)
        return
    for number, name in enumerate(names, start=1):
        prefix = f"{number}."
        indent = 5 + text_width(prefix)
        if number == 1:
            ts.paragraph("GwAttachmentNote", label + prefix + name, before=LINE,
                         left=_chars(indent), hanging=_chars(indent - 2), keep_next=True)
        else:
            ts.paragraph("GwAttachmentNote", prefix + name, left=_chars(indent),
                         hanging=_chars(text_width(prefix)), keep_next=True)


def add_signature(ts: Typesetter, organ: str, day: datetime.date, *, sealed: bool) -> None:
    """Sealed: date 4 characters from the right, the organ's name centred above it, room for
    the seal above. Unsealed: name 2 characters from the right one blank line below the body,
    the date on the next line starting 2 characters further right."""
    date_text = zh_date(day)
    organ = clean_text(organ).strip()
    organ_w, date_w = text_width(organ), text_width(date_text)
    if sealed:
        date_right = 4.0
        organ_right = max(0.0, date_right + (date_w - organ_w) / 2)
        before = SEAL_LINES * LINE
    else:
        # If the date is the longer one it keeps 2 characters and the name moves left.
        organ_right = max(2.0, date_w + 4 - organ_w)
        date_right = organ_right + organ_w - 2 - date_w
        before = LINE
    ts.paragraph("GwSignature", organ, before=before, right=_chars(organ_right), keep_next=True)
    ts.paragraph("GwSignature", date_text, right=_chars(date_right))


def add_attachments(ts: Typesetter, attachments: Sequence[Attachment]) -> None:
    """Each attachment on a new page: 附件N on line 1 (黑体, flush left), title on line 3."""
    for number, attachment in enumerate(attachments, start=1):
        label = "附件" if len(attachments) == 1 else f"附件{number}"
        ts.paragraph("GwAttachmentLabel", label, page_break_before=True)
        ts.paragraph("GwTitle", _title_text(ts, attachment.title), keep_breaks=True, before=LINE)
        add_blocks(ts, attachment.blocks, first_before=LINE)


def _chars(count: float) -> int:
    return round(count * CHAR)

