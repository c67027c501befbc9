"""The clerk's terminal sees no Python traceback: not from a closed pipe, not from Ctrl+C.

Real `themeday` processes: a reader that goes away early (`| head -1`, or never reads at all),
and SIGINT sent to the whole process group of a running `themeday ingest` (the parent and its
parser processes, as a terminal's Ctrl+C does). Details go to state/themeday.log.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from themeday_office.cli import main
from themeday_office.cli.endings import INTERRUPTED, LOG_NAME, PIPE_CLOSED
from themeday_office.domain.period import Period
from themeday_office.ledger import CheckedFile, Ledger, sha256_of
from themeday_office.synthetic import make_district, make_period_submissions, write_roster_xlsx
from themeday_office.workspace import init_workspace

pytestmark = pytest.mark.skipif(os.name != "posix", reason="process groups, SIGINT and pipes as on a clerk's Linux")

NOISE = ("Traceback", "Exception ignored", "KeyboardInterrupt", "BrokenPipeError", "Error in atexit")


def themeday(*args: str) -> list[str]:
    """The installed console script, as a clerk runs it (its parser processes import it again)."""
    script = shutil.which("themeday")
    return [script, *args] if script else [sys.executable, "-m", "themeday_office", *args]


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _maps(pid: int) -> bytes:
    """The files a process has mapped: which native libraries it has loaded so far."""
    try:
        return Path(f"/proc/{pid}/maps").read_bytes()
    except OSError:
        return b""


def quiet(stderr: str) -> bool:
    return not any(word in stderr for word in NOISE)


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    """A workspace with a roster, and 100 monthly reports of its district waiting outside."""
    root = tmp_path_factory.mktemp("stderr")
    district = make_district(seed=7, branches=40)
    write_roster_xlsx(district, root / "组织架构.xlsx")
    files = []
    for seed in range(1, 21):
        made = make_period_submissions(district, Period.of_month(2017, 3), root / f"seed{seed}", seed=seed,
                                       mistakes={}, record_sample=0, adjusted=())
        files += [f.path for f in made]
    return root, files


def fresh_workspace(root: Path, name: str) -> Path:
    ws = root / name
    init_workspace(ws)
    assert main(["roster", "import", str(root / "组织架构.xlsx"), "--effective", "2017-01-01", "-w", str(ws)]) == 0
    return ws


def test_a_reader_that_never_reads_leaves_no_traceback(desk, capsys):
    root, files = desk
    ws = fresh_workspace(root, "never-reads")
    capsys.readouterr()
    proc = subprocess.Popen(themeday("check", "--json", *map(str, files[:12]), "-w", str(ws)),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stderr is not None  # both are pipes
    proc.stdout.close()  # gone before the first byte: every write meets a closed pipe
    stderr = proc.stderr.read()
    assert proc.wait(timeout=120) == PIPE_CLOSED
    assert stderr == ""
    assert "管道已断开" in (ws / "state" / LOG_NAME).read_text(encoding="utf-8")


def test_head_1_of_a_long_listing(desk, capsys):
    root, _ = desk
    ws = fresh_workspace(root, "head")
    with Ledger.open(ws / "state") as ledger:
        for n in range(1500):  # far more than a pipe holds (64 KiB), as JSON and as the listing
            data = f"文件{n}".encode()
            ledger.record(CheckedFile(sha256=sha256_of(data), original_name=f"第{n}号文件.xlsx",
                                      inbox_path=f"第{n}号文件.xlsx", size=len(data), format="xlsx"),
                          auto_accept=False)
    capsys.readouterr()
    # Rich ends a write of its own console into a closed pipe with exit code 1, quietly too.
    for args, codes in ((("ledger", "--json"), {PIPE_CLOSED}), (("ledger",), {1, PIPE_CLOSED})):
        proc = subprocess.Popen(themeday(*args, "-w", str(ws)), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        head = subprocess.Popen(["head", "-1"], stdin=proc.stdout, stdout=subprocess.PIPE)
        assert proc.stdout is not None and proc.stderr is not None  # both are pipes
        proc.stdout.close()  # head holds the only reading end now
        first = head.communicate(timeout=60)[0].decode()
        stderr = proc.stderr.read().decode()
        assert proc.wait(timeout=60) in codes, args
        assert first.strip() and stderr == "", (args, stderr)


def ten_files_through(proc: subprocess.Popen[bytes]) -> None:
    """Mid-run: ten files reported done (by progress, never by elapsed time)."""
    assert proc.stdout is not None  # a pipe
    done, deadline = 0, time.monotonic() + 120
    while done < 10:
        line = proc.stdout.readline().decode()
        assert line and time.monotonic() < deadline, "ingest ended or hung before ten files"
        done += "→" in line


def a_parser_starting(proc: subprocess.Popen[bytes]) -> None:
    """A parser process half-way through its start: loading the readers' native libraries, before
    it can ignore Ctrl+C (a Ctrl+C here once ended it with a traceback on the clerk's terminal).
    On Linux the forkserver the parsers are forked from, elsewhere a 'spawn'ed parser."""
    deadline = time.monotonic() + 120
    starting = (b"spawn_main", b"forkserver")
    while not any(any(s in _cmdline(child) for s in starting) and b"lxml" in _maps(child)
                  for child in _children(proc.pid)):
        assert proc.poll() is None and time.monotonic() < deadline, "ingest ended or hung before a parser started"
        time.sleep(0.001)


@pytest.mark.parametrize("moment", [a_parser_starting, ten_files_through], ids=["parser-starting", "mid-run"])
def test_ctrl_c_during_ingest_loses_nothing_and_says_so_in_one_line(desk, moment):
    root, files = desk
    ws = fresh_workspace(root, f"ctrl-c-{moment.__name__}")
    for n, path in enumerate(files):
        shutil.copy(path, ws / "inbox" / f"{n:03d}-{path.name}")
    contents = {sha256_of(p.read_bytes()) for p in files}
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(themeday("ingest", "-w", str(ws)), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, start_new_session=True)
    moment(proc)
    os.killpg(proc.pid, signal.SIGINT)  # the terminal's Ctrl+C: the parent and its parser processes
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == INTERRUPTED
    assert err.decode().strip() == "已中断。", err.decode()
    assert "已中断" in (ws / "state" / LOG_NAME).read_text(encoding="utf-8")
    with Ledger.open(ws / "state") as ledger:
        recorded = {s.sha256 for s in ledger.submissions()}
    left = {sha256_of(p.read_bytes()) for p in (ws / "inbox").iterdir() if p.is_file()}
    assert recorded | left == contents and left, "each file recorded or still waiting, the run cut short"

    again = subprocess.run(themeday("ingest", "-w", str(ws)), capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and quiet(again.stderr)
    with Ledger.open(ws / "state") as ledger:
        subs = ledger.submissions()
        assert sorted(s.sha256 for s in subs) == sorted(contents), "every file exactly once"
        assert all(ledger.archive.has(s.sha256) for s in subs)
    assert not [p for p in (ws / "inbox").iterdir() if p.is_file()]


def test_a_bug_is_one_line_for_the_clerk_and_a_traceback_in_the_log(tmp_path, capsys, monkeypatch):
    from themeday_office.cli import ledger_cmd

    root = tmp_path / "ws"
    init_workspace(root)

    def broken(args):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(ledger_cmd, "run_list", broken)
    assert main(["ledger", "-w", str(root)], program=True) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "程序内部错误（ZeroDivisionError: division by zero）" in err and quiet(err)
    logged = (root / "state" / LOG_NAME).read_text(encoding="utf-8")
    assert "Traceback" in logged and "ZeroDivisionError" in logged and "themeday" in logged
    with pytest.raises(ZeroDivisionError):  # a test calling main sees the bug itself
        main(["ledger", "-w", str(root)])
