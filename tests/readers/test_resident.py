"""The resident LibreOffice: one instance for many files, restarted when it dies or hangs, one-shot
conversions where it cannot start, nothing left running. Real LibreOffice throughout: a hang is
LibreOffice stopped (SIGSTOP), a crash is LibreOffice killed, in the middle of a file or between
files. No timings are asserted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from tests.readers import craft
from tests.readers.craft import RECORD_TABLE
from themeday_office.readers import FileFormat, ReadError, libreoffice, read_bytes, resident
from themeday_office.readers.resident import Lost, ResidentOffice, TimedOut, Unavailable

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process groups are read from /proc"),
]
DOCX = "MS Word 2007 XML"


def members(group: int) -> dict[int, str]:
    """Live (not zombie) processes of a process group: pid -> command name."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name, rest = stat[stat.index("(") + 1 : stat.rindex(")")], stat[stat.rindex(")") + 2 :].split()
        if int(rest[2]) == group and rest[0] != "Z":
            found[int(entry.name)] = name
    return found


def office_pid(office: ResidentOffice) -> int:
    """The pid of the instance's soffice.bin (the launcher's child)."""
    assert office.process_group is not None
    (pid,) = [pid for pid, name in members(office.process_group).items() if name == "soffice.bin"]
    return pid


def wait_gone(group: int, seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while members(group) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert members(group) == {}, f"left running: {members(group)}"


def record_ok(office: ResidentOffice, doc: Path, out: Path) -> None:
    office.convert(doc, out, DOCX, 60)
    assert craft.read_document(out.read_bytes(), "记录表.docx").tables[0].rows == RECORD_TABLE


def slow_rtf(paragraphs: int = 6000) -> bytes:
    """A plain but long RTF: LibreOffice needs seconds to lay it out, time enough to stop or kill it."""
    body = "".join(rf"\par Paragraph {i} of a long theme day record, written again to make a slow file. "
                   for i in range(paragraphs))
    return (r"{\rtf1\ansi\deff0{\fonttbl{\f0 Arial;}}\f0 " + body + "}").encode()


def later(seconds: float, action) -> threading.Timer:
    timer = threading.Timer(seconds, action)
    timer.start()
    return timer


@pytest.fixture(scope="module")
def uno(soffice: Path) -> None:
    """A Python that can import LibreOffice's uno (CI installs python3-uno: there its absence fails)."""
    python = resident.uno_python(soffice)
    if python is None or subprocess.run([*python, "-c", "import uno"], capture_output=True).returncode != 0:
        if os.environ.get("CI") == "true":
            pytest.fail("no Python that can import uno (python3-uno) in CI")
        pytest.skip("no Python that can import LibreOffice's uno (Debian: python3-uno)")


@pytest.fixture
def office(soffice: Path, uno: None) -> Iterator[ResidentOffice]:
    own = ResidentOffice(soffice)
    groups: list[int] = []
    original = own._start

    def start(deadline: float):  # every group this instance ever had, to check they all ended
        instance = original(deadline)
        groups.append(instance.bridge.pid)
        return instance

    own._start = start  # type: ignore[method-assign]
    yield own
    own.close()
    for group in groups:
        wait_gone(group)


@pytest.fixture
def shared() -> Iterator[None]:
    """A fresh shared instance for the test (it reads the environment when made), closed after."""
    resident.close_shared()
    yield
    resident.close_shared()


@pytest.fixture
def doc(tmp_path: Path, fixture_bytes) -> Path:
    path = tmp_path / "记录表.doc"
    path.write_bytes(fixture_bytes("lo_record.doc"))
    return path


def test_a_batch_of_doc_wps_and_et_files_goes_through_one_instance(soffice, uno, shared, fixture_bytes):
    record, sheet = fixture_bytes("lo_record.doc"), fixture_bytes("lo_monthly.xls")
    for _ in range(2):
        for data, fmt in ((record, FileFormat.DOC), (craft.as_wps(record), FileFormat.WPS)):
            docx_bytes = libreoffice.convert(data, fmt, "docx", 60)
            assert craft.read_document(docx_bytes, "a.docx").tables[0].rows == RECORD_TABLE
        xlsx = libreoffice.convert(craft.as_wps(sheet), FileFormat.ET, "xlsx", 60)
        assert craft.read_book(xlsx, "a.xlsx").sheets[0].name == "月报"
    office = resident.shared_office(soffice)
    assert office is not None and office.starts == 1 and office.unavailable is None
    assert sorted(members(office.process_group or 0).values()) == ["oosplash", "python3", "soffice.bin"]


def test_a_file_that_hangs_libreoffice_costs_the_next_files_one_restart(office, doc, tmp_path):
    record_ok(office, doc, tmp_path / "warm.docx")
    slow = tmp_path / "slow.rtf"
    slow.write_bytes(slow_rtf())
    group, hung = office.process_group, office_pid(office)
    assert group is not None
    timer = later(0.5, lambda: os.kill(hung, signal.SIGSTOP))
    with pytest.raises(TimedOut):
        office.convert(slow, tmp_path / "slow.docx", DOCX, 4)
    timer.join()
    wait_gone(group)  # killed, not left stopped
    for n in range(3):
        record_ok(office, doc, tmp_path / f"next{n}.docx")
    assert office.starts == 2


def test_libreoffice_dying_during_a_file_costs_the_next_files_one_restart(office, doc, tmp_path):
    record_ok(office, doc, tmp_path / "warm.docx")
    slow = tmp_path / "slow.rtf"
    slow.write_bytes(slow_rtf())
    timer = later(0.5, lambda: os.kill(office_pid(office), signal.SIGKILL))
    with pytest.raises(Lost):
        office.convert(slow, tmp_path / "slow.docx", DOCX, 60)
    timer.join()
    for n in range(3):
        record_ok(office, doc, tmp_path / f"next{n}.docx")
    assert office.starts == 2


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGSTOP], ids=["died", "hung"])
def test_an_instance_lost_between_files_is_replaced_without_blaming_the_next_file(office, doc, tmp_path, how):
    record_ok(office, doc, tmp_path / "first.docx")
    os.kill(office_pid(office), how)
    record_ok(office, doc, tmp_path / "second.docx")
    record_ok(office, doc, tmp_path / "third.docx")
    assert office.starts == 2


