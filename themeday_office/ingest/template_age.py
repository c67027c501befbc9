"""Is a file made from an older template of the kit? Told by its marker's version.

A file marked with an older, still readable version is checked as usual and gets a 提示
naming the latest template; one whose layout the reader no longer reads is not parsed at
all and gets one 错误 saying the template is outdated (rather than the missing labels and
values its old layout would produce). A file without a marker or without a version in
it gets nothing: the kit cannot tell which template, if any, it came from.
"""

from __future__ import annotations

from themeday_office.domain.codes import message
from themeday_office.domain.forms.template_versions import (
    FORM_MARKER_PROPERTY,
    Age,
    current_version,
    read_marker,
    template_age,
)
from themeday_office.domain.messages import Message
from themeday_office.ingest.classify import KIND_ZH
from themeday_office.readers import Document, Workbook

TEMPLATE_COMMAND = "themeday templates"


def template_name(kind: str, document: bool) -> str:
    """The file name `themeday templates` gives `kind`'s template (render.submitter.templates)."""
    return f"{KIND_ZH[kind]}.{'docx' if document else 'xlsx'}"


def old_template_message(content: Workbook | Document, kind: str, folder: str = "templates") -> Message | None:
    """The 提示 or 错误 for a file of form `kind` made from an older template; None otherwise.
    `folder` is where `themeday templates` writes the current ones, as the clerk's settings say."""
    marker = read_marker(content.properties.custom.get(FORM_MARKER_PROPERTY))
    if marker is None or marker.kind != kind:
        return None  # no marker, or another form's marker the classification did not follow
    age = template_age(marker)
    if age is None or age is Age.CURRENT:
        return None
    where = f"{folder.rstrip('/')}/{template_name(kind, isinstance(content, Document))}"
    code = "template_old" if age is Age.OLDER else "template_obsolete"
    return message(code, form=KIND_ZH[kind], version=marker.version, current=current_version(kind), where=where,
                   command=TEMPLATE_COMMAND)
