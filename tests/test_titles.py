"""The title lexicon (data/titles.tsv) and the grammar of title phrases."""
from __future__ import annotations

import pytest

from kg.facts import PostModifier
from kg.lang.zh import titles as T
from kg.lang.zh.places import place_lexicon

LEXICON_LINES = [line for line in (T.DATA / "titles.tsv").read_text(encoding="utf-8").splitlines()
                 if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("line", LEXICON_LINES, ids=lambda line: line.split("\t")[0])
def test_every_lexicon_line_parses(line):
    entry = T.parse_line(line)
    assert entry is not None and entry.category in T.CATEGORIES
    assert entry.title == entry.title.strip() and "\t" not in entry.title


def test_the_lexicon_has_no_duplicate_titles_and_covers_every_category():
    titles = [e.title for e in T.title_entries()]
    assert len(titles) == len(set(titles)) == len(LEXICON_LINES)
    assert {e.category for e in T.title_entries()} == T.CATEGORIES


def test_same_as_names_a_listed_title_and_where_names_known_places():
    listed = {e.title for e in T.title_entries()}
    for entry in T.title_entries():
        assert entry.same_as is None or entry.same_as in listed, entry
        for state in entry.where:
            assert state in place_lexicon() or state == "中共", entry


@pytest.mark.parametrize("title", ["国防部长", "外交部长", "外长", "外相", "防卫大臣", "国务卿", "财长", "贸易代表", "总统",
                                   "副总统", "总理", "首相", "主席", "国家主席", "总书记", "发言人", "外交部发言人", "大使",
                                   "常驻联合国代表", "临时代办", "特使", "特别代表", "议员", "参议员", "众议员", "国会议员",
                                   "议长", "部长", "副部长", "助理部长", "次卿", "司长", "署长", "局长", "处长", "主任",
                                   "秘书长", "将军", "上将", "司令", "指挥官", "记者", "主编", "责任编辑", "教授",
                                   "研究员", "创办人", "CEO"])
def test_the_lexicon_has_the_common_titles(title):
    assert T.entry_for(title) is not None


def test_pattern_titles_take_the_place_they_name():
    assert T.entry_for("驻日本大使").title == "驻{place}大使"
    assert T.entry_for("驻日大使").category == "ambassador"
    assert T.accredited_place("驻非洲联盟大使") == "非洲联盟"
    assert T.accredited_place("常驻联合国代表团临时代办") == "联合国"
    assert T.accredited_place("外交部长") is None


def test_canonical_titles_join_other_names_of_one_office():
    assert T.canonical("外长") == T.canonical("外交部长") == "外交部长"
    assert T.canonical("防长") == "国防部长"
    assert T.canonical("驻英特命全权大使") == "驻英大使"
    assert T.canonical("国务卿") == "国务卿"


def test_core_pattern_prefers_the_longest_title():
    found = [m.group() for m in T.core_pattern().finditer("中共外交部发言人汪某和副国务卿克某")]
    assert found == ["外交部发言人", "副国务卿"]


def test_modifiers_before_a_title():
    assert T.modifier_before("日本前首相", 3) == ("前", PostModifier.FORMER)
    assert T.modifier_before("美国代理国防部长", 4) == ("代理", PostModifier.ACTING)
    assert T.modifier_before("美国候任总统", 4) == ("候任", PostModifier.DESIGNATE)
    assert T.modifier_before("日本新任首相", 4) == ("新任", PostModifier.NEW)
    assert T.modifier_before("美国总统", 2) is None


def test_units_are_read_back_from_a_title_and_split_at_unit_words():
    text = "卫福部疾病管制署署长"
    assert T.read_unit(text, 8) == "疾病管制署"
    assert T.read_unit(text, 3) == "卫福部"
    assert T.read_unit("东海大学政治系教授", 7) == "政治系"
    assert T.read_unit("前图森市警察局局长", 7) == "图森市警察局"  # the modifier is left before it
    assert T.read_unit("他说外交部", 5) == "外交部"


def test_bodies_are_told_from_ministries():
    assert [T.is_body(u) for u in ("欧盟委员会", "东海大学", "图森市警察局", "阿里巴巴集团")] == [True] * 4
    assert [T.is_body(u) for u in ("外交部", "国防部", "疾病管制署", "外交部北美司", "常驻联合国代表团")] == [False] * 5
    assert T.is_ministry("国务院") and not T.is_ministry("政治系")


def test_a_title_inside_a_body_name_is_no_title():
    assert T.inside_unit_word("欧盟委员会主席", 2, 4)  # 委员|会
    assert T.inside_unit_word("美国大使馆", 2, 4)  # 大使|馆
    assert not T.inside_unit_word("欧盟委员会主席", 5, 7)


def test_a_bad_line_names_itself():
    with pytest.raises(ValueError, match="titles.tsv:7"):
        T.parse_line("总统\tpresident_of_everything", 7)
