"""What a check says: messages (错误 / 提示) about the data, findings about compliance.

A message judges the file (an 错误 gets it rejected unless a clerk accepts it); a
finding is valid data about what a branch or committee did, counted in rollups.
Both are built from the catalog in `codes.py`, never by hand, so every front end
shows the same words for the same code.
"""

from __future__ import annotations

import enum
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict

M = TypeVar("M", bound=BaseModel)


class Severity(str, enum.Enum):
    ERROR = "错误"
    HINT = "提示"


class Message(BaseModel):
    """A problem with the data, as a clerk reads it: `月报!L5“实到人数”为 30，大于应到人数 28`."""

    model_config = ConfigDict(frozen=True)

    severity: Severity
    code: str
    place: str = ""
    text: str  # the full sentence, place included

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class Finding(BaseModel):
    """A fact about compliance: held on which date, too short, late... with the numbers involved."""

    model_config = ConfigDict(frozen=True)

    code: str
    committee: str  # the reporting unit's roster name (a 党(工)委 or, for plans, a 协作组)
    branch: str = ""  # the branch's roster name; "" for a finding about the unit
    period: str  # Period in its canonical spelling, e.g. "2017-03"
    place: str = ""
    text: str
    values: dict[str, int | float | str] = {}
    compliant: bool  # True for findings that record compliance (held on the district date...)


def has_errors(messages: list[Message] | tuple[Message, ...]) -> bool:
    return any(m.is_error for m in messages)


_set = object.__setattr__


def trusted(cls: type[M], fields: dict[str, Any]) -> M:
    """A model from field values already of their declared types, every field given, in order
    (what validation would return): a check builds a message or finding per row, and the catalog
    (codes.py) or a parser process that built them once is their only source."""
    model = cls.__new__(cls)
    _set(model, "__dict__", fields)
    _set(model, "__pydantic_fields_set__", set(fields))
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model
