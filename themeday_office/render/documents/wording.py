"""The words around the figures, kept out of the code: one TOML file per kind of document.

Each kind has a bundled file in `templates/` beside this module. A workspace may carry its
own copy in `templates/公文/<same name>` (under the workspace's templates folder): its keys
win over the bundled ones, table by table, so a clerk can change one sentence, the 主送机关
or the 抄送 list without touching the rest or the code. `{name}` marks a figure or name the
program fills in; an unknown `{name}` is reported with the file it came from.
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

WORKSPACE_FOLDER = "公文"  # under the workspace's templates folder

# kind -> the template's file name (the same in the package and in a workspace)
TEMPLATE_FILES: dict[str, str] = {
    "monthly": "月度通报.toml",
    "quarterly": "季度考核通报.toml",
    "annual": "年度评定通报.toml",
    "themes": "指导性主题通知.toml",
    "receipt": "备案回执.toml",
    "return": "退回通知.toml",
    "reminder": "催报通知.toml",
}


# Keys a template no longer has, per kind. A workspace file written for an older release may still
# set them: a moved key is read at its new place (unless the file sets that too); a retired one has
# no place left, and generation stops telling the clerk what became of it.
MOVED: dict[str, dict[str, str]] = {
    "quarterly": {"result.missing_summaries": "problems.missing_summaries"},
}
RETIRED: dict[str, dict[str, str]] = {
    "quarterly": {
        "headings.method": "考核办法现在写在“基本情况”部分（其标题是 headings.basic）",
        "headings.result": "考核结果现在写在“基本情况”部分（其标题是 headings.basic）",
    },
    "annual": {
        "headings.result": "评定结果现在写在“基本情况”部分（其标题是 headings.basic）",
    },
}


class WordingError(Exception):
    """A template that cannot be used; str() is the clerk-facing Chinese message."""


def _merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def bundled_text(kind: str) -> str:
    """The bundled template of `kind`, as shipped (what `themeday render` copies for a clerk)."""
    return resources.files(__package__).joinpath("templates", TEMPLATE_FILES[kind]).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Wording:
    """The merged template of one kind of document."""

    kind: str
    data: dict[str, Any]
    sources: tuple[str, ...]  # the files it was read from, bundled first

    def raw(self, dotted: str) -> Any:
        node: Any = self.data
        for part in dotted.split("."):
            if not isinstance(node, Mapping) or part not in node:
                raise WordingError(f"公文模板 {self._where()} 缺少“{dotted}”一项")
            node = node[part]
        return node

    def text(self, dotted: str, **values: Any) -> str:
        """The template text at `dotted` with its {names} filled from `values`."""
        template = self.raw(dotted)
        if not isinstance(template, str):
            raise WordingError(f"公文模板 {self._where()} 中“{dotted}”应为文字")
        return fill(template, values, f"{self._where()} 的“{dotted}”")

    def texts(self, dotted: str, **values: Any) -> list[str]:
        """A list of template texts (paragraphs, 主送机关, 抄送), each filled."""
        items = self.raw(dotted)
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise WordingError(f"公文模板 {self._where()} 中“{dotted}”应为文字列表")
        return [fill(i, values, f"{self._where()} 的“{dotted}”") for i in items if i.strip()]

    def flag(self, dotted: str) -> bool:
        value = self.raw(dotted)
        if not isinstance(value, bool):
            raise WordingError(f"公文模板 {self._where()} 中“{dotted}”应为 true 或 false")
        return value

    def _where(self) -> str:
        return "、".join(self.sources)


# Placeholders a drafter leaves for "fill in later": a document must never go out with one.
PLACEHOLDER = re.compile(r"\{[^{}]*\}|[xX]{3,}|×{2,}|[＊*]{3,}|[（(]此处[^）)]*[）)]")


def leftover_placeholder(text: str) -> str | None:
    """The first placeholder left in `text` ({名称}, xxxx, ×××, （此处…）), if any."""
    m = PLACEHOLDER.search(text)
    return m.group(0) if m else None


def fill(template: str, values: Mapping[str, Any], where: str) -> str:
    """`template` with {name} replaced; {{ and }} are literal braces. Text that still holds a
    placeholder ({{名称}} written out, xxxx, ×××, （此处…）) is refused, naming the template item."""
    if found := leftover_placeholder(_literal(template)):
        raise WordingError(f"{where}中有未替换的占位文字“{found}”：请改为实际内容后再生成公文")
    out = []
    try:
        for literal, name, spec, conversion in string.Formatter().parse(template):
            out.append(literal)
            if name is None:
                continue
            if name not in values:
                known = "、".join(f"{{{k}}}" for k in sorted(values))
                raise WordingError(f"{where}中的 {{{name}}} 无法识别；可用的有：{known}")
            if spec or conversion:
                raise WordingError(f"{where}中的 {{{name}}} 不能带格式说明")
            out.append(str(values[name]))
    except ValueError as exc:  # an unbalanced brace
        raise WordingError(f"{where}中的花括号不成对（{exc}）；文字中的花括号请写成 {{{{ 和 }}}}") from None
    return "".join(out)


def load_wording(kind: str, templates_dir: Path | None = None) -> Wording:
    """The bundled template of `kind`, overridden by the workspace's copy when there is one."""
    name = TEMPLATE_FILES[kind]
    data = _parse(bundled_text(kind), f"内置模板 {name}")
    sources = [f"内置模板 {name}"]
    if templates_dir is not None:
        own = Path(templates_dir) / WORKSPACE_FOLDER / name
        if own.is_file():
            try:
                text = own.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                raise WordingError(f"{own}：无法读取（{exc}）；请以 UTF-8 编码保存") from None
            data = _merge(data, _migrate(kind, _parse(text, str(own)), str(own)))
            sources.append(str(own))
    return Wording(kind, data, tuple(sources))


def _migrate(kind: str, data: dict[str, Any], where: str) -> dict[str, Any]:
    """A workspace file's keys as this release names them (see MOVED and RETIRED)."""
    for old, why in RETIRED.get(kind, {}).items():
        if _pop(data, old, remove=False) is not _MISSING:
            raise WordingError(f"{where}：“{old}”一项已不再使用，{why}；请删去这一项（需要时改写新的一项）后再生成公文")
    for old, new in MOVED.get(kind, {}).items():
        value = _pop(data, old, remove=True)
        if value is not _MISSING and _pop(data, new, remove=False) is _MISSING:
            *tables, key = new.split(".")
            node: Any = data
            for part in tables:
                node = node.setdefault(part, {}) if isinstance(node, dict) else None
            if isinstance(node, dict):
                node[key] = value
    return data


_MISSING = object()


def _pop(data: dict[str, Any], dotted: str, *, remove: bool) -> Any:
    """The value at `dotted` (removed when `remove`), or _MISSING."""
    *tables, key = dotted.split(".")
    node: Any = data
    for part in tables:
        node = node.get(part) if isinstance(node, dict) else None
    if not isinstance(node, dict) or key not in node:
        return _MISSING
    return node.pop(key) if remove else node[key]


def _parse(text: str, where: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise WordingError(f"{where}：格式有误（{exc}）") from None


def _literal(template: str) -> str:
    """The template's own words, without its {name} fields (those the program fills)."""
    try:
        return "".join(literal for literal, *_ in string.Formatter().parse(template))
    except ValueError:
        return ""  # an unbalanced brace: fill reports it
