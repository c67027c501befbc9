"""Convert legacy and foreign formats (.doc, .wps, .et, .odt, .rtf...) with LibreOffice headless.

Conversions go to this process's resident LibreOffice (``readers/resident.py``): started on the
first file, reused for the next ones, restarted when it dies or hangs. Where it cannot start
(no ``uno`` for its bridge, THEMEDAY_LIBREOFFICE_RESIDENT=0), and once more for a file during
which it died, the file is converted one-shot: ``soffice --convert-to`` in a process of its own.
Either way a conversion has the file's timeout (the wait for a start included), is serialized,
and counts only when the output file exists (LibreOffice may exit 0 without writing anything).
One-shot runs get a profile of their own: LibreOffice allows one running instance per profile.
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from themeday_office.readers.errors import ReadError
from themeday_office.readers.model import FileFormat
from themeday_office.readers.resident import QUIET_FLAGS, Lost, Refused, TimedOut, Unavailable, shared_office

# What the clerk's message calls each source format.
KIND_LABELS = {
    FileFormat.DOC: "Word 97-2003 文档（.doc）",
    FileFormat.WPS: "WPS 文字（.wps）",
    FileFormat.ET: "WPS 表格（.et）",
    FileFormat.XLS: "Excel 97-2003 工作簿（.xls）",
    FileFormat.ODT: "OpenDocument 文本（.odt）",
    FileFormat.RTF: "RTF 文档（.rtf）",
    FileFormat.WORD_OTHER: "Word 启用宏或模板文件",
    FileFormat.OLE_OTHER: "旧版 Office/WPS 文件",
}
# The extension LibreOffice gets for the input; WPS files are read by their MS-compatible twin.
_INPUT_SUFFIX = {
    FileFormat.DOC: ".doc",
    FileFormat.WPS: ".doc",
    FileFormat.ET: ".xls",
    FileFormat.XLS: ".xls",
    FileFormat.ODT: ".odt",
    FileFormat.RTF: ".rtf",
    FileFormat.WORD_OTHER: ".docm",
}
_FILTERS = {"docx": "docx:MS Word 2007 XML", "xlsx": "xlsx:Calc MS Excel 2007 XML"}

_lock = threading.Lock()
_profile: Path | None = None


def find_soffice() -> Path | None:
    """LibreOffice's ``soffice`` on PATH or in its usual install folders, or None."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    candidates: list[str] = []
    if sys.platform == "win32":
        for base in (os.environ.get("ProgramFiles"), os.environ.get("ProgramFiles(x86)")):
            if base:
                candidates += glob.glob(os.path.join(base, "LibreOffice*", "program", "soffice.exe"))
    elif sys.platform == "darwin":
        candidates.append("/Applications/LibreOffice.app/Contents/MacOS/soffice")
    else:
        candidates += ["/usr/lib/libreoffice/program/soffice", "/usr/local/bin/soffice"]
        candidates += sorted(glob.glob("/opt/libreoffice*/program/soffice"), reverse=True)
        candidates.append("/snap/bin/libreoffice")
    return next((Path(c) for c in candidates if Path(c).is_file()), None)


def convert(
    data: bytes,
    source: FileFormat,
    target: str,
    timeout_s: float,
    *,
    suffix: str | None = None,
    soffice: Path | None = None,
) -> bytes:
    """``data`` converted to ``target`` ('docx' or 'xlsx'); raises ReadError when it cannot be."""
    label = KIND_LABELS.get(source, source.value)
    exe = soffice or find_soffice()
    if exe is None:
        raise ReadError("libreoffice_missing", kind=label, target=f".{target}")
    deadline = time.monotonic() + timeout_s
    with _lock, tempfile.TemporaryDirectory(prefix="themeday-convert-") as work:
        source_path = Path(work) / f"submission{suffix or _INPUT_SUFFIX.get(source, '.bin')}"
        source_path.write_bytes(data)
        out_dir = Path(work) / "out"
        result = out_dir / f"{source_path.stem}.{target}"
        office = shared_office(exe)
        if office is not None:
            out_dir.mkdir()
            try:
                office.convert(source_path, result, _FILTERS[target].split(":", 1)[1], timeout_s)
                return result.read_bytes()
            except TimedOut:
                raise _timed_out(label, target, timeout_s) from None
            except Refused as refused:
                raise _not_opened(label, target, str(refused)) from None
            except (Unavailable, Lost):
                result.unlink(missing_ok=True)  # one-shot below, with the time left: LibreOffice decides
        command = [
            str(exe),
            f"-env:UserInstallation={_profile_dir().as_uri()}",
            *QUIET_FLAGS,
            "--convert-to",
            _FILTERS[target],
            "--outdir",
            str(out_dir),
            str(source_path),
        ]
        stderr = _run(command, deadline - time.monotonic(), label, target, timeout_s)
        if not result.is_file() or result.stat().st_size == 0:
            # LibreOffice exits 0 when it could not load the input; only the output tells.
            raise _not_opened(label, target, stderr.strip()[-500:])
        return result.read_bytes()


def convert_trusted(soffice: Path, source: Path, target: Path, filter_name: str, timeout_s: float) -> bool:
    """Convert one of the kit's own files (a written document -> PDF) with the resident instance;
    False when that cannot be done (no instance, it failed on the file): the caller converts
    one-shot instead."""
    office = shared_office(soffice)
    if office is None:
        return False
    try:
        office.convert(source, target, filter_name, timeout_s)
    except (Unavailable, Lost, TimedOut, Refused):
        return False
    return True


def _timed_out(label: str, target: str, timeout_s: float) -> ReadError:
    return ReadError("conversion_failed", kind=label, target=f".{target}", detail=f"超过 {timeout_s:g} 秒未完成")


def _not_opened(label: str, target: str, stderr: str) -> ReadError:
    return ReadError(
        "conversion_failed", kind=label, target=f".{target}", detail="LibreOffice 未能打开该文件", stderr=stderr
    )


def _run(command: list[str], left_s: float, label: str, target: str, timeout_s: float) -> str:
    posix = os.name == "posix"
    if sys.platform == "win32":  # mypy checks only the branch of the platform it checks for
        flags = subprocess.CREATE_NEW_PROCESS_GROUP
    else:
        flags = 0
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=posix,
        creationflags=flags,
    )
    try:
        _, stderr = process.communicate(timeout=max(left_s, 0.001))
    except subprocess.TimeoutExpired:
        _kill_tree(process)
        _reset_profile()  # a killed instance can leave its profile locked or half-written
        raise _timed_out(label, target, timeout_s) from None
    return stderr.decode("utf-8", "replace")


def _kill_tree(process: subprocess.Popen[bytes]) -> None:
    # soffice is a launcher: the real soffice.bin is its child, so the whole group must go.
    if os.name == "posix":
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    else:
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True, check=False)
        process.kill()
    process.communicate()


def _profile_dir() -> Path:
    global _profile
    if _profile is None:
        _profile = Path(tempfile.mkdtemp(prefix="themeday-lo-profile-"))
        atexit.register(shutil.rmtree, _profile, ignore_errors=True)
    return _profile


def _reset_profile() -> None:
    global _profile
    if _profile is not None:
        shutil.rmtree(_profile, ignore_errors=True)
        _profile = None
