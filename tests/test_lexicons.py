"""The lexicons of the entities stage: every data file parses and agrees with itself."""
from __future__ import annotations

import re

import pytest

from kg.facts import OrgKind, PlaceKind
from kg.lang.zh import names, orgs, places
from kg.lang.zh.places import DATA, read_tsv, split_aliases

PLACE_FILES = {"places_countries.tsv": 4, "places_regions.tsv": 4, "places_cities.tsv": 4,
               "places_features.tsv": 4, "places_short.tsv": 3, "places_cn.tsv": 4}
ISO = re.compile(r"[A-Z]{2}")
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.mark.parametrize("filename,columns", sorted(PLACE_FILES.items()))
def test_every_place_line_parses(filename, columns):
    rows = list(read_tsv(DATA / filename, columns))
    assert rows, filename
    for row in rows:
        assert len(row) == columns
        assert CJK.search(row[0]), row
    names_seen = [r[0] for r in rows]
    assert len(names_seen) == len(set(names_seen)), f"duplicate names in {filename}"


def test_place_codes_are_iso_alpha2():
    for filename in ("places_countries.tsv", "places_regions.tsv", "places_cities.tsv", "places_short.tsv"):
        column = 2 if filename == "places_short.tsv" else 1
        for row in read_tsv(DATA / filename, PLACE_FILES[filename]):
            code = row[column - 1] if filename == "places_short.tsv" else row[1]
            assert not code or ISO.fullmatch(code), (filename, row)
    for row in read_tsv(DATA / "places_countries.tsv", 4):
        assert row[2] in {k.value for k in PlaceKind}, row


def test_country_table_has_every_state_once():
    table = places.country_table()
    countries = {code: name for code, (name, kind, _) in table.items() if kind is PlaceKind.COUNTRY}
    assert len(countries) >= 190
    assert all(ISO.fullmatch(code) for code in table)
    canonical = [name for name, _kind, _ in table.values()]
    assert len(canonical) == len(set(canonical)), "two codes with one canonical name"
    assert countries["US"] == "美国" and countries["AU"] == "澳大利亚" and countries["CN"] == "中国"
    assert table["TW"][:2] == ("台湾", PlaceKind.REGION) and table["HK"][:2] == ("香港", PlaceKind.REGION)


def test_no_name_stands_for_two_codes():
    """Every name, from CLDR or a data file, maps to at most one ISO code."""
    seen: dict[str, str] = {}

    def note(name: str, code: str | None, where: str) -> None:
        if not code:
            return
        known = seen.setdefault(name, code)
        assert known == code, f"{name} is {known} and {code} ({where})"

    for code, (canonical, _kind, others) in places.country_table().items():
        for name in (canonical, *others):
            note(name, code, "CLDR")
    for name, code, _kind, _en in read_tsv(DATA / "places_countries.tsv", 4):
        note(name, code, "places_countries.tsv")
    for name, code, _en, aliases in read_tsv(DATA / "places_regions.tsv", 4):
        for n in (name, *split_aliases(aliases)):
            note(n, code, "places_regions.tsv")
    lex = places.place_lexicon()
    for name, info in lex.items():
        if info.iso and name in seen:
            assert seen[name] == info.iso, name


def test_lexicon_maps_forms_to_one_place():
    lex = places.place_lexicon()
    assert lex["澳洲"].ident == lex["澳大利亚"].ident == "AU"
    assert lex["中华民国"].iso == "TW" and lex["台湾"].kind is PlaceKind.REGION
    assert lex["尖阁诸岛"].name == lex["钓鱼岛"].name and lex["南海"].kind is PlaceKind.PLACE
    assert lex["东京"].kind is PlaceKind.CITY and lex["新疆"].kind is PlaceKind.REGION
    assert "刚果" not in lex and lex["海地"].confirm


