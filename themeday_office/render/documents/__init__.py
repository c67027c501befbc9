"""The department's own documents (公文): the monthly 通报, the quarterly assessment and annual
rating 通报, the year's guiding-theme 通知, 备案回执, 退回通知 and 催报通知 — numbered from the ledger's
register, drafted, issued and frozen.

Builders turn rollups and ledger records into `Draft`s (an OfficialDocument waiting for its
发文字号); `DocumentDesk` numbers, writes and issues them; `plan` lists a period's drafts.
The words around the figures come from TOML templates (see `wording`).
"""

from themeday_office.render.documents.batch import (
    KIND_ZH,
    PERIOD_KINDS,
    PlanError,
    plan,
    render_all,
)
from themeday_office.render.documents.common import Correction, Draft, Office
from themeday_office.render.documents.pdf import PdfError, pdf_available, write_pdfs
from themeday_office.render.documents.register import (
    FROZEN,
    WRITTEN,
    DocumentDesk,
    Rendered,
    changed_on_disk,
    file_sha256,
    number_text,
)
from themeday_office.render.documents.reminder import Outstanding, outstanding
from themeday_office.render.documents.returns import write_return_notice
from themeday_office.render.documents.wording import (
    TEMPLATE_FILES,
    Wording,
    WordingError,
    load_wording,
)

__all__ = [
    "write_return_notice",
    "FROZEN",
    "KIND_ZH",
    "PERIOD_KINDS",
    "TEMPLATE_FILES",
    "WRITTEN",
    "Correction",
    "DocumentDesk",
    "Draft",
    "Office",
    "Outstanding",
    "PdfError",
    "PlanError",
    "Rendered",
    "Wording",
    "WordingError",
    "changed_on_disk",
    "file_sha256",
    "load_wording",
    "number_text",
    "outstanding",
    "pdf_available",
    "plan",
    "render_all",
    "write_pdfs",
]
