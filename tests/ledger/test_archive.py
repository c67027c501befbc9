"""The archive holds exactly the bytes ingest read: every copy is read back and hashed before it is named."""

import io

import pytest

from themeday_office.ledger import Archive, sha256_of
from themeday_office.ledger import archive as archive_module


def test_a_copy_that_does_not_hash_to_what_was_read_is_never_named(tmp_path):
    archive = Archive(tmp_path / "archive")
    with pytest.raises(OSError, match="不符"):
        archive.put(b"what was written", sha256_of(b"what was read"))
    assert not archive.has(sha256_of(b"what was read"))
    assert not [p for p in (tmp_path / "archive").rglob("*") if p.is_file()], "no temp file left"


def test_a_torn_write_is_caught(tmp_path, monkeypatch):
    archive = Archive(tmp_path / "archive")
    real = archive_module.file_sha256
    monkeypatch.setattr(archive_module, "file_sha256", lambda path: real(path)[::-1])  # as if bytes differed
    with pytest.raises(OSError):
        archive.put(b"report")
    assert not archive.has(sha256_of(b"report"))


def test_a_stream_is_archived_in_chunks_with_its_hash_and_size(tmp_path, monkeypatch):
    monkeypatch.setattr(archive_module, "CHUNK", 7)
    archive = Archive(tmp_path / "archive")
    data = bytes(range(256)) * 5
    reads: list[int] = []

    class Source(io.BytesIO):
        def read(self, n=-1):
            reads.append(n)
            return super().read(n)

    digest, size = archive.put_stream(Source(data))
    assert (digest, size) == (sha256_of(data), len(data))
    assert archive.get(digest) == data
    assert max(reads) == 7, "never asked for the whole file"
    assert archive.put_stream(io.BytesIO(data)) == (digest, size)  # again: a no-op
    assert [p.name for p in (tmp_path / "archive").rglob("*") if p.is_file()] == [digest]


def test_half_written_copies_of_a_killed_writer_are_swept_once_an_hour_old(tmp_path):
    import os
    import time

    archive = Archive(tmp_path / "archive")
    kept = archive.put(b"kept")
    (tmp_path / "archive" / kept[:2] / f".{kept}.111.222.tmp").write_bytes(b"ke")  # killed mid-copy
    (tmp_path / "archive" / ".stream.111.333.tmp").write_bytes(b"big")
    fresh = tmp_path / "archive" / kept[:2] / f".{kept}.444.555.tmp"
    fresh.write_bytes(b"k")  # a live writer's, a moment old
    hour_ago = time.time() - 3700
    for old in (*(tmp_path / "archive").glob(".*.tmp"), *(tmp_path / "archive").glob("*/.*.111.*.tmp")):
        os.utime(old, (hour_ago, hour_ago))
    assert archive.sweep_temporary() == 2
    assert sorted(p.name for p in (tmp_path / "archive").rglob(".*.tmp")) == [fresh.name]
    assert archive.get(kept) == b"kept"
