"""Safety limits for reading untrusted files; the settings layer maps ``[limits]`` onto these fields."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """Every limit a reader enforces; the defaults are far above any real submission."""

    # A file (or a member of a .zip) larger than this is refused before parsing.
    max_file_mb: float = 20.0
    # Zip containers (xlsx/docx/ods and .zip archives): entries, declared unpacked total, and the
    # compression ratio of any entry over 1 MiB unpacked (XML compresses ~10x, bombs ~1000x).
    zip_max_entries: int = 2000
    zip_max_unpacked_mb: float = 300.0
    zip_max_ratio: float = 200.0
    # A sheet whose data reaches past these is refused: no real form has that many.
    max_rows: int = 10_000
    max_columns: int = 200
    # The isolated parser process: address-space limit (POSIX only) and time per file.
    child_memory_mb: int = 1536
    parse_timeout_s: float = 60.0
    # One LibreOffice conversion (.doc/.wps/.et...), including its first start.
    conversion_timeout_s: float = 120.0

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    @property
    def zip_max_unpacked_bytes(self) -> int:
        return int(self.zip_max_unpacked_mb * 1024 * 1024)
