"""Long titles break between words, at a sense boundary, into balanced lines (GB/T 9704-2012
7.3.3: 回行时，要做到词意完整，排列对称，长短适宜，间距恰当; 梯形或菱形)."""

from __future__ import annotations

import pytest

from themeday_office.render.gbt9704.measures import SIZE_2, TYPE_WIDTH
from themeday_office.render.gbt9704.title_lines import line_width, title_lines

CAPACITY = TYPE_WIDTH / (SIZE_2 * 10)  # 2号 characters across the 156 mm type area: 20.1


@pytest.mark.parametrize("title, lines", [
    # After the closing quote, not 开展情⏎况的通报.
    ("关于2017年3月份“主题党日”活动开展情况的通报", ["关于2017年3月份“主题党日”", "活动开展情况的通报"]),
    ("关于2017年度“主题党日”活动评定结果的通报",
     ["关于2017年度“主题党日”", "活动评定结果的通报"]),
    # Before the opening quote: both lines about as long.
    ("2017年3月份各党（工）委“主题党日”活动开展情况统计表",
     ["2017年3月份各党（工）委", "“主题党日”活动开展情况统计表"]),
    # A book title stays whole.
    ("关于退回区直机关工委2017年3月《月度开展情况统计表》的通知",
     ["关于退回区直机关工委2017年3月", "《月度开展情况统计表》的通知"]),
    # No quote: after a date, never inside 月份 or 月度.
    ("关于催报2017年3月份月度开展情况统计表的通知", ["关于催报2017年3月份", "月度开展情况统计表的通知"]),
    # 关于 starts a line after the issuing organ.
    ("中共郑州市惠济区委组织部关于做好主题党日活动记录的通知",
     ["中共郑州市惠济区委组织部", "关于做好主题党日活动记录的通知"]),
])
def test_a_long_title_breaks_at_a_sense_boundary(title, lines):
    assert title_lines(title, CAPACITY) == lines


def test_a_title_that_fits_stays_on_one_line_and_the_clerks_own_breaks_are_kept():
    assert title_lines("关于规范开展2017年度主题党日活动的通知", CAPACITY) == ["关于规范开展2017年度主题党日活动的通知"]
    clerks = "关于印发2017年度主题党日\n指导性主题的通知"
    assert title_lines(clerks, CAPACITY) == ["关于印发2017年度主题党日", "指导性主题的通知"]


def test_a_very_long_title_takes_three_lines_without_an_hourglass_and_no_line_is_too_wide():
    title = "关于在全区基层党组织中深入开展“不忘初心、牢记使命”主题教育暨“主题党日”活动规范化建设年活动的通知"
    lines = title_lines(title, CAPACITY)
    assert "".join(lines) == title and len(lines) == 3
    widths = [line_width(line) for line in lines]
    assert max(widths) <= CAPACITY
    assert not (widths[1] < widths[0] and widths[1] < widths[2])


@pytest.mark.parametrize("title", [
    "关于2017年3月份“主题党日”活动开展情况的通报（第二批）",
    "关于表彰2016年度全区优秀基层党组织书记和优秀共产党员以及先进党组织的决定",
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789关于英文和数字混排的标题的通知",
])
def test_no_line_splits_a_number_or_starts_with_closing_punctuation(title):
    lines = title_lines(title, CAPACITY)
    assert "".join(lines) == title
    for above, below in zip(lines, lines[1:], strict=False):
        assert not (above[-1].isascii() and above[-1].isalnum() and below[0].isascii() and below[0].isalnum())
        assert below[0] not in "，。、；：”）》" and above[-1] not in "“（《"
