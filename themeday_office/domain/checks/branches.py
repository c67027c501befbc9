"""Resolve names written in a form against the roster, with the message for a miss."""

from __future__ import annotations

from themeday_office.domain.codes import message
from themeday_office.domain.messages import Message
from themeday_office.domain.roster.model import Branch, Committee, CooperationGroup, Match, Miss, Roster


def resolve_committee(roster: Roster, name: str, label: str, place: str) -> Committee | Message:
    found = roster.find_committee(name)
    return found.item if isinstance(found, Match) else _unit_miss(found, label, place)


def resolve_unit(roster: Roster, name: str, label: str, place: str) -> Committee | CooperationGroup | Message:
    """A committee, or else a cooperation group (plans come from both)."""
    found = roster.find_committee(name)
    if isinstance(found, Match):
        return found.item
    group = roster.find_group(name)
    if isinstance(group, Match):
        return group.item
    return _unit_miss(found, label, place)


def resolve_branch(roster: Roster, name: str, committee: str | None, place: str) -> Branch | Message:
    """A branch of `committee` (or anywhere, when None); a miss says what is wrong and suggests names."""
    found = roster.find_branch(name, committee)
    if isinstance(found, Match):
        return found.item
    if found.ambiguous:
        return message(
            "branch_ambiguous", place, name=name, count=len(found.candidates), candidates="、".join(found.candidates)
        )
    if committee is not None:
        elsewhere = roster.find_branch(name)
        if isinstance(elsewhere, Match) and elsewhere.item.committee != committee:
            return message("branch_other_committee", place, name=name, actual=elsewhere.item.committee, unit=committee)
    return message("branch_unknown", place, name=name, suggest=found.suggest_text)


def _unit_miss(found: Miss, label: str, place: str) -> Message:
    suggest = found.suggest_text or (f"，您是否要填：{'、'.join(found.candidates)}？" if found.candidates else "")
    return message("unit_unknown", place, label=label, name=found.query, suggest=suggest)
