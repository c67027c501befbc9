"""One isolated parser for the app's whole session, started on first use."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:  # imported on first use: the parser's stack stays out of the app's start
    from themeday_office.readers import IsolatedReader, ReadLimits
    from themeday_office.readers.isolation import Then
    from themeday_office.readers.model import Document, Workbook


class LazyReader:
    """One isolated parser for the app's return packages and imports, started on first use.

    Its child process takes a moment to start and most sessions never need it. Every package
    that touches the original (marking an xlsx, reading xls, ods and Word files again) is made
    in it, under the workspace's [limits], never in the app's own process.
    """

    def __init__(self, limits: ReadLimits) -> None:
        self._limits = limits  # the workspace's ReadLimits
        self._reader: IsolatedReader | None = None
        self._lock = threading.Lock()

    def read_bytes(self, data: bytes, name: str) -> Workbook | Document:
        return self._started().read_bytes(data, name)

    def read_then(self, data: bytes, name: str, then: Then, key: Any, context: Any, extra: Any = None) -> Any:
        """IsolatedReader.read_then: how a return package reads and marks the original."""
        return self._started().read_then(data, name, then, key, context, extra)

    def as_isolated(self) -> IsolatedReader:
        """This reader where office/ asks for an IsolatedReader: office/ types its `reader` by that
        class, and uses only read_bytes and read_then, which this one has too."""
        return cast("IsolatedReader", self)

    def _started(self) -> IsolatedReader:
        with self._lock:
            if self._reader is None:
                from themeday_office.readers import IsolatedReader

                self._reader = IsolatedReader(self._limits, workers=1)
            return self._reader

    def close(self, timeout: float | None = None) -> None:
        """Stop the parser; a read in progress may finish for `timeout` seconds, then it is killed."""
        with self._lock:
            reader, self._reader = self._reader, None
        if reader is not None:
            reader.close(timeout)
