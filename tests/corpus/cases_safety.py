"""Files that must not be parsed as they stand, archives of submissions, and files that are no form.

Each is kept and named with a clear message: 文件设有密码 (encrypted), 文件无法读取 (unreadable),
文件存在安全风险 (unsafe), 未能识别 (unknown form). Nothing counts from any of them.
"""

from __future__ import annotations

import io
import re
import zipfile

from tests.corpus.build import (
    FIXED_ZIP_TIME,
    SheetSpec,
    book_of,
    docx_of,
    paragraphs,
    stable_zip,
    word_document,
    xlsx_of,
)  # fmt: skip
from tests.corpus.case import (
    BYTES,
    DISTRICT,
    GENERATOR,
    HAND_XML,
    MARCH,
    OPENPYXL,
    PYTHON_DOCX,
    XC,
    Registry,
    ok,
    rejected,
)
from tests.corpus.cases_monthly import standard, xc_rows
from tests.readers.craft import poison_xlsx, rewrite_zip
from themeday_office.synthetic import Layout, month_of, write_monthly_xlsx, write_record_docx
from themeday_office.synthetic.password import encrypt

cases = Registry()

LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>'
)


def _unreadable(text: str):
    return rejected(None, "", "", ("file_unreadable", "", text))


def _unsafe(text: str):
    return rejected(None, "", "", ("file_unsafe", "", text))


def _monthly(tools) -> bytes:
    return xlsx_of(book_of(standard(xc_rows())))


def _with_prolog(xml: bytes, prolog: str) -> bytes:
    """`xml` with a DTD after its declaration, and the deepest entity used in its first text."""
    body = re.sub(rb"^<\?xml[^>]*\?>", b"", xml)
    return b'<?xml version="1.0" encoding="UTF-8"?>' + prolog.encode() + body


@cases.add("safety-encrypted.xlsx", GENERATOR, ("an xlsx with an opening password (agile encryption)",),
           rejected(None, "", "", ("file_encrypted", "", "请去掉密码后重新报送")))
def _(tools):
    return encrypt(tools.written(write_monthly_xlsx, month_of(DISTRICT, XC, MARCH), suffix=".xlsx", layout=Layout()))


@cases.add("safety-encrypted.docx", GENERATOR, ("a docx with an opening password",),
           rejected(None, "", "", ("file_encrypted", "")))
def _(tools):
    month = month_of(DISTRICT, XC, MARCH)
    return encrypt(tools.written(write_record_docx, month.rows[0], month, suffix=".docx"))


@cases.add("safety-not-a-zip.xlsx", BYTES, ("an .xlsx cut short: a zip without its directory",),
           _unreadable("文件已损坏或不完整"))
def _(tools):
    return _monthly(tools)[:3000]


@cases.add("safety-text-renamed.xlsx", BYTES, ("a text file renamed .xlsx",),
           _unreadable("无法识别的文件格式"))
def _(tools):
    return "古荥镇党委3月份主题党日开展情况：各支部均已按时开展。\r\n".encode("gbk")


@cases.add("safety-empty.xlsx", BYTES, ("an empty file (0 bytes)",), _unreadable("文件是空的"))
def _(tools):
    return b""


@cases.add("safety-zip-bomb.xlsx", HAND_XML, ("a zip bomb: an 8 MB part of zeros inside an xlsx",),
           _unsafe("疑似压缩炸弹"))
def _(tools):
    return stable_zip(rewrite_zip(_monthly(tools), {"xl/media/image1.bin": bytes(8 * 1024 * 1024)}))


@cases.add("safety-xml-bomb.xlsx", HAND_XML, ("an XML bomb (billion laughs) in a worksheet part",),
           _unsafe("不允许的 XML 实体定义"))
def _(tools):
    def plant(xml: bytes) -> bytes:
        # 岗田社区党支部 (B5) becomes the entity that expands to 10,000 lols.
        return re.sub(rb'(<c r="B5" t="inlineStr"><is><t>)[^<]*(</t>)', rb"\1&lol4;\2", _with_prolog(xml, LAUGHS))

    return stable_zip(rewrite_zip(_monthly(tools), {"xl/worksheets/sheet1.xml": plant}))


