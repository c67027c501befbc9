"""Parsing in child processes: a file that kills or stalls its parser costs only that file."""

import re
import sys
from concurrent.futures import ThreadPoolExecutor

import openpyxl
import pytest

from tests.readers import craft
from themeday_office.readers import IsolatedReader, ReadError, ReadLimits, read_bytes

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_AS is POSIX-only")


def _far_cell_book(far: str, dimension: str) -> bytes:
    """A1 and one far cell, with the stored dimension rewritten to hide the far one, as a crafted
    file would: calamine then sizes its grid from the cells and asks for rows x columns x 32 bytes."""
    book = openpyxl.Workbook()
    sheet = craft.active_sheet(book)
    sheet["A1"], sheet[far] = "填报单位", "x"
    return craft.rewrite_zip(
        craft.xlsx_bytes(book),
        {
            "xl/worksheets/sheet1.xml": lambda xml: re.sub(
                rb'<dimension ref="[^"]*"/>', f'<dimension ref="{dimension}"/>'.encode(), xml
            )
        },
    )


@pytest.fixture(scope="module")
def reader():
    with IsolatedReader(ReadLimits(child_memory_mb=1024)) as isolated:
        yield isolated


def _monthly() -> bytes:
    return craft.xlsx_bytes(craft.monthly_book())


def test_results_match_the_in_process_reader(reader, fixture_bytes):
    for data in (_monthly(), fixture_bytes("lo_monthly.xls"), craft.docx_bytes(craft.record_document())):
        assert reader.read_bytes(data, "x") == read_bytes(data, "x")


def test_a_file_that_aborts_calamine_kills_only_its_worker(reader):
    # 17 billion cells: calamine's allocation fails and Rust aborts the process. In-process this
    # would end the whole program; here only the worker dies.
    crafted = _far_cell_book("XFD1048576", "A1")
    with pytest.raises(ReadError) as caught:
        reader.read_bytes(crafted, "crafted.xlsx")
    assert caught.value.code == "parser_crashed"
    assert "另存为" in caught.value.message
    # The same reader goes on with the next file.
    assert reader.read_bytes(_monthly(), "next.xlsx").sheets[0].rows[3][1] == "第1党支部"


@posix_only
def test_the_memory_limit_is_what_stops_a_giant_allocation():
    # 2000 x 16384 cells is about 1 GB: under a 512 MB limit the worker dies; with room to spare
    # the same file gets through calamine and is refused by the extent check instead.
    crafted = _far_cell_book("XFD2000", "A1")
    with IsolatedReader(ReadLimits(child_memory_mb=512)) as tight:
        with pytest.raises(ReadError) as caught:
            tight.read_bytes(crafted)
        assert caught.value.code == "parser_crashed"
    with IsolatedReader(ReadLimits(child_memory_mb=4096)) as roomy:
        with pytest.raises(ReadError) as caught:
            roomy.read_bytes(crafted)
        assert caught.value.code == "absurd_range"


def test_a_stalled_parse_times_out_and_the_next_file_reads():
    rows = "".join(
        f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}"><v>{r * 2}</v></c><c r="C{r}"><v>{r * 3}</v></c></row>'
        for r in range(1, 200_001)
    )
    sheet = f'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>'
    big = craft.rewrite_zip(craft.xlsx_bytes(openpyxl.Workbook()), {"xl/worksheets/sheet1.xml": sheet.encode()})
    limits = ReadLimits(parse_timeout_s=0.05, max_rows=1_000_000, zip_max_ratio=10_000)
    with IsolatedReader(limits) as slow:
        slow.read_bytes(_monthly())  # the worker is up before the clock matters
        with pytest.raises(ReadError) as caught:
            slow.read_bytes(big, "big.xlsx")
        assert caught.value.code == "parser_timeout"
        assert "0.05 秒" in caught.value.message
        assert craft.as_workbook(slow.read_bytes(_monthly())).sheets[0].name == "月报"


def test_read_errors_cross_the_process_boundary_intact(reader, fixture_bytes):
    with pytest.raises(ReadError) as caught:
        reader.read_bytes(fixture_bytes("encrypted.xls"))
    assert (caught.value.code, caught.value.message) == ("encrypted", "文件已加密，请去除密码后重新报送")
    book = openpyxl.Workbook()
    sheet = craft.active_sheet(book)
    sheet["A1"], sheet["XFD1048576"] = "填报单位", "误输入"
    with pytest.raises(ReadError) as caught:
        reader.read_bytes(craft.xlsx_bytes(book))
    assert caught.value.code == "absurd_range"


