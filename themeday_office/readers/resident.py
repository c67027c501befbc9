"""One LibreOffice kept running for conversions: started on first use, reused, restarted when lost.

A one-shot ``soffice --convert-to`` spends about a second starting LibreOffice for a conversion
that takes a twentieth of that. Here one ``soffice --headless --accept=pipe,...`` listens on a
private pipe, with a user profile of its own in the temporary folder, and a small UNO client
(``lo_bridge.py``) drives it. The client runs as a separate process under a Python that can
import LibreOffice's ``uno`` (LibreOffice's own Python, or the system one with python3-uno): the
kit's interpreter usually cannot, and a crash in the bridge stays out of the kit's process.

Files are converted one at a time, each with a deadline that covers whatever it waits for (a
check that the instance still answers, a start). An instance that does not answer in time is
killed with its whole process group; one that died is noticed before the next file; either is
started again for the next file, so a bad file costs the next ones one restart at most. Where
no instance can start (no ``uno``, LibreOffice exits), Unavailable tells the caller to convert
one-shot; another start is tried after RETRY_AFTER_S. Everything is killed by close() and at
exit; should the owner die without either, the bridge sees its input end and kills the group.

Environment: THEMEDAY_LIBREOFFICE_RESIDENT=0 turns the resident instance off (one-shot only);
THEMEDAY_LIBREOFFICE_PYTHON names the Python that runs the bridge.
"""

from __future__ import annotations

import atexit
import glob
import importlib.util
import json
import os
import queue
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from pathlib import Path
from typing import Any, NoReturn

START_TIMEOUT_S = 60.0  # a fresh profile's first start: ~2.5 s here, more on a busy CI machine
PING_TIMEOUT_S = 5.0
RETRY_AFTER_S = 300.0
ENV_RESIDENT = "THEMEDAY_LIBREOFFICE_RESIDENT"
ENV_PYTHON = "THEMEDAY_LIBREOFFICE_PYTHON"
_BRIDGE = Path(__file__).with_name("lo_bridge.py")
_PROFILE_PREFIX = "themeday-lo-resident-"


# How every LibreOffice the kit starts runs: no window, no document recovery, no splash, no
# empty document, no lock checks (the resident instance and one-shot conversions alike).
QUIET_FLAGS = ("--headless", "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck")

class Unavailable(Exception):
    """No resident instance can be had (str: why); convert one-shot instead."""


class TimedOut(Exception):
    """The file's deadline passed (the instance, if any, was killed)."""


class Lost(Exception):
    """The instance died while converting this file (it is started again for the next one)."""


class Refused(Exception):
    """LibreOffice answered but could not load or save this file."""


def resident_enabled() -> bool:
    return os.environ.get(ENV_RESIDENT, "1").strip().lower() not in ("0", "no", "off", "false")


def uno_python(soffice: Path) -> list[str] | None:
    """The command of a Python that can import ``uno``: the one set in THEMEDAY_LIBREOFFICE_PYTHON,
    LibreOffice's own (Windows, macOS, the Document Foundation's Linux builds), this interpreter
    when it can, or the system's python3 (Debian: python3-uno). None when there is none to try."""
    chosen = os.environ.get(ENV_PYTHON, "").strip()
    if chosen:
        return [chosen]
    program = soffice.resolve().parent
    for own in (program / "python.exe", program / "python", program.parent / "Resources" / "python"):
        if own.is_file():
            return [str(own)]
    if importlib.util.find_spec("uno") is not None:
        return [sys.executable, "-I"]
    for system in ("/usr/bin/python3", "/usr/local/bin/python3"):
        if Path(system).is_file() and Path(system).resolve() != Path(sys.executable).resolve():
            return [system, "-I"]
    return None


