"""Write the monthly bulletin's first two pages as ~80 dpi PNGs into docs/ (after a layout or
wording change): `python -m tests.documents.pages docs`. Needs LibreOffice and poppler."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from tests.documents.conftest import build_world, drafts_of
from tests.render.pdf_probe import convert_to_pdf
from themeday_office.render.gbt9704 import write_docx


def write_bulletin_pages(folder: Path) -> list[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        world = build_world(work / "world")
        (draft,) = drafts_of(world)["monthly"]
        docx = write_docx(draft.build("惠组〔2017〕12号", None), work / "monthly-bulletin.docx")
        (pdf,) = convert_to_pdf([docx], work, work / "profile")
        subprocess.run(["pdftoppm", "-r", "80", "-f", "1", "-l", "2", "-png", str(pdf), str(work / "page")], check=True)
        written = []
        for number, png in enumerate(sorted(work.glob("page-*.png")), start=1):
            target = folder / f"monthly-bulletin-p{number}.png"
            target.write_bytes(png.read_bytes())
            written.append(target)
        world.q1.desk.ledger.close()
        world.year.desk.ledger.close()
        return written


if __name__ == "__main__":
    for path in write_bulletin_pages(Path(sys.argv[1] if len(sys.argv) > 1 else "docs")):
        print(path)
