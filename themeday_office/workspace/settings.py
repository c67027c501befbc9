"""Typed settings: themeday.toml first, then THEMEDAY_* environment variables.

Environment variables win over the file (THEMEDAY_ACTIVITY__MIN_DURATION_HOURS=3).
Every problem becomes a SettingsError whose message names the key and where it came
from, in Chinese, so a clerk never sees a traceback for a typo.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from themeday_office.domain.rules import ActivityRules, CalendarRules, Deadlines, WorkingHours
from themeday_office.domain.scoring import AssessmentRules
from themeday_office.readers import ReadLimits
from themeday_office.workspace.document_style import DocumentStyle

ENV_PREFIX = "THEMEDAY_"
ENV_NESTED = "__"


class SettingsError(Exception):
    """A setting that cannot be used; str() is the clerk-facing Chinese message."""


class DistrictInfo(BaseModel):
    """Who the kit works for: names that appear in documents."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field("惠济区", min_length=1, description="本区名称（默认 惠济区）")
    organ: str = Field("中共郑州市惠济区委组织部", min_length=1, description="发文机关全称，用于公文版头和落款")
    doc_prefix: str = Field("惠组", min_length=1, description="发文字号的机关代字，如 惠组〔2017〕12号 中的“惠组”")
    contact: str = Field("区委组织部组织科", min_length=1,
                         description="催报通知等公文所写的联系人（科室或姓名），如 组织科 王明")
    phone: str = Field("", description="联系电话，写在联系人之后；留空时公文只写联系人")


class Folders(BaseModel):
    """Where things live. Relative paths are relative to the workspace folder."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    inbox: Path = Field(Path("inbox"), description="收件箱：报送文件放在这里（可以是网络共享文件夹）")
    outbox: Path = Field(Path("outbox"), description="发件箱：生成的公文和汇总表写到这里")
    state: Path = Field(Path("state"), description="状态文件夹：台账数据库和原件存档（必须在本机磁盘上）")
    templates: Path = Field(Path("templates"), description="下发给各单位的填报模板")
    themes: Path = Field(Path("themes"), description="各年度指导性主题表（如 themes/2018.toml）")
    holidays: Path = Field(Path("holidays.toml"), description="节假日补充表：chinesecalendar 未收录的年份在此填写")


class Limits(BaseModel):
    """Safety limits for reading submitted files (far above any real form)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_file_mb: float = Field(20.0, gt=0, description="单个文件最大多少 MB")
    zip_max_entries: int = Field(2000, gt=0, description="压缩文件（含 xlsx/docx）最多多少个内部文件")
    zip_max_unpacked_mb: float = Field(300.0, gt=0, description="压缩文件解压后最大多少 MB")
    zip_max_ratio: float = Field(200.0, gt=1, description="压缩比上限（超过视为压缩炸弹）")
    max_rows: int = Field(10_000, gt=0, description="一个工作表最多多少行")
    max_columns: int = Field(200, gt=0, description="一个工作表最多多少列")
    child_memory_mb: int = Field(1536, ge=256, description="解析进程内存上限 MB（仅 Linux/macOS 有效）")
    parse_timeout_s: float = Field(60.0, gt=0, description="解析一个文件最多多少秒")
    conversion_timeout_s: float = Field(120.0, gt=0, description="LibreOffice 转换一个文件最多多少秒")

    def to_read_limits(self) -> ReadLimits:
        return ReadLimits(**self.model_dump())


class IngestRules(BaseModel):
    """What happens to a file after it is checked."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    auto_accept: bool = Field(True, description="没有“错误”的文件自动通过（默认 true）；false 时全部等待办事员审核")
    max_parse_attempts: int = Field(3, ge=1, le=10, description="一个文件使解析程序崩溃几次后隔离（默认 3）")


class WatchRules(BaseModel):
    """The inbox watcher (themeday watch, and the terminal app's own watcher)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    settle_seconds: float = Field(
        1.0, ge=0, le=60, description="文件大小和修改时间保持不变多少秒后才处理（轮询模式至少 2 秒）"
    )
    polling: bool = Field(False, description="轮询模式：收件箱在网络共享文件夹上时打开（那里收不到系统事件）")
    rescan_seconds: float = Field(60.0, gt=0, description="每隔多少秒全面扫描一次收件箱，补上漏报的文件")


class TuiSettings(BaseModel):
    """The terminal app (themeday tui): keys, its own watcher, how often it looks at the ledger."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    keymap: dict[str, str] = Field(
        default_factory=dict,
        description="改键：动作与按键，如 {accept=\"f9\", reject=\"ctrl+r\"}（按 F1 可查看全部动作及其按键）",
    )
    run_watcher: bool = Field(
        True,
        description="没有其他监视程序在运行时，由终端界面自己监视收件箱（默认 true）；false 时只显示台账",
    )
    refresh_seconds: float = Field(
        0.5, gt=0, le=10,
        description="每隔多少秒查看一次台账的变化，如另一监视程序或命令行登记的文件（默认 0.5）",
    )


class LedgerSettings(BaseModel):
    """Where the ledger lives: empty url = SQLite in the state folder (one desk); a PostgreSQL url = one
    ledger that several desks share (README “多人共用台账”)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str = Field(
        "",
        description="共享台账的 PostgreSQL 地址，如 \"postgresql://clerk:密码@192.168.1.10:5432/themeday\"；"
        "留空则使用本机 state 文件夹中的 SQLite 台账（默认）",
    )
    desk: str = Field("", description="本工位的名称（共享台账中区分各工位，留空则用计算机名）")
    lease_seconds: float = Field(
        120.0, ge=10, le=3600,
        description="共享台账：一个工位领取收件箱文件后多少秒内未完成，其他工位可接手处理",
    )


