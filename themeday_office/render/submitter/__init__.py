"""What the department hands back to submitters: fill-in templates and return packages.

Templates (`write_templates`) are blank forms with the exact labels, formats, input hints
and dropdowns, each marked with its form in its document properties. A return package
(`write_return_package`, or the `on_rejected` hook) tells a submitter what was wrong with
a rejected file, marked in a copy of the file itself where it can be.
"""

from themeday_office.render.office_text import safe_filename
from themeday_office.render.submitter.delivery import DeliveryError
from themeday_office.render.submitter.fingerprint import content_fingerprint
from themeday_office.render.submitter.marker import TEMPLATE_VERSIONS, marker_for
from themeday_office.render.submitter.return_package import (
    RETURN_FOLDER,
    ReturnPackageError,
    on_rejected,
    package_name,
    write_return_package,
)
from themeday_office.render.submitter.templates import (
    COMMITTEE_FOLDER,
    TemplateFile,
    WrittenTemplate,
    template_files,
    write_templates,
)

__all__ = [
    "COMMITTEE_FOLDER",
    "RETURN_FOLDER",
    "TEMPLATE_VERSIONS",
    "DeliveryError",
    "ReturnPackageError",
    "TemplateFile",
    "WrittenTemplate",
    "content_fingerprint",
    "marker_for",
    "on_rejected",
    "package_name",
    "safe_filename",
    "template_files",
    "write_return_package",
    "write_templates",
]
