"""收件箱: the ledger's submissions newest first, their states in words, the filters, and updates in place."""

from __future__ import annotations

from collections import Counter

from textual.widgets import Input, Select

from themeday_office.ledger import CheckedFile, Ledger, StoredMessage
from themeday_office.tui.widgets.colours import state_style
from themeday_office.workspace import Workspace, init_workspace

from .pilot import SIZE, loaded, make_app, queued, row_texts, run, shown_ids, table, wait_until


def test_the_queue_lists_the_ledger_newest_first_with_states_in_words(workspace, march):
    (workspace.inbox / "~$正在编辑.xlsx").write_bytes(b"lock")  # an Office lock file: counted, never ingested

    async def scenario():
        app = make_app(workspace)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot, rows=len(march.ids))
            assert shown_ids(app) == sorted(march.ids.values(), reverse=True)

            invalid = march.ids[march.invalid_monthly]
            number, state, kind, unit, period, _arrived, name = row_texts(app, invalid)
            assert (number, state, kind, period, name) == (
                str(invalid),
                "待处理",
                "月报",
                "2017-03",
                march.invalid_monthly,
            )
            assert unit and march.invalid_monthly.startswith(unit)
            assert row_texts(app, march.ids[march.short_duration])[1] == "已通过"
            assert row_texts(app, march.ids[march.not_a_form])[2] == "未识别"
            # The state's colour comes with its word: pending with errors and accepted differ.
            cells = {sid: table(app).get_row(str(sid))[1] for sid in (invalid, march.ids[march.short_duration])}
            assert len({str(cell.spans[0].style) for cell in cells.values()}) == 2
            assert cells[invalid].spans[0].style == state_style(app, queued(app, invalid).state)

            status = app.main_screen.query_one("#queue-status")
            await wait_until(pilot, lambda: "临时/锁定文件 1 个" in str(status.render()), "忽略文件计数")
            assert f"共 {len(march.ids)} 个文件" in str(status.render())

    run(scenario())


def test_the_filters_narrow_the_queue(workspace, march):
    ids = march.ids
    invalid = {ids[march.invalid_monthly], ids[march.unknown_branch], ids[march.not_a_form]}

    async def scenario():
        app = make_app(workspace)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot, rows=len(ids))
            screen = app.main_screen

            screen.query_one("#filter-state", Select).value = "errors"
            await wait_until(pilot, lambda: set(shown_ids(app)) == invalid, "按状态筛选：有错误")

            screen.query_one("#filter-kind", Select).value = "monthly"
            await wait_until(pilot, lambda: set(shown_ids(app)) == invalid - {ids[march.not_a_form]}, "再按类型筛选")
            assert "显示 2 个" in str(screen.query_one("#queue-status").render())

            await pilot.press("f4")  # 清除筛选
            await wait_until(pilot, lambda: len(shown_ids(app)) == len(ids), "清除筛选")

            # The header's period picker: the text file has no period and leaves the first quarter.
            screen.query_one("#period", Select).value = "2017Q1"
            await wait_until(
                pilot, lambda: set(shown_ids(app)) == set(ids.values()) - {ids[march.not_a_form]}, "按期间筛选"
            )
            assert str(app.working_period) == "2017Q1"

            await pilot.press("f2", *"请查收")  # F2 jumps to the search box
            await wait_until(pilot, lambda: shown_ids(app) == [], "搜索与期间同时生效：文本文件没有期间")
            await wait_until(pilot, lambda: "没有符合条件的文件（F4 清除筛选）" in str(
                screen.query_one("#queue-status").render()), "空结果的提示")
            screen.query_one("#period", Select).value = ""
            await wait_until(pilot, lambda: shown_ids(app) == [ids[march.not_a_form]], "按文件名搜索")

            await pilot.press("f4")
            unit = queued(app, ids[march.invalid_monthly]).unit
            screen.query_one("#filter-unit", Input).value = unit
            await wait_until(
                pilot,
                lambda: ids[march.invalid_monthly] in shown_ids(app) and len(shown_ids(app)) < len(ids),
                "按单位筛选",
            )
            assert all(unit in queued(app, i).unit for i in shown_ids(app))

    run(scenario())


def bulk_ledger(root, count: int) -> Workspace:
    """A workspace whose ledger holds `count` submissions, written in one transaction.

    They are recorded as the members of one archive: one commit instead of `count` fsync'd
    ones keeps the test quick, and the queue shows them like any other submissions.
    """
    init_workspace(root)
    workspace = Workspace.open(root)
    members = [
        CheckedFile(
            sha256=f"{i:064x}",
            original_name=f"第{i}号单位2017年3月统计表.xlsx",
            inbox_path=f"f{i}.xlsx",
            size=1000,
            format="xlsx",
            kind="monthly",
            unit=f"第{i}号单位",
            period="2017-03",
            messages=[StoredMessage("错误", "x", "月报!L5", "月报!L5 实到人数大于应到人数")] if i % 7 == 0 else [],
        )
        for i in range(count)
    ]
    with Ledger.open(workspace.state) as ledger:
        ledger.record(
            CheckedFile(sha256="f" * 64, original_name="全部报表.zip", inbox_path="全部报表.zip", size=1, format="zip"),
            auto_accept=True,
            members=members,
        )
    return workspace


def test_with_ten_thousand_submissions_one_arrival_touches_one_row(tmp_path):
    workspace = bulk_ledger(tmp_path / "ws", 10_000)

    async def scenario():
        app = make_app(workspace)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot, rows=10_001)
            queue = table(app)
            touched, fills = Counter(queue.touched), queue.fills

            # Another process (a watcher, a command line) writes to the ledger.
            with Ledger.open(workspace.state) as other:
                new = other.record(
                    CheckedFile(
                        sha256="e" * 64,
                        original_name="新到的报表.xlsx",
                        inbox_path="新到的报表.xlsx",
                        size=10,
                        format="xlsx",
                        kind="monthly",
                        unit="新单位",
                        period="2017-03",
                    ),
                    auto_accept=True,
                )
                await wait_until(pilot, lambda: str(new.id) in queue.rows, "新文件出现在收件箱")
                assert Counter(queue.touched) - touched == Counter({new.id: 1})
                assert queue.fills == fills and queue.row_count == 10_002
                assert shown_ids(app)[0] == new.id

                touched = Counter(queue.touched)
                other.reject(7, "测试员", "数据有误")
                await wait_until(pilot, lambda: row_texts(app, 7)[1] == "已退回", "状态变化只改一行")
                assert Counter(queue.touched) - touched == Counter({7: 1})
                assert queue.fills == fills

    run(scenario())
