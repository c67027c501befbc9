"""Render the test documents with LibreOffice once per session, for all layout tests.

Without LibreOffice or poppler the layout tests are skipped on a developer's machine and
fail in CI (CI=true), where they must run.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.render.documents import layout_probe, punctuation, sample
from tests.render.pdf_probe import TextPage, convert_to_pdf, soffice, text_pages
from themeday_office.render.gbt9704 import write_docx


@dataclass(frozen=True)
class Rendered:
    docx: Path
    pdf: Path
    pages: list[TextPage]


def _require_tools() -> None:
    missing = [name for name, found in (("soffice", soffice()), ("pdftotext", shutil.which("pdftotext")),
                                        ("pdftoppm", shutil.which("pdftoppm"))) if not found]
    if missing:
        message = f"layout tests need {', '.join(missing)} (LibreOffice, poppler-utils)"
        if os.environ.get("CI") != "true":
            pytest.skip(message)
        pytest.fail(message)


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    """name -> the rendered document: 'sample' (two pages), 'probe' (five pages) and 'punctuation'."""
    _require_tools()
    work = tmp_path_factory.mktemp("gbt9704")
    documents = {
        "sample": write_docx(sample(), work / "sample.docx"),
        "probe": write_docx(layout_probe(), work / "probe.docx"),
        "punctuation": write_docx(punctuation(), work / "punctuation.docx"),
    }
    pdfs = convert_to_pdf(list(documents.values()), work, work / "lo-profile")
    return {
        name: Rendered(docx, pdf, text_pages(pdf)) for (name, docx), pdf in zip(documents.items(), pdfs, strict=False)
    }