@cases.add("safety-xml-bomb.docx", HAND_XML, ("an XML bomb in word/document.xml",), _unsafe("不允许的 XML 实体定义"))
def _(tools):
    document = word_document("主题党日活动记录表")
    paragraphs(document, "党支部名称：岗田社区党支部")
    data = docx_of(document)
    return stable_zip(rewrite_zip(data, {"word/document.xml": lambda xml: _with_prolog(xml, LAUGHS).replace(
        "岗田社区党支部".encode(), b"&lol4;", 1)}))


@cases.add("safety-absurd-range.xlsx", OPENPYXL, ("a stray value at XFD1048576 below a real table",),
           _unsafe("延伸到 XFD1048576"))
def _(tools):
    book = book_of(standard(xc_rows()))
    book["月报"]["XFD1048576"] = "误输入"
    return xlsx_of(book)


@cases.add("safety-parser-killer.xlsx", HAND_XML,
           ("a crafted xlsx that makes calamine abort its process: isolated, only that read fails",),
           _unsafe("解析程序异常退出"), isolated=True)
def _(tools):
    return stable_zip(poison_xlsx())


# ---- archives --------------------------------------------------------------------------------


def _gbk_zip(members: list[tuple[str, bytes]]) -> bytes:
    """A zip whose names are GBK bytes without the UTF-8 flag, as WinRAR and old Windows tools write.
    zipfile would flag any non-ASCII name as UTF-8, so members are written under ASCII stand-ins
    of the same length, which are then replaced in the local headers and the directory."""
    out = io.BytesIO()
    swaps = []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for k, (name, body) in enumerate(members):
            raw = name.encode("gbk")
            stand_in = f"{k:02d}".encode() + b"_" * (len(raw) - 2)
            swaps.append((stand_in, raw))
            info = zipfile.ZipInfo(stand_in.decode(), FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, body)
    data = out.getvalue()
    for stand_in, raw in swaps:
        assert data.count(stand_in) == 2  # the local header and the central directory
        data = data.replace(stand_in, raw)
    return data


@cases.add("submissions-gbk.zip", HAND_XML,
           ("a .zip of submissions with GBK names", "a member named with ../ (a label, never a path)",
            "a zip inside the zip", "a text file among the forms"),
           ok("monthly", XC, "2017-03", compliant=7, file="新城街道党工委3月份统计表.xlsx"),
           ok("record", "岗田社区党支部", "2017-03", compliant=1, file="上报/岗田社区党支部记录表.docx"),
           rejected(None, "", "", ("file_unreadable", "", "无法识别的文件格式"), file="说明.txt"),
           rejected(None, "", "", ("file_unsafe", "", "压缩包内又含压缩包"), file="旧版/三月.zip"))
def _(tools):
    month = month_of(DISTRICT, XC, MARCH)
    monthly = tools.written(write_monthly_xlsx, month, suffix=".xlsx", layout=Layout(merged_title=True))
    record = tools.written(write_record_docx, month.rows[1], month, suffix=".docx")
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as nested:
        nested.writestr(zipfile.ZipInfo("a.xlsx", FIXED_ZIP_TIME), monthly)
    return _gbk_zip([
        ("新城街道党工委3月份统计表.xlsx", monthly),
        ("../../上报/岗田社区党支部记录表.docx", record),
        ("说明.txt", "请查收。".encode("gbk")),
        ("旧版/三月.zip", inner.getvalue()),
    ])  # fmt: skip


# ---- no known form --------------------------------------------------------------------------


@cases.add("unknown-form.xlsx", OPENPYXL, ("a workbook that is no form (党费 receipts)",),
           rejected(None, "", "", ("unknown_form", "", "月度统计表的“党支部名称”")))
def _(tools):
    sheet = SheetSpec("党费")
    sheet.add(["2017年3月党费收缴明细"], ["姓名", "党费基数", "应交金额", "实交金额"],
              ["张三", 5000, 50, 50], ["李四", 4200, 21, 21])
    return xlsx_of(book_of(sheet))


@cases.add("unknown-form.docx", PYTHON_DOCX, ("a Word notice that is no form",),
           rejected(None, "", "", ("unknown_form", "", "标题“主题党日活动记录表”")))
def _(tools):
    document = word_document("关于召开全区党建工作会议的通知")
    paragraphs(document, "各党(工)委：", "定于2017年3月20日召开全区党建工作会议，请准时参加。", "区委组织部")
    return docx_of(document)

