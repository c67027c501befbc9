"""Writing a file into the outbox so that no reader (and no crash) ever sees half of it."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

# mkstemp creates its file readable by its owner alone; a clerk's outbox is shared (a colleague,
# a sync client, the printer's account), so a new file gets the usual rw-r--r--. (Asking the
# umask would mean setting it, process-wide, while other threads create files.)
NEW_FILE_MODE = 0o644


class OutboxWriteError(Exception):
    """A file could not be written; str() is the clerk-facing Chinese reason."""


def write_atomically(path: Path, data: bytes) -> Path:
    """Write `data` to `path` via a temporary file in the same folder, fsync and os.replace."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(prefix=".~", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutboxWriteError(f"无法在 {path.parent} 中写入文件：{exc.strerror or exc}") from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.chmod(temp, _mode_of(path))
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except PermissionError:
        temp.unlink(missing_ok=True)
        # Windows: the target is locked while Excel, WPS or Word has it open.
        raise OutboxWriteError(f"无法写入 {path}：文件可能正被 Excel、WPS 或 Word 打开，请关闭后重试") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return path


def _mode_of(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)  # a file written again keeps its mode
    except OSError:
        return NEW_FILE_MODE
