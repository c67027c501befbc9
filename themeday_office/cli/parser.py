"""argparse speaking Chinese: usage, help headings and error messages.

argparse's own strings are English and bound through gettext at call time; rather
than patch the stdlib module for every user in the process, this parser subclass
sets its own headings and translates the errors it raises.
"""

from __future__ import annotations

import argparse
import re
import sys
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


class ChineseHelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix if prefix is not None else "用法：")


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
