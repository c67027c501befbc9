from datetime import date

from themeday_office.domain.roster import load_roster
from themeday_office.domain.values import RawValue

from .sheets import cells

C_COLS = ["名称", "类别", "所属协作组", "联系人", "联系电话"]
B_COLS = ["支部名称", "所属党(工)委", "支部类型", "党员人数", "书记"]
G_COLS = ["协作组名称", "牵头单位", "成员单位", "联建镇(街道)"]


def committee(row, name, category, group=None):
    return cells(
        "党(工)委",
        row,
        {"名称": name, "类别": category, "所属协作组": group, "联系人": "王某", "联系电话": 13800000000.0},
        C_COLS,
    )


def branch(row, name, committee_name, kind="农村", members=30):
    return cells(
        "党支部",
        row,
        {"支部名称": name, "所属党(工)委": committee_name, "支部类型": kind, "党员人数": members, "书记": "张三"},
        B_COLS,
    )


def group(row, name, members, partners):
    return cells(
        "协作组", row, {"协作组名称": name, "牵头单位": "区委办", "成员单位": members, "联建镇(街道)": partners}, G_COLS
    )


COMMITTEES = [
    committee(2, "古荥镇党委", "镇"),
    committee(3, "新城街道党工委", "街道"),
    committee(4, "区委办机关党委", "区直机关", "第一党建协作组"),
]


GROUPS = [group(2, "第一党建协作组", "区委办机关党委", "古荥镇、新城街道")]


def load(branches=(), groups=GROUPS, committees=COMMITTEES):
    return load_roster(date(2017, 1, 1), list(committees), list(branches), list(groups))


def test_a_clean_roster_loads_without_messages():
    roster, messages = load(
        [branch(2, "大河村党支部", "古荥镇党委"), branch(3, "区委办第一党支部", "区委办机关党委", "党政机关", "１５人")]
    )
    assert messages == []
    assert [b.members for b in roster.branches] == [30, 15]
    assert roster.committee("古荥镇党委").phone == "13800000000"
    assert roster.group("第一党建协作组").partners == ("古荥镇党委", "新城街道党工委")
    assert roster.group_of("区委办机关党委").name == "第一党建协作组"


def test_a_branch_of_an_unknown_committee_is_left_out_with_its_place():
    roster, messages = load([branch(7, "某村党支部", "花园口镇党委")])
    assert roster.branches == ()
    assert [m.text for m in messages] == ["党支部!B7 所属党(工)委“花园口镇党委”不在党(工)委表中"]
    assert messages[0].code == "roster_committee_unknown"


def test_a_close_committee_name_is_suggested():
    _, messages = load([branch(7, "某村党支部", "古荣镇党委")])
    assert messages[0].text.endswith("您是否要填：古荥镇党委？")


def test_committee_written_without_its_suffix_is_found():
    roster, messages = load([branch(2, "大河村党支部", "古荥镇")])
    assert messages == [] and roster.branches[0].committee == "古荥镇党委"


def test_a_duplicate_branch_is_reported_against_the_first():
    roster, messages = load([branch(2, "大河村党支部", "古荥镇党委"), branch(3, "大河村 支部", "古荥镇党委")])
    assert len(roster.branches) == 1
    assert [m.code for m in messages] == ["roster_branch_duplicate"]
    assert "另见党支部!A2" in messages[0].text


def test_the_same_branch_name_under_two_committees_is_fine():
    roster, messages = load([branch(2, "机关第一党支部", "古荥镇党委"), branch(3, "机关第一党支部", "新城街道党工委")])
    assert messages == [] and len(roster.branches) == 2


def test_a_negative_member_count_is_refused():
    roster, messages = load([branch(5, "大河村党支部", "古荥镇党委", members=-3)])
    assert roster.branches == ()
    assert [(m.code, m.text) for m in messages] == [("count_negative", "党支部!D5“党员人数”为 -3，人数不能为负数")]


def test_a_bad_branch_type_names_the_value():
    _, messages = load([branch(5, "大河村党支部", "古荥镇党委", kind="部队")])
    assert messages[0].code == "value_invalid"
    assert messages[0].text.startswith("党支部!C5“支部类型”为“部队”，应为党政机关")


def test_a_group_pairing_with_an_unknown_town_is_reported():
    roster, messages = load(groups=[group(2, "第一党建协作组", "区委办机关党委", "古荥镇、花园口镇")])
    assert roster.group("第一党建协作组").partners == ("古荥镇党委",)
    assert [m.text for m in messages] == ["协作组!D2 联建镇(街道)“花园口镇”不是党(工)委表中的镇或街道"]


def test_a_group_cannot_pair_with_a_committee_that_is_not_a_town():
    _, messages = load(groups=[group(2, "第一党建协作组", "区委办机关党委", "区委办机关党委")])
    assert [m.code for m in messages] == ["roster_partner_unknown"]


def test_unknown_group_and_member():
    _, messages = load(groups=[group(2, "第二党建协作组", "区委办机关党委、区财政局党组", "古荥镇")])
    assert [m.text for m in messages] == [
        "协作组!C2 成员单位“区财政局党组”不在党(工)委表中",
        "党(工)委!C4 所属协作组“第一党建协作组”不在协作组表中，您是否要填：第二党建协作组？",
    ]


def test_a_committee_its_group_does_not_list_is_a_hint():
    _, messages = load(
        groups=[group(2, "第一党建协作组", "", "古荥镇")],
        committees=[*COMMITTEES, committee(5, "区教体局党委", "区直机关", "第一党建协作组")],
    )
    assert messages == []  # an empty 成员单位 means: the committees' own column says who is in
    _, messages = load(
        groups=[group(2, "第一党建协作组", "区教体局党委", "古荥镇")],
        committees=[*COMMITTEES, committee(5, "区教体局党委", "区直机关", "第一党建协作组")],
    )
    assert [(m.severity.value, m.code) for m in messages] == [("提示", "roster_group_mismatch")]


def test_missing_required_columns_and_values():
    rows = [
        {
            "支部名称": RawValue("大河村党支部", "党支部!A2"),
            "支部类型": RawValue("农村", "党支部!C2"),
            "党员人数": RawValue(None, "党支部!D2"),
        }
    ]
    _, messages = load(rows)
    assert [m.text for m in messages] == ["党支部 表中缺少“所属党(工)委”"]
    _, messages = load([branch(2, "大河村党支部", "古荥镇党委", members=None)])
    assert [m.text for m in messages] == ["党支部!D2“党员人数”未填写"]


def test_header_variants_are_accepted():
    row = {
        "党支部名称 ": RawValue("大河村党支部", "x"),
        "所属党委": RawValue("古荥镇党委", "x"),
        "类型": RawValue("农村", "x"),
        "党员人数（人）": RawValue(30, "x"),
    }
    roster, messages = load([row])
    assert messages == [] and roster.branches[0].name == "大河村党支部"
