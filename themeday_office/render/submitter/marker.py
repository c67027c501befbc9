"""The form marker every template carries in its custom document properties.

`check` reads it (ingest.classify) to know a template's form however a submitter retitled
it. The version after the colon changes when a template's layout changes in a way a
reader should know about; old versions stay readable.
"""

from __future__ import annotations

from themeday_office.domain.forms.kinds import FORM_MARKER_PROPERTY

TEMPLATE_VERSION = 1

__all__ = ["FORM_MARKER_PROPERTY", "TEMPLATE_VERSION", "marker_for"]


def marker_for(kind: str) -> str:
    """The marker value of a form kind's template: `monthly:1`."""
    return f"{kind}:{TEMPLATE_VERSION}"
