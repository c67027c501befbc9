"""Legacy and foreign formats through LibreOffice headless, and what the clerk sees without it."""

import pytest

from tests.readers import craft
from tests.readers.craft import RECORD_TABLE
from themeday_office.readers import FileFormat, IsolatedReader, ReadError, ReadLimits, libreoffice, read_bytes

pytestmark = pytest.mark.slow


def test_doc_is_read_through_libreoffice(soffice, fixture_bytes):
    document = craft.read_document(fixture_bytes("lo_record.doc"), "记录表.doc")
    assert document.format is FileFormat.DOC  # where it came from, though parsed as docx
    assert document.tables[0].rows == RECORD_TABLE
    assert [p.text for p in document.paragraphs] == ["主题党日活动记录表", "填报单位：", "古荥镇党委", "记录人：张三"]


def test_conversion_runs_in_the_caller_and_parsing_in_the_worker(soffice, fixture_bytes):
    with IsolatedReader() as reader:
        document = craft.as_document(reader.read_bytes(fixture_bytes("lo_record.doc"), "记录表.doc"))
    assert document.tables[0].rows == RECORD_TABLE


@pytest.mark.parametrize(
    ("source", "fmt"),
    [("lo_record.odt", FileFormat.ODT), ("wps", FileFormat.WPS)],
)
def test_odt_and_wps_documents_are_converted(soffice, fixture_bytes, source, fmt):
    data = craft.as_wps(fixture_bytes("lo_record.doc")) if source == "wps" else fixture_bytes(source)
    document = craft.read_document(data, "记录表")
    assert document.format is fmt
    assert document.tables[0].rows == RECORD_TABLE


def test_rtf_is_converted_too(soffice):
    rtf = rb"{\rtf1\ansi\deff0{\fonttbl{\f0 Arial;}}\f0 Theme day record\par Second line\par}"
    document = craft.read_document(rtf, "a.rtf")
    assert document.format is FileFormat.RTF
    assert [p.text for p in document.paragraphs][:2] == ["Theme day record", "Second line"]


def test_libreoffice_exiting_without_output_is_a_failed_conversion(soffice):
    # A container LibreOffice recognises as Word but cannot load: it exits 0 and writes nothing.
    hollow = craft.compound_file([("WordDocument", b"\0" * 4096), ("1Table", b"\0" * 4096)])
    with pytest.raises(ReadError) as caught:
        read_bytes(hollow, "记录表.doc")
    assert caught.value.code == "conversion_failed"
    assert caught.value.message.endswith("另存为 .docx 后重新报送")


def test_a_stuck_conversion_is_killed_and_the_next_one_works(soffice, fixture_bytes, monkeypatch):
    # One-shot conversions (the resident instance converts this file in less than 0.2 s; its own
    # hangs are in test_resident.py).
    monkeypatch.setenv("THEMEDAY_LIBREOFFICE_RESIDENT", "0")
    with pytest.raises(ReadError) as caught:
        read_bytes(fixture_bytes("lo_record.doc"), "a.doc", ReadLimits(conversion_timeout_s=0.2))
    assert caught.value.code == "conversion_failed" and "0.2 秒" in caught.value.message
    assert craft.read_document(fixture_bytes("lo_record.doc"), "a.doc").tables[0].rows == RECORD_TABLE


def test_without_libreoffice_the_clerk_is_told_how_to_resend(monkeypatch, fixture_bytes):
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: None)
    with pytest.raises(ReadError) as caught:
        read_bytes(fixture_bytes("lo_record.doc"), "记录表.doc")
    assert caught.value.code == "libreoffice_missing"
    assert caught.value.message == (
        "本机未安装 LibreOffice，无法读取 Word 97-2003 文档（.doc） 格式；"
        "请报送方用 Excel 或 WPS 另存为 .docx 后重新报送"
    )
    # A .xls needs no LibreOffice: calamine reads it.
    assert craft.read_book(fixture_bytes("lo_monthly.xls"), "月报.xls").sheets[0].name == "月报"
