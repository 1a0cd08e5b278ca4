"""Entities for the posts stage: holders, countries and bodies by name, added when missing.

:class:`PostEntities` answers the questions the phrase finder asks about the text (is a
country or body named right before here? which persons are known?) and turns names into
entity keys: the document's own entities first (by name, then alias, English name, or
the last part of a dotted name: 布林肯 for 安东尼·布林肯), new ones when the entities
stage did not find them, with the canonical names of the place and organisation lexicons
(美 → 美国, 澳洲 → 澳大利亚, 中共 → 中国共产党).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..document import Document
from ..facts import Entity, EntityType, Mention, OrgKind, PlaceKind, entity_key, normalize_name
from ..lang.zh.name_reading import Lookup, Ref
from ..lang.zh.names import normalize_dots
from ..lang.zh.orgs import NOT_ORGS, org_lexicon
from ..lang.zh.places import PlaceInfo, place_lexicon, short_forms

# 驻华大使: 华 stands for China only in such titles (华府 is Washington), so it is not a short form.
ACCREDITED_SHORT = {"华": "中国"}
# How an outlet names itself in its own text: 本台记者 is a reporter of the publisher.
SELF_REFERENCES = frozenset({"本台", "本报", "本网", "本刊", "本社", "本站"})


def _usable_place(info: PlaceInfo | None) -> bool:
    """Places a title can belong to: states, territories, and provinces or states of a country."""
    if info is None:
        return False
    return info.kind is PlaceKind.COUNTRY or (info.kind is PlaceKind.REGION and (
        info.iso is not None or info.name.endswith(("州", "省", "邦"))))


@lru_cache(maxsize=1)
def _country_regex() -> re.Pattern:
    """Countries named in the text, for the country of a bare title (国务卿蓬佩奥 → the last one).

    Also one-character short forms in 方-compounds (台方, 美方). 中共 is left out: these
    outlets name it everywhere (中共的…), so it says little about whose official is meant.
    Countries right after 驻 are where someone is posted, and countries before 病毒 / 肺炎
    name a disease: neither counts.
    """
    names = [n for n, info in place_lexicon().items() if _usable_place(info) and info.iso and not info.confirm]
    names = sorted(map(re.escape, names), key=len, reverse=True)
    shorts = "".join(short_forms())
    return re.compile(f"(?<!驻)(?:{'|'.join(names)}|[{shorts}](?=方))(?!病毒|肺炎|党)")


def not_a_person(name: str) -> bool:
    """A place or organisation name a tagger took for a person (惠州市)."""
    return name in place_lexicon() or name in org_lexicon() or name.endswith(("市", "省", "县", "国"))


def _canonical(place: str) -> str:
    info = place_lexicon().get(place) or short_forms().get(place)
    return info.name if info else place


class PostEntities:
    """Entity keys for names: the document's entities first, new entities when missing."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.text = normalize_dots(doc.text)
        self.by_name: dict[tuple[EntityType, str], str] = {}
        for names_only in (True, False):
            for e in doc.entities:
                self._index(e, names_only)
        self._prefix_cache: dict[tuple[int, bool, bool], Ref | None] = {}
        self._outlet = doc.meta.publisher.name if doc.meta.publisher else None  # 示例新闻记者X

    def _index(self, e: Entity, names_only: bool | None = None) -> None:
        """Index an entity's names; its own name before any alias of another (川普 is the entity
        named 川普, not the one that lists 川普 among its aliases)."""
        if names_only is None:
            self._index(e, True)
            self._index(e, False)
            return
        names = [e.name] if names_only else [*e.aliases, *([e.en] if e.en else [])]
        for name in names:
            self.by_name.setdefault((e.type, normalize_name(name)), e.key)
        for name in ([] if names_only or e.type is not EntityType.PERSON else [e.name, *e.aliases]):
            parts = normalize_dots(name).split("·")  # 布林肯 for 安东尼·布林肯
            if len(parts) > 1 and len(parts[-1]) >= 2:
                self.by_name.setdefault((e.type, normalize_name(parts[-1])), e.key)

    def find(self, type_: EntityType, *names: str) -> str | None:
        return next((k for n in names if n and (k := self.by_name.get((type_, normalize_name(n))))), None)

    def add(self, entity: Entity) -> str:
        self.doc.add_entities([entity])
        self._index(entity)
        return entity.key

    # -- what stands before a title ------------------------------------------------------------
    def prefix_ending(self, end: int, short: bool, cities: bool = False) -> Ref | None:
        """The country, region or organisation named right before ``end`` (``short``: also a
        one-character short form; ``cities``: also a city, for mayors)."""
        if (end, short, cities) not in self._prefix_cache:
            self._prefix_cache[end, short, cities] = self._prefix(end, short, cities)
        return self._prefix_cache[end, short, cities]

    def _prefix(self, end: int, short: bool, cities: bool) -> Ref | None:
        places, orgs = place_lexicon(), org_lexicon()
        for size in range(min(14, end), 1, -1):
            s = self.text[end - size:end]
            info = places.get(s)
            if (_usable_place(info) or (cities and info and info.kind is PlaceKind.CITY)) and not info.confirm:
                return Ref(end - size, end, s, "place")
            known = (s in orgs and not orgs[s].quoted) or self.find(EntityType.ORGANIZATION, s) or s == self._outlet
            if known and s not in NOT_ORGS:
                return Ref(end - size, end, s, "org")
            key = self.find(EntityType.PLACE, s)
            if key and _usable_place(places.get(self.doc.entity(key).name)):
                return Ref(end - size, end, s, "place")
        before = self.text[end - 2:end - 1] if end > 1 else ""
        if short and end > 0 and self.text[end - 1] in short_forms() and (  # 美财长, 美、日外长; not 本台记者
                not "\u4e00" <= before <= "\u9fff" or before in short_forms() or before in "与和及、"):
            return Ref(end - 1, end, self.text[end - 1], "place")
        return None

    def lookup(self) -> Lookup:
        persons = set()
        for e in self.doc.entities:
            if e.type is EntityType.PERSON:
                for name in (e.name, *e.aliases, *([e.en] if e.en else [])):
                    if not not_a_person(name):
                        persons.add(normalize_dots(name))
                        parts = normalize_dots(name).split("·")
                        if len(parts) > 1 and len(parts[-1]) >= 2:  # 布林肯 for 安东尼·布林肯
                            persons.add(parts[-1])
        titles = [(m.start(), m.end()) for m in re.finditer(r"《[^《》\n]{1,40}》", self.text)]  # 《台湾旅行法》
        countries = [(Ref(m.start(), m.end(), m.group(), "place"), _canonical(m.group()))
                     for m in _country_regex().finditer(self.text) if not any(s < m.start() < e for s, e in titles)]
        return Lookup(self.prefix_ending, persons, countries, self.text, _canonical)

    # -- keys ------------------------------------------------------------------------------------
    def place(self, ref: Ref, meaning: str | None = None) -> str:
        """The key of the place ``ref`` names (``meaning``: the name it stands for, if not its own)."""
        info = place_lexicon().get(meaning or ref.text) or short_forms().get(ref.text)
        name = info.name if info else ref.text
        key = self.find(EntityType.PLACE, ref.text, name) or self._same_iso(info)
        if key:
            return key
        return self.add(Entity(entity_key(EntityType.PLACE, name), EntityType.PLACE, name, (self._mention(ref),),
                               aliases=(ref.text,) if ref.text != name and len(ref.text) > 1 else (),
                               place_kind=info.kind if info else PlaceKind.PLACE, iso_code=info.iso if info else None,
                               en=info.en if info else None, layer="pattern", confidence=0.8))

    def _same_iso(self, info: PlaceInfo | None) -> str | None:
        if info is None or info.iso is None:
            return None
        return next((e.key for e in self.doc.entities if e.type is EntityType.PLACE and e.iso_code == info.iso), None)

    def org(self, ref: Ref) -> str:
        info = org_lexicon().get(ref.text)
        name = info.name if info else ref.text
        key = self.find(EntityType.ORGANIZATION, ref.text, name)
        if key:
            return key
        kind = info.kind if info else OrgKind.PARTY if ref.text.endswith("党") else OrgKind.OTHER
        return self.add(Entity(entity_key(EntityType.ORGANIZATION, name), EntityType.ORGANIZATION, name,
                               (self._mention(ref),), aliases=(ref.text,) if ref.text != name else (),
                               org_kind=kind, en=info.en if info else None, layer="pattern", confidence=0.8))

    def of(self, ref: Ref) -> str:
        if ref.text in SELF_REFERENCES and self.publisher():
            return self.publisher()
        return self.place(ref) if ref.kind == "place" else self.org(ref)

    def publisher(self) -> str | None:
        """The publisher's organisation (本台记者 is a reporter of the publisher)."""
        pub = self.doc.meta.publisher
        if pub is None:
            return None
        return self.find(EntityType.ORGANIZATION, pub.name) or self.add(Entity(
            entity_key(EntityType.ORGANIZATION, pub.name), EntityType.ORGANIZATION, pub.name,
            (pub.mention,) if pub.mention else (), org_kind=OrgKind.MEDIA, layer="meta"))

    def to(self, place: str, start: int, end: int) -> str | None:
        at = self.text.find(place, start, end)
        if at < 0:
            return None
        ref = Ref(at, at + len(place), place, "place")
        if place in ACCREDITED_SHORT:
            return self.place(ref, ACCREDITED_SHORT[place])
        if place_lexicon().get(place) or (len(place) == 1 and place in short_forms()):
            return self.place(ref)
        if place in org_lexicon() or self.find(EntityType.ORGANIZATION, place):
            return self.org(ref)
        return self.find(EntityType.PLACE, place)

    def person(self, ref: Ref, en: str | None, rule: str) -> str:
        key = self.find(EntityType.PERSON, ref.text, en or "")
        if key:
            return key
        name = self.doc.text[ref.start:ref.end]  # as written, with the article's own name dot
        return self.add(Entity(entity_key(EntityType.PERSON, name), EntityType.PERSON, name,
                               (self._mention(ref, rule),), en=en, layer="pattern", confidence=0.8))

    def _mention(self, ref: Ref, rule: str = "post.of") -> Mention:
        return self.doc.mention(ref.start, ref.end, rule)
