"""Broken zip and OLE containers end in ReadError('corrupt'), in whichever process meets them.

The files are tests/data/fuzz/ (made by tests/fuzz/crafted.py from a real corpus file): each once
escaped as a bare exception, most of them from the format sniffing in the main process, where
`check` printed a traceback instead of its JSON and `ingest` stopped at the file on every run.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from themeday_office.ingest.check import check_submission
from themeday_office.readers import IsolatedReader, ReadError, ReadLimits, read_bytes, sniff, unpack_archive
from themeday_office.readers.reading import prepare

FUZZ = Path(__file__).resolve().parent.parent / "data" / "fuzz"

# Broken where the main process looks (the zip's directory, [Content_Types].xml): sniffing refuses them.
SNIFFED = {
    "zip-version-25.5.xlsx": "zip file version 25.5",
    "zip-negative-seek.xlsx": "negative seek value",
    "zip-name-not-utf8.xlsx": "UnicodeDecodeError",
    "zip-patched-data-flag.xlsx": "compressed patched data",
}
# Broken in a part only the parser opens: refused in the parser process.
PARSED = {
    "zip-strong-encryption-flag.xlsx": "strong encryption",
    "zip-compression-99.xlsx": "compression method is not supported",
    "calamine-panic-date-cell.xlsx": "TimeDelta",
}


@pytest.fixture(scope="module")
def reader():
    with IsolatedReader(ReadLimits(child_memory_mb=1024), workers=1) as isolated:
        yield isolated


@pytest.mark.parametrize("name", sorted(SNIFFED))
def test_a_broken_zip_directory_is_corrupt_when_sniffed(name):
    data = (FUZZ / name).read_bytes()
    with pytest.raises(ReadError) as raised:
        sniff(data)
    assert raised.value.code == "corrupt"
    assert raised.value.message == "文件已损坏或不完整，无法打开；请用 Excel 或 WPS 重新保存后报送"
    assert SNIFFED[name] in raised.value.details["detail"]  # the library's words, for a technician
    # The same bytes unpacked as a package of submissions: refused whole, or member by member.
    try:
        members = unpack_archive(data, name, ReadLimits())
    except ReadError as error:
        assert error.code == "corrupt"
    else:
        assert any(m.error is not None and m.error.code == "corrupt" for m in members)


@pytest.mark.parametrize("name", sorted(PARSED))
def test_a_broken_part_is_corrupt_in_the_parser_process_and_in_this_one(name, reader):
    data = (FUZZ / name).read_bytes()
    for read in (reader.read_bytes, read_bytes):
        with pytest.raises(ReadError) as raised:
            read(data, name)
        assert raised.value.code == "corrupt", read
        assert PARSED[name] in raised.value.details["detail"]


def test_a_looping_ole_chain_is_walked_a_bounded_number_of_times(reader):
    """The DIFAT chain points back at itself and claims 2^32-1 sectors: the main process walked
    it for minutes. Now sniffing is instant; what calamine makes of the file costs only its
    parser process."""
    data = (FUZZ / "ole-difat-loop.xls").read_bytes()
    started = time.monotonic()
    prepare(data, "x.xls", ReadLimits())
    assert time.monotonic() - started < 2
    with pytest.raises(ReadError) as raised:
        reader.read_bytes(data, "x.xls")
    assert raised.value.code in ("corrupt", "parser_crashed")


def test_every_member_of_a_package_is_answered_even_a_broken_one():
    import io
    import zipfile

    good = (FUZZ.parent.parent / "corpus" / "monthly-perfect.xlsx").read_bytes()
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("好.xlsx", good)
        archive.writestr("坏.xlsx", (FUZZ / "zip-version-25.5.xlsx").read_bytes())
    from datetime import date

    from themeday_office.ingest.environment import CheckEnvironment

    results = check_submission(package.getvalue(), "包.zip", CheckEnvironment(arrived=date(2017, 3, 12)))
    assert [r.file for r in results] == ["包.zip/好.xlsx", "包.zip/坏.xlsx"]
    assert results[0].kind == "monthly" and results[1].read_error == "corrupt"


def test_an_empty_package_gets_an_answer():
    import io
    import zipfile

    from themeday_office.ingest.environment import CheckEnvironment

    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("__MACOSX/._a.xlsx", b"litter")
    [result] = check_submission(package.getvalue(), "空包.zip", CheckEnvironment())
    assert result.read_error == "empty_archive" and not result.ok
    assert "压缩包里没有可读取的文件" in result.messages[0].text


def test_a_member_without_a_name_is_that_members_error():
    """Found by bench/fuzz.py (seed 3, input 2457): a flipped name length leaves a member named
    '', and ZipInfo.is_dir() raised IndexError on it while a package was unpacked."""
    data = (FUZZ / "found-3-2457-empty-member-name.xlsx").read_bytes()
    members = unpack_archive(data, "包.zip", ReadLimits())
    nameless = [m for m in members if m.name == "未命名文件"]
    assert len(nameless) == 1 and nameless[0].error is not None and nameless[0].error.code == "corrupt"
    assert all(m.error is None for m in members if m.name != "未命名文件")
