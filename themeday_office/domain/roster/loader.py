"""Build a roster from the rows of its three sheets, with row-level Chinese messages.

The xlsx import only finds the sheets and hands each row over as label -> raw value
with its place. A row that would break the roster's consistency (a branch of an
unknown committee, a duplicate, a negative member count) is left out and reported
with its place: `党支部!B7 所属党(工)委“xx”不在党(工)委表中`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TypeVar

from themeday_office.domain.codes import message
from themeday_office.domain.labels import Label, canonical
from themeday_office.domain.messages import Message
from themeday_office.domain.roster.model import Branch, Committee, CooperationGroup, Match, Roster
from themeday_office.domain.roster.names import branch_key, name_key
from themeday_office.domain.values.choices import parse_branch_type
from themeday_office.domain.values.counts import parse_count
from themeday_office.domain.values.raw import Raw, RawValue, ValueProblem, display
from themeday_office.domain.values.text import fold, parse_text

COMMITTEE_SHEET = "党(工)委"
BRANCH_SHEET = "党支部"
GROUP_SHEET = "协作组"

COMMITTEE_LABELS = (
    Label("名称", required=True, aliases=("党(工)委名称", "党委名称", "单位名称")),
    Label("类别", required=True, aliases=("类型", "单位类别")),
    Label("所属协作组", aliases=("协作组",)),
    Label("联系人"),
    Label("联系电话", aliases=("电话",)),
)
BRANCH_LABELS = (
    Label("支部名称", required=True, aliases=("党支部名称", "党支部", "党组织名称")),
    Label("所属党(工)委", required=True, aliases=("所属党委", "所属党工委", "党(工)委")),
    Label("支部类型", required=True, aliases=("类型", "党支部类型")),
    Label("党员人数", required=True, aliases=("党员数",)),
    Label("书记", aliases=("支部书记", "党支部书记")),
)
GROUP_LABELS = (
    Label("协作组名称", required=True, aliases=("协作组", "名称")),
    Label("牵头单位"),
    Label("成员单位"),
    Label("联建镇(街道)", aliases=("联建镇街道", "联建镇、街道", "联建单位")),
)

Row = Mapping[str, RawValue]
T = TypeVar("T")


def load_roster(
    effective: date,
    committees: Sequence[Row],
    branches: Sequence[Row],
    groups: Sequence[Row] = (),
) -> tuple[Roster, list[Message]]:
    """The roster these rows describe, and a message for every row or value left out."""
    out: list[Message] = []
    committee_rows = [canonical(r, COMMITTEE_LABELS) for r in committees]
    branch_rows = [canonical(r, BRANCH_LABELS) for r in branches]
    group_rows = [canonical(r, GROUP_LABELS) for r in groups]
    for sheet, rows, labels in (
        (COMMITTEE_SHEET, committee_rows, COMMITTEE_LABELS),
        (BRANCH_SHEET, branch_rows, BRANCH_LABELS),
        (GROUP_SHEET, group_rows, GROUP_LABELS),
    ):
        if rows:
            for label in labels:
                if label.required and not any(label.name in r for r in rows):
                    out.append(message("label_missing", sheet, label=label.name))

    committee_list, declared_groups = _committees(committee_rows, out)
    base = Roster(effective=effective, committees=tuple(committee_list))
    group_list = _groups(group_rows, base, out)
    committee_list = _committee_groups(committee_list, declared_groups, group_list, out)
    base = Roster(effective=effective, committees=tuple(committee_list), groups=tuple(group_list))
    branch_list = _branches(branch_rows, base, out)
    roster = Roster(effective=effective, committees=base.committees, branches=tuple(branch_list), groups=base.groups)
    return roster, out


def _text(row: Row, label: str) -> str | None:
    cell = row.get(label)
    return parse_text(cell.value) if cell else None


def _place(row: Row, label: str) -> str:
    cell = row.get(label)
    return cell.place if cell else ""


def _required(row: Row, label: str, out: list[Message]) -> str | None:
    text = _text(row, label)
    if text is None and label in row:
        out.append(message("value_missing", _place(row, label), label=label))
    return text


def _blank(row: Row) -> bool:
    return all(parse_text(cell.value) is None for cell in row.values())


def _committees(rows: list[dict[str, RawValue]], out: list[Message]) -> tuple[list[Committee], dict[str, RawValue]]:
    result: list[Committee] = []
    seen: dict[str, str] = {}
    declared: dict[str, RawValue] = {}
    for row in rows:
        if _blank(row):
            continue
        name, category = _required(row, "名称", out), _required(row, "类别", out)
        if name is None or category is None:
            continue
        key = name_key(name)
        if key in seen:
            out.append(message("roster_committee_duplicate", _place(row, "名称"), name=name, other=seen[key]))
            continue
        seen[key] = _place(row, "名称") or name
        if _text(row, "所属协作组"):
            declared[name] = row["所属协作组"]
        result.append(
            Committee(
                name=name,
                category=fold(category),
                contact=_text(row, "联系人"),
                phone=_text(row, "联系电话"),
            )
        )
    return result, declared


def _split(text: str | None) -> list[str]:
    if not text:
        return []
    parts = fold(text).replace(",", "、").replace(";", "、").replace("\n", "、").split("、")
    return [p.strip() for p in parts if p.strip()]


def _groups(rows: list[dict[str, RawValue]], roster: Roster, out: list[Message]) -> list[CooperationGroup]:
    result: list[CooperationGroup] = []
    seen: dict[str, str] = {}
    for row in rows:
        if _blank(row):
            continue
        name = _required(row, "协作组名称", out)
        if name is None:
            continue
        key = name_key(name)
        if key in seen:
            out.append(message("roster_group_duplicate", _place(row, "协作组名称"), name=name, other=seen[key]))
            continue
        seen[key] = _place(row, "协作组名称") or name
        members = []
        for member in _split(_text(row, "成员单位")):
            found = roster.find_committee(member)
            if isinstance(found, Match):
                members.append(found.item.name)
            else:
                out.append(
                    message(
                        "roster_group_member_unknown", _place(row, "成员单位"), name=member, suggest=found.suggest_text
                    )
                )
        partners = []
        for partner in _split(_text(row, "联建镇(街道)")):
            found = roster.find_committee(partner, towns_only=True)
            if isinstance(found, Match):
                partners.append(found.item.name)
            else:
                out.append(
                    message(
                        "roster_partner_unknown", _place(row, "联建镇(街道)"), name=partner, suggest=found.suggest_text
                    )
                )
        result.append(
            CooperationGroup(
                name=name,
                leader=_text(row, "牵头单位"),
                members=tuple(dict.fromkeys(members)),
                partners=tuple(dict.fromkeys(partners)),
            )
        )
    return result


def _committee_groups(
    committees: list[Committee],
    declared: dict[str, RawValue],
    groups: list[CooperationGroup],
    out: list[Message],
) -> list[Committee]:
    lookup = Roster(effective=date.min, committees=tuple(committees), groups=tuple(groups))
    result = []
    for c in committees:
        cell = declared.get(c.name)
        if cell is None:
            result.append(c)
            continue
        written = parse_text(cell.value) or ""
        found = lookup.find_group(written)
        if not isinstance(found, Match):
            out.append(message("roster_group_unknown", cell.place, name=written, suggest=found.suggest_text))
            result.append(c)
            continue
        group = found.item
        if group.members and c.name not in group.members:
            out.append(message("roster_group_mismatch", cell.place, group=group.name, name=c.name))
        result.append(c.model_copy(update={"group": group.name}))
    return result


def _branches(rows: list[dict[str, RawValue]], roster: Roster, out: list[Message]) -> list[Branch]:
    result: list[Branch] = []
    seen: dict[tuple[str, str], str] = {}
    for row in rows:
        if _blank(row):
            continue
        name = _required(row, "支部名称", out)
        written_committee = _required(row, "所属党(工)委", out)
        if name is None or written_committee is None:
            continue
        found = roster.find_committee(written_committee)
        if not isinstance(found, Match):
            out.append(
                message(
                    "roster_committee_unknown",
                    _place(row, "所属党(工)委"),
                    name=written_committee,
                    suggest=found.suggest_text,
                )
            )
            continue
        committee = found.item.name
        branch_type = _parsed(row, "支部类型", parse_branch_type, out)
        members = _parsed(row, "党员人数", parse_count, out)
        if branch_type is None or members is None:
            continue
        key = (committee, branch_key(name))
        if key in seen:
            out.append(
                message(
                    "roster_branch_duplicate", _place(row, "支部名称"), name=name, committee=committee, other=seen[key]
                )
            )
            continue
        seen[key] = _place(row, "支部名称") or name
        result.append(
            Branch(name=name, committee=committee, type=branch_type, members=members, secretary=_text(row, "书记"))
        )
    return result


def _parsed(row: Row, label: str, parser: Callable[[Raw], T | None], out: list[Message]) -> T | None:
    cell = row.get(label)
    if cell is None:
        return None
    try:
        value = parser(cell.value)
    except ValueProblem as problem:
        out.append(message(problem.code, cell.place, label=label, raw=display(cell.value), reason=problem.reason))
        return None
    if value is None:
        out.append(message("value_missing", cell.place, label=label))
    return value
