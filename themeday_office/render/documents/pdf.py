"""PDF copies of documents through LibreOffice, when it is installed.

Each document goes to the resident LibreOffice the readers use (``readers/resident.py``), which
is started once per process. What it cannot do (it cannot start, it failed on a document) is
converted by one LibreOffice run for the rest of the batch (its start-up is the cost). Either way
the PDFs are made in a temporary folder beside the documents, then each replaces its target in
one step.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from themeday_office.readers.libreoffice import convert_trusted, find_soffice


class PdfError(Exception):
    """str() is the clerk-facing Chinese reason."""


def pdf_available() -> bool:
    return find_soffice() is not None


def write_pdfs(documents: list[Path], timeout_s: float = 600.0) -> list[Path]:
    """A .pdf beside each .docx (in the order given); raises PdfError when LibreOffice is missing
    or fails. ``timeout_s``: for each document in the resident instance, for the batch one-shot."""
    soffice = find_soffice()
    if soffice is None:
        raise PdfError("未安装 LibreOffice，无法生成 PDF 副本（已生成的 Word 文件不受影响）")
    rest = [doc for doc in documents if not _resident_pdf(soffice, doc, timeout_s)]
    _one_shot_pdfs(soffice, rest, timeout_s)
    return [doc.with_suffix(".pdf") for doc in documents]


def _resident_pdf(soffice: Path, doc: Path, timeout_s: float) -> bool:
    work = Path(tempfile.mkdtemp(prefix=".~pdf-", dir=doc.parent))
    try:
        made = work / (doc.stem + ".pdf")
        if not convert_trusted(soffice, doc, made, "writer_pdf_Export", timeout_s):
            return False
        os.replace(made, doc.with_suffix(".pdf"))
        return True
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _one_shot_pdfs(soffice: Path, documents: list[Path], timeout_s: float) -> None:
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
                os.replace(made, doc.with_suffix(".pdf"))
        finally:
            shutil.rmtree(work, ignore_errors=True)
            shutil.rmtree(profile, ignore_errors=True)
