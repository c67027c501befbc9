"""Which version of each form's template the kit hands out, and which older ones it still reads.

Every template the kit writes carries its form and version in a custom document property,
`FORM_MARKER_PROPERTY` = "monthly:1" (render.submitter.marker writes it, readers keep it,
Excel, WPS and LibreOffice keep it on a re-save). This table is the one place that says
what "current" is:

- a template's layout changes (a column added, moved or renamed, a header field
  changed): raise that form's `current` by one, and regenerate `templates/`;
- the reader can no longer read the older layout: raise `readable_from` to the first
  version it still reads.

`check` then reads a file marked with an older version with a 提示 (请使用最新模板), and
refuses one older than `readable_from` with an 错误 that names the outdated template,
instead of the parse failures its layout would cause. A file without a marker, or whose
marker has no version (hand-made forms, copies of a paper form), is none of these.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from themeday_office.domain.forms.kinds import FORM_MARKER_PROPERTY


@dataclass(frozen=True)
class TemplateVersion:
    current: int  # the version the kit writes today
    readable_from: int = 1  # the oldest version whose layout the reader still reads


# Every form with a template (the five submitted forms and the department's two tables).
# History: version 1 (all forms) is the first marked template.
TEMPLATE_VERSIONS: Mapping[str, TemplateVersion] = MappingProxyType({
    "plan": TemplateVersion(current=1),
    "monthly": TemplateVersion(current=1),
    "record": TemplateVersion(current=1),
    "adjustment": TemplateVersion(current=1),
    "summary": TemplateVersion(current=1),
    "roster": TemplateVersion(current=1),
    "themes": TemplateVersion(current=1),
})


class Age(str, enum.Enum):
    CURRENT = "current"
    OLDER = "older"  # read as usual, with a 提示 to use the latest template
    UNREADABLE = "unreadable"  # its layout is no longer read: an 错误 says so


@dataclass(frozen=True)
class Marker:
    kind: str
    version: int | None  # None: a marker without a version ("monthly")


def current_version(kind: str) -> int:
    """The version of `kind`'s template the kit writes today (KeyError for a kind without one)."""
    return TEMPLATE_VERSIONS[kind].current


def marker_value(kind: str) -> str:
    """The marker of `kind`'s current template: `monthly:1`."""
    return f"{kind}:{current_version(kind)}"


def read_marker(value: object) -> Marker | None:
    """A marker property's form and version; None when it is not a marker at all."""
    if not isinstance(value, str) or not value.strip():
        return None
    kind, _, version = value.partition(":")
    number = version.strip()
    return Marker(kind.strip(), int(number) if number.isascii() and number.isdigit() else None)


def template_age(marker: Marker) -> Age | None:
    """How `marker`'s template stands against the current one; None when that cannot be said
    (no version, a form without templates, or a version newer than this kit knows)."""
    table = TEMPLATE_VERSIONS.get(marker.kind)
    if table is None or marker.version is None or marker.version > table.current:
        return None
    if marker.version == table.current:
        return Age.CURRENT
    return Age.OLDER if marker.version >= table.readable_from else Age.UNREADABLE


__all__ = [
    "FORM_MARKER_PROPERTY",
    "TEMPLATE_VERSIONS",
    "Age",
    "Marker",
    "TemplateVersion",
    "current_version",
    "marker_value",
    "read_marker",
    "template_age",
]
