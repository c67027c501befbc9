"""The form marker every template carries in its custom document properties.

`check` reads it (ingest.classify) to know a template's form however a submitter retitled
it, and (ingest.template_age) whether the template is the current one. The version after
the colon is that form's entry in domain.forms.template_versions: bump it there when a
template's layout changes.
"""

from __future__ import annotations

from themeday_office.domain.forms.template_versions import (
    FORM_MARKER_PROPERTY,
    TEMPLATE_VERSIONS,
    current_version,
    marker_value,
)

__all__ = ["FORM_MARKER_PROPERTY", "TEMPLATE_VERSIONS", "current_version", "marker_for"]


def marker_for(kind: str) -> str:
    """The marker value of a form kind's current template: `monthly:1`."""
    return marker_value(kind)
