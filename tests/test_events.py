"""The events stage: trigger lexicon, one event per occurrence, merged mentions, relations.

Documents are written here by hand (short made-up sentences, real names only as names);
entities and posts are given directly so the tests do not depend on the entity stage.
"""
from __future__ import annotations

import re

import pytest

from kg.document import BlockKind, Document
from kg.facts import (
    ArticleMeta, Entity, EntityType, EventType, PartialDate, PlaceKind, Post, entity_key,
)
from kg.extract.events import events_stage, extract_events
from kg.lang.zh import events as lex

COUNTRY, CITY, PERSON = (EntityType.PLACE, PlaceKind.COUNTRY), (EntityType.PLACE, PlaceKind.CITY), (EntityType.PERSON, None)


def make_doc(paragraphs: list[str], names: dict[str, tuple], posts: tuple[tuple[str, str, str], ...] = (),
             captions: tuple[str, ...] = (), published: PartialDate = PartialDate(2020, 10, 7)) -> Document:
    """A document whose entities are every occurrence of ``names`` (name → (type, place kind))."""
    blocks = [(BlockKind.TITLE, "标题")] + [(BlockKind.CAPTION, c) for c in captions] + \
        [(BlockKind.PARAGRAPH, p) for p in paragraphs]
    doc = Document.from_blocks("test.md", blocks, ArticleMeta(title="标题", published=published), reader="test")
    entities = []
    for name, (type_, kind) in names.items():
        mentions = tuple(doc.mention(m.start(), m.end(), "test.entity") for m in re.finditer(re.escape(name), doc.text))
        entities.append(Entity(entity_key(type_, name), type_, name, mentions, place_kind=kind))
    doc.add_entities(entities)
    doc.posts = tuple(Post(entity_key(EntityType.PERSON, person), title, entity_key(EntityType.PLACE, of), ())
                      for person, title, of in posts)
    doc.provided |= {"entities", "posts"}
    return doc


def key(name: str, type_: EntityType = EntityType.PERSON) -> str:
    return entity_key(type_, name)


def place(name: str) -> str:
    return entity_key(EntityType.PLACE, name)


PAIR = {"美国": COUNTRY, "日本": COUNTRY, "布林肯": PERSON, "茂木": PERSON}
PAIR_POSTS = (("布林肯", "国务卿", "美国"), ("茂木", "外相", "日本"))


# -- the lexicon ----------------------------------------------------------------------------
def test_every_trigger_pattern_compiles_names_a_rule_and_matches_its_own_words():
    assert lex.TRIGGERS and all(rule.startswith("event.trigger.") for _, _, rule in lex.TRIGGERS)
    for word, expected in [("通电话", EventType.MEETING), ("双边会晤", EventType.MEETING),
                           ("G7外长峰会", EventType.SUMMIT), ("访问", EventType.VISIT), ("抵达", EventType.VISIT),
                           ("记者会", EventType.ANNOUNCEMENT), ("联合军演", EventType.EXERCISE),
                           ("总统大选", EventType.ELECTION), ("示威", EventType.PROTEST), ("空袭", EventType.ATTACK)]:
        assert lex.trigger_type(word)[0] is expected, word
    assert lex.trigger_type("会谈纪要") is None


@pytest.mark.parametrize("word", ["会谈", "会晤", "晤谈", "对话", "磋商", "会见", "握手", "见面", "共进午餐", "餐叙",
                                  "外长会议", "一般性辩论", "高峰会议", "通了电话", "视频通话", "国事访问", "抵达",
                                  "之行", "记者招待会", "发表联合声明", "发布公报", "军演", "大选", "示威", "游行",
                                  "炮击", "恐袭"])
def test_the_quick_character_test_lets_every_trigger_through(word):
    assert lex.TRIGGER_PATTERN.fullmatch(word) and lex.TRIGGER_CHARS.search(word)


@pytest.mark.parametrize("word", ["视频会议", "电话会谈", "虚拟会议", "网络会议", "远程通话", "线上峰会"])
def test_online_markers(word):
    assert lex.ONLINE_PATTERN.search(word)


# -- one event ------------------------------------------------------------------------------
def test_a_phone_call_is_an_online_meeting_of_two_persons_and_their_countries():
    doc = make_doc(["美国国务卿布林肯10月6日与日本外相茂木通电话。"], PAIR, PAIR_POSTS)
    (event,) = extract_events(doc)
    assert event.type is EventType.MEETING and event.online is True
    assert event.date == PartialDate(2020, 10, 6)
    assert set(event.participants) == {key("布林肯"), key("茂木")}
    assert set(event.countries) == {place("美国"), place("日本")}
    assert [m.rule for m in event.mentions] == ["event.trigger.call"]


