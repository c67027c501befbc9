"""The parts without a screen: the ledger's change feed, the queue's diffs, the preview's marks, settings."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from themeday_office.ledger import CheckedFile, FormRow, Ledger, State, StoredMessage
from themeday_office.tui.ledger_feed import changes_since, load_queue
from themeday_office.tui.preview import ERROR, HINT, table_preview
from themeday_office.tui.queue import QueueFilter, QueueModel
from themeday_office.tui.settings import TuiSettings, tui_settings


def _file(n: int, **kw) -> CheckedFile:
    return CheckedFile(sha256=f"{n:064x}", original_name=f"{n}.xlsx", inbox_path=f"{n}.xlsx", size=1, format="xlsx",
                       **kw)


def test_the_change_feed_names_each_changed_submission_once(tmp_path):
    with Ledger.open(tmp_path, lambda: datetime(2017, 3, 13, 9)) as ledger:
        assert ledger.last_event_id() == 0 and ledger.changed_since(0) == (0, [])
        first = ledger.record(_file(1, kind="monthly", unit="甲", period="2017-03"), auto_accept=True)
        start = load_queue(ledger)
        assert [s.id for s in start.submissions] == [first.id] and start.last_event == ledger.last_event_id()

        second = ledger.record(_file(2, kind="monthly", unit="甲", period="2017-03"), auto_accept=True)
        changes = changes_since(ledger, start.last_event)
        # The new version arrived and accepted; the first one superseded: each named once.
        assert sorted(s.id for s in changes.submissions) == [first.id, second.id]
        assert {s.id: s.state for s in changes.submissions}[first.id] is State.SUPERSEDED
        assert changes_since(ledger, changes.last_event).submissions == []


def test_the_queue_model_says_which_rows_to_add_redraw_and_remove(tmp_path):
    with Ledger.open(tmp_path) as ledger:
        a = ledger.record(_file(1, kind="monthly", unit="甲", period="2017-03",
                                messages=[StoredMessage("错误", "x", "月报!A1", "月报!A1 错")]), auto_accept=True)
        b = ledger.record(_file(2, kind="record", unit="乙", period="2017-04"), auto_accept=True)
    model = QueueModel()
    assert [s.id for s in model.load([b, a])] == [b.id, a.id]
    assert [s.id for s in model.set_filter(QueueFilter(state="pending"))] == [a.id]

    accepted = replace(a, state=State.ACCEPTED)
    diff = model.apply([accepted])
    assert diff.removed == [a.id] and not diff.added and not diff.changed  # left the filter
    diff = model.apply([replace(accepted, state=State.INVALID)])
    assert [s.id for s in diff.added] == [a.id]  # back in it
    diff = model.apply([replace(accepted, state=State.INVALID, receipt_date=datetime(2017, 3, 12).date())])
    assert [s.id for s in diff.changed] == [a.id]
    current = model.get(a.id)
    assert current is not None
    assert not model.apply([current])  # nothing new: nothing to draw

    assert [str(p) for p in model.periods()] == ["2017-04", "2017-03", "2017Q2", "2017Q1", "2017"]
    assert [s.id for s in model.set_filter(QueueFilter(period="2017Q1"))] == [a.id]
    assert [s.id for s in model.set_filter(QueueFilter(search="乙"))] == [b.id]


def test_the_preview_marks_the_cells_messages_point_at_and_values_not_read():
    rows = [
        FormRow(1, "monthly", "甲", "一支部", "2017-03", {
            "branch": "一支部", "expected": 10, "present": 12, "time": {"segments": [["09:00:00", "12:30:00"]]},
            "places": {"党支部名称": "月报!A5", "应到人数": "月报!B5", "实到人数": "月报!C5", "开始时间": "月报!D5"},
            "unreadable": []}),
        FormRow(1, "monthly", "甲", "二支部", "2017-03", {
            "branch": "二支部", "expected": None, "present": 5, "time": None,
            "places": {"党支部名称": "月报!A6", "应到人数": "月报!B6", "实到人数": "月报!C6", "开始时间": "月报!D6"},
            "unreadable": ["应到人数"]}),
    ]
    messages = [StoredMessage("错误", "x", "月报!C5", "月报!C5 实到人数大于应到人数"),
                StoredMessage("提示", "y", "月报!A6", "月报!A6 名称与名册略有不同")]
    preview = table_preview("monthly", rows, messages)
    assert preview is not None
    assert preview.columns == ("行", "党支部名称", "应到人数", "实到人数", "开始时间")
    assert [[c.text for c in row] for row in preview.rows] == [["5", "一支部", "10", "12", "09:00"],
                                                               ["6", "二支部", "", "5", ""]]
    assert [[c.mark for c in row] for row in preview.rows] == [["", "", "", ERROR, ""], ["", HINT, ERROR, "", ""]]
    assert preview.marked == 3
    assert table_preview("monthly", [], messages) is None


def test_the_tui_section_until_and_after_it_is_mounted():
    class Unmounted:
        pass

    class Mounted:
        tui = TuiSettings(keymap={"accept": "f9"})

    assert tui_settings(Unmounted()) == TuiSettings()
    assert tui_settings(Mounted()).keymap == {"accept": "f9"}
