"""Mutations of real submissions: what a flipped bit, a copy cut short, a tool that writes its zips
its own way, a hand-edited part or an attacker does to a file.

Every mutation takes its choices from a ``random.Random``: the suite hands it hypothesis's
(``st.randoms()``, so a failing input shrinks), bench/fuzz.py a seeded one (input ``i`` of a run
is made again from its number alone).
"""

from __future__ import annotations

import io
import random
import re
import struct
import warnings
import zipfile
from collections.abc import Callable

# Values that break parsers: edges of signed and unsigned fields, and numbers as text.
_INTS = (0, 1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFFFFFE)
NUMBERS = ("inf", "-inf", "nan", "1e400", "-1e400", "1e308", "-1e308", "-1", "0", "-0", "2958466", "2958465.9999",
           "1e-400", "99999999999999999999", "0x10", "", "abc", "1,5", " 7 ", "1e15", "-2e9")
_TEXTS = (
    "",
    "=cmd|' /C calc'!A0",
    "\x01\x02",
    "_x0001_",
    "\ud7ff",
    "合计",
    "2017年3月",
    "&amp;",
    "]]>",
    "\u202e",
    "a" * 5000,
)
_CELL_TYPES = ("n", "s", "b", "e", "str", "inlineStr", "d", "x", "")
_REFS = ("A0", "XFD1048576", "XFE1", "A1048577", "ZZZZ99999999", "", "1A", "A-1", "IV65536", "A1:A1")
_TAG = re.compile(rb"<([A-Za-z_][\w:.-]*)\b[^<>]*?(/?)>")
_NUMBER_ATTR = re.compile(rb'(="|=\')(-?\d+(?:\.\d+)?)(["\'])')
_VALUE = re.compile(rb"(<(?:\w+:)?v>)([^<]*)(</(?:\w+:)?v>)")
_TYPE_ATTR = re.compile(rb'\bt="[^"]*"')
_REF_ATTR = re.compile(rb'\b(r|ref|sqref)="[^"]*"')
_TEXT = re.compile(rb">([^<>]{1,200})</")
_DTD = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>',
        b'<!DOCTYPE x SYSTEM "file:///etc/passwd">')


def mutate(data: bytes, rng: random.Random) -> tuple[bytes, list[str]]:
    """``data`` with one to three mutations; the bytes and the names of what was done."""
    done: list[str] = []
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
        # Inside a zip, edits that keep it a zip reach the parsers and the check; a flipped byte
        # in deflated data mostly stops at the CRC.
        inside = _opens(data) and rng.random() < 0.6
        name, operator = rng.choice(_ZIP_OPERATORS if inside else _BYTE_OPERATORS)
        data = operator(data, rng)
        done.append(name)
    return data, done


# -- bytes -------------------------------------------------------------------------------------


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice((1, 1, 2, 4, 8, 32))):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def flip_bits(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice((1, 2, 3))):
        if out:
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def cut_range(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data) + 1)
    return data[:start] + data[start + rng.choice((1, 4, 30, 512, 4096)):]


def insert_bytes(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    noise = bytes(rng.randrange(256) for _ in range(rng.choice((1, 4, 16, 100))))
    return data[:at] + noise + data[at:]


def repeat_range(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data) + 1)
    piece = data[start: start + rng.choice((4, 64, 1024))]
    return data[:start] + piece * rng.choice((2, 3, 50)) + data[start:]


def edge_integer(data: bytes, rng: random.Random) -> bytes:
    """An edge value written over a header field: at a zip or OLE structure, or anywhere."""
    marks = [m.start() for m in re.finditer(rb"PK\x01\x02|PK\x03\x04|PK\x05\x06", data[-65536:])]
    base = len(data) - min(len(data), 65536)
    if marks and rng.random() < 0.7:
        at = base + rng.choice(marks) + rng.randrange(4, 46)
    elif data.startswith(b"\xd0\xcf\x11\xe0") and rng.random() < 0.5:
        at = rng.randrange(0x1E, 0x4C)  # the OLE header's sizes, counts and first sectors
    else:
        at = rng.randrange(max(1, len(data)))
    size, fmt = rng.choice(((1, "<B"), (2, "<H"), (4, "<I")))
    if at + size > len(data):
        return data
    out = bytearray(data)
    struct.pack_into(fmt, out, at, rng.choice(_INTS) & ((1 << (8 * size)) - 1))
    return bytes(out)