class Settings(BaseSettings):
    """All settings of a workspace. Section docs become the comments of themeday.toml."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_nested_delimiter=ENV_NESTED,
        extra="forbid",
        frozen=True,
    )

    district: DistrictInfo = Field(default_factory=DistrictInfo, description="本区与发文机关")
    calendar: CalendarRules = Field(default_factory=CalendarRules, description="全区主题党日日期与调整规则")
    activity: ActivityRules = Field(default_factory=ActivityRules, description="活动达标标准")
    hours: WorkingHours = Field(default_factory=WorkingHours, description="作息时间：“上午”“下午”“全天”按此计算时长")
    deadlines: Deadlines = Field(default_factory=Deadlines, description="报送期限（按台账收文日期判断是否按时）")
    assessment: AssessmentRules = Field(
        default_factory=AssessmentRules, description="季度考核与年度评定：权重、等次分数线与“优秀”限制"
    )
    folders: Folders = Field(default_factory=Folders, description="文件夹")
    ledger: LedgerSettings = Field(
        default_factory=LedgerSettings, description="台账（本机 SQLite 或多人共用的 PostgreSQL）"
    )
    ingest: IngestRules = Field(default_factory=IngestRules, description="收文处理")
    watch: WatchRules = Field(default_factory=WatchRules, description="收件箱监视")
    tui: TuiSettings = Field(default_factory=TuiSettings, description="终端界面")
    limits: Limits = Field(default_factory=Limits, description="文件安全限制")
    document: DocumentStyle = Field(default_factory=DocumentStyle, description="公文字体与颜色（GB/T 9704-2012）")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # The file's values arrive as init kwargs; environment variables must win over them.
        return (env_settings, init_settings)


def load_settings(toml_path: Path | None) -> Settings:
    """Read themeday.toml (if any) and THEMEDAY_* variables into Settings, or raise SettingsError."""
    data: dict[str, Any] = {}
    shown = str(toml_path) if toml_path else "themeday.toml"
    if toml_path is not None and toml_path.is_file():
        try:
            data = tomllib.loads(toml_path.read_text(encoding="utf-8-sig"))
        except UnicodeDecodeError:
            raise SettingsError(f"设置文件 {shown} 不是 UTF-8 编码，请用记事本“另存为 UTF-8”后重试") from None
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(f"设置文件 {shown} 格式有误：{_toml_error_zh(exc)}") from None
    try:
        return Settings(**data)
    except ValidationError as exc:
        raise SettingsError(_describe_errors(exc, shown)) from None


def _toml_error_zh(exc: tomllib.TOMLDecodeError) -> str:
    # tomllib messages end with "(at line L, column C)"; keep the position, translate the gist.
    text = str(exc)
    pos = ""
    if "(at line" in text:
        head, _, tail = text.partition("(at line ")
        line, _, col = tail.rstrip(")").partition(", column ")
        pos = f"第 {line} 行第 {col} 列"
        text = head.strip()
    elif "(at end of document)" in text:
        pos = "文件末尾"
        text = text.replace("(at end of document)", "").strip()
    return f"{pos}附近有语法错误（{text}）。字符串要加英文双引号，如 name = \"惠济区\""


_ERROR_ZH = {
    "missing": "缺少此项",
    "extra_forbidden": "不认识的设置项（请检查拼写）",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_parsing": "应为数字",
    "bool_parsing": "应为 true 或 false",
    "time_parsing": "应为时间，如 08:30",
    "time_type": "应为时间，如 08:30",
    "string_type": "应为文字（加英文双引号）",
    "string_too_short": "不能为空",
    "greater_than": "数值过小",
    "greater_than_equal": "数值过小",
    "less_than": "数值过大",
    "less_than_equal": "数值过大",
    "path_type": "应为文件夹路径（加英文双引号）",
    "model_type": "应为一个 [小节]",
}


def _describe_errors(exc: ValidationError, shown: str) -> str:
    lines = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ())]
        env_name = ENV_PREFIX + ENV_NESTED.join(loc).upper()
        if env_name in {k.upper() for k in os.environ}:
            where = f"环境变量 {env_name}"
        elif len(loc) >= 2:
            where = f"{shown} 中 [{loc[0]}] 小节的 {'.'.join(loc[1:])}"
        else:
            where = f"{shown} 中的 {'.'.join(loc) or '设置'}"
        detail = _ERROR_ZH.get(err.get("type", ""), err.get("msg", "").removeprefix("Value error, "))
        value = err.get("input")
        shown_value = f"（现为 {value!r}）" if value is not None and not isinstance(value, dict) else ""
        lines.append(f"{where}：{detail}{shown_value}")
    return "设置有误：" + "；".join(lines)
