"""The .docx itself: page, fonts, sizes, spacing, footers, numbering, safety of the write."""

from __future__ import annotations

import datetime
import re
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from tests.render.documents import layout_probe, sample
from themeday_office.render.gbt9704 import (
    Attachment,
    DocumentStyle,
    DocumentWriteError,
    Heading,
    OfficialDocument,
    Paragraph,
    write_docx,
)
from themeday_office.render.gbt9704.header_block import mark_scale
from themeday_office.render.gbt9704.ooxml import PPR_ORDER, RPR_ORDER, TBLPR_ORDER, TCPR_ORDER, TRPR_ORDER

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def parts(path: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(path) as package:
        return {
            name: etree.fromstring(package.read(name))
            for name in package.namelist()
            if name.startswith("word/") and name.endswith(".xml")
        }


@pytest.fixture(scope="module")
def sample_parts(tmp_path_factory) -> dict[str, etree._Element]:
    return parts(write_docx(sample(), tmp_path_factory.mktemp("xml") / "sample.docx"))


@pytest.fixture(scope="module")
def probe_parts(tmp_path_factory) -> dict[str, etree._Element]:
    return parts(write_docx(layout_probe(), tmp_path_factory.mktemp("xml") / "probe.docx"))


def one(node: etree._Element, path: str) -> etree._Element:
    """The first element at `path` (w: prefixed or Clark names) below `node`, which must be there."""
    found = node.find(path, NS)
    assert found is not None, f"no {path} in a w:{etree.QName(node).localname}"
    return found


def paragraphs(root, style_id: str) -> list[etree._Element]:
    return root.xpath(f"//w:p[w:pPr/w:pStyle/@w:val='{style_id}']", namespaces=NS)


def text_of(p) -> str:
    return "".join(p.xpath(".//w:t/text()", namespaces=NS))


def run_fonts(run) -> dict[str, str]:
    fonts = run.find(w("rPr")).find(w("rFonts"))
    return {slot: fonts.get(w(slot)) for slot in SLOTS}


def test_page_is_a4_with_the_standard_margins(sample_parts):
    sect = sample_parts["word/document.xml"].find(".//w:body/w:sectPr", NS)
    size, margins = sect.find(w("pgSz")), sect.find(w("pgMar"))
    assert (size.get(w("w")), size.get(w("h"))) == ("11906", "16838")
    assert {k: margins.get(w(k)) for k in ("top", "right", "bottom", "left")} == {
        "top": "2098", "right": "1474", "bottom": "1984", "left": "1587"}


def test_defaults_and_styles_name_every_font_slot_and_never_a_theme_font(sample_parts):
    styles = sample_parts["word/styles.xml"]
    default = styles.find(".//w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert {default.get(w(s)) for s in SLOTS} == {"仿宋_GB2312"}
    assert styles.find(".//w:docDefaults//w:sz", NS).get(w("val")) == "32"
    for fonts in styles.iter(w("rFonts")):
        assert not [a for a in fonts.attrib if a.endswith("Theme") or a.endswith("theme")]
        assert all(fonts.get(w(s)) for s in SLOTS)
    expected = {"GwOrganMark": "方正小标宋简体", "GwTitle": "方正小标宋简体", "GwBody": "仿宋_GB2312",
                "GwHeading1": "黑体", "GwHeading2": "楷体_GB2312", "GwHeading3": "仿宋_GB2312",
                "GwHeading4": "仿宋_GB2312", "GwPageNumber": "宋体"}
    for style_id, font in expected.items():
        fonts = styles.find(f".//w:style[@w:styleId='{style_id}']/w:rPr/w:rFonts", NS)
        assert {fonts.get(w(s)) for s in SLOTS} == {font}, style_id


def test_theme_language_is_chinese_and_even_and_odd_footers_are_on(sample_parts):
    settings = sample_parts["word/settings.xml"]
    assert settings.find("w:themeFontLang", NS).get(w("eastAsia")) == "zh-CN"
    assert settings.find("w:evenAndOddHeaders", NS) is not None


def test_every_run_names_its_font_in_all_four_slots(sample_parts):
    runs = [r for name, root in sample_parts.items() if name.startswith(("word/document", "word/footer"))
            for r in root.iter(w("r"))]
    assert len(runs) > 30
    for run in runs:
        fonts = run_fonts(run)
        assert len(set(fonts.values())) == 1 and None not in fonts.values(), fonts


def test_fonts_sizes_and_colours_by_role(sample_parts):
    body = sample_parts["word/document.xml"]

    def look(style_id):
        run = one(paragraphs(body, style_id)[0], w("r"))
        rpr = one(run, w("rPr"))
        color = rpr.find(w("color"))
        return (
            run_fonts(run)["eastAsia"],
            one(rpr, w("sz")).get(w("val")),
            color.get(w("val")) if color is not None else None,
        )

    assert look("GwOrganMark")[0] == "方正小标宋简体" and look("GwOrganMark")[2] == "FF0000"
    assert look("GwTitle") == ("方正小标宋简体", "44", None)
    assert look("GwBody") == ("仿宋_GB2312", "32", None)
    assert look("GwHeading1") == ("黑体", "32", None)
    assert look("GwHeading2") == ("楷体_GB2312", "32", None)
    assert look("GwHeading3")[0] == look("GwHeading4")[0] == "仿宋_GB2312"
    spacing = one(paragraphs(body, "GwBody")[0], ".//w:rPr/w:spacing")
    assert spacing.get(w("val")) == "-5"  # 28 characters of 3号 in 156 mm


def test_body_lines_are_exactly_28_95_pt(sample_parts):
    body = sample_parts["word/document.xml"]
    for style_id in ("GwBody", "GwHeading1", "GwHeading2", "GwAddressee", "GwSignature", "GwDocNumber"):
        for p in filter(text_of, paragraphs(body, style_id)):
            spacing = one(p, "w:pPr/w:spacing")
            assert (spacing.get(w("line")), spacing.get(w("lineRule"))) == ("579", "exact"), style_id


def test_odd_and_even_footers_hold_a_page_field(sample_parts):
    document = sample_parts["word/document.xml"]
    with_rels = {r.get(w("type")) for r in document.iter(w("footerReference"))}
    assert with_rels == {"default", "even"}
    footers = [root for name, root in sample_parts.items() if name.startswith("word/footer")]
    assert len(footers) == 2
    alignments = set()
    for footer in footers:
        assert "PAGE" in "".join(footer.xpath("//w:instrText/text()", namespaces=NS)).split()
        assert text_of(footer).startswith("\u2014 ") and text_of(footer).endswith(" \u2014")
        assert {run_fonts(r)["eastAsia"] for r in footer.iter(w("r"))} == {"宋体"}
        assert {r.find(".//w:sz", NS).get(w("val")) for r in footer.iter(w("r"))} == {"28"}
        alignments.add(footer.find(".//w:jc", NS).get(w("val")))
    assert alignments == {"left", "right"}


def test_doc_number_line_follows_the_pattern(sample_parts):
    (number,) = paragraphs(sample_parts["word/document.xml"], "GwDocNumber")
    assert re.fullmatch(r"惠组〔\d{4}〕[1-9]\d*号", text_of(number))


def test_property_elements_are_in_schema_order(sample_parts, probe_parts):
    orders = {"pPr": PPR_ORDER, "rPr": RPR_ORDER, "tblPr": TBLPR_ORDER, "tcPr": TCPR_ORDER, "trPr": TRPR_ORDER}
    checked = 0
    for root in [*sample_parts.values(), *probe_parts.values()]:
        for container, order in orders.items():
            for props in root.iter(w(container)):
                tags = [etree.QName(child).localname for child in props]
                positions = [order.index(tag) for tag in tags]
                assert positions == sorted(positions), (container, tags)
                checked += 1
    assert checked > 100


def test_headings_are_numbered_by_level_and_restart_under_their_parent(tmp_path):
    blocks = [Heading(1, "甲"), Heading(2, "乙"), Heading(2, "丙"), Heading(3, "丁"), Heading(4, "戊"),
              Heading(1, "己"), Heading(2, "庚"), Heading(3, "辛")]
    doc = OfficialDocument(**{**_minimal(), "blocks": blocks})
    body = parts(write_docx(doc, tmp_path / "h.docx"))["word/document.xml"]
    texts = [text_of(p) for p in body.xpath("//w:p[starts-with(w:pPr/w:pStyle/@w:val, 'GwHeading')]", namespaces=NS)]
    assert texts == ["一、甲", "（一）乙", "（二）丙", "1.丁", "（1）戊", "二、己", "（一）庚", "1.辛"]


def test_attachments_start_new_pages_and_are_listed_in_the_note(tmp_path):
    doc = OfficialDocument(
        **{**_minimal(), "attachments": [Attachment("甲表", [Paragraph("内容")]), Attachment("乙表")]}
    )
    body = parts(write_docx(doc, tmp_path / "a.docx"))["word/document.xml"]
    assert [text_of(p) for p in paragraphs(body, "GwAttachmentNote")] == ["附件：1.甲表", "2.乙表"]
    labels = paragraphs(body, "GwAttachmentLabel")
    assert [text_of(p) for p in labels] == ["附件1", "附件2"]
    assert all(p.find("w:pPr/w:pageBreakBefore", NS) is not None for p in labels)
    # The 版记 comes after the last attachment's content.
    children = list(one(body, "w:body"))
    (colophon,) = body.xpath("//w:tbl[w:tblPr/w:tblpPr]", namespaces=NS)
    assert children.index(labels[-1]) < children.index(colophon)
    assert text_of(children[children.index(colophon) - 1]) == "乙表"


def test_signature_sealed_and_unsealed(tmp_path):
    char = 315  # one 3号 character with -0.25 pt spacing, in twips

    def indents(sealed):
        doc = OfficialDocument(**{**_minimal(), "sealed": sealed, "date": datetime.date(2017, 4, 5)})
        body = parts(write_docx(doc, tmp_path / f"s{sealed}.docx"))["word/document.xml"]
        organ, date = paragraphs(body, "GwSignature")
        assert text_of(date) == "2017年4月5日"
        return [int(one(p, "w:pPr/w:ind").attrib[w("right")]) for p in (organ, date)]

    # Sealed: date 4 characters in; the 12-character name centred over the 6-character date.
    assert indents(True) == [1 * char, 4 * char]
    # Unsealed: name 2 characters in, the date starting 2 characters right of the name.
    assert indents(False) == [2 * char, 6 * char]


def test_colophon_is_a_table_anchored_to_the_bottom_of_the_type_area(sample_parts):
    body = sample_parts["word/document.xml"]
    (table,) = body.xpath("//w:tbl[w:tblPr/w:tblpPr]", namespaces=NS)
    position = table.find("w:tblPr/w:tblpPr", NS)
    assert (position.get(w("vertAnchor")), position.get(w("tblpYSpec"))) == ("margin", "bottom")
    texts = [text_of(p) for p in table.iter(w("p"))]
    assert texts == ["抄送：区委办公室，区委督查室。", "中共郑州市惠济区委组织部办公室", "2017年2月21日印发"]
    borders = table.find("w:tblPr/w:tblBorders", NS)
    assert [borders.find(w(s)).get(w("sz")) for s in ("top", "insideH", "bottom")] == ["8", "6", "8"]


def test_style_settings_reach_the_document(tmp_path):
    style = DocumentStyle(text_font="仿宋", title_font="小标宋", red="C00000", star=False)
    found = parts(write_docx(sample(), tmp_path / "s.docx", style))
    body = found["word/document.xml"]
    mark_run = one(paragraphs(body, "GwOrganMark")[0], w("r"))
    assert run_fonts(mark_run)["eastAsia"] == "小标宋"
    assert one(mark_run, ".//w:color").get(w("val")) == "C00000"
    assert run_fonts(one(paragraphs(body, "GwBody")[0], w("r")))["eastAsia"] == "仿宋"
    assert "\u2605" not in "".join(body.itertext())
    red_rule = body.xpath("//w:tcBorders/w:bottom[@w:color='C00000']", namespaces=NS)
    assert len(red_rule) == 1  # one unbroken line without the star
    assert "\u2605" in "".join(parts(write_docx(sample(), tmp_path / "star.docx"))["word/document.xml"].itertext())


def test_a_long_organ_mark_is_narrowed_to_fit_the_type_area():
    assert mark_scale("中共郑州市惠济区委组织部", 36) == 100
    long_mark = "中共郑州市惠济区委组织部中共郑州市惠济区委宣传部联合文件"
    scale = mark_scale(long_mark, 36)
    assert scale < 100 and len(long_mark) * 36 * 20 * scale / 100 <= 8845


def test_control_characters_from_a_clerk_do_not_break_the_xml(tmp_path):
    dirty = "关于\x00开展\x0b活动\x1f的\ufffe通知\r\n（第二批）"
    doc = OfficialDocument(**{**_minimal(), "title": dirty, "blocks": [Paragraph("正文\x07内容\t完")],
                              "copy_to": ["区委\x02办公室"]})
    path = write_docx(doc, tmp_path / "dirty.docx")
    reopened = docx.Document(str(path))
    texts = [p.text for p in reopened.paragraphs]
    assert "关于开展活动的通知\n（第二批）" in texts  # the clerk's line break in a title stays
    assert "正文内容 完" in texts
    assert not any(ch in "".join(texts) for ch in "\x00\x0b\x1f\ufffe\x07\x02")


def test_write_is_atomic(tmp_path, monkeypatch):
    target = tmp_path / "out" / "通知.docx"
    write_docx(sample(), target)
    before = target.read_bytes()

    def broken_save(self, stream):
        stream.write(b"half a document")
        raise OSError("disk full")

    monkeypatch.setattr(docx.document.Document, "save", broken_save)
    with pytest.raises(OSError, match="disk full"):
        write_docx(sample(), target)
    assert target.read_bytes() == before
    assert [p.name for p in target.parent.iterdir()] == ["通知.docx"]


def test_a_locked_target_is_reported_in_chinese(tmp_path, monkeypatch):
    def locked(src, dst):
        raise PermissionError(13, "denied")

    from themeday_office.render import outbox_file

    monkeypatch.setattr(outbox_file.os, "replace", locked)
    with pytest.raises(DocumentWriteError, match="WPS"):
        write_docx(sample(), tmp_path / "通知.docx")
    assert list(tmp_path.iterdir()) == []


def _minimal() -> dict:
    day = datetime.date(2017, 4, 5)
    return dict(organ_mark="中共郑州市惠济区委组织部文件", doc_number="惠组〔2017〕12号", title="关于开展活动的通知",
                addressees=["各党委"], blocks=[Paragraph("正文。")], signature_organ="中共郑州市惠济区委组织部",
                date=day, issuer="中共郑州市惠济区委组织部办公室", issue_date=day)