def test_short_forms_are_countries_or_territories():
    short = places.short_forms()
    assert {"美", "日", "澳", "印", "中", "英", "法", "德", "俄", "韩", "朝", "台", "港"} <= set(short)
    for char, info in short.items():
        assert len(char) == 1 and info.iso, char
    assert short["美"].name == "美国" and places.short_form("澳", "港澳").iso == "MO"


def test_every_org_line_parses():
    rows = list(read_tsv(DATA / "orgs.tsv", 5))
    assert len(rows) > 100
    kinds = {k.value for k in OrgKind}
    owner: dict[str, str] = {}
    for name, kind, en, aliases, flags in rows:
        assert kind in kinds, name
        assert flags in ("", "q"), name
        for surface in (name, *split_aliases(aliases)):
            assert owner.setdefault(surface, name) == name, f"{surface} names {owner[surface]} and {name}"
    assert len({r[0] for r in rows}) == len(rows)


def test_org_lexicon():
    lex = orgs.org_lexicon()
    assert lex["北约"].name == "北大西洋公约组织" and lex["WHO"].kind is OrgKind.INTERNATIONAL
    assert lex["中共"].kind is OrgKind.PARTY and lex["新华社"].kind is OrgKind.MEDIA
    assert lex["G7"].name == lex["七国集团"].name
    assert lex["外交政策"].quoted
    assert all(s and CJK.search(s) for s in orgs.ORG_SUFFIXES)
    assert orgs.MEDIA_TITLE.search("纽约时报") and orgs.NOT_MEDIA_TITLE.search("香港国安法")


@pytest.mark.parametrize("filename", ["names_surnames.txt", "names_translit.txt", "names_stop.txt",
                                      "names_titles.txt"])
def test_name_word_lists_parse(filename):
    words = names._words(filename)
    assert len(words) > 20
    assert all(CJK.search(w) for w in words), filename


def test_name_lists():
    assert all(1 <= len(s) <= 3 for s in names.surnames())
    assert all(len(c) == 1 for c in names.translit_chars())
    assert "他们" in names.stop_words() and "双方" in names.stop_words()
    assert "国务卿" in names.titles() and names.titles()[0] != "长"
    assert names.is_chinese_name("林芳正") and names.is_translit_name("布林肯")
    assert not names.name_shape("部长们") and not names.name_shape("云云") and not names.name_shape("蔡总统")


def test_chinese_divisions_full_and_short_forms():
    rows = list(read_tsv(DATA / "places_cn.tsv", 4))
    assert {r[1] for r in rows} == {"province", "prefecture", "county"}
    assert all(re.fullmatch(r"\d{6}", r[2]) for r in rows)
    lex = places.place_lexicon()
    assert lex["如东县"].kind is PlaceKind.REGION and lex["宜兴市"].kind is PlaceKind.CITY
    assert lex["如东"].confirm and lex["如东"].chained  # a county's bare name: the tagger and the province
    assert lex["宜兴"].confirm and not lex["宜兴"].chained  # a county-level city's: the tagger only
    assert not lex["潍坊"].confirm and lex["大同"].confirm  # a prefecture's, unless it is a word too
    assert lex["和平区"].bounded and "解放区" not in lex and "市辖区" not in lex
    assert lex["邢台"].name == "邢台市"  # the prefecture, not the county of that name
    assert lex["延边"].name == "延边朝鲜族自治州"


def test_world_cities_need_the_tagger():
    lex = places.place_lexicon()
    assert lex["卡拉奇"].kind is PlaceKind.CITY and lex["卡拉奇"].confirm
    assert "未知地点" not in lex


def test_units_of_bodies():
    assert orgs.unit_of_body("外交部新闻司") and orgs.unit_of_body("国务院研究室")
    assert not orgs.unit_of_body("上司") and not orgs.unit_of_body("英国王室")
    assert "委" in orgs.SHORT_ORG_SUFFIXES and "党委" in orgs.GENERIC_BODIES
