"""The commented themeday.toml written by `themeday init`, generated from the Settings model.

Generating it keeps the file and the code from drifting: a new setting appears in
new workspaces with its default and Chinese description, and a test checks that the
repository's own themeday.toml is this template.
"""

from __future__ import annotations

from datetime import time
from pathlib import Path

from pydantic import BaseModel

from themeday_office.workspace.settings import Settings

HEADER = """\
# themeday-office 工作区设置文件
#
# 每一项都已按默认值注释掉（行首的 #）。需要修改时，去掉行首的 # 再改值。
# 文字要加英文双引号；true/false 小写；时间写成 08:30:00。
# 也可以用环境变量覆盖，环境变量优先，例如：
#   THEMEDAY_ACTIVITY__MIN_DURATION_HOURS=3
"""


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, Path):
        return _toml_string(value.as_posix())
    return _toml_string(str(value))


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def settings_template() -> str:
    """The full commented themeday.toml, every key at its default."""
    parts = [HEADER]
    for section, field in Settings.model_fields.items():
        model: BaseModel = field.default_factory()  # type: ignore[call-arg, misc]
        parts.append(f"\n# {field.description}\n[{section}]\n")
        for key, sub in type(model).model_fields.items():
            parts.append(f"# {sub.description}\n# {key} = {_toml_value(getattr(model, key))}\n")
    return "".join(parts)


HOLIDAYS_TEMPLATE = """\
# 节假日补充表
#
# 节假日数据来自 chinesecalendar 软件包，只收录国务院已公布的年份。
# 软件包未收录的年份（themeday calendar 会提示“节假日数据缺失”），在这里照国务院通知填写；
# 某一年一旦在此填写，该年就完全以本表为准（也可用来更正个别日期）。
#
# 格式：每年一个小节；日期后空一格写名称；连续几天可写成 开始~结束。
#
# [2030]
# holidays = ["2030-01-01 元旦", "2030-02-02~2030-02-08 春节"]
# workdays = ["2030-02-09 春节"]   # 调休上班的周末
"""
