"""A writer of OLE compound files (version 3, 512-byte sectors): the container of .xls files and
of password-protected Office files.

Streams under 4096 bytes go to the mini stream, as Office and LibreOffice store them;
storages nest by `/` in the entry names. Enough for the few streams those files hold
(one FAT up to 109 sectors, about 7 MB); no DIFAT.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SECTOR = 512
_MINI_SECTOR = 64
_MINI_CUTOFF = 4096
_FREE, _END, _FAT_SECTOR, _NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
_STORAGE, _STREAM, _ROOT = 1, 2, 5
_BLACK = 1


@dataclass
class _Node:
    name: str
    kind: int
    data: bytes = b""
    children: list[_Node] = field(default_factory=list)
    sid: int = 0
    start: int = _END
    left: int = _NO_STREAM
    right: int = _NO_STREAM
    child: int = _NO_STREAM


def compound_file(streams: dict[str, bytes]) -> bytes:
    """A compound file holding `streams`, keyed by path (`\\x06DataSpaces/Version`)."""
    root = _Node("Root Entry", _ROOT)
    for path, data in streams.items():
        node = root
        *storages, leaf = path.split("/")
        for part in storages:
            found = next((c for c in node.children if c.name == part), None)
            if found is None:
                found = _Node(part, _STORAGE)
                node.children.append(found)
            node = found
        node.children.append(_Node(leaf, _STREAM, data))

    nodes = _number(root)
    for node in nodes:
        if node.children:
            node.child = _tree(sorted(node.children, key=_order))

    small = [n for n in nodes if n.kind == _STREAM and len(n.data) < _MINI_CUTOFF]
    large = [n for n in nodes if n.kind == _STREAM and len(n.data) >= _MINI_CUTOFF]
    mini_fat: list[int] = []
    mini_stream = bytearray()
    for n in small:
        count = _sectors(len(n.data), _MINI_SECTOR)
        if count:
            n.start = len(mini_fat)
            mini_fat += list(range(n.start + 1, n.start + count)) + [_END]
            mini_stream += n.data.ljust(count * _MINI_SECTOR, b"\0")
    root.data = bytes(mini_stream)

    dir_slots = _sectors(len(nodes) * 128, _SECTOR) * _SECTOR // 128
    mini_fat_bytes = _pad(struct.pack(f"<{len(mini_fat)}I", *mini_fat), _FREE) if mini_fat else b""

    # Sector order: FAT, directory, mini FAT, mini stream (root's data), then the large streams.
    sizes = [dir_slots * 128, len(mini_fat_bytes), len(_pad(root.data, 0)), *(len(_pad(n.data, 0)) for n in large)]
    payload = sum(size // _SECTOR for size in sizes)
    n_fat = 1
    while n_fat * (_SECTOR // 4) < n_fat + payload:
        n_fat += 1
    if n_fat > 109:
        raise ValueError("compound file too large for a header-only FAT")
    fat: list[int] = [_FAT_SECTOR] * n_fat
    starts = []
    for size in sizes:
        count = size // _SECTOR
        starts.append(len(fat) if count else _END)
        fat += list(range(len(fat) + 1, len(fat) + count)) + ([_END] if count else [])
    fat += [_FREE] * (n_fat * (_SECTOR // 4) - len(fat))
    dir_start, mini_fat_start, root.start, *large_starts = starts
    for n, start in zip(large, large_starts, strict=False):
        n.start = start
    # Unused directory slots read as empty entries with no siblings.
    directory = b"".join(_entry(n) for n in nodes) + _entry(_Node("", 0), empty=True) * (dir_slots - len(nodes))
    bodies = [directory, mini_fat_bytes, _pad(root.data, 0), *(_pad(n.data, 0) for n in large)]

    header = (
        MAGIC
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 10
        + struct.pack(
            "<IIIIIIII",
            n_fat,
            dir_start,
            0,
            _MINI_CUTOFF,
            mini_fat_start,
            len(mini_fat_bytes) // _SECTOR,
            _END,
            0,
        )
        + struct.pack("<109I", *range(n_fat), *([_FREE] * (109 - n_fat)))
    )
    return header + struct.pack(f"<{len(fat)}I", *fat) + b"".join(bodies)


def _number(root: _Node) -> list[_Node]:
    order: list[_Node] = []
    queue = [root]
    while queue:
        node = queue.pop(0)
        node.sid = len(order)
        order.append(node)
        queue.extend(node.children)
    return order


def _order(node: _Node) -> tuple[int, str]:
    # The compound file's sibling order: shorter names first, then by upper-cased name.
    return len(node.name), node.name.upper()


def _tree(siblings: list[_Node]) -> int:
    """Siblings as a balanced binary search tree (all black); the root's id."""
    if not siblings:
        return _NO_STREAM
    mid = len(siblings) // 2
    node = siblings[mid]
    node.left = _tree(siblings[:mid])
    node.right = _tree(siblings[mid + 1 :])
    return node.sid


def _entry(n: _Node, *, empty: bool = False) -> bytes:
    if empty:
        name, length = b"", 0
    else:
        name = (n.name + "\0").encode("utf-16-le")
        length = len(name)
    size = len(n.data) if n.kind in (_STREAM, _ROOT) else 0
    start = n.start if size or n.kind == _ROOT else _END if n.kind == _STREAM else 0
    return (
        name.ljust(64, b"\0")
        + struct.pack("<HBB", length, n.kind, _BLACK if not empty else 0)
        + struct.pack("<III", n.left, n.right, n.child)
        + b"\0" * 16  # CLSID
        + b"\0" * 4  # state bits
        + b"\0" * 16  # created, modified
        + struct.pack("<IQ", start, size)
    )


def _sectors(size: int, sector: int) -> int:
    return -(-size // sector)


def _pad(data: bytes, fill: int) -> bytes:
    size = _sectors(len(data), _SECTOR) * _SECTOR
    if fill == _FREE:
        return data + b"\xff" * (size - len(data))
    return data.ljust(size, b"\0")
