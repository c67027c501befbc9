"""Measure a rendered PDF: text lines from `pdftotext -bbox-layout`, ink from `pdftoppm`.

Everything is in millimetres from the paper's top-left corner.
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

MM_PER_PT = 25.4 / 72
_XHTML = "{http://www.w3.org/1999/xhtml}"


def soffice() -> str | None:
    """The LibreOffice binary, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(documents: list[Path], outdir: Path, profile: Path) -> list[Path]:
    """Convert all documents in one LibreOffice run (start-up is the expensive part)."""
    binary = soffice()
    assert binary, "LibreOffice (soffice) is not installed"
    command = [
        binary,
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        *map(str, documents),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    pdfs = [outdir / (doc.stem + ".pdf") for doc in documents]
    missing = [p.name for p in pdfs if not p.is_file()]
    assert not missing, f"soffice did not write {missing}: {result.stdout} {result.stderr}"
    return pdfs


@dataclass(frozen=True)
class TextLine:
    text: str
    left: float
    top: float
    right: float
    bottom: float


@dataclass(frozen=True)
class TextPage:
    number: int
    width: float
    height: float
    lines: list[TextLine]

    def find(self, fragment: str) -> TextLine:
        hits = [line for line in self.lines if fragment in line.text]
        assert hits, f"no line with {fragment!r} on page {self.number}: {[line.text for line in self.lines]}"
        return hits[0]

    def line(self, text: str) -> TextLine:
        hits = [line for line in self.lines if line.text == text]
        assert hits, f"no line {text!r} on page {self.number}: {[line.text for line in self.lines]}"
        (hit,) = hits
        return hit


def text_pages(pdf: Path) -> list[TextPage]:
    """Lines of every page, top to bottom (words joined without spaces: the text is Chinese)."""
    xhtml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True
    ).stdout
    pages = []
    for number, page in enumerate(ET.fromstring(xhtml).iter(_XHTML + "page"), start=1):
        lines = []
        for line in page.iter(_XHTML + "line"):
            left, top, right, bottom = (float(line.attrib[k]) * MM_PER_PT for k in ("xMin", "yMin", "xMax", "yMax"))
            text = "".join(word.text or "" for word in line.iter(_XHTML + "word"))
            lines.append(TextLine(text, left, top, right, bottom))
        lines.sort(key=lambda line: (round(line.top, 1), line.left))
        pages.append(
            TextPage(number, float(page.attrib["width"]) * MM_PER_PT, float(page.attrib["height"]) * MM_PER_PT, lines)
        )
    return pages


def _threshold(low: int, high: int) -> bytes:
    return bytes(1 if low <= v <= high else 0 for v in range(256))


_DARK = _threshold(0, 100)
_HIGH = _threshold(181, 255)
_LOW = _threshold(0, 89)


@dataclass(frozen=True)
class Ink:
    """One page rasterised: per pixel row, how many pixels are red and how many dark."""

    dpi: int
    width: int
    height: int
    red: list[bytes]  # per row, 1 where the pixel is red
    dark: list[bytes]  # per row, 1 where the pixel is dark (black text and rules)

    @property
    def mm_per_px(self) -> float:
        return 25.4 / self.dpi

    def rows(self, kind: str, min_mm: float, top_mm: float = 0, bottom_mm: float = 1e9) -> list[float]:
        """Positions (mm) of pixel rows between top_mm and bottom_mm whose `kind` ink covers at least min_mm."""
        masks = getattr(self, kind)
        step = self.mm_per_px
        need = min_mm / step
        return [y * step for y, row in enumerate(masks) if top_mm <= y * step <= bottom_mm and row.count(1) >= need]

    def span(self, kind: str, top_mm: float, bottom_mm: float) -> tuple[float, float] | None:
        """Leftmost and rightmost ink of `kind` between two heights, or None."""
        step = self.mm_per_px
        lefts, rights = [], []
        for y, row in enumerate(getattr(self, kind)):
            if top_mm <= y * step <= bottom_mm and 1 in row:
                lefts.append(row.index(1))
                rights.append(row.rindex(1))
        return (min(lefts) * step, max(rights) * step) if lefts else None

    def inked(self, kind: str, top_mm: float, bottom_mm: float) -> tuple[float, float]:
        """`span` where there must be ink of `kind`."""
        found = self.span(kind, top_mm, bottom_mm)
        assert found is not None, f"no {kind} ink between {top_mm:.1f} and {bottom_mm:.1f} mm"
        return found


def ink(pdf: Path, page: int, dpi: int = 100) -> Ink:
    """Rasterise one page (PPM from pdftoppm) into red and dark masks."""
    data = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf)], capture_output=True, check=True
    ).stdout
    magic, width_field, height_field, _maxval, pixels = data.split(maxsplit=4)
    assert magic == b"P6"
    width, height = int(width_field), int(height_field)
    pixels = pixels[: width * height * 3]
    r, g, b = pixels[0::3], pixels[1::3], pixels[2::3]
    # Per-channel thresholds via translate, combined as big integers: fast without numpy.
    size = width * height

    def both(*masks: bytes) -> bytes:
        value = int.from_bytes(masks[0], "big")
        for mask in masks[1:]:
            value &= int.from_bytes(mask, "big")
        return value.to_bytes(size, "big")

    red = both(r.translate(_HIGH), g.translate(_LOW), b.translate(_LOW))
    dark = both(r.translate(_DARK), g.translate(_DARK), b.translate(_DARK))
    rows = range(0, size, width)
    return Ink(dpi, width, height, [red[i : i + width] for i in rows], [dark[i : i + width] for i in rows])
