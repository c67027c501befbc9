"""Which inbox files are never handed to ingest while they look like this.

Office, WPS, browsers and copy tools all write through temporary or lock files next
to the real one; handing those to ingest would only produce rejections for files
nobody sent.
"""

from __future__ import annotations

import os
import stat
import time
from fnmatch import fnmatchcase
from pathlib import Path, PurePath

# Matched against the lower-cased name. Hidden names (a leading dot) are ignored
# separately, which already covers LibreOffice's .~lock.*# and WPS's .~* files.
IGNORED_PATTERNS = (
    "~$*",  # Microsoft Office owner/lock files
    "~wrd*.tmp",  # Word's save-in-progress copies
    "~wrl*.tmp",
    "*.tmp",
    "*.part",  # Firefox and many download tools
    "*.crdownload",  # Chrome and Edge
    "thumbs.db",  # Windows Explorer writes these into any folder it shows
    "desktop.ini",
)


# An empty file is a placeholder while it is this young (a writer creates it, then fills it),
# or while a download beside it is still being written (Firefox leaves 统计表.xlsx empty next to
# 统计表.xlsx.part until it is done). One left empty longer was sent empty: it is ingested, and
# the ledger says so (文件是空的), instead of lying in the inbox unaccounted for.
EMPTY_PLACEHOLDER_S = 60.0
_DOWNLOAD_SUFFIXES = (".part", ".crdownload", ".download", ".tmp")


def is_placeholder(path: str | os.PathLike[str], st: os.stat_result, *, now: float | None = None) -> bool:
    """Whether an empty regular file is still a placeholder for one being written (see above)."""
    if st.st_size != 0 or not stat.S_ISREG(st.st_mode):
        return False
    # A share's clock may run ahead: an mtime far in the future does not keep a file waiting.
    if abs((time.time() if now is None else now) - st.st_mtime) < EMPTY_PLACEHOLDER_S:
        return True
    return any(os.path.lexists(os.fspath(path) + suffix) for suffix in _DOWNLOAD_SUFFIXES)


def is_ignored(path: str | os.PathLike[str], *, inbox: Path | None = None, st: os.stat_result | None = None) -> bool:
    """Whether `path` is a lock, temporary or hidden file (or lies in a hidden folder under `inbox`)."""
    p = PurePath(path)
    if _hidden_or_temporary(p.name):
        return True
    if inbox is not None:
        try:
            folders = p.relative_to(inbox).parts[:-1]
        except ValueError:
            folders = ()
        if any(part.startswith(".") for part in folders):
            return True
    # Windows marks Office lock files and system files hidden; the name rules above
    # cover the same files when the inbox is read over a share that hides attributes.
    attributes = getattr(st, "st_file_attributes", 0) if st is not None else 0
    return bool(attributes & getattr(stat, "FILE_ATTRIBUTE_HIDDEN", 0))


def _hidden_or_temporary(name: str) -> bool:
    if not name or name.startswith("."):
        return True
    lowered = name.casefold()
    return any(fnmatchcase(lowered, pattern) for pattern in IGNORED_PATTERNS)
