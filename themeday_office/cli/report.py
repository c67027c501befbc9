"""How a check result reads on a clerk's console."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from themeday_office.ingest.check import CheckResult
from themeday_office.ingest.classify import KIND_ZH

SEVERITY_STYLE = {"错误": "bold red", "提示": "yellow"}


def print_check_result(console: Console, result: CheckResult) -> None:
    kind = KIND_ZH.get(result.kind or "", "未识别")
    verdict = "[green]无错误[/]" if result.ok else "[bold red]有错误[/]"
    head = "　".join(x for x in (kind, result.unit, result.period) if x)
    console.print(f"[bold]{escape(result.file)}[/]　{escape(head)}　{verdict}")
    for m in result.messages:
        console.print(f"  [{SEVERITY_STYLE.get(m.severity.value, '')}]{m.severity.value}[/]  {escape(m.text)}")
    for f in result.findings:
        if f.compliant:
            continue
        console.print(f"  [cyan]情况[/]  {escape(f.text)}")
    held = sum(1 for f in result.findings if f.compliant)
    if held:
        console.print(f"  [dim]按规定日期开展 {held} 个支部[/]")
    console.print()