def test_the_file_during_which_libreoffice_died_is_converted_one_shot(soffice, uno, shared, fixture_bytes):
    office = resident.shared_office(soffice)
    assert office is not None
    assert craft.read_document(fixture_bytes("lo_record.doc"), "a.doc").tables[0].rows == RECORD_TABLE
    timer = later(0.5, lambda: os.kill(office_pid(office), signal.SIGKILL))
    converted = libreoffice.convert(slow_rtf(), FileFormat.RTF, "docx", 120)
    timer.join()
    assert craft.read_document(converted, "slow.docx").paragraphs[-1].text.startswith("Paragraph 5999 ")
    assert office.starts == 1  # converted one-shot; the instance starts again with the next file
    assert craft.read_document(fixture_bytes("lo_record.doc"), "a.doc").tables[0].rows == RECORD_TABLE
    assert office.starts == 2


@pytest.mark.parametrize(
    "python", ["/nonexistent/python3", "true", sys.executable], ids=["missing", "silent", "no-uno"]
)
def test_where_no_listener_can_start_files_are_converted_one_shot(soffice, shared, fixture_bytes, monkeypatch, python):
    if python == sys.executable and resident.uno_python(soffice) == [sys.executable, "-I"]:
        pytest.skip("this interpreter can import uno")
    monkeypatch.setenv(resident.ENV_PYTHON, python)
    for _ in range(2):
        assert craft.read_document(fixture_bytes("lo_record.doc"), "a.doc").tables[0].rows == RECORD_TABLE
    office = resident.shared_office(soffice)
    assert office is not None and office.unavailable and office.starts == 1  # not tried again at once
    assert office.process_group is None
    with pytest.raises(Unavailable):
        office.convert(Path("a.doc"), Path("a.docx"), DOCX, 10)