class ResidentOffice:
    """A resident LibreOffice for ``soffice``. Thread-safe (conversions take turns); close() ends it."""

    def __init__(
        self, soffice: Path, python: list[str] | None = None, start_timeout_s: float = START_TIMEOUT_S
    ) -> None:
        self._soffice = soffice
        self._python = python
        self._start_timeout_s = start_timeout_s
        self._lock = threading.Lock()
        self._instance: _Instance | None = None
        self._failed_at: float | None = None
        self._closed = False
        self.starts = 0  # instances started so far (restarts included)
        self.unavailable: str | None = None  # why the last start failed, while it counts
        _LIVE.add(self)

    @property
    def process_group(self) -> int | None:
        """The running instance's process group on POSIX (LibreOffice and the bridge), else None."""
        instance = self._instance
        return instance.bridge.pid if instance is not None and os.name == "posix" else None

    def convert(self, source: Path, target: Path, filter_name: str, timeout_s: float) -> None:
        """Convert ``source`` into ``target`` with the export filter ``filter_name`` within
        ``timeout_s`` seconds; raises Unavailable, TimedOut, Lost or Refused."""
        deadline = time.monotonic() + timeout_s
        with self._lock:
            if self._closed:
                raise Unavailable("closed")
            instance = self._ready(deadline)
            reply = instance.ask({"in": str(source), "out": str(target), "filter": filter_name}, deadline)
            if reply is None:
                self._drop()
                raise TimedOut()
            if not reply.get("ok"):
                if reply.get("eof") or reply.get("lost") or not instance.alive():
                    self._drop()
                    raise Lost(str(reply.get("error") or "LibreOffice exited"))
                raise Refused(str(reply.get("error")))
        if not target.is_file() or target.stat().st_size == 0:
            raise Refused("no output")

    def close(self) -> None:
        """Kill the instance (waiting for a conversion in progress); later calls raise Unavailable."""
        with self._lock:
            self._closed = True
            self._drop()

    def _ready(self, deadline: float) -> _Instance:
        """The running instance if it answers, else a new one; the start counts against the deadline."""
        if self._instance is not None and not self._instance.answers(deadline):
            self._drop()  # died or stopped answering between files: not this file's doing
        if self._instance is None:
            if self._failed_at is not None and time.monotonic() - self._failed_at < RETRY_AFTER_S:
                raise Unavailable(self.unavailable or "")
            self._instance = self._start(deadline)
        return self._instance

    def _start(self, deadline: float) -> _Instance:
        python = self._python or uno_python(self._soffice)
        if python is None:
            self._failed("no Python that can import uno (Debian: apt install python3-uno)")
        limit = time.monotonic() + self._start_timeout_s
        self.starts += 1
        try:
            instance = _Instance(self._soffice, python, self._start_timeout_s)
        except OSError as error:
            self._failed(f"cannot start: {error}")
        try:
            instance.wait_ready(min(deadline, limit))
        except _StartFailed as failed:
            instance.kill()
            self._failed(str(failed))
        except TimedOut:
            instance.kill()
            if deadline < limit:
                raise  # the file's own deadline came first: no verdict on the instance
            self._failed(f"LibreOffice did not listen within {self._start_timeout_s:g} s")
        except BaseException:  # Ctrl+C during the start: nothing half-started stays
            instance.kill()
            raise
        self._failed_at = self.unavailable = None
        return instance

    def _failed(self, reason: str) -> NoReturn:
        self._failed_at, self.unavailable = time.monotonic(), reason
        raise Unavailable(reason)

    def _drop(self) -> None:
        if self._instance is not None:
            self._instance.kill()
            self._instance = None


class _StartFailed(Exception):
    pass


