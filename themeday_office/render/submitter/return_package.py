"""What goes back to a submitter whose file was rejected: a return package in outbox/退回/.

    path = write_return_package(ledger, submission_id, workspace.outbox, limits=workspace_limits)

The original is read and marked in a parser process, as at ingest (see package_step). For an
xlsx: their own workbook, bad cells filled and commented, a 错误清单 sheet first, so they fix
the same file and send it again (it is then the next version of the same submission). For
xls/ods/WPS sheets: a new xlsx with their values and the same marks. For Word forms: a docx with
the 错误清单 and their tables with the cells in question shaded. For a file the kit could not read: the 错误清单 alone.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from themeday_office.ledger import Ledger, State, Submission
from themeday_office.readers import IsolatedReader, ReadError, ReadLimits
from themeday_office.render.office_text import safe_filename
from themeday_office.render.submitter.delivery import DeliveryError, deliver
from themeday_office.render.submitter.document_marks import document_package
from themeday_office.render.submitter.error_list import ReturnNotice, notice_for
from themeday_office.render.submitter.package_step import STEP_KEY, package_in_parser
from themeday_office.render.submitter.workbook_marks import error_list_workbook

RETURN_FOLDER = "退回"
# Messages saying the file itself could not be read safely: nothing of it is opened again.
_UNREAD = {"file_unreadable", "file_encrypted", "file_unsafe"}
_OWN_COPY = {"xlsx", "xlsm"}
_READ_AGAIN = {"xls", "ods", "et", "docx", "doc", "wps", "odt", "rtf", "word_other"}
_WORD_SUFFIXES = {".doc", ".docx", ".docm", ".dot", ".dotx", ".wps", ".wpt", ".odt", ".rtf"}


class PackageReader(Protocol):
    """What reads the original again for a package: an IsolatedReader (or the app's lazy one)."""

    def read_then(self, data: bytes, name: str, then: Any, key: Any, context: Any, extra: Any = None) -> Any: ...


class ReturnPackageError(Exception):
    """The package could not be written; str() is the clerk-facing Chinese reason."""


def package_name(submission: Submission, suffix: str) -> str:
    """`古荥镇党委_2017-03_12_退回.xlsx`: the unit (else the file's own name), period, ledger id."""
    who = submission.unit or Path(submission.original_name.replace("\\", "/")).stem
    parts = [safe_filename(who)]
    if submission.period:
        parts.append(safe_filename(submission.period))
    parts += [str(submission.id), "退回"]
    return "_".join(parts) + suffix


def write_return_package(ledger: Ledger, submission_id: int, outbox: Path, *, reader: PackageReader | None = None,
                         limits: ReadLimits | None = None) -> Path:
    """Write the return package of a submission into `outbox`/退回/ and return its path.

    Whatever reads or marks the original runs in a parser process: `reader`'s, or one started
    for this package under `limits` (the workspace's [limits]: pass them). Raises
    ReturnPackageError when the original is missing or the file cannot be written.
    """
    notice = notice_for(ledger, submission_id)
    sub = notice.submission
    try:
        data = ledger.archive.get(sub.sha256)
    except OSError as exc:
        raise ReturnPackageError(f"编号 {sub.id} 的原件不在存档中或已损坏，无法生成退回包：{exc}") from None
    body, suffix = _package(data, notice, reader, limits or ReadLimits())
    try:
        return deliver(Path(outbox) / RETURN_FOLDER / package_name(sub, suffix), body)
    except DeliveryError as exc:
        raise ReturnPackageError(str(exc)) from None


def on_rejected(ledger: Ledger, submission_id: int, outbox: Path, *, reader: PackageReader | None = None,
                limits: ReadLimits | None = None) -> Path | None:
    """The hook the clerk's tools call after a rejection: the package written, or None when
    the submission is not (or no longer) rejected."""
    if ledger.get(submission_id).state is not State.REJECTED:
        return None
    return write_return_package(ledger, submission_id, outbox, reader=reader, limits=limits)


def _package(data: bytes, notice: ReturnNotice, reader: PackageReader | None, limits: ReadLimits) -> tuple[bytes, str]:
    sub = notice.submission
    readable = not any(m.code in _UNREAD for m in notice.messages)
    if readable and (sub.format in _OWN_COPY or sub.format in _READ_AGAIN):
        own = data if sub.format in _OWN_COPY else None
        try:
            with _parser(reader, limits) as parser:
                return parser.read_then(data, sub.original_name, package_in_parser, STEP_KEY, True, (notice, own))
        except ReadError as error:
            # The file read at ingest does not read now (a crash, a timeout, changed limits): the
            # list still goes back, saying why nothing in the file is marked.
            notice = dataclasses.replace(notice, note=f"原文件未能再次读取，未能在其中标出位置：{error.message}")
    if sub.format in _READ_AGAIN - {"xls", "ods", "et"} or Path(sub.original_name).suffix.lower() in _WORD_SUFFIXES:
        return document_package(None, notice), ".docx"
    return error_list_workbook(notice), ".xlsx"


@contextmanager
def _parser(reader: PackageReader | None, limits: ReadLimits) -> Iterator[PackageReader]:
    if reader is not None:
        yield reader
        return
    with IsolatedReader(limits, workers=1) as own:
        yield own
