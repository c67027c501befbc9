"""A .zip of several submissions: each member its own file, names as the sender saw them."""

import io
import zipfile

import pytest

from tests.readers import craft
from themeday_office.readers import ReadError, ReadLimits, unpack_archive

LIMITS = ReadLimits()


def _monthly() -> bytes:
    return craft.xlsx_bytes(craft.monthly_book())


def _utf8_zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return out.getvalue()


def test_gbk_names_from_old_chinese_tools_are_decoded():
    record = craft.docx_bytes(craft.record_document())
    archive = craft.zip_with_raw_names(
        [("古荥镇党委3月统计表.xlsx".encode("gbk"), _monthly()), ("大河村党支部记录表.docx".encode("gbk"), record)]
    )
    members = unpack_archive(archive, "古荥镇.zip", LIMITS)
    assert [m.name for m in members] == ["古荥镇党委3月统计表.xlsx", "大河村党支部记录表.docx"]
    assert all(m.error is None for m in members)
    # Each member is then read on its own, like any other file.
    assert craft.read_book(members[0].data, members[0].name).sheets[0].name == "月报"
    assert craft.read_document(members[1].data, members[1].name).tables[0].rows[0][1].text == "大河村党支部"


def test_utf8_names_and_unsafe_paths_become_plain_labels():
    archive = _utf8_zip(
        {
            "../../etc/新城街道月报.xlsx": _monthly(),
            "C:\\报送\\记录表.docx": b"x",
            "/abs/./说明.txt": b"y",
            "空目录/": b"",
        }
    )
    names = [m.name for m in unpack_archive(archive, "a.zip", LIMITS)]
    assert names == ["etc/新城街道月报.xlsx", "报送/记录表.docx", "abs/说明.txt"]


def test_nested_archives_are_refused_member_by_member_and_kept():
    inner = _utf8_zip({"月报.xlsx": _monthly()})
    archive = _utf8_zip({"月报.xlsx": _monthly(), "更多.zip": inner, "旧.rar": b"Rar!\x1a\x07\x00rest"})
    members = {m.name: m for m in unpack_archive(archive, "a.zip", LIMITS)}
    assert members["月报.xlsx"].error is None
    for name in ("更多.zip", "旧.rar"):
        error = members[name].error
        assert error is not None and error.code == "nested_archive"
        assert members[name].data  # the bytes are kept for the clerk
    assert members["更多.zip"].data == inner


def test_packing_litter_is_not_a_submission():
    archive = _utf8_zip({"__MACOSX/._月报.xlsx": b"\0\5\26\7", "月报.xlsx": _monthly(), ".DS_Store": b"\0"})
    assert [m.name for m in unpack_archive(archive, "a.zip", LIMITS)] == ["月报.xlsx"]


def test_limits_apply_to_the_archive_and_each_member():
    archive = _utf8_zip({f"{i}.xlsx": _monthly() for i in range(4)})
    with pytest.raises(ReadError) as caught:
        unpack_archive(archive, "a.zip", ReadLimits(zip_max_entries=3))
    assert caught.value.code == "zip_bomb"
    bomb = _utf8_zip({"月报.xlsx": _monthly(), "填充.bin": b"\0" * (4 * 1024 * 1024)})
    with pytest.raises(ReadError) as caught:
        unpack_archive(bomb, "a.zip", LIMITS)
    assert caught.value.code == "zip_bomb"
    # 5 KB of zeros packs to a few bytes: the archive passes, the member does not.
    squeezed = _utf8_zip({"月报.xlsx": b"\0" * 5000, "说明.txt": b"ok"})
    big, fine = unpack_archive(squeezed, "a.zip", ReadLimits(max_file_mb=0.002))
    assert big.error is not None
    assert (big.error.code, big.data, fine.error, fine.data) == ("too_large", b"", None, b"ok")


def test_an_encrypted_member_is_reported_not_read():
    data = bytearray(_utf8_zip({"月报.xlsx": _monthly()}))
    # Set the "encrypted" flag in the local header and the central directory, as a password tool does.
    local = data.find(b"PK\x03\x04")
    central = data.find(b"PK\x01\x02")
    data[local + 6] |= 1
    data[central + 8] |= 1
    (member,) = unpack_archive(bytes(data), "a.zip", LIMITS)
    assert member.error is not None and member.error.code == "encrypted"
