"""The demo: a realistic district, a quarter of submissions, ingested and its documents drafted.

It builds 惠济区 from the seed with the synthetic generator (towns, streets, 区直 committees,
the three development zones, the cooperation groups, about 400 branches), imports its
roster, drops the first quarter of 2017 into the inbox — mostly good files, with the
mistakes clerks really see — and ingests them in the order they arrive, replaying their
2017 arrival times so deadlines are judged as they were. Running it twice is safe.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from themeday_office.domain.period import Period
from themeday_office.office import Clock

if TYPE_CHECKING:
    from themeday_office.workspace import Workspace

QUARTER = Period.of_quarter(2017, 1)
DEMO_DIR = "demo"  # inside the state folder: the generated roster and manifest
DEMO_ACTOR = "演示"


@dataclass(frozen=True)
class DemoResult:
    ok: bool
    sentences: tuple[str, ...]  # everything said on the way, in order (also handed to `say` as it happens)


def make_demo(workspace: Workspace, clock: Clock, *, fresh: bool = False, say: Callable[[str], None] | None = None,
              progress: Callable[[int, int], None] | None = None) -> DemoResult:
    """Fill `workspace` with the demo district's first quarter of 2017 (again, after `fresh` wipes it).

    `say(sentence)` hears each step as it starts and `progress(done, total)` follows the ingest:
    the whole takes a minute or two. Documents are drafted with `clock`'s date, as a clerk's
    `themeday render` would.
    """
    from themeday_office.ledger import Ledger

    said: list[str] = []

    def tell(sentence: str) -> None:
        said.append(sentence)
        if say is not None:
            say(sentence)

    existing = Ledger.open_existing(workspace.state, url=workspace.settings.ledger.url)
    if existing is not None:
        with existing:
            count = len(existing.submissions())
        if count and not fresh:
            tell(f"演示数据已在 {workspace.root}（台账中 {count} 个文件）。加 --fresh 可清空后重新生成。")
            _where(workspace, tell)
            return DemoResult(True, tuple(said))
    if fresh:
        _wipe(workspace)
    for folder in (workspace.inbox, workspace.outbox, workspace.state):
        folder.mkdir(parents=True, exist_ok=True)
    ok = _fill(workspace, clock, tell, progress)
    if ok:
        _where(workspace, tell)
    return DemoResult(ok, tuple(said))


def _fill(workspace: Workspace, clock: Clock, tell: Callable[[str], None],
          progress: Callable[[int, int], None] | None) -> bool:
    from themeday_office.ingest.department import read_roster
    from themeday_office.ingest.session import ingest_session
    from themeday_office.ledger import sha256_of
    from themeday_office.office.documents import generate_documents
    from themeday_office.readers import read_bytes
    from themeday_office.synthetic import make_district, make_quarter, typical_mistakes, write_roster_xlsx

    tell("生成惠济区组织名册和 2017 年第一季度报送文件……")
    district = make_district(seed=2017)
    demo = workspace.state / DEMO_DIR
    demo.mkdir(parents=True, exist_ok=True)
    roster_path = demo / "组织架构.xlsx"
    write_roster_xlsx(district, roster_path)
    imported = read_roster(read_bytes(roster_path.read_bytes(), roster_path.name), date(2017, 1, 1))
    if not imported.ok:  # the generator's roster is valid by construction; say so loudly if not
        for m in imported.messages:
            tell(f"  {m.text}")
        return False
    files = make_quarter(
        district, QUARTER, workspace.inbox, seed=1, mistakes=typical_mistakes(district, QUARTER, seed=1)
    )
    # Paths relative to the inbox: the manifest says what was planted where, for the end-to-end test.
    (demo / "manifest.json").write_text(
        json.dumps([f.to_dict(workspace.inbox) for f in files], ensure_ascii=False, indent=1), encoding="utf-8"
    )
    arrivals = sorted(files, key=lambda f: (f.arrives or datetime(2017, 1, 1), str(f.path)))

    # The quarter is replayed: each file arrives at its 2017 time, so deadlines judge it as they did.
    now = {"t": datetime(2016, 12, 1, 9, 0)}
    counts: Counter[str] = Counter()
    with ingest_session(workspace, actor=DEMO_ACTOR, clock=lambda: now["t"]) as ingestor:
        ingestor.ledger.add_roster_version(date(2017, 1, 1), roster_path.name, sha256_of(roster_path.read_bytes()),
                                           imported.rows)
        for done, generated in enumerate(arrivals, 1):
            if generated.arrives:
                now["t"] = generated.arrives.replace(second=0, microsecond=0)
            if generated.path.exists():
                counts[ingestor.ingest(generated.path).word] += 1
            if progress is not None:
                progress(done, len(arrivals))
    tell("收文结果：" + "，".join(f"{w} {n}" for w, n in counts.most_common()) + "。")

    for period in (*QUARTER.months(), QUARTER):
        tell(f"生成{period.zh}公文……")
        batch = generate_documents(workspace, clock, period)
        if batch.problem or not batch.ready:
            tell(batch.problem or "".join(batch.sentences))
            return False
        for sentence in batch.sentences:
            tell(sentence)
    return True


def _wipe(workspace: Workspace) -> None:
    for folder in (workspace.inbox, workspace.outbox):
        if folder.is_dir():
            for child in folder.iterdir():
                if child.name == ".gitkeep":
                    continue
                shutil.rmtree(child) if child.is_dir() else child.unlink()
    if workspace.state.is_dir():
        shutil.rmtree(workspace.state)


def _where(workspace: Workspace, tell: Callable[[str], None]) -> None:
    tell(f"工作区：{workspace.root}")
    tell(f"  台账和原件存档：{workspace.state}")
    tell(f"  收件箱：{workspace.inbox}（处理过的文件已移走）")
    tell(f"  发件箱：{workspace.outbox}（月度通报、季度考核通报、备案回执、退回通知、催报通知）")
    tell("下一步：themeday documents 查看公文，themeday ledger 查看台账，themeday rollup --quarter 2017Q1 查看汇总，"
         "themeday 打开终端界面。")
