"""Text on its way into an xlsx or docx the kit writes: what Office can hold and what is safe to open.

Every writer of a workbook or a Word file (rollup workbooks, return packages, templates, official
documents) passes text through here, because the text is often a submitter's: a reason, a branch
name, a comment. Without this, one control character in one submitted file made the district's
whole rollup workbook fail to save, and a long comment went past what Excel opens.

- XML 1.0 cannot hold C0 controls (tab, LF and CR aside), lone surrogates, U+FFFE and U+FFFF;
  openpyxl and lxml refuse the whole file for one of them.
- Excel decodes `_xHHHH_` in cell and comment text as the character HHHH: a submitter's
  `_x0001_` (which the readers decode to U+0001) must not come back as a control character.
- Excel opens no cell or comment longer than 32,767 characters (UTF-16 units), and no sheet name
  longer than 31, blank, with []:*?/\\ in it, starting or ending with an apostrophe, or taken twice
  (case aside).
- A spreadsheet reads text starting with = + - @ (or tab, CR) as a formula: it stays text.
- A file name made from a unit's name must not climb out of its folder, hide, disguise its
  extension, name a Windows device, or read as an option (`-rf`) to a command.
"""

from __future__ import annotations

import re
import unicodedata

CELL_MAX = 32_767  # Excel's limit for the text of a cell
COMMENT_MAX = 32_767  # and of a comment (note): longer ones make Excel repair the file
SHEET_TITLE_MAX = 31
MAX_NAME_CHARS = 60  # of a file name's part: room for period, id and suffix under Windows' 255
# Characters that make a spreadsheet read a cell as a formula (tab and CR too, per OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MARKER = "\ufffd"  # what stands where an illegal character was, so a reader sees something was there

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_EXCEL_ESCAPE = re.compile("_(x[0-9A-Fa-f]{4}_)")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_RESERVED_SHEET = "history"  # Excel keeps a sheet of that name for change tracking
_FILE_FORBIDDEN = re.compile(r'[<>:"/\\|?*]')
_SPACES = re.compile(r"\s+")
# Device names Windows reserves with any extension, in any case (CON.txt is CON too).
_RESERVED_FILE = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$", re.IGNORECASE)
# Unicode categories that draw nothing or reorder what is drawn: controls, format characters (RTL
# overrides, zero-width joiners), surrogates, private use, unassigned, line and paragraph separators.
_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
_CUT_NOTE = "……（超出 Excel {what}长度上限，以下 {left_out} 字从略）"
_NOTE_ROOM = 40  # the note's length with any count of characters left out


def xml_text(text: object, marker: str = MARKER) -> str:
    """`text` as a string XML 1.0 can hold: each illegal character becomes `marker`."""
    return _XML_ILLEGAL.sub(marker, "" if text is None else str(text))


def cell_text(text: object) -> str:
    """Text for a worksheet cell: XML-safe, within Excel's limit (a longer text is cut, with a note
    saying how much was left out), `_xHHHH_` kept literal."""
    return _excel_literal(_within(xml_text(text), CELL_MAX, "单元格"))


def comment_text(text: object) -> str:
    """Text for a cell's comment, under the same rules as a cell's, within Excel's comment limit."""
    return _excel_literal(_within(xml_text(text), COMMENT_MAX, "批注"))


def put(cell, value: object):
    """Set an openpyxl cell's value. Text is cleaned by `cell_text` and is never a formula: text
    starting like one is stored as text and quote-prefixed, so Excel keeps it text even when the
    clerk edits the cell."""
    if isinstance(value, str):
        value = cell_text(value)
        cell.value = value
        cell.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def sheet_title(name: object, taken=()) -> str:
    """A worksheet name Excel accepts, not among `taken` (compared as Excel does, case aside)."""
    title = _SHEET_FORBIDDEN.sub("_", xml_text(name, ""))
    title = _cut_utf16(title, SHEET_TITLE_MAX).strip().strip("'").strip() or "Sheet"
    if title.lower() == _RESERVED_SHEET:
        title += "_"
    used = {t.lower() for t in taken}
    candidate, n = title, 1
    while candidate.lower() in used:
        n += 1
        suffix = f"_{n}"
        candidate = _cut_utf16(title, SHEET_TITLE_MAX - len(suffix)).rstrip("'") + suffix
    return candidate


def safe_filename(text: object, fallback: str = "未命名") -> str:
    """`text` as one safe file-name component: no separators, no `..`, no control or invisible
    characters, no reserved Windows names, no leading dots, dashes or spaces, no trailing dots or
    spaces, at most MAX_NAME_CHARS characters. Chinese is kept as it is."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", "" if text is None else str(text)))
    text = "".join(ch for ch in text if unicodedata.category(ch) not in _INVISIBLE)
    text = _FILE_FORBIDDEN.sub("_", text)
    text = re.sub(r"\.{2,}", ".", text)  # `..` is never a name's part, even inside it
    # A leading `-` would be read as an option by a command given the file; `.` hides it.
    text = text.strip(" ._").lstrip("-. _")[:MAX_NAME_CHARS].strip(" .")
    if not text:
        return fallback
    if _RESERVED_FILE.match(text):
        text = "_" + text
    return text


def utf16_length(text: str) -> int:
    """Length as Excel counts it: a character beyond the BMP (an emoji, a rare CJK one) is two."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _within(text: str, limit: int, what: str) -> str:
    if utf16_length(text) <= limit:
        return text
    kept = _cut_utf16(text, limit - _NOTE_ROOM)  # the note must fit under the limit too
    return kept + _CUT_NOTE.format(what=what, left_out=len(text) - len(kept))


def _cut_utf16(text: str, units: int) -> str:
    if utf16_length(text) <= units:
        return text
    count = 0
    for index, ch in enumerate(text):
        count += 2 if ord(ch) > 0xFFFF else 1
        if count > units:
            return text[:index]
    return text


def _excel_literal(text: str) -> str:
    # Excel writes a literal `_x0041_` as `_x005F_x0041_` (the underscore escaped): so do we.
    return _EXCEL_ESCAPE.sub(r"_x005F_\1", text) if "_x" in text else text
