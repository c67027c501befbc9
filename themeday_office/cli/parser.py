"""argparse speaking Chinese: usage, help headings and error messages.

argparse's own strings are English and bound through gettext at call time; rather
than patch the stdlib module for every user in the process, this parser subclass
sets its own headings and translates the errors it raises.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from datetime import date
from typing import NoReturn

USAGE_EXIT = 2

_ERRORS_ZH: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"the following arguments are required: (.+)"), r"缺少参数：\1"),
    (re.compile(r"unrecognized arguments: (.+)"), r"无法识别的参数：\1"),
    (re.compile(r"argument (.+?): invalid choice: (.+?) \(choose from (.+)\)"), r"参数 \1 的取值 \2 无效（可选：\3）"),
    (re.compile(r"argument (.+?): invalid (\w+) value: (.+)"), r"参数 \1 的值 \3 无效"),
    (re.compile(r"argument (.+?): expected one argument"), r"参数 \1 后面需要一个值"),
    (re.compile(r"argument (.+?): not allowed with argument (.+)"), r"参数 \1 不能与 \2 同时使用"),
    (re.compile(r"one of the arguments (.+) is required"), r"必须给出以下参数之一：\1"),
    (re.compile(r"ambiguous option: (.+?) could match (.+)"), r"参数 \1 有歧义，可能是：\2"),
    # Our own type= functions already raise Chinese text; only the prefix is English.
    (re.compile(r"argument (.+?): (.*[\u4e00-\u9fff].*)"), r"参数 \1：\2"),
]


def translate_error(message: str) -> str:
    for pattern, replacement in _ERRORS_ZH:
        if pattern.search(message):
            return pattern.sub(replacement, message)
    return message


# A line may not start with these (the character before them goes down with them), nor end with
# an opening bracket or quotation mark (it goes down to what it opens).
_NO_LINE_START = set("，。、；：！？）》」』”’")
_NO_LINE_END = set("（《「『“‘")
_HEADING = re.compile(r"^( *)(\S[^\n]*[\u4e00-\u9fff）])[:]$", re.MULTILINE)


def cells(text: str) -> int:
    """Terminal cells of `text`: a Chinese character takes two, and so does a character of ambiguous
    width (“”…), as the Chinese Windows consoles the clerks use draw it."""
    return sum(2 if _wide(ch) else 1 for ch in text)


def wrap_cells(text: str, width: int) -> list[str]:
    """Lines of at most `width` cells: Chinese breaks between any two characters, a Latin word only at
    a space, no line starts with closing punctuation or ends with an opening one."""
    lines: list[str] = []
    line = ""
    for ch in text:
        if line and cells(line + ch) > width:
            if ch.isspace():  # the line ends here, and the space with it
                lines.append(line.rstrip())
                line = ""
                continue
            cut = len(line)
            if not _wide(ch) and not line[-1].isspace() and not _wide(line[-1]):
                # Inside a Latin word: it goes down whole (unless it alone is wider than a line).
                start = cut
                while start and not line[start - 1].isspace() and not _wide(line[start - 1]):
                    start -= 1
                cut = start or cut
            while 1 < cut and ((line + ch)[cut] in _NO_LINE_START or line[cut - 1] in _NO_LINE_END):
                cut -= 1
            lines.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
        line += ch
    if line.strip():
        lines.append(line.strip())
    return lines


def _usage_parts(text: str) -> list[str]:
    """The usage's parts: [选项 值], (一组 | 选择), 参数 — split at the spaces outside brackets."""
    parts, depth, part = [], 0, ""
    for ch in text.strip():
        depth += (ch in "[(") - (ch in "])")
        if ch == " " and depth == 0:
            if part:
                parts.append(part)
            part = ""
        else:
            part += ch
    return [*parts, part] if part else parts


def _break_group(line: str, width: int) -> str:
    """A usage line wider than `width` cells broken before a " | ", the rest indented one more."""
    indent = " " * (len(line) - len(line.lstrip(" ")) + 1)
    out: list[str] = []
    while cells(line) > width and (cut := line.rfind(" | ", 0, len(line) - 1)) > len(indent):
        while cut > len(indent) and cells(line[:cut]) > width:
            cut = line.rfind(" | ", 0, cut)
        if cut <= len(indent):
            break
        out.append(line[:cut])
        line = indent + line[cut + 1:]
    return "\n".join([*out, line])


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WFA"


class ChineseHelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's help, measured in terminal cells (it counts characters, so Chinese help ran past
    an 80-column terminal and the help column slipped by one cell per character of a metavar)."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix if prefix is not None else "用法：")

    def _format_usage(self, usage, actions, groups, prefix):
        # argparse wraps the usage by characters: laid out on one line, then wrapped here in cells.
        width = self._width
        self._width = 1 << 20
        try:
            text = super()._format_usage(usage, actions, groups, prefix)
        finally:
            self._width = width
        head = (prefix or "") + self._prog
        line = text.strip("\n")
        if usage is not None or not line.startswith(head):
            return super()._format_usage(usage, actions, groups, prefix)  # not ours to rewrap: argparse's
        if cells(line) <= width:
            return text
        indent = " " * (cells(head) + 1)
        lines = [head]
        for part in _usage_parts(line[len(head):]):
            if cells(lines[-1]) + 1 + cells(part) > width and lines[-1] != head:
                lines.append(indent + part)
            else:
                lines[-1] += " " + part
        return "\n".join(_break_group(x, width) for x in lines) + "\n\n"

    def _split_lines(self, text, width):
        return wrap_cells(self._whitespace_matcher.sub(" ", text).strip(), width)

    def _fill_text(self, text, width, indent):
        # A description keeps the lines it was written in; one wider than the terminal is wrapped.
        lines = [part for line in text.splitlines()
                 for part in (wrap_cells(line, width - len(indent)) if cells(line) > width - len(indent) else [line])]
        return "\n".join(indent + line for line in lines)

    def _format_action(self, action):
        out = super()._format_action(action)
        header = self._format_action_invocation(action)
        extra = cells(header) - len(header)
        first, newline, rest = out.partition("\n")
        start = self._current_indent + len(header)
        if extra and action.help and first[start:start + 2] == "  " and len(first) > start:
            gap = len(first) - len(first[start:].lstrip(" ")) - start
            if gap - extra >= 2:  # the help starts where argparse meant it to, counted in cells
                first = first[:start] + " " * (gap - extra) + first[start + gap:]
            else:  # no room beside the header: the help goes below it, as for a long one
                position = start + gap
                first = first[:start] + "\n" + " " * position + first[start + gap:]
        return first + newline + rest

    def format_help(self):
        return _HEADING.sub(r"\1\2：", super().format_help())  # 选项： as 用法： is written


class ChineseArgumentParser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        add_help = kwargs.get("add_help", True)
        kwargs["add_help"] = False  # our own -h below, with its help in Chinese
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(USAGE_EXIT, f"用法错误：{translate_error(message)}\n")


def iso_date(text: str) -> date:
    """argparse type for a date written 2017-03-13, with a Chinese complaint otherwise."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写成 2017-03-13：{text}") from None


def year(text: str) -> int:
    """argparse type for a four-digit year."""
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise argparse.ArgumentTypeError(f"年份应为 2000 到 2100 之间的四位数字：{text}")
    return int(text)