_BYTE_OPERATORS: list[tuple[str, Callable[[bytes, random.Random], bytes]]] = [
    ("flip_bytes", flip_bytes), ("flip_bytes", flip_bytes), ("flip_bits", flip_bits), ("truncate", truncate),
    ("cut_range", cut_range), ("insert_bytes", insert_bytes), ("repeat_range", repeat_range),
    ("edge_integer", edge_integer), ("edge_integer", edge_integer),
]


# -- zip containers: parts, XML inside them, the container itself ------------------------------


def _opens(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            zf.infolist()
        return True
    except Exception:  # noqa: BLE001 - a mutant zipfile cannot open fails in many ways; any of them means no
        return False


def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    """The members that still inflate (a broken one is left out)."""
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            try:
                out.append((info, zf.read(info)))
            except Exception:  # noqa: BLE001 - a member that fails to inflate, however, is left out
                continue
    return out


def _zipped(members: list[tuple[zipfile.ZipInfo, bytes]], rng: random.Random | None = None) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w") as zf:
        warnings.simplefilter("ignore")  # "Duplicate name": meant
        for info, body in members:
            fresh = zipfile.ZipInfo(info.filename, date_time=(2017, 3, 10, 8, 30, 0))
            fresh.compress_type = zipfile.ZIP_DEFLATED if rng is None else rng.choice(
                (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA))
            zf.writestr(fresh, body)
    return out.getvalue()


def delete_part(data: bytes, rng: random.Random) -> bytes:
    members = _members(data)
    if members:
        members.pop(rng.randrange(len(members)))
    return _zipped(members)


def edit_xml(data: bytes, rng: random.Random) -> bytes:
    """One edit inside an XML part (a sheet, the workbook, a document, its relationships...)."""
    members = _members(data)
    xml = [i for i, (info, _) in enumerate(members) if info.filename.endswith((".xml", ".rels"))]
    if not xml:
        return data
    # Sheets, documents and contents first: most of what a form says is there.
    heavy = [i for i in xml if re.search(r"sheet\d*\.xml$|document\.xml$|content\.xml$", members[i][0].filename)]
    index = rng.choice(heavy) if heavy and rng.random() < 0.6 else rng.choice(xml)
    info, body = members[index]
    name, edit = rng.choice(_XML_EDITS)
    members[index] = (info, edit(body, rng))
    return _zipped(members)


def rezip(data: bytes, rng: random.Random) -> bytes:
    """The same parts written again the way another tool might: order, compression, extra parts,
    a part twice, a name in another encoding."""
    members = _members(data)
    if rng.random() < 0.5:
        rng.shuffle(members)
    if members and rng.random() < 0.3:
        members.append(rng.choice(members))  # one name twice: which one does a reader take?
    if rng.random() < 0.3:
        members.append((zipfile.ZipInfo(rng.choice(("../../evil.xml", "x/" * 40 + "deep.bin", "C:/a.xml", "新建.xml"))),
                        bytes(rng.randrange(256) for _ in range(rng.choice((0, 10, 300))))))
    return _zipped(members, rng)


def nest_in_zip(data: bytes, rng: random.Random) -> bytes:
    """The file inside a .zip of submissions, alone or beside another copy of itself."""
    names = ["报送.xlsx"] + (["报送(1).xlsx"] if rng.random() < 0.5 else [])
    return _zipped([(zipfile.ZipInfo(n), data) for n in names], rng)


_ZIP_OPERATORS: list[tuple[str, Callable[[bytes, random.Random], bytes]]] = [
    ("edit_xml", edit_xml), ("edit_xml", edit_xml), ("edit_xml", edit_xml), ("edit_xml", edit_xml),
    ("delete_part", delete_part), ("rezip", rezip), ("nest_in_zip", nest_in_zip),
]


# -- edits of one XML part ---------------------------------------------------------------------


def _pick(pattern: re.Pattern[bytes], body: bytes, rng: random.Random) -> re.Match[bytes] | None:
    found = list(pattern.finditer(body, 0, 2_000_000))
    return rng.choice(found) if found else None


def _element(body: bytes, rng: random.Random) -> tuple[int, int] | None:
    """The span of a random element, from its start tag to the first end tag of its name."""
    tag = _pick(_TAG, body, rng)
    if tag is None:
        return None
    if tag.group(2):
        return tag.start(), tag.end()
    close = body.find(b"</" + tag.group(1) + b">", tag.end())
    return (tag.start(), close + len(tag.group(1)) + 3) if close >= 0 else (tag.start(), tag.end())


def number_value(body: bytes, rng: random.Random) -> bytes:
    """A cell's <v> becomes inf, nan, 1e400, a huge or negative number, or text."""
    m = _pick(_VALUE, body, rng)
    if m is None:
        return number_attribute(body, rng)
    return body[: m.start(2)] + rng.choice(NUMBERS).encode() + body[m.end(2):]


def number_attribute(body: bytes, rng: random.Random) -> bytes:
    """A numeric attribute (a span, a style index, a count, a repeat, a size) set to an edge."""
    m = _pick(_NUMBER_ATTR, body, rng)
    if m is None:
        return body
    value = rng.choice((*NUMBERS[:12], "4294967296", "1048576", "16384", "100000000"))
    return body[: m.start(2)] + value.encode() + body[m.end(2):]


def cell_type(body: bytes, rng: random.Random) -> bytes:
    m = _pick(_TYPE_ATTR, body, rng)
    if m is None:
        return body
    return body[: m.start()] + f't="{rng.choice(_CELL_TYPES)}"'.encode() + body[m.end():]


def reference(body: bytes, rng: random.Random) -> bytes:
    m = _pick(_REF_ATTR, body, rng)
    if m is None:
        return body
    return body[: m.start()] + m.group(1) + f'="{rng.choice(_REFS)}"'.encode() + body[m.end():]


def text(body: bytes, rng: random.Random) -> bytes:
    m = _pick(_TEXT, body, rng)
    if m is None:
        return body
    new = rng.choice(_TEXTS).encode("utf-8", "surrogatepass")
    return body[: m.start(1)] + new + body[m.end(1):]


def drop_element(body: bytes, rng: random.Random) -> bytes:
    span = _element(body, rng)
    return body if span is None else body[: span[0]] + body[span[1]:]


def repeat_element(body: bytes, rng: random.Random) -> bytes:
    span = _element(body, rng)
    if span is None:
        return body
    return body[: span[1]] + body[span[0]: span[1]] * rng.choice((1, 2, 20)) + body[span[1]:]


def cut_xml(body: bytes, rng: random.Random) -> bytes:
    return body[: rng.randrange(len(body) + 1)]


def prolog(body: bytes, rng: random.Random) -> bytes:
    """A DTD (entities, an external one) or a byte-order mark before the root."""
    start = body.find(b"<", body.find(b"?>") + 1 if body.startswith(b"<?xml") else 0)
    head = rng.choice((*_DTD, b"\xef\xbb\xbf", b"\xff\xfe"))
    return body[:max(start, 0)] + head + body[max(start, 0):]


def bad_encoding(body: bytes, rng: random.Random) -> bytes:
    """Bytes that are not UTF-8, or a declared encoding the bytes do not follow."""
    if rng.random() < 0.5:
        return body.replace(b'encoding="UTF-8"', b'encoding="GBK"', 1).replace(
            b"encoding='UTF-8'", b"encoding='UTF-16'", 1
        )
    at = rng.randrange(len(body) + 1)
    return body[:at] + rng.choice((b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00")) + body[at:]


_XML_EDITS: list[tuple[str, Callable[[bytes, random.Random], bytes]]] = [
    ("number_value", number_value), ("number_value", number_value), ("number_attribute", number_attribute),
    ("cell_type", cell_type), ("reference", reference), ("text", text), ("drop_element", drop_element),
    ("repeat_element", repeat_element), ("cut_xml", cut_xml), ("prolog", prolog), ("bad_encoding", bad_encoding),
]
