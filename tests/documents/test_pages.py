"""Every kind of document for the demo district, as a reader sees it: rendered by LibreOffice and
read back from the PDF with pdfplumber (per character, with fonts and table cells).

The demo district (`themeday demo`: 32 committees, about 400 branches, the first quarter of
2017) is built once per session and each document kind rendered once, in one LibreOffice run.
Checked on the pages: how many there are, no sentence of 15+ characters said twice, a table's
header row on every page it continues to, no page with only one or two rows of a table, no
figure, ratio, rate or short word broken inside a cell, one rate format, and quotation marks,
dashes and ellipses set in the body's (CJK) font.

LibreOffice is run as on a clerk's PC that has the 公文 fonts: a fontconfig alias resolves
仿宋_GB2312, 黑体, 楷体_GB2312, 宋体 and 方正小标宋简体 to the Noto CJK fonts for every script.
Without it a font missing here falls back per script (Latin slot to DejaVu), so the font check
could not tell a run that names a Latin font for its quotation marks from a missing font; with
it, any character not set in the 公文 font shows up in a Latin font.
"""

from __future__ import annotations

import datetime
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.render.conftest import _require_tools
from tests.render.pdf_probe import convert_to_pdf
from themeday_office.render.documents.monthly import ATTACHMENT_COLUMNS
from themeday_office.render.documents.quarterly import RANK_COLUMNS
from themeday_office.render.gbt9704.table_widths import header_pieces, unbreakable

pytestmark = pytest.mark.slow

TODAY = datetime.date(2026, 1, 5)
KINDS = ("monthly", "receipt", "return", "reminder", "quarterly", "annual", "themes")
MAX_PAGES = {"monthly": 6, "quarterly": 6, "annual": 6, "themes": 6, "receipt": 2, "return": 3, "reminder": 2}
TYPE_BOTTOM_PT = (297 - 35) * 72 / 25.4  # below this: the page number
RATE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?%")
GOOD_RATE = re.compile(r"^(?:0|100|[1-9]?\d\.\d)%$")
CJK = re.compile(r"[\u4e00-\u9fff]")
_ALIASES = {"仿宋_GB2312": "Noto Serif CJK SC", "仿宋": "Noto Serif CJK SC", "楷体_GB2312": "Noto Serif CJK SC",
            "宋体": "Noto Serif CJK SC", "方正小标宋简体": "Noto Serif CJK SC", "黑体": "Noto Sans CJK SC"}
FONTS_CONF = (
    '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
    '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
    + "".join(f'<alias binding="same"><family>{name}</family><prefer><family>{noto}</family></prefer></alias>'
              for name, noto in _ALIASES.items())
    + "</fontconfig>"
)


@dataclass
class Page:
    number: int
    text: str  # body text, page number left out
    tables: list[list[list[str]]]  # bordered tables: rows of cell texts
    punctuation_fonts: list[tuple[str, str, set[str]]]  # (char, its font, the CJK fonts of its line)


def read_pages(pdf: Path) -> list[Page]:
    import pdfplumber

    pages = []
    with pdfplumber.open(pdf) as doc:
        for number, page in enumerate(doc.pages, start=1):
            body = page.crop((0, 0, page.width, TYPE_BOTTOM_PT))
            text = body.extract_text() or ""
            tables = []
            for table in body.find_tables():
                rows = [[(c or "").strip() for c in row] for row in table.extract()]
                if rows and len(rows[0]) >= 2:
                    tables.append(rows)
            lines: dict[int, list[dict]] = {}
            for ch in body.chars:
                lines.setdefault(round(ch["top"] / 4), []).append(ch)
            punctuation = []
            for chars in lines.values():
                cjk = {c["fontname"] for c in chars if CJK.match(c["text"])}
                for c in chars:
                    if c["text"] in "“”—…" and cjk:
                        punctuation.append((c["text"], c["fontname"], cjk))
            pages.append(Page(number, text, tables, punctuation))
    return pages


@pytest.fixture(scope="session")
def demo_pages(tmp_path_factory) -> dict[str, list[Page]]:
    """kind -> the pages of its first document in the demo district."""
    _require_tools()
    pytest.importorskip("pdfplumber")
    from themeday_office.cli import main
    from themeday_office.domain.period import Period
    from themeday_office.ledger import Ledger
    from themeday_office.render.documents import Office, plan
    from themeday_office.render.gbt9704 import write_docx
    from themeday_office.render.submitter import on_rejected
    from themeday_office.rollup import RollupInputs, RollupRules
    from themeday_office.workspace import Workspace

    root = tmp_path_factory.mktemp("demo-district")
    assert main(["demo", str(root)]) == 0
    workspace = Workspace.open(root)
    office = Office.of(workspace)
    work = root / "pages"
    work.mkdir()
    docx: dict[str, Path] = {}
    with Ledger.open(workspace.state) as ledger:
        # One March file the clerk sends back, so that the month has its 退回通知 too.
        invalid = [s for s in ledger.submissions(state="invalid") if s.period == "2017-03"]
        ledger.reject(invalid[0].id, "测试员", "请核实后重报")
        on_rejected(ledger, invalid[0].id, workspace.outbox)
        inputs = RollupInputs.from_ledger(ledger, RollupRules.of(workspace))
        for period in ("2017-03", "2017Q1", "2017"):
            for draft in plan(office, ledger, inputs, Period.parse(period), today=TODAY, outbox=workspace.outbox):
                if draft.kind not in docx:
                    doc = draft.build(f"惠组〔{draft.date.year}〕{len(docx) + 1}号", None)
                    docx[draft.kind] = write_docx(doc, work / f"{draft.kind}.docx")
    assert set(docx) == set(KINDS)
    fonts = work / "fonts.conf"
    fonts.write_text(FONTS_CONF, encoding="utf-8")
    saved = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = str(fonts)
    try:
        pdfs = convert_to_pdf(list(docx.values()), work, work / "lo-profile")
    finally:
        if saved is None:
            del os.environ["FONTCONFIG_FILE"]
        else:
            os.environ["FONTCONFIG_FILE"] = saved
    return {kind: read_pages(pdf) for kind, pdf in zip(docx, pdfs, strict=False)}


