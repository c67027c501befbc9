"""Documents the render tests typeset, and the sample whose pages are in docs/.

Run `python -m tests.render.documents docs` to write the sample .docx and its pages
(docs/gbt9704-sample-p1.png, -p2.png) after a layout change.
"""

from __future__ import annotations

import datetime
import sys
import tempfile
from pathlib import Path

from themeday_office.render.gbt9704 import (
    Attachment,
    Block,
    Heading,
    OfficialDocument,
    Paragraph,
    Table,
    format_doc_number,
    write_docx,
)

ORGAN = "中共郑州市惠济区委组织部"
# Pure Chinese text without punctuation: every full line of it holds exactly 28 characters.
FILLER = "各基层党组织要把主题党日作为党员经常性教育管理的重要载体认真组织开展"


def sample() -> OfficialDocument:
    """A two-page 通知: 版头, headings of all levels, a table, sealed signature, 版记 on page 2."""
    blocks: list[Block] = [
        Paragraph("为推进“两学一做”学习教育常态化制度化，进一步规范全区基层党组织主题党日活动，现就有关事项通知如下。"),
        Heading(1, "活动时间"),
        Paragraph(
            "全区主题党日统一安排在每月第二个星期五。因特殊情况需要调整的，应当在前后一周之内安排，并于活动前报乡镇（街道）党（工）委备案。"
        ),
        Heading(1, "活动内容"),
        Heading(2, "学习教育"),
        Paragraph("围绕年度指导性主题，组织党员学习党章党规、学习习近平总书记系列重要讲话，每次学习时间不少于1小时。"),
        Heading(2, "组织生活"),
        Heading(3, "按期召开支部党员大会、支部委员会和党小组会"),
        Heading(4, "按时上党课，如实记录活动情况"),
        Heading(1, "工作要求"),
        Paragraph(
            "各乡镇（街道）党（工）委、区直各党（工）委要加强督促指导，于每月5日前将上月活动开展情况报区委组织部组织科。"
        ),
        Table(
            ["单位", "应到人数", "实到人数", "参与率"],
            [["古荥镇党委", 52, 48, "92%"], ["新城街道党工委", 40, 38, "95%"]],
            widths=[2, 1, 1, 1],
        ),
        Paragraph("区委组织部将定期通报各单位活动开展情况，并纳入年度党建工作考核。"),
    ]
    return OfficialDocument(
        organ_mark=ORGAN + "文件",
        doc_number=format_doc_number("惠组", 2017, 12),
        title="关于规范开展2017年度主题党日活动的通知",
        addressees=["各乡镇（街道）党（工）委", "区直各党（工）委"],
        blocks=blocks,
        signature_organ=ORGAN,
        date=datetime.date(2017, 2, 20),
        copy_to=["区委办公室", "区委督查室"],
        issuer=ORGAN + "办公室",
        issue_date=datetime.date(2017, 2, 21),
    )


def layout_probe() -> OfficialDocument:
    """Four pages: body over pages 1–3 (page 2 all body text), an attachment with a table on
    page 4 and the 版记 at its foot."""
    blocks: list[Block] = [Heading(1, "总体要求")]
    blocks += [Paragraph(FILLER * 3 + "。") for _ in range(12)]
    return OfficialDocument(
        organ_mark=ORGAN + "文件",
        doc_number=format_doc_number("惠组", 2017, 3),
        title="关于印发2017年度主题党日\n指导性主题的通知",
        addressees=["各乡镇（街道）党（工）委", "区直各党（工）委"],
        blocks=blocks,
        attachment_note=["2017年度主题党日指导性主题"],
        signature_organ=ORGAN,
        date=datetime.date(2017, 1, 6),
        copy_to=["区委办公室"],
        issuer=ORGAN + "办公室",
        issue_date=datetime.date(2017, 1, 6),
        attachments=[
            Attachment(
                "2017年度主题党日指导性主题",
                [Table(["月份", "主题"], [[f"{m}月", FILLER[:12]] for m in range(1, 13)], widths=[1, 5])],
            )
        ],
    )


# A body paragraph whose 、，and 。 each fall one character past a full line (26 characters after
# the first line's 2-character indent, then 28): a line may not start with them, so they either
# take the line's last character along or hang past the margin, where LibreOffice's PDF loses them.
LINE_END_PUNCTUATION = FILLER[:26] + "、" + FILLER[:27] + "，" + FILLER[:27] + "。"


def punctuation() -> OfficialDocument:
    """One page whose body lines end in punctuation that does not fit the 28 characters."""
    return OfficialDocument(
        organ_mark=ORGAN + "文件",
        doc_number=format_doc_number("惠组", 2017, 4),
        title="关于主题党日活动有关事项的通知",
        addressees=["各乡镇（街道）党（工）委"],
        blocks=[Paragraph(LINE_END_PUNCTUATION), Paragraph(LINE_END_PUNCTUATION)],
        signature_organ=ORGAN,
        date=datetime.date(2017, 1, 6),
        issuer=ORGAN + "办公室",
        issue_date=datetime.date(2017, 1, 6),
    )


def write_sample_pages(folder: Path) -> list[Path]:
    """Write the sample's pages as ~80 dpi PNGs into folder (needs LibreOffice and poppler)."""
    import subprocess

    from tests.render.pdf_probe import convert_to_pdf

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        docx = write_docx(sample(), work / "gbt9704-sample.docx")
        (pdf,) = convert_to_pdf([docx], work, work / "profile")
        subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(work / "page")], check=True)
        written = []
        for number, png in enumerate(sorted(work.glob("page-*.png")), start=1):
            target = folder / f"gbt9704-sample-p{number}.png"
            target.write_bytes(png.read_bytes())
            written.append(target)
        return written


if __name__ == "__main__":
    for path in write_sample_pages(Path(sys.argv[1] if len(sys.argv) > 1 else "docs")):
        print(path)
