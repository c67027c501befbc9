"""The UNO client of the resident LibreOffice: run as a script by a Python that can import ``uno``.

Not imported by themeday: ``readers/resident.py`` runs it as its own process, with LibreOffice's
own Python (Windows, macOS) or the system one with LibreOffice's bridge (Debian: python3-uno),
since the kit's interpreter usually cannot load ``uno``. It must stay standalone (standard
library and ``uno`` only) and run on the Python 3.8 some LibreOffice builds bundle.

    python lo_bridge.py PIPE_NAME CONNECT_SECONDS

Protocol, one JSON object a line: it first prints ``{"uno": true}`` (or ``{"uno": false, ...}``
and exits), then, once LibreOffice listens on the pipe, ``{"ready": true}``. Then each request
``{"id": N, "in": PATH, "out": PATH, "filter": NAME}`` gets ``{"id": N, "ok": true}`` or ``{"id":
N, "ok": false, "error": TEXT, "lost": BOOL}`` (lost: the connection to LibreOffice is gone);
``{"id": N, "ping": true}`` gets ``{"id": N, "ok": true}`` after a round trip through
LibreOffice. End of input ends it: it kills its process group first, which holds LibreOffice,
so an owner that died leaves nothing.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time


def _say(message: dict, request: dict | None = None) -> None:
    if request is not None:
        message["id"] = request.get("id")  # the owner passes over answers to calls it gave up on
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def _end() -> None:
    """Kill the process group (LibreOffice and this script) where there is one, then exit."""
    if os.name == "posix" and os.getpgrp() == os.getpid():
        os.killpg(os.getpgrp(), signal.SIGKILL)
    os._exit(0)


def main() -> None:
    pipe, connect_s = sys.argv[1], float(sys.argv[2])
    try:
        import uno
        from com.sun.star.beans import PropertyValue
        from com.sun.star.connection import NoConnectException
    except ImportError as error:
        _say({"uno": False, "error": str(error)})
        return
    _say({"uno": True, "python": sys.version.split()[0]})

    def props(**values: object) -> tuple:
        out = []
        for name, value in values.items():
            prop = PropertyValue()
            prop.Name, prop.Value = name, value
            out.append(prop)
        return tuple(out)

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + connect_s
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            if time.monotonic() > deadline:
                _say({"ready": False, "error": "LibreOffice did not listen in time"})
                _end()
            time.sleep(0.05)
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    # Untrusted input: no macros, no links updated, nothing shown, nothing written beside it.
    load = props(Hidden=True, ReadOnly=True, MacroExecutionMode=0, UpdateDocMode=0)
    _say({"ready": True})
    for line in sys.stdin:
        request = json.loads(line)
        document = None
        try:
            if request.get("ping"):
                desktop.getFrames().getCount()  # a round trip through LibreOffice
                _say({"ok": True}, request)
                continue
            document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(request["in"]), "_blank", 0, load)
            if document is None:
                _say({"ok": False, "error": "LibreOffice could not load the file", "lost": False}, request)
                continue
            document.storeToURL(uno.systemPathToFileUrl(request["out"]), props(FilterName=request["filter"]))
            _say({"ok": True}, request)
        except Exception as error:  # noqa: BLE001 - any UNO failure is this file's answer, told to the owner
            kind = type(error).__name__  # pyuno names UNO exceptions in full: com.sun.star.lang...
            lost = kind.endswith("DisposedException")  # the connection to LibreOffice is gone
            _say({"ok": False, "error": f"{kind}: {error}"[:300], "lost": lost}, request)
            if lost:
                break
        finally:
            if document is not None:
                try:
                    document.close(True)
                except Exception:  # noqa: BLE001 - a document that will not close is dropped with the instance
                    pass
    _end()


if __name__ == "__main__":
    main()
