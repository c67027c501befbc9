"""PDF copies of documents through LibreOffice, when it is installed.

All documents of a batch are converted by one LibreOffice run (its start-up is the cost),
in a temporary folder beside them, then each PDF replaces its target in one step.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from themeday_office.readers.libreoffice import find_soffice


class PdfError(Exception):
    """str() is the clerk-facing Chinese reason."""


def pdf_available() -> bool:
    return find_soffice() is not None


def write_pdfs(documents: list[Path], timeout_s: float = 600.0) -> list[Path]:
    """A .pdf beside each .docx; raises PdfError when LibreOffice is missing or fails."""
    soffice = find_soffice()
    if soffice is None:
        raise PdfError("未安装 LibreOffice，无法生成 PDF 副本（已生成的 Word 文件不受影响）")
    out: list[Path] = []
    # One LibreOffice run for as many documents as have distinct names (its output is named by
    # the input's stem), written into a temporary folder on the same disk as the targets.
    runs: list[list[Path]] = []
    for doc in documents:
        run = next((r for r in runs if all(d.stem != doc.stem for d in r)), None)
        if run is None:
            runs.append([doc])
        else:
            run.append(doc)
    for docs in runs:
        base = Path(os.path.commonpath([str(d.parent) for d in docs]))
        work = Path(tempfile.mkdtemp(prefix=".~pdf-", dir=base))
        profile = Path(tempfile.mkdtemp(prefix="themeday-pdf-profile-"))
        try:
            command = [str(soffice), f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
                       "--norestore", "--convert-to", "pdf", "--outdir", str(work), *map(str, docs)]
            try:
                subprocess.run(command, capture_output=True, timeout=timeout_s, check=False,
                               stdin=subprocess.DEVNULL)
            except subprocess.TimeoutExpired:
                raise PdfError(f"LibreOffice 超过 {timeout_s:g} 秒未完成 PDF 转换") from None
            for doc in docs:
                made = work / (doc.stem + ".pdf")
                if not made.is_file() or made.stat().st_size == 0:
                    raise PdfError(f"LibreOffice 未能把 {doc.name} 转换为 PDF")
                target = doc.with_suffix(".pdf")
                os.replace(made, target)
                out.append(target)
        finally:
            shutil.rmtree(work, ignore_errors=True)
            shutil.rmtree(profile, ignore_errors=True)
    return out
