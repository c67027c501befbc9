import pytest

from themeday_office.domain.values import (
    ActivityMode,
    BranchType,
    ValueProblem,
    parse_branch_type,
    parse_count,
    parse_item_numbers,
    parse_mode,
    parse_scope,
    parse_text,
)


@pytest.mark.parametrize(
    "raw, count",
    [
        (30, 30),
        (30.0, 30),
        ("30", 30),
        ("３０", 30),
        ("30人", 30),
        ("30 人", 30),
        ("３０名", 30),
        ("无", 0),
        ("-", 0),
        (0, 0),
    ],
)
def test_count_shapes(raw, count):
    assert parse_count(raw) == count


@pytest.mark.parametrize("raw", [None, "", " "])
def test_blank_count_is_none(raw):
    assert parse_count(raw) is None


@pytest.mark.parametrize("raw, reason", [("三十", "不是人数"), (28.5, "整数"), ("约30人", "不是人数")])
def test_bad_counts(raw, reason):
    with pytest.raises(ValueProblem, match=reason) as caught:
        parse_count(raw)
    assert caught.value.code == "value_invalid"


@pytest.mark.parametrize("raw", [-3, "-3", "－3人"])
def test_negative_counts_have_their_own_code(raw):
    with pytest.raises(ValueProblem) as caught:
        parse_count(raw)
    assert caught.value.code == "count_negative"


@pytest.mark.parametrize(
    "raw, mode",
    [
        ("联建共建", ActivityMode.JOINT),
        ("联建", ActivityMode.JOINT),
        ("党组织联建共建活动", ActivityMode.JOINT),
        ("共建", ActivityMode.JOINT),
        ("支部单独开展", ActivityMode.SOLO),
        ("单独开展", ActivityMode.SOLO),
        (" 支部 单独开展 ", ActivityMode.SOLO),
        ("独立开展", ActivityMode.SOLO),
    ],
)
def test_mode_variants(raw, mode):
    assert parse_mode(raw) is mode


@pytest.mark.parametrize("raw", ["集中学习", "联建+单独开展"])
def test_unknown_mode(raw):
    with pytest.raises(ValueProblem, match="联建共建"):
        parse_mode(raw)


@pytest.mark.parametrize("raw", ["全部", "全部支部", "所有党支部", " 全部 "])
def test_scope_all(raw):
    scope = parse_scope(raw)
    assert scope is not None and scope.all_branches


@pytest.mark.parametrize(
    "raw", ["大河村党支部、八里庙村党支部", "大河村党支部，八里庙村党支部", "大河村党支部,八里庙村党支部"]
)
def test_scope_list(raw):
    scope = parse_scope(raw)
    assert scope is not None and not scope.all_branches
    assert scope.names == ("大河村党支部", "八里庙村党支部")


@pytest.mark.parametrize(
    "raw, numbers",
    [
        ("1、4", (1, 4)),
        ("1,4", (1, 4)),
        ("1，4", (1, 4)),
        ("第3项", (3,)),
        ("2-4", (2, 3, 4)),
        (3, (3,)),
        (3.0, (3,)),
        ("一、四", (1, 4)),
        (None, ()),
    ],
)
def test_item_numbers(raw, numbers):
    assert parse_item_numbers(raw) == numbers


@pytest.mark.parametrize("raw", ["学雷锋", 1.5, 0, "4-2"])
def test_bad_item_numbers(raw):
    with pytest.raises(ValueProblem):
        parse_item_numbers(raw)


@pytest.mark.parametrize(
    "raw, kind",
    [
        ("农村", BranchType.VILLAGE),
        ("“两新”组织", BranchType.NEW_ORGANIZATION),
        ("国企", BranchType.STATE_ENTERPRISE),
        ("学校", BranchType.SCHOOL),
    ],
)
def test_branch_types(raw, kind):
    assert parse_branch_type(raw) is kind


def test_unknown_branch_type_lists_the_seven():
    with pytest.raises(ValueProblem, match="党政机关、事业单位、农村、社区、国有企业、学校、两新组织"):
        parse_branch_type("部队")


def test_text_keeps_phone_numbers_whole():
    assert parse_text(13800000000.0) == "13800000000"
    assert parse_text("  古荥镇党委 ") == "古荥镇党委"
    assert parse_text("   ") is None