def test_a_pool_reads_from_several_threads(tmp_path):
    paths = []
    for i in range(6):
        path = tmp_path / f"{i}.xlsx"
        path.write_bytes(craft.xlsx_bytes(craft.monthly_book(rows=i + 1)))
        paths.append(path)
    with IsolatedReader(workers=2) as pool, ThreadPoolExecutor(3) as threads:
        books = [craft.as_workbook(b) for b in threads.map(pool.read_path, paths)]
    assert [len(b.sheets[0].rows) for b in books] == [i + 5 for i in range(6)]


def test_workers_start_only_when_needed():
    import multiprocessing

    before = len(multiprocessing.active_children())
    with IsolatedReader(workers=4) as pool:
        assert len(multiprocessing.active_children()) == before
        pool.read_bytes(_monthly())
        pool.read_bytes(_monthly())
        assert len(multiprocessing.active_children()) == before + 1  # one file at a time: one worker
    with pytest.raises(RuntimeError):
        pool.read_bytes(_monthly())


def test_a_worker_started_ahead_reads_the_first_file_and_ends_with_the_reader():
    import multiprocessing
    import time

    before = len(multiprocessing.active_children())
    with IsolatedReader(workers=1) as pool:
        pool.warm_up()
        pool.warm_up()  # its one worker is starting already: nothing more
        assert craft.as_workbook(pool.read_bytes(_monthly())).sheets[0].name == "月报"
        assert len(multiprocessing.active_children()) == before + 1
    assert len(multiprocessing.active_children()) == before
    closed_at_once = IsolatedReader(workers=1)
    closed_at_once.warm_up()
    closed_at_once.close()  # the worker still starting is stopped as soon as it has started
    deadline = time.monotonic() + 60
    while len(multiprocessing.active_children()) > before:
        assert time.monotonic() < deadline, "a worker outlived its reader"
        time.sleep(0.05)