def test_the_resident_instance_can_be_turned_off(soffice, shared, fixture_bytes, monkeypatch):
    monkeypatch.setenv(resident.ENV_RESIDENT, "0")
    assert resident.shared_office(soffice) is None
    assert craft.read_document(fixture_bytes("lo_record.doc"), "a.doc").tables[0].rows == RECORD_TABLE


def test_a_file_libreoffice_cannot_open_leaves_the_instance_running(office, doc, tmp_path):
    hollow = tmp_path / "hollow.doc"
    hollow.write_bytes(craft.compound_file([("WordDocument", b"\0" * 4096), ("1Table", b"\0" * 4096)]))
    record_ok(office, doc, tmp_path / "before.docx")
    with pytest.raises(resident.Refused):
        office.convert(hollow, tmp_path / "hollow.docx", DOCX, 60)
    with pytest.raises(ReadError) as caught:
        read_bytes(hollow.read_bytes(), "记录表.doc")
    assert caught.value.code == "conversion_failed" and "未能打开" in caught.value.message
    record_ok(office, doc, tmp_path / "after.docx")
    assert office.starts == 1


def test_close_ends_the_instance_and_later_calls_are_refused(office, doc, tmp_path):
    record_ok(office, doc, tmp_path / "a.docx")
    group = office.process_group
    assert group is not None
    office.close()
    wait_gone(group)
    with pytest.raises(Unavailable):
        office.convert(doc, tmp_path / "b.docx", DOCX, 60)


@pytest.mark.parametrize("ending", ["exit", "os._exit", "SIGKILL"])
def test_an_owner_that_ends_leaves_no_libreoffice_behind(soffice, office, doc, tmp_path, ending):
    # exit: the atexit hook; os._exit (a multiprocessing child) and SIGKILL: the bridge's watchdog,
    # and the next instance of any process removes the profile left behind.
    script = (
        "import os, signal\n"
        "from pathlib import Path\n"
        "from themeday_office.readers.resident import ResidentOffice\n"
        f"office = ResidentOffice(Path({str(soffice)!r}))\n"
        f"office.convert(Path({str(doc)!r}), Path({str(tmp_path / 'out.docx')!r}), {DOCX!r}, 60)\n"
        "print(os.getpid(), office.process_group, flush=True)\n"
        f"ending = {ending!r}\n"
        "if ending == 'os._exit':\n    os._exit(0)\n"
        "if ending == 'SIGKILL':\n    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    child = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    owner, group = map(int, child.stdout.split())
    wait_gone(group)
    profiles = f"themeday-lo-resident-{owner}-*"
    assert bool(list(Path(tempfile.gettempdir()).glob(profiles))) is (ending != "exit")
    record_ok(office, doc, tmp_path / "next.docx")
    assert list(Path(tempfile.gettempdir()).glob(profiles)) == []


def test_pdf_copies_go_through_the_resident_instance(soffice, uno, shared, tmp_path, monkeypatch):
    from themeday_office.render.documents import write_pdfs

    documents = []
    for n in range(3):
        document = docx.Document()
        document.add_paragraph(f"关于第{n}号主题党日的通报")
        documents.append(tmp_path / f"通报{n}.docx")
        document.save(str(documents[-1]))
    assert write_pdfs(documents) == [d.with_suffix(".pdf") for d in documents]
    assert all(d.with_suffix(".pdf").read_bytes().startswith(b"%PDF") for d in documents)
    office = resident.shared_office(soffice)
    assert office is not None and office.starts == 1 and office.process_group is not None
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".~pdf-")] == []
    # Turned off, the same copies come from one one-shot run.
    monkeypatch.setenv(resident.ENV_RESIDENT, "0")
    for d in documents:
        d.with_suffix(".pdf").unlink()
    assert write_pdfs(documents) == [d.with_suffix(".pdf") for d in documents]
    assert all(d.with_suffix(".pdf").is_file() for d in documents)