class _Instance:
    """One LibreOffice and its bridge, in a process group of their own (POSIX)."""

    def __init__(self, soffice: Path, python: list[str], start_timeout_s: float) -> None:
        _sweep_profiles()
        self.profile = Path(tempfile.mkdtemp(prefix=f"{_PROFILE_PREFIX}{os.getpid()}-"))
        self.pipe = f"themeday-{os.getpid()}-{secrets.token_hex(6)}"
        self._soffice = soffice
        self.office: subprocess.Popen[bytes] | None = None
        self._replies: queue.SimpleQueue[dict | None] = queue.SimpleQueue()
        self._asked = 0
        try:
            self.bridge = subprocess.Popen(
                [*python, str(_BRIDGE), self.pipe, f"{start_timeout_s:g}"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                **_group(None),
            )
        except OSError:
            shutil.rmtree(self.profile, ignore_errors=True)
            raise
        threading.Thread(target=self._read, name="themeday-lo-bridge", daemon=True).start()

    def wait_ready(self, deadline: float) -> None:
        hello = self._next(deadline)
        if hello is None:
            raise TimedOut()
        if not hello.get("uno"):
            raise _StartFailed(f"the bridge's Python cannot import uno: {hello.get('error', 'it exited')}")
        try:
            self.office = self._launch_office()
        except OSError as error:
            raise _StartFailed(f"cannot start LibreOffice: {error}") from None
        ready = self._next(deadline, watch=self.office)
        if ready is None:
            raise TimedOut()
        if not ready.get("ready"):
            raise _StartFailed(str(ready.get("error") or f"LibreOffice exited at start ({self.office.poll()})"))

    def _launch_office(self) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [
                str(self._soffice),
                f"-env:UserInstallation={self.profile.as_uri()}",
                *QUIET_FLAGS,
                "--nofirststartwizard",
                f"--accept=pipe,name={self.pipe};urp;StarOffice.ComponentContext",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            **_group(self.bridge.pid),
        )

    def alive(self) -> bool:
        return self.bridge.poll() is None and self.office is not None and self.office.poll() is None

    def answers(self, deadline: float) -> bool:
        if not self.alive():
            return False
        reply = self.ask({"ping": True}, min(deadline, time.monotonic() + PING_TIMEOUT_S))
        return reply is not None and bool(reply.get("ok"))

    def ask(self, request: dict, deadline: float) -> dict | None:
        """Send one request; its reply, {'eof': True} when the bridge ended, None past the deadline."""
        self._asked += 1
        try:
            assert self.bridge.stdin is not None
            self.bridge.stdin.write(json.dumps({**request, "id": self._asked}).encode() + b"\n")
            self.bridge.stdin.flush()
        except OSError:
            return {"ok": False, "eof": True}
        return self._next(deadline, expect=self._asked)

    def _next(
        self, deadline: float, watch: subprocess.Popen[bytes] | None = None, expect: int | None = None
    ) -> dict | None:
        """The next message (with id ``expect``: the answer to a call that was interrupted is passed over)."""
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            try:
                reply = self._replies.get(timeout=min(left, 0.1) if watch is not None else left)
            except queue.Empty:
                if watch is not None and watch.poll() is not None:
                    return {"ok": False, "eof": True}
                continue
            if reply is None:
                return {"ok": False, "eof": True}
            if reply.get("id") == expect:
                return reply

    def _read(self) -> None:
        assert self.bridge.stdout is not None
        for line in self.bridge.stdout:
            try:
                message = json.loads(line)
            except ValueError:
                continue  # not the bridge's own line
            if isinstance(message, dict):
                self._replies.put(message)
        self._replies.put(None)

    def kill(self) -> None:
        """Kill LibreOffice and the bridge, wait for them, remove the profile."""
        if os.name == "posix":
            try:
                os.killpg(self.bridge.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        elif self.office is not None:
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(self.office.pid)], capture_output=True, check=False)
        for process in (self.office, self.bridge):
            if process is not None:
                process.kill()
                process.wait()
        for stream in (self.bridge.stdin, self.bridge.stdout):
            if stream is not None:
                try:
                    stream.close()
                except OSError:
                    pass
        shutil.rmtree(self.profile, ignore_errors=True)


def _group(leader: int | None) -> dict[str, Any]:
    """Popen arguments: a new process group (leader None) or joining ``leader``'s."""
    if os.name == "posix":
        return {"process_group": 0 if leader is None else leader}
    return {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)} if leader is None else {}


def _sweep_profiles() -> None:
    """Remove the profiles of resident instances whose owner is gone (it was killed outright)."""
    if os.name != "posix":
        return
    for folder in glob.glob(os.path.join(tempfile.gettempdir(), f"{_PROFILE_PREFIX}*-*")):
        try:
            owner = int(Path(folder).name[len(_PROFILE_PREFIX) :].split("-")[0])
            os.kill(owner, 0)
        except ValueError:
            continue
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except PermissionError:
            continue  # another user's process


_LIVE: weakref.WeakSet[ResidentOffice] = weakref.WeakSet()
_shared: ResidentOffice | None = None
_shared_lock = threading.Lock()


def shared_office(soffice: Path) -> ResidentOffice | None:
    """This process's resident instance for ``soffice`` (made on first use; started when first
    asked to convert), or None when THEMEDAY_LIBREOFFICE_RESIDENT turns it off."""
    global _shared
    if not resident_enabled():
        return None
    with _shared_lock:
        if _shared is None or _shared._soffice != soffice:
            if _shared is not None:
                _shared.close()
            _shared = ResidentOffice(soffice)
        return _shared


def close_shared() -> None:
    """End this process's resident instance; the next conversion makes a new one (reading the
    environment again)."""
    global _shared
    with _shared_lock:
        if _shared is not None:
            _shared.close()
            _shared = None


@atexit.register
def _close_all() -> None:
    for office in list(_LIVE):
        office.close()