FORKED_HERE = """
from multiprocessing.context import ForkProcess

from tests.readers.test_isolation import _far_cell_book, _monthly, craft
from themeday_office.readers import IsolatedReader, ReadError, ReadLimits
from themeday_office.readers.process_start import fork_is_safe_here

assert fork_is_safe_here(), "a fresh process has one thread"
with IsolatedReader(ReadLimits(child_memory_mb=512), workers=2) as pool:
    pool.start_here()
    assert len(pool._all) == 2 and all(isinstance(w._process, ForkProcess) for w in pool._all)
    try:
        pool.read_bytes(_far_cell_book("XFD2000", "A1"))  # about 1 GB of cells
    except ReadError as error:
        assert error.code == "parser_crashed", error.code
    else:
        raise AssertionError("the memory limit did not stop the giant allocation")
    for _ in range(3):
        assert craft.as_workbook(pool.read_bytes(_monthly())).sheets[0].name == "月报"
print("forked-here ok")
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked from the caller on Linux only")
def test_workers_forked_here_keep_their_limit_and_a_lost_one_is_replaced():
    """start_here(): workers forked from the caller (where that is safe) are parser processes like
    any other: the memory limit stops a giant allocation, and the next file gets a new worker.
    Run in a fresh process: the test process has other threads, where start_here() does not fork."""
    import subprocess
    from pathlib import Path

    done = subprocess.run([sys.executable, "-c", FORKED_HERE], cwd=Path(__file__).resolve().parents[2],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stdout.strip().endswith("forked-here ok"), done.stderr[-3000:]


def _sheet_names(content, name, context, extra):
    if context == "need":
        from themeday_office.readers.isolation import MissingContext

        raise MissingContext(("more", extra))
    return (name, context, extra, content.format.value, [s.name for s in content.sheets])


def _worker_pid(content, name, context, extra):
    import os

    return os.getpid()


def test_one_file_at_a_time_goes_to_the_worker_used_last():
    """Idle workers are taken most recently used first: calls one at a time keep going to the one
    whose caches and check context are warm, even when more workers have started."""
    from concurrent.futures import ThreadPoolExecutor

    data = _monthly()
    with IsolatedReader(workers=3) as pool, ThreadPoolExecutor(3) as threads:
        # Three at once (each step holds its worker a moment) start all three workers.
        started = set(threads.map(lambda _: pool.read_then(data, "a.xlsx", _stall_briefly, 1, "ctx"), range(3)))
        assert len(started) == 3 and len(pool._all) == 3
        last = pool.read_then(data, "a.xlsx", _worker_pid, 1, "ctx")
        assert {pool.read_then(data, "a.xlsx", _worker_pid, 1, "ctx") for _ in range(5)} == {last}


def _stall_briefly(content, name, context, extra):
    import os
    import time

    time.sleep(0.5)
    return os.getpid()


def test_read_then_runs_a_step_in_the_child_with_its_context(reader):
    from themeday_office.readers.isolation import MissingContext

    data = _monthly()
    names = [s.name for s in craft.read_book(data, "x").sheets]
    assert reader.read_then(data, "a.xlsx", _sheet_names, 1, "ctx1", 7) == ("a.xlsx", "ctx1", 7, "xlsx", names)
    # The same key: the worker keeps the context it has (a changed context needs a new key).
    assert reader.read_then(data, "a.xlsx", _sheet_names, 1, "other", 8)[1] == "ctx1"
    assert reader.read_then(data, "a.xlsx", _sheet_names, 2, "ctx2", 9)[1] == "ctx2"
    with pytest.raises(MissingContext) as missing:
        reader.read_then(data, "a.xlsx", _sheet_names, 3, "need", 10)
    assert missing.value.what == ("more", 10)
    with pytest.raises(ReadError):
        reader.read_then(b"not a workbook", "b.xlsx", _sheet_names, 3, "ctx3", 0)


def test_a_worker_keeps_several_contexts_and_agrees_with_its_caller_after_a_failed_read():
    from themeday_office.readers.isolation import CONTEXTS_KEPT

    data = _monthly()
    broken = craft.rewrite_zip(data, {"xl/worksheets/sheet1.xml": lambda xml: b"garbage"})
    with IsolatedReader(ReadLimits(child_memory_mb=1024), workers=1) as one:
        # A new key whose file fails in the child: the child has its context all the same.
        with pytest.raises(ReadError):
            one.read_then(broken, "b.xlsx", _sheet_names, "k0", "ctx0", 0)
        assert one.read_then(data, "a.xlsx", _sheet_names, "k0", "unsent", 1)[1] == "ctx0"
        for k in range(1, CONTEXTS_KEPT + 1):
            assert one.read_then(data, "a.xlsx", _sheet_names, f"k{k}", f"ctx{k}", k)[1] == f"ctx{k}"
        # The most recent ones are kept (nothing is sent again); the oldest was dropped and is resent.
        assert one.read_then(data, "a.xlsx", _sheet_names, f"k{CONTEXTS_KEPT}", "unsent", 0)[1] == f"ctx{CONTEXTS_KEPT}"
        assert one.read_then(data, "a.xlsx", _sheet_names, "k2", "unsent", 0)[1] == "ctx2"
        assert one.read_then(data, "a.xlsx", _sheet_names, "k0", "ctx0 again", 0)[1] == "ctx0 again"


def _stall(content, name, context, extra):
    import time

    time.sleep(600)  # a parser that never answers


def test_close_gives_up_on_a_stuck_worker_after_its_timeout():
    """A reader closed while a file hangs in its child (the app quitting) kills that child
    instead of waiting for it, and the call in progress fails as a crashed parser."""
    import threading
    import time

    reader = IsolatedReader(ReadLimits(parse_timeout_s=600), workers=1)
    reader.read_bytes(_monthly())  # the worker is up
    outcome: list = []

    def stuck_call():
        try:
            reader.read_then(_monthly(), "卡住.xlsx", _stall, key=1, context="ctx")
        except ReadError as error:
            outcome.append(error.code)

    caller = threading.Thread(target=stuck_call)
    caller.start()
    worker = next(iter(reader._all))
    while not worker._contexts:  # the request has been sent to the child
        time.sleep(0.01)
    started = time.monotonic()
    reader.close(timeout=0.2)
    caller.join(30)
    assert not caller.is_alive() and outcome == ["parser_crashed"]
    assert time.monotonic() - started < 10  # far below the 600 s the child would have taken
    assert not worker._process.is_alive()
    with pytest.raises(RuntimeError):
        reader.read_bytes(_monthly())


def test_a_worker_starts_when_stderr_has_no_descriptor(tmp_path):
    """Inside a full-screen app sys.stderr is a capture object whose fileno() is -1; starting a
    parser process must still work (it failed with "bad value(s) in fds_to_keep"). A fresh
    interpreter, so that no resource tracker is running yet."""
    import subprocess

    book = tmp_path / "月报.xlsx"
    book.write_bytes(_monthly())
    code = f"""
import sys
class Capture:
    def write(self, text): pass
    def flush(self): pass
    def fileno(self): return -1
sys.stderr = Capture()
from themeday_office.readers import IsolatedReader
with IsolatedReader(workers=1) as reader:
    print(reader.read_path({str(book)!r}).sheets[0].name)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "月报"


def test_a_worker_that_cannot_start_leaves_nothing_to_wait_for(monkeypatch):
    """A failed start is not counted: close() returns at once instead of waiting for it."""
    from themeday_office.readers import isolation

    def refuse(*args, **kwargs):
        raise OSError("no more processes")

    reader = IsolatedReader(workers=1)
    monkeypatch.setattr(isolation, "_Worker", refuse)
    with pytest.raises(OSError):
        reader.read_bytes(_monthly())
    monkeypatch.undo()
    assert craft.as_workbook(reader.read_bytes(_monthly())).sheets[0].name == "月报"  # the next call starts one
    reader.close(timeout=5)