def test_a_meeting_of_four_states_is_a_summit_with_its_place():
    names = {"美国": COUNTRY, "日本": COUNTRY, "澳大利亚": COUNTRY, "印度": COUNTRY, "东京": CITY}
    doc = make_doc(["美国、日本、澳大利亚和印度四国外长10月6日在东京举行会谈。"], names)
    (event,) = extract_events(doc)
    assert event.type is EventType.SUMMIT and event.place == place("东京") and event.online is False
    assert len(event.countries) == 4


def test_a_bilateral_on_the_sidelines_is_part_of_the_summit():
    doc = make_doc(["布林肯与茂木6日在G20峰会场边举行双边会晤。"], PAIR, PAIR_POSTS)
    events = {e.type: e for e in extract_events(doc)}
    meeting, summit = events[EventType.MEETING], events[EventType.SUMMIT]
    assert meeting.part_of == summit.key and meeting.date == PartialDate(2020, 10, 6)
    assert summit.date == PartialDate(2020, 10)  # known only through the sideline meeting's day


def test_caption_events_stay_apart_from_body_events():
    doc = make_doc(["布林肯与茂木10月6日举行会谈。"], PAIR, PAIR_POSTS, captions=("图为2019年5月1日，布林肯与茂木会晤。",))
    events = sorted(extract_events(doc), key=lambda e: e.in_caption)
    assert [e.in_caption for e in events] == [False, True]
    assert events[1].date == PartialDate(2019, 5, 1)


def test_a_caption_of_the_same_day_and_people_joins_the_body_event():
    doc = make_doc(["布林肯与茂木10月6日举行会谈。"], PAIR, PAIR_POSTS, captions=("10月6日，布林肯与茂木会晤。",))
    (event,) = extract_events(doc)
    assert not event.in_caption and len(event.mentions) == 2


def test_repeated_mentions_of_one_event_are_merged():
    doc = make_doc(["布林肯与茂木10月6日举行会谈。", "这次会谈持续两小时。茂木在与布林肯会谈后说，成果丰硕。"], PAIR, PAIR_POSTS)
    (event,) = extract_events(doc)
    assert len(event.mentions) == 3 and event.date == PartialDate(2020, 10, 6)


def test_separate_meetings_with_different_partners_stay_separate():
    names = PAIR | {"菅义伟": PERSON}
    doc = make_doc(["布林肯10月6日分别与茂木、菅义伟会面。"], names, PAIR_POSTS + (("菅义伟", "首相", "日本"),))
    partners = sorted(tuple(sorted(e.participants)) for e in extract_events(doc))
    assert partners == [tuple(sorted((key("布林肯"), key("茂木")))), tuple(sorted((key("布林肯"), key("菅义伟"))))]


def test_pronouns_and_pairs_are_resolved():
    doc = make_doc(["茂木10月5日抵达华盛顿。", "布林肯6日与他举行会谈，双方讨论了地区局势。"], PAIR | {"华盛顿": CITY}, PAIR_POSTS)
    meeting = next(e for e in extract_events(doc) if e.type is EventType.MEETING)
    assert set(meeting.participants) == {key("布林肯"), key("茂木")}


def test_planned_and_abstract_mentions_are_not_events():
    doc = make_doc(["预计布林肯将与茂木会谈。两国希望恢复对话。"], PAIR, PAIR_POSTS)
    assert extract_events(doc) == ()


# -- the stage contract ---------------------------------------------------------------------
def test_offsets_are_exact_and_the_stage_is_repeatable():
    doc = make_doc(["布林肯与茂木10月6日举行视频会谈。", "这次会谈后，茂木访问美国。"], PAIR, PAIR_POSTS)
    first = events_stage(doc).events
    assert first and events_stage(doc).events == first
    for event in first:
        for m in event.mentions:
            assert doc.text[m.start:m.end] == m.text and m.rule.startswith("event.")
    assert len({e.key for e in first}) == len(first)


def test_an_empty_document_has_no_events():
    doc = Document.from_blocks("empty.txt", [(BlockKind.TITLE, "")], ArticleMeta(title=""), reader="text")
    assert events_stage(doc).events == () and "events" in events_stage.provides


def test_short_forms_and_surnames_point_to_the_full_names():
    from kg.extract.coref import EntityIndex

    names = {"安东尼·布林肯": PERSON, "蔡英文": PERSON}
    doc = make_doc(["安东尼·布林肯10月6日会见蔡英文。布林肯说，蔡总统很坚定。"], names)
    index = EntityIndex(doc)
    second = doc.text.index("。") + 1
    assert [s.key for s in index.persons(second, len(doc.text))] == [key("安东尼·布林肯"), key("蔡英文")]
