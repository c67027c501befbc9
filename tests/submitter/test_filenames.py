"""File names from text a submitter controls."""

import pytest

from themeday_office.render.office_text import MAX_NAME_CHARS
from themeday_office.render.submitter import safe_filename


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("古荥镇党委", "古荥镇党委"),
        ("../../etc/passwd", "etc_passwd"),
        ("..\\..\\Windows\\win.ini", "Windows_win.ini"),
        ("a..b", "a.b"),
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("LPT1", "_LPT1"),
        ("COM¹", "_COM¹"),
        ("CONSOLE", "CONSOLE"),
        ("古荥镇\x00党委\x07\n", "古荥镇党委"),
        ("新城\u202eslx.exe", "新城slx.exe"),  # a right-to-left override would disguise the extension
        ("零\u200b宽", "零宽"),
        ('a<b>c:d"e|f?g*h', "a_b_c_d_e_f_g_h"),
        ("  .隐藏. ", "隐藏"),
        ("...", "未命名"),
        ("", "未命名"),
        ("多个   空格\t间隔", "多个 空格 间隔"),
    ],
)
def test_safe_filename(text, expected):
    assert safe_filename(text) == expected


def test_long_names_are_cut():
    assert len(safe_filename("党" * 300)) == MAX_NAME_CHARS
