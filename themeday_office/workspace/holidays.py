"""Reading the workspace's holiday override table (holidays.toml) into domain data."""

from __future__ import annotations

import tomllib
from datetime import date, timedelta
from pathlib import Path

from themeday_office.domain.calendar import HolidayOverrides, YearHolidays
from themeday_office.workspace.settings import SettingsError


def load_holiday_overrides(path: Path) -> HolidayOverrides:
    """The override table at `path`; an absent file means no overrides."""
    if not path.is_file():
        return HolidayOverrides()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"节假日补充表 {path} 无法读取：{exc}") from None
    years: dict[int, YearHolidays] = {}
    for key, table in data.items():
        if not (str(key).isdigit() and len(str(key)) == 4) or not isinstance(table, dict):
            raise SettingsError(f"节假日补充表 {path}：小节名应为四位年份，如 [2030]，现为 [{key}]")
        year = int(key)
        unknown = set(table) - {"holidays", "workdays"}
        if unknown:
            raise SettingsError(f"节假日补充表 {path} [{year}]：不认识的项目 {'、'.join(sorted(unknown))}")
        years[year] = YearHolidays(
            holidays=_entries(table.get("holidays", []), year, path, "holidays"),
            workdays=_entries(table.get("workdays", []), year, path, "workdays"),
        )
    return HolidayOverrides(years)


def _entries(raw: object, year: int, path: Path, key: str) -> dict[date, str]:
    if not isinstance(raw, list):
        raise SettingsError(f"节假日补充表 {path} [{year}] {key}：应为列表，如 [\"{year}-01-01 元旦\"]")
    out: dict[date, str] = {}
    for entry in raw:
        text = str(entry).strip()
        span, _, name = text.partition(" ")
        start_text, _, end_text = span.partition("~")
        try:
            start = date.fromisoformat(start_text)
            end = date.fromisoformat(end_text) if end_text else start
        except ValueError:
            raise SettingsError(
                f"节假日补充表 {path} [{year}] {key}：“{text}”的日期应写成 {year}-01-01 或 {year}-02-02~{year}-02-08"
            ) from None
        if start.year != year or end.year != year or end < start:
            raise SettingsError(f"节假日补充表 {path} [{year}] {key}：“{text}”的日期不在{year}年内或起止颠倒")
        day = start
        while day <= end:
            out[day] = name.strip() or "节假日"
            day += timedelta(days=1)
    return out
