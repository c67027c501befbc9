"""Zip safety limits, and a .zip of several submissions unpacked into separate files in memory."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from themeday_office.readers.errors import ReadError, corrupt_on_failure
from themeday_office.readers.limits import ReadLimits
from themeday_office.readers.model import FileFormat
from themeday_office.readers.sniff import open_zip, sniff

# Below this unpacked size a high ratio is harmless (a tiny XML part of repeated tags).
_RATIO_FLOOR = 1 << 20
_MB = 1024 * 1024
# Other archive formats a sender might nest: rar, 7z, gzip, bzip2, xz.
_ARCHIVE_MAGICS = (b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00")
# Members that are the packing tool's or the desktop's litter, not submissions.
_LITTER = {".DS_Store", "Thumbs.db", "desktop.ini"}


@dataclass(frozen=True, slots=True)
class ArchiveMember:
    """One file of a .zip: ``name`` is a label for messages, never a path to write to.

    ``error`` is set for a member refused on its own (nested archive, too large, encrypted);
    its bytes are kept when they could be read, so the clerk still has the file.
    """

    name: str
    data: bytes
    error: ReadError | None = None


def check_zip(zf: zipfile.ZipFile, limits: ReadLimits) -> None:
    """Refuse a zip whose directory promises a bomb, before any member is inflated."""
    infos = zf.infolist()
    if len(infos) > limits.zip_max_entries:
        raise ReadError("zip_bomb", detail=f"{len(infos)} 个条目，上限 {limits.zip_max_entries}")
    total = sum(info.file_size for info in infos)
    if total > limits.zip_max_unpacked_bytes:
        raise ReadError(
            "zip_bomb", detail=f"解压后 {total / _MB:.0f} MB，上限 {limits.zip_max_unpacked_mb:g} MB"
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _RATIO_FLOOR and ratio > limits.zip_max_ratio:
            raise ReadError(
                "zip_bomb",
                detail=f"{member_name(info)} 压缩比 {ratio:.0f}:1，上限 {limits.zip_max_ratio:g}:1",
            )


def unpack_archive(data: bytes, name: str, limits: ReadLimits) -> list[ArchiveMember]:
    """The files of a .zip of submissions, each to be read on its own under the same limits.

    Raises ReadError for the whole archive when it is corrupt or a bomb; ``name`` labels errors.
    """
    if len(data) > limits.max_file_bytes:
        raise ReadError("too_large", size_mb=len(data) / _MB, limit_mb=limits.max_file_mb)
    zf = open_zip(data)
    check_zip(zf, limits)
    members: list[ArchiveMember] = []
    for info in zf.infolist():
        label = member_name(info)
        # Not info.is_dir(): it raises IndexError on a member whose name is empty.
        if info.filename.endswith("/") or label.startswith("__MACOSX/") or label.rsplit("/", 1)[-1] in _LITTER:
            continue
        members.append(_member(zf, info, label, limits))
    return members


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as text (UTF-8 when flagged or valid, else GBK), made a safe label."""
    name = info.filename
    if not info.flag_bits & 0x800:
        # zipfile decoded the raw bytes as cp437; undo that and try what Chinese tools write.
        raw = name.encode("cp437", errors="replace")
        for encoding in ("utf-8", "gbk"):
            try:
                name = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    if parts and len(parts[0]) == 2 and parts[0][1] == ":":
        parts = parts[1:]  # a Windows drive letter
    label = "/".join("".join(ch for ch in p if ch.isprintable()) for p in parts)
    return label or "未命名文件"


def _member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, limits: ReadLimits) -> ArchiveMember:
    if info.flag_bits & 0x1:
        return ArchiveMember(label, b"", ReadError("encrypted"))
    if info.file_size > limits.max_file_bytes:
        error = ReadError("too_large", size_mb=info.file_size / _MB, limit_mb=limits.max_file_mb)
        return ArchiveMember(label, b"", error)
    try:
        with corrupt_on_failure("无法解压"):
            body = zf.read(info)
    except ReadError as error:  # this member only: the others are still read
        return ArchiveMember(label, b"", error)
    if _is_archive(body):
        return ArchiveMember(label, body, ReadError("nested_archive"))
    return ArchiveMember(label, body)


def _is_archive(data: bytes) -> bool:
    if data.startswith(_ARCHIVE_MAGICS) or data[257:262] == b"ustar":
        return True
    try:
        return data.startswith(b"PK") and sniff(data) is FileFormat.ZIP_ARCHIVE
    except ReadError:
        return False  # a broken zip is reported when the member itself is read