@pytest.mark.parametrize("kind", KINDS)
def test_page_count(demo_pages, kind):
    assert 1 <= len(demo_pages[kind]) <= MAX_PAGES[kind]


@pytest.mark.parametrize("kind", KINDS)
def test_no_sentence_is_said_twice(demo_pages, kind):
    text = "".join(p.text for p in demo_pages[kind]).replace("\n", "").replace(" ", "")
    sentences = [s for s in re.split(r"[。！？；]", text) if len(s) >= 15]
    repeated = {s: n for s, n in Counter(sentences).items() if n > 1}
    assert not repeated


@pytest.mark.parametrize("kind", KINDS)
def test_tables_paginate_with_their_header_and_no_stranded_rows(demo_pages, kind):
    pages = [p for p in demo_pages[kind] if p.tables]
    header = None
    for page in pages:
        for rows in page.tables:
            first = [c.replace("\n", "") for c in rows[0]]
            header = header or first
            if len(first) == len(header):
                assert first == header, f"page {page.number} continues the table without its header"
    if len(pages) > 1:  # the table runs over pages: each of them holds at least three rows
        for page in pages:
            body_rows = sum(len(rows) - 1 for rows in page.tables)
            assert body_rows >= 3, f"page {page.number} holds only {body_rows} rows of the table"


@pytest.mark.parametrize("kind", KINDS)
def test_no_figure_or_short_word_breaks_in_a_cell(demo_pages, kind):
    """Nor a header but where it may (按时 over 开展率, 已开展/ over 支部数: header_pieces)."""
    columns = {"monthly": ATTACHMENT_COLUMNS, "quarterly": RANK_COLUMNS}.get(kind, [])
    headers = {name.replace("\n", ""): name for name in columns}
    broken = []
    for page in demo_pages[kind]:
        for rows in page.tables:
            for number, row in enumerate(rows):
                for cell in row:
                    if "\n" not in cell or not unbreakable(cell.replace("\n", "")):
                        continue
                    name = headers.get(cell.replace("\n", "")) if number == 0 else None
                    allowed = name is not None and all(
                        line in {"".join(header_pieces(name)[i:j]) for i in range(9) for j in range(i + 1, 10)}
                        for line in cell.split("\n"))
                    if not allowed:
                        broken.append((page.number, cell))
    assert not broken


@pytest.mark.parametrize("kind", KINDS)
def test_rates_are_written_one_way(demo_pages, kind):
    rates = [r for p in demo_pages[kind] for r in RATE.findall(p.text)]
    assert [r for r in rates if not GOOD_RATE.match(r)] == []


@pytest.mark.parametrize("kind", KINDS)
def test_quotation_marks_dashes_and_ellipses_are_in_the_body_font(demo_pages, kind):
    latin = [(p.number, ch, font) for p in demo_pages[kind] for ch, font, cjk in p.punctuation_fonts
             if font not in cjk]
    assert not latin


def test_the_monthly_bulletin_has_its_parts_and_names_the_units(demo_pages):
    text = "".join(p.text for p in demo_pages["monthly"]).replace("\n", "").replace(" ", "")
    for heading in ("一、基本情况", "二、好的做法", "三、存在的问题", "四、下步要求", "附件"):
        assert heading in text
    assert "未报送本月开展情况统计表" in text


def test_the_quarterly_and_annual_documents_have_the_bulletins_parts_and_name_the_units(demo_pages):
    """The demo's first quarter: 老鸦陈街道 missed January's and March's tables and was graded 一般."""
    for kind in ("quarterly", "annual"):
        text = "".join(p.text for p in demo_pages[kind]).replace("\n", "").replace(" ", "")
        for heading in ("一、基本情况", "二、好的做法", "三、存在的问题", "四、下步要求", "附件"):
            assert heading in text, (kind, heading)
    quarterly = "".join(p.text for p in demo_pages["quarterly"]).replace("\n", "").replace(" ", "")
    assert "1月的老鸦陈街道党工委" in quarterly and "老鸦陈街道党工委（72.47分）" in quarterly
    annual = "".join(p.text for p in demo_pages["annual"]).replace("\n", "").replace(" ", "")
    assert "4月至12月的全部32个党（工）委" in annual  # the demo district stops after March


def test_the_reminder_names_the_months_missing_committees_with_the_deadline(demo_pages):
    """The demo's March: the committees the bulletin names as 未报送, and the one whose table was sent back."""
    text = "".join(p.text for p in demo_pages["reminder"]).replace("\n", "").replace(" ", "")
    assert "关于催报2017年3月" in text
    assert "应于2017年3月15日前报送" in text
    assert "截至2017年3月25日" in text and "尚未报送" in text and "已被退回" in text  # its natural date
    assert "联系人：" in text
