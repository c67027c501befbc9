"""Outbox files: written whole, readable by the colleagues and programs that share the folder."""

from __future__ import annotations

import os
import stat

import pytest

from themeday_office.render.outbox_file import NEW_FILE_MODE, write_atomically


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_new_file_is_not_private_to_the_clerk_and_a_rewritten_one_keeps_its_mode(tmp_path):
    path = write_atomically(tmp_path / "退回" / "包.xlsx", b"one")
    assert stat.S_IMODE(path.stat().st_mode) == NEW_FILE_MODE  # mkstemp alone gives 0600
    path.chmod(0o640)
    write_atomically(path, b"two")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640 and path.read_bytes() == b"two"
    assert [p.name for p in path.parent.iterdir()] == ["包.xlsx"]
