"""Who a stretch of text is about: entity mentions by position, and what 他/他们/双方/两国 stand for.

Relations (event participants, statement issuers) are built from spans of text. The
:class:`EntityIndex` answers "which persons, countries, places are named between these
offsets", adds short forms the entity stage may have left out (the surname part of a
transliterated name, one-character country abbreviations in lists such as 美、日、澳、印),
and resolves pronouns and generic phrases to the entities they stand for:

- 他 / 她 as the one who acts → the agent named earlier in the sentence (菅义伟说，他…), else
  the person named last before; after 与/和 (克拉夫特与他) → someone other than those named;
- 两人 / 二人 → the two persons of the event named just before (the events stage);
- 双方 / 两国 → the countries of the event in question (statements), else the last two
  states named before; 部长们 / 他们 as issuers → the countries of the event in question.

Pronouns are never entities themselves (the gold README says so); they only lend their
referents to relations.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from kg.document import Document
from kg.facts import Entity, EntityType, PlaceKind

# Regions that act as states in diplomacy: they issue statements like countries do.
POLITIES = frozenset({"台湾", "中华民国"})
# Generic phrases that stand for the persons of the event in question (issuers of a statement).
PERSON_GROUPS = re.compile(r"两人|二人|双方领导人|部长们|外长们|防长们|领导人们|他们|她们|与会者")
# Group words that stand for exactly the two persons or two states named before.
PAIR_PERSONS = re.compile(r"两人|二人|两位|双方领导人")
PAIR_STATES = re.compile(r"双方|两国")
# Before a person (titles between allowed): the person is the other party, not the agent.
WITH_BEFORE = re.compile(r"[与和同跟][^，。；：、与和同跟]{0,12}$")
# Generic phrases that stand for the countries of the event in question (issuers of a statement).
COUNTRY_GROUPS = re.compile(r"双方|两国|各方|四国|三国|各国")
# A reporter or editor named in the byline or editor line takes part in nothing reported.
BYLINE_BEFORE = re.compile(r"(?:记者|编辑|责编|网编|编译|撰文)[:：]?$")
# Titles that may follow a bare surname: 蔡总统, 习主席, 魏部长.
TITLES_AFTER_SURNAME = re.compile("总统|主席|总理|首相|部长|外长|防长|大使|议长|院长|市长|书记|国务卿")
SINGLE_PRONOUNS = re.compile(r"[他她](?![们])")
_NAME_DOTS = "·・•‧.．"


@dataclass(frozen=True, slots=True)
class Actor:
    """A person named or referred to (他/她) at ``start``; ``object`` when 与/和 makes them the other
    party (与日本新首相菅义伟会晤) rather than the one who acts."""

    start: int
    key: str
    object: bool
    end: int = 0


@dataclass(frozen=True, slots=True)
class Spot:
    """One place in the text where an entity is named (or abbreviated)."""

    start: int
    end: int
    key: str


def is_state(entity: Entity) -> bool:
    """A country proper (regions acting as states, such as 台湾, are polities: see is_polity).

    >>> from kg.facts import Entity, EntityType, PlaceKind
    >>> is_state(Entity("Place:台湾", EntityType.PLACE, "台湾", (), place_kind=PlaceKind.REGION))
    False
    """
    return entity.type is EntityType.PLACE and entity.place_kind is PlaceKind.COUNTRY


def is_polity(entity: Entity) -> bool:
    """A country or a region that acts as one (台湾): who may issue a statement or take part
    in an event as a state (kg:participatingCountry ranges over both).

    >>> from kg.facts import Entity, EntityType, PlaceKind
    >>> is_polity(Entity("Place:台湾", EntityType.PLACE, "台湾", (), place_kind=PlaceKind.REGION))
    True
    """
    return is_state(entity) or (entity.type is EntityType.PLACE and entity.name in POLITIES)


def short_forms(name: str) -> list[str]:
    """Short forms of a transliterated person name: its last part after a name dot.

    >>> short_forms("安东尼·布林肯"), short_forms("习近平"), short_forms("米歇尔．巴切莱特")
    (['布林肯'], [], ['巴切莱特'])
    """
    parts = [p for p in re.split(f"[{_NAME_DOTS}]", name) if p]
    if len(parts) < 2 or len(parts[-1]) < 2 or parts[-1].isascii():
        return []
    return [parts[-1]]


class EntityIndex:
    """Entity mentions of one document, sorted by position, with pronoun resolution."""

    _last: "EntityIndex | None" = None  # the events and statements stages read the same document

    @classmethod
    def of(cls, doc: Document) -> "EntityIndex":
        """The index of ``doc``, reused while its text, entities and posts are the same objects."""
        last = cls._last
        if last is None or last.doc is not doc or last.entity_tuple is not doc.entities \
                or last.post_tuple is not doc.posts or last.doc.text is not doc.text:
            cls._last = last = cls(doc)
        return last

    def __init__(self, doc: Document):
        self.doc = doc
        self.entity_tuple, self.post_tuple = doc.entities, doc.posts
        self.entities = {e.key: e for e in doc.entities}
        spots = {Spot(m.start, m.end, e.key) for e in doc.entities for m in e.mentions
                 if not BYLINE_BEFORE.search(doc.text[max(0, m.start - 4):m.start])}
        spots |= self._short_spots(spots)
        self.spots = sorted(spots, key=lambda s: (s.start, -s.end))
        self._starts = [s.start for s in self.spots]
        self.post_countries: dict[str, tuple[str, ...]] = {}
        self.post_bodies: dict[str, tuple[str, ...]] = {}  # states or organisations served
        for post in doc.posts:
            of = self.entities.get(post.of) if post.of else None
            if of is not None and is_polity(of):
                self.post_countries[post.holder] = (*self.post_countries.get(post.holder, ()), of.key)
            if of is not None and (is_polity(of) or of.type is EntityType.ORGANIZATION):
                self.post_bodies[post.holder] = (*self.post_bodies.get(post.holder, ()), of.key)
        # one-character abbreviations: 美 → 美国 when exactly one state of the article starts with it
        firsts: dict[str, set[str]] = {}
        for e in doc.entities:
            if is_state(e):
                for name in (e.name, *e.aliases):
                    if name and not name.isascii():
                        firsts.setdefault(name[0], set()).add(e.key)
        self.abbreviations = {c: next(iter(keys)) for c, keys in firsts.items() if len(keys) == 1}
        self._abbreviation_pattern: re.Pattern[str] | None = None

    def _short_spots(self, spots: set[Spot]) -> set[Spot]:
        """Short forms the entity stage left uncovered: the last part of a transliterated name
        (布林肯 for 安东尼·布林肯) and a Chinese surname before a title (蔡总统 for 蔡英文) when
        only one person of the article has that surname."""
        text, found = self.doc.text, set()
        covered = [(s.start, s.end) for s in spots]
        persons = [e for e in self.doc.entities if e.type is EntityType.PERSON]
        surnames: dict[str, list[str]] = {}
        for e in persons:
            if 2 <= len(e.name) <= 3 and all("\u4e00" <= c <= "\u9fff" for c in e.name):
                surnames.setdefault(e.name[0], []).append(e.key)
        forms = {short: e.key for e in persons for short in short_forms(e.name)}
        forms |= {name: keys[0] for name, keys in surnames.items() if len(keys) == 1 and name not in forms}
        if not forms:
            return found
        taken = {i for a, b in covered for i in range(a, b)}
        for form, key in forms.items():  # str.find: far cheaper than compiling a pattern per article
            at = text.find(form)
            while at >= 0:
                # a bare surname counts only before a title
                if at not in taken and (len(form) > 1 or TITLES_AFTER_SURNAME.match(text, at + 1)):
                    found.add(Spot(at, at + len(form), key))
                at = text.find(form, at + 1)
        return found

    # -- lookups -------------------------------------------------------------------------
    def spots_in(self, start: int, end: int) -> list[Spot]:
        i = bisect.bisect_left(self._starts, start)
        out = []
        while i < len(self.spots) and self.spots[i].start < end:
            if self.spots[i].end <= end:
                out.append(self.spots[i])
            i += 1
        return out

    def of_type(self, spots: list[Spot], type_: EntityType) -> list[Spot]:
        return [s for s in spots if self.entities[s.key].type is type_]

    def persons(self, start: int, end: int) -> list[Spot]:
        return self.of_type(self.spots_in(start, end), EntityType.PERSON)

    def states(self, start: int, end: int) -> list[Spot]:
        found = [s for s in self.spots_in(start, end) if is_polity(self.entities[s.key])]
        return sorted(found + self.abbreviated_states(start, end), key=lambda s: s.start)

    def places(self, start: int, end: int) -> list[Spot]:
        return [s for s in self.spots_in(start, end) if self.entities[s.key].type is EntityType.PLACE]

    def abbreviated_states(self, start: int, end: int) -> list[Spot]:
        """States written as one character in a list: 美、日、澳、印 or 美日 before 四国/双方/会谈."""
        if not self.abbreviations:
            return []
        if self._abbreviation_pattern is None:
            chars = "".join(re.escape(c) for c in self.abbreviations)
            self._abbreviation_pattern = re.compile(
                rf"[{chars}](?:、?[{chars}])+(?=[\u4e00-\u9fff]{{0,4}}?(?:国|双方|外长|防长|首脑|会|峰|对话|关系))")
        taken = self.spots_in(start, end)
        out = []
        for m in self._abbreviation_pattern.finditer(self.doc.text[start:end]):
            at = start + m.start()
            if any(s.start < at + len(m.group()) and at < s.end for s in taken):
                continue  # part of a name the entity stage found (日本, 美国)
            out.extend(Spot(at + i, at + i + 1, self.abbreviations[c]) for i, c in enumerate(m.group()) if c != "、")
        return out

    def countries_of(self, person: str) -> tuple[str, ...]:
        """The countries whose posts ``person`` holds."""
        return tuple(dict.fromkeys(self.post_countries.get(person, ())))

    def bodies_of(self, person: str) -> tuple[str, ...]:
        """The states, regions and organisations whose posts ``person`` holds."""
        return tuple(dict.fromkeys(self.post_bodies.get(person, ())))

    # -- coreference ---------------------------------------------------------------------
    def last_person_before(self, position: int, floor: int, exclude=()) -> str | None:
        """The person named nearest before ``position`` but not before ``floor`` (他 / 她)."""
        i = bisect.bisect_left(self._starts, position) - 1
        while i >= 0 and self.spots[i].start >= floor:
            spot = self.spots[i]
            if self.entities[spot.key].type is EntityType.PERSON and spot.end <= position and spot.key not in exclude:
                return spot.key
            i -= 1
        return None

    def last_states_before(self, position: int, floor: int, count: int = 2) -> list[str]:
        """The last ``count`` distinct states named before ``position`` (两国, 双方 without an event)."""
        found: list[str] = []
        for spot in reversed(self.states(floor, position)):
            if spot.key not in found:
                found.append(spot.key)
            if len(found) == count:
                break
        return found[::-1]

    def actors(self, lo: int, hi: int, floor: int, masked: list[tuple[int, int]] = ()) -> list[Actor]:
        """Persons named in ``lo..hi`` and those 他/她 stand for, in order.

        他 after 与/和 is someone else than the ones already named (克拉夫特与他 → the person
        before); 他 as a subject is the agent named earlier in the sentence (菅义伟说，他…), or
        else the person named last before.
        """
        text = self.doc.text
        items = [(s.start, s.end, s.key) for s in self.persons(lo, hi) if not any(a <= s.start < b for a, b in masked)]
        items += [(m.start() + lo, m.end() + lo, None) for m in SINGLE_PRONOUNS.finditer(text[lo:hi])]
        out: list[Actor] = []
        previous_end = lo
        for start, end, key in sorted(items):
            is_object = bool(WITH_BEFORE.search(text, max(previous_end, lo), start))
            if key is None:
                named = {a.key for a in out}
                if is_object:
                    key = self.last_person_before(start, floor, named)
                else:
                    key = next((a.key for a in reversed(out) if not a.object), None) or self.last_person_before(start, floor)
            if key is not None and not (out and out[-1].key == key and re.fullmatch(r"[（(]?", text[previous_end:start])):
                out.append(Actor(start, key, is_object, end))  # 雷诺兹（Linda Reynolds）is one mention
            previous_end = end
        return out

    def pair_of_states(self, text: str, position: int, floor: int) -> tuple[str, ...]:
        """The two states 双方 / 两国 in ``text`` (which starts at ``position``) stand for: the
        last two named before it, not before ``floor``.

        Callers who know the event in question use its countries instead (statements do).
        """
        return tuple(self.last_states_before(position, floor)) if PAIR_STATES.search(text) else ()
