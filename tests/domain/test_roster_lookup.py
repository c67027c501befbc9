import pytest

from themeday_office.domain.roster import Match, Miss

from .conftest import GULONG, QUWEIBAN, XINCHENG


@pytest.mark.parametrize(
    "written",
    [
        "大河村党支部",
        " 大河村 党支部 ",
        "大河村支部",  # 支部 for 党支部
        "古荥镇大河村党支部",  # the committee prefix written out
        "大河村党支部\n",
    ],
)
def test_branch_lookup_tolerates_how_people_write(roster, written):
    found = roster.find_branch(written)
    assert isinstance(found, Match) and found.item.name == "大河村党支部"


def test_exactness_is_reported(roster):
    assert roster.find_branch("大河村党支部").exact
    assert not roster.find_branch("大河村支部").exact


def test_an_omitted_committee_prefix_is_accepted_when_unambiguous(roster):
    found = roster.find_branch("机关第一党支部", GULONG)  # roster: 古荥镇机关第一党支部
    assert isinstance(found, Match) and found.item.name == "古荥镇机关第一党支部"


def test_an_omitted_prefix_is_refused_when_several_branches_fit(roster):
    found = roster.find_branch("机关第一支部")  # 新城街道 and 区委办 both have it
    assert isinstance(found, Miss) and found.ambiguous
    assert found.candidates == ("新城街道党工委机关第一党支部", "区委办机关党委机关第一党支部")
    found = roster.find_branch("第一党支部", XINCHENG)  # too short to be any one of them
    assert isinstance(found, Miss)


def test_the_committee_narrows_an_ambiguous_name(roster):
    found = roster.find_branch("机关第一党支部", "区委办")
    assert isinstance(found, Match) and found.item.committee == QUWEIBAN
    found = roster.find_branch("机关第一党支部", XINCHENG)
    assert isinstance(found, Match) and found.item.committee == XINCHENG


@pytest.mark.parametrize(
    "written", ["郑州ＡＢＣ科技有限公司党支部", "郑州abc科技有限公司　党支部", "“郑州ABC科技有限公司”党支部"]
)
def test_full_width_forms_case_and_quotes_are_folded(roster, written):
    found = roster.find_branch(written, "惠济经开区党工委")
    assert isinstance(found, Match) and found.item.name == "郑州ABC科技有限公司党支部"


def test_the_district_prefix_may_be_left_out(roster):
    found = roster.find_branch("第一中学党支部")
    assert isinstance(found, Match) and found.item.name == "惠济区第一中学党支部"


def test_the_roster_round_trips_through_json(roster):
    again = type(roster).model_validate_json(roster.model_dump_json())
    assert again == roster
    assert isinstance(again.find_branch("大河村支部"), Match)


def test_a_miss_suggests_the_closest_names(roster):
    found = roster.find_branch("大河村支布")
    assert isinstance(found, Miss) and not found.ambiguous
    assert found.suggestions[0] == "大河村党支部"
    assert found.suggest_text == "，您是否要填：大河村党支部？"


def test_a_miss_without_anything_close_suggests_nothing(roster):
    found = roster.find_branch("完全不同的名字")
    assert isinstance(found, Miss) and found.suggestions == () and found.suggest_text == ""


@pytest.mark.parametrize(
    "written", ["古荥镇党委", "古荥镇", "中共惠济区古荥镇委员会", "古荥镇 党委", "惠济区古荥镇党委"]
)
def test_committee_lookup(roster, written):
    found = roster.find_committee(written)
    assert isinstance(found, Match) and found.item.name == GULONG


def test_committee_miss_suggests(roster):
    found = roster.find_committee("古荣镇党委")
    assert isinstance(found, Miss) and found.suggestions == (GULONG,)


def test_towns_only(roster):
    assert isinstance(roster.find_committee("古荥镇", towns_only=True), Match)
    assert isinstance(roster.find_committee("区委办机关党委", towns_only=True), Miss)
