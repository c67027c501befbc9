"""A tiny reader of OLE compound files (xls, doc, WPS, encrypted OOXML): stream names and streams.

Enough to tell the formats apart and to peek at a stream's first bytes; every chain is bounded
so a crafted file cannot loop. Not a general OLE library (no writing, no property sets).
"""

from __future__ import annotations

import struct
from array import array

from themeday_office.readers.errors import ReadError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_LAST_REGULAR = 0xFFFFFFFA  # sector numbers above this are markers (free, end of chain...)
_ENDOFCHAIN = 0xFFFFFFFE


def _corrupt(detail: str) -> ReadError:
    return ReadError("corrupt", detail=f"OLE 容器{detail}")


class OleFile:
    """The directory of an OLE container held in memory."""

    def __init__(self, data: bytes) -> None:
        if len(data) < 512 or not data.startswith(OLE_MAGIC):
            raise _corrupt("头部不完整")
        self._data = data
        shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
        if shift not in (9, 12) or mini_shift != 6:
            raise _corrupt("扇区大小异常")
        self._sector_size = 1 << shift
        n_fat, dir_start = struct.unpack_from("<II", data, 0x2C)
        self._mini_cutoff, mini_fat_start, _n_mini_fat, difat_start, n_difat = struct.unpack_from(
            "<IIIII", data, 0x38
        )
        self._fat = self._read_fat(n_fat, difat_start, n_difat)
        directory = self._chain_bytes(dir_start, self._fat)
        self._entries = self._parse_directory(directory)
        self._mini_fat_start = mini_fat_start
        self._mini_fat: array | None = None
        self._mini_stream: bytes | None = None

    def names(self) -> set[str]:
        """Names of every stream and storage, at any depth."""
        return set(self._entries)

    def stream(self, name: str, max_bytes: int | None = None) -> bytes:
        """The stream ``name`` (case-insensitive), or its first ``max_bytes``; b'' when absent."""
        entry = self._entries.get(name) or next(
            (e for n, e in self._entries.items() if n.lower() == name.lower()), None
        )
        if entry is None:
            return b""
        start, size = entry
        want = size if max_bytes is None else min(size, max_bytes)
        if size < self._mini_cutoff:
            return self._mini_bytes(start, want)
        return self._chain_bytes(start, self._fat, want)

    # -- internals ---------------------------------------------------------------------------

    def _sector(self, number: int) -> bytes:
        offset = (number + 1) * self._sector_size
        if number > _LAST_REGULAR or offset >= len(self._data):
            raise _corrupt("扇区越界")
        return self._data[offset : offset + self._sector_size]

    def _read_fat(self, n_fat: int, difat_start: int, n_difat: int) -> array:
        locations = list(struct.unpack_from("<109I", self._data, 0x4C))
        sector, hops = difat_start, 0
        per_sector = self._sector_size // 4
        # A DIFAT chain that loops back would run n_difat (up to 2^32) times: no honest file has
        # more DIFAT sectors than sectors.
        n_difat = min(n_difat, len(self._data) // self._sector_size)
        while sector <= _LAST_REGULAR and hops < n_difat:
            values = struct.unpack(f"<{per_sector}I", self._sector(sector).ljust(self._sector_size, b"\xff"))
            locations.extend(values[:-1])
            sector, hops = values[-1], hops + 1
        fat = array("I")
        for number in [s for s in locations if s <= _LAST_REGULAR][:n_fat]:
            fat.frombytes(self._sector(number).ljust(self._sector_size, b"\xff"))
        return fat

    def _chain(self, start: int, fat: array) -> list[int]:
        chain: list[int] = []
        sector = start
        while sector <= _LAST_REGULAR:
            # A chain longer than the table means a loop: refuse rather than spin.
            if sector >= len(fat) or len(chain) > len(fat):
                raise _corrupt("扇区链异常")
            chain.append(sector)
            sector = fat[sector]
        if sector != _ENDOFCHAIN and chain:
            raise _corrupt("扇区链未正常结束")
        return chain

    def _chain_bytes(self, start: int, fat: array, limit: int | None = None) -> bytes:
        parts: list[bytes] = []
        got = 0
        for sector in self._chain(start, fat):
            if limit is not None and got >= limit:
                break
            part = self._sector(sector)
            parts.append(part)
            got += len(part)
        data = b"".join(parts)
        return data if limit is None else data[:limit]

    def _mini_bytes(self, start: int, size: int) -> bytes:
        if self._mini_fat is None:
            self._mini_fat = array("I")
            self._mini_fat.frombytes(self._chain_bytes(self._mini_fat_start, self._fat))
            root_start, root_size = self._root
            self._mini_stream = self._chain_bytes(root_start, self._fat, root_size)
        assert self._mini_stream is not None
        parts = [self._mini_stream[s * 64 : s * 64 + 64] for s in self._chain(start, self._mini_fat)]
        return b"".join(parts)[:size]

    def _parse_directory(self, directory: bytes) -> dict[str, tuple[int, int]]:
        entries: dict[str, tuple[int, int]] = {}
        self._root = (_ENDOFCHAIN, 0)
        for offset in range(0, len(directory) - 127, 128):
            name_len, kind = struct.unpack_from("<HB", directory, offset + 64)
            start, size = struct.unpack_from("<IQ", directory, offset + 116)
            if self._sector_size == 512:
                size &= 0xFFFFFFFF  # version 3 files leave the high half undefined
            if kind == 5:
                self._root = (start, size)
            elif kind in (1, 2) and 2 <= name_len <= 64:
                name = directory[offset : offset + name_len - 2].decode("utf-16-le", "replace")
                entries.setdefault(name, (start, size))
        return entries
