"""Coreference within one article: which groups of mentions are one entity.

* brackets after a name: the Latin name (佩恩（Marise Payne）), another form (川普（特朗普）),
  an abbreviation (（简称Quad）);
* the last or first part of a dot-joined name (布林肯, 安东尼 ↔ 安东尼·布林肯) and a surname
  before the full name (茂木 ↔ 茂木敏充), when the full name comes first;
* one full title before two names, one of them Latin (美国国务卿Mike Pompeo, 美国国务卿蓬佩奥);
* a bare ministry where one country's is named (国防部 ↔ 美国国防部), a contraction
  (非洲疾控中心 ↔ 非洲疾病预防控制中心), a place written without its 市 (达尔文 ↔ 达尔文市).
"""
from __future__ import annotations

import re

from ...facts import EntityType, OrgKind
from ...lang.zh.names import CJK, LATIN_NAME, LATIN_NOT_PERSON, name_shape, stop_words, surnames
from ...lang.zh.orgs import MINISTRIES
from .base import Candidate, Text, normalize_name
from .group import Groups
from .orgs import fused_title
from .persons import Bracket, title_before
from .select import short_names

_MINISTRY_SET = frozenset(MINISTRIES)
_MINISTRY_ENDS = tuple(sorted({w[-1] for w in MINISTRIES}))
# A proper name in Latin script: capitalised words, short connectors between them (University of Alberta).
_PROPER = re.compile(r"(?:[A-Z0-9][\w.&'’\-]*)(?:\s+(?:(?:of|and|the|for|de|la|du|des|von|van|der|del|on|in|&)\s+)*"
                     r"[A-Z0-9][\w.&'’\-]*)*")
# Latin words that make the name before the bracket an organisation's (约翰·霍普金斯（Johns Hopkins University）).
_LATIN_BODY = re.compile(r"\b(?:University|College|Institute|Foundation|Center|Centre|Hospital|Company|Corporation|"
                         r"Inc|Ltd|Group|Bank|Association|Council|Committee|Commission|Agency|Ministry|Party)\b")
_CLOSERS = "”’」』\"' "


def _ending_at(groups: Groups, position: int, text: str) -> int | None:
    """The candidate whose mention ends at ``position`` (closing quotes and spaces skipped)."""
    while position > 0 and text[position - 1] in _CLOSERS:
        position -= 1
    best = None
    for i, c in enumerate(groups.items):
        if c.end == position and (best is None or groups.items[best].length < c.length):
            best = i
    return best


def _exactly(groups: Groups, start: int, end: int) -> int | None:
    return next((i for i, c in enumerate(groups.items) if (c.start, c.end) == (start, end)), None)


def link_brackets(t: Text, groups: Groups, notes: list[Bracket], en: dict[int, str]) -> None:
    text = t.text
    for note in notes:
        before = _ending_at(groups, note.at, text)
        if note.kind == "latin":
            content = note.content.strip()
            if before is None:
                token = t.token_at(note.at - 1)
                if token is None or token.end != note.at or not LATIN_NAME.fullmatch(content) \
                        or LATIN_NOT_PERSON.search(content) or not _may_be_name(t, token):
                    continue
                before = groups.add(Candidate(token.start, token.end, EntityType.PERSON, "pattern",
                                              "entity.person.bracket_en", evidence={"bracket"}))
            c = groups.items[before]
            if c.type is EntityType.PERSON and c.layer != "meta" and _LATIN_BODY.search(content):
                c.type, c.org_kind, c.rule = EntityType.ORGANIZATION, OrgKind.OTHER, "entity.org.bracket_en"
            if c.type is EntityType.PLACE and c.layer == "tagger" and LATIN_NAME.fullmatch(content) \
                    and not LATIN_NOT_PERSON.search(content) and " " in content:
                c.type, c.place_kind, c.rule = EntityType.PERSON, None, "entity.person.bracket_en"  # 万德山（Nathan …）
            if c.type is EntityType.PERSON and not LATIN_NAME.fullmatch(content):
                continue
            if c.type is not EntityType.PERSON and not _PROPER.fullmatch(content):
                continue  # La France insoumise: a phrase, not the name of the place or body before it
            en.setdefault(groups.find(before), content)
            inner = _exactly(groups, note.start, note.end)
            if inner is not None and groups.items[inner].type is c.type:
                groups.union(before, inner)
            continue
        inner = _exactly(groups, note.start, note.end)
        if before is None and note.kind == "alias" and inner is not None \
                and groups.items[inner].type is EntityType.PERSON:
            token = t.token_at(note.at - 1)  # 川普（特朗普）: the name before the bracket is a person too
            if token is not None and token.end == note.at and name_shape(token.word) \
                    and token.tag not in ("LOC", "ORG", "TIME"):
                before = groups.add(Candidate(token.start, token.end, EntityType.PERSON, "pattern",
                                              "entity.person.bracket_alias", evidence={"bracket"}))
        if before is None:
            continue
        c = groups.items[before]
        if inner is not None:
            if groups.items[inner].type is c.type:
                groups.union(before, inner)
            continue
        if note.kind == "alias" and not (c.type is EntityType.PERSON and name_shape(note.content)):
            continue
        rule = "entity.person.bracket_alias" if c.type is EntityType.PERSON else f"entity.{c.type.value.lower()}.bracket_alias"
        added = groups.add(Candidate(note.start, note.end, c.type, "pattern", rule, evidence={"bracket"},
                                     ident=c.ident, place_kind=c.place_kind, org_kind=c.org_kind, iso=c.iso))
        groups.union(before, added)


def _may_be_name(t: Text, token) -> bool:
    """A word before a bracketed Latin personal name that can be the Chinese form of it."""
    if not 2 <= len(token.word) <= 5 or not re.fullmatch(f"[{CJK}·]+", token.word) or token.word in stop_words():
        return False
    if token.tag in ("LOC", "ORG", "TIME", "v", "vd", "vn", "p", "c", "u", "d", "r", "m", "q", "w", "f", "a"):
        return False
    return name_shape(token.word) or token.tag in ("PER", "nz", "nr") or title_before(t, token.start) is not None


def link_titles(t: Text, groups: Groups) -> None:
    """美国国务卿Mike Pompeo (caption) and 美国国务卿蓬佩奥 (body): one person under one full title."""
    ends: dict[int, Candidate] = {}
    for c in groups.items:
        if c.type is not EntityType.PERSON:
            ends.setdefault(c.end, c)
    holders: dict[tuple[str, str], set[int]] = {}
    for i, c in enumerate(groups.items):
        if c.type is not EntityType.PERSON:
            continue
        title = title_before(t, c.start)
        owner = ends.get(c.start - len(title)) if title else None
        if owner is not None:
            holders.setdefault((owner.ident or owner.surface, title), set()).add(groups.find(i))
    members = groups.members()
    for roots in holders.values():
        if len(roots) != 2:
            continue
        a, b = roots
        latin = [r for r in (a, b) if all(groups.items[i].surface.isascii() for i in members.get(r, [r]))]
        if len(latin) == 1:
            groups.union(a, b)


def link_places(groups: Groups) -> None:
    """达尔文 next to 达尔文市: a 'person' that is a place written without its 市 or 州."""
    places: dict[str, int] = {}
    for i, c in enumerate(groups.items):
        if c.type is EntityType.PLACE and len(c.surface) >= 3 and c.surface[-1] in "市州县岛":
            places.setdefault(c.surface[:-1], i)
    for i, c in enumerate(groups.items):
        if c.type is EntityType.PERSON and c.layer != "meta" and c.surface in places:
            place = groups.items[places[c.surface]]
            c.type, c.place_kind, c.ident, c.rule = EntityType.PLACE, place.place_kind, place.ident, "entity.place.short_form"
            groups.union(i, places[c.surface])


def link_persons(t: Text, groups: Groups, en: dict[int, str]) -> None:
    """Short forms and surnames of names that are written out in full somewhere.

    布林肯 joins 安东尼·布林肯 when the full name comes first in the body (captions and the
    headline may run ahead of it) and the two do not carry different English names: a
    金斯伯格 introduced before 马丁·金斯伯格 is another person of that family.
    """
    roots = groups.members()
    persons = {r: [groups.items[i] for i in idx] for r, idx in roots.items()
               if groups.items[r].type is EntityType.PERSON}
    english = {groups.find(i): normalize_name(name) for i, name in en.items()}
    first: dict[int, int | None] = {}
    for r, cs in persons.items():
        body = [c.start for c in cs if t.in_body(c.start)]
        first[r] = min(body) if body else None  # named only in captions or the headline: no order to go by
    by_name: dict[str, set[int]] = {}
    for r, cs in persons.items():
        for c in cs:
            by_name.setdefault(normalize_name(c.surface), set()).add(r)

    def join(full: int, short: int) -> None:
        a, b = groups.find(full), groups.find(short)
        if a == b or (first[full] is not None and first[short] is not None and first[full] > first[short]):
            return
        if english.get(a) and english.get(b) and english[a] != english[b]:
            return
        groups.union(a, b)
        if english.get(a) or english.get(b):
            english[groups.find(a)] = english.get(a) or english.get(b)

    family = surnames()
    shorts: dict[str, set[int]] = {}
    firsts: dict[str, set[int]] = {}
    for r, cs in persons.items():
        for c in cs:
            parts = [p for p in c.surface.split("·") if p]
            for short in short_names(c.surface):
                shorts.setdefault(normalize_name(short), set()).add(r)
            if len(parts) >= 2 and len(parts[0]) >= 2:
                firsts.setdefault(normalize_name(parts[0]), set()).add(r)
            if "·" not in c.surface and 3 <= len(c.surface) <= 4 and not c.surface.isascii() \
                    and c.surface[:2] in family:  # 茂木 ↔ 茂木敏充, 安倍 ↔ 安倍晋三
                for other in by_name.get(c.surface[:2], ()):
                    join(r, other)
    for table in (shorts, firsts):
        for name, fulls in table.items():
            if len(fulls) != 1:
                continue  # two people share it: leave it alone
            full = next(iter(fulls))
            for other in by_name.get(name, ()):
                join(full, other)


def link_latin(groups: Groups, en: dict[int, str]) -> None:
    """A Latin name standing alone (in a caption) joins the person whose bracketed English it is."""
    known = {}
    for root, name in en.items():
        known.setdefault(normalize_name(name), groups.find(root))
    for i, c in enumerate(groups.items):
        if c.type is EntityType.PERSON and c.surface.isascii():
            other = known.get(normalize_name(c.surface))
            if other is not None:
                groups.union(i, other)


def link_ministries(t: Text, groups: Groups) -> None:
    """A bare 国防部 where the article names exactly one country's 国防部: that one."""
    bodies: dict[str, set[int]] = {}
    bare: dict[str, list[int]] = {}
    for i, c in enumerate(groups.items):
        if c.type is not EntityType.ORGANIZATION:
            continue
        if c.surface in _MINISTRY_SET:
            bare.setdefault(c.surface, []).append(i)
            continue
        if c.surface.endswith(_MINISTRY_ENDS):
            for word in MINISTRIES:
                if len(word) >= 3 and c.surface.endswith(word) and len(c.surface) > len(word):
                    bodies.setdefault(word, set()).add(groups.find(i))
    taken = bytearray(len(t.text) + 1)
    for c in groups.items:
        taken[c.start:c.end] = b"\x01" * c.length
    for word, roots in bodies.items():
        if len(roots) != 1:
            continue
        root = next(iter(roots))
        for i in bare.get(word, ()):
            groups.union(root, i)
        for m in re.finditer(word, t.text):
            if any(taken[m.start():m.end()]) or not t.starts_word(m.start()):
                continue
            fused = {"fused"} if fused_title(t.text, m.end()) else set()
            added = groups.add(Candidate(m.start(), m.end(), EntityType.ORGANIZATION, "pattern", "entity.org.short_form",
                                         org_kind=groups.items[root].org_kind, evidence=fused))
            groups.union(root, added)


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def link_abbreviations(groups: Groups) -> None:
    """非洲疾控中心 ↔ 非洲疾病预防控制中心: a contraction that keeps the head and the ending."""
    by_head: dict[tuple[str, str], dict[str, int]] = {}
    for i, c in enumerate(groups.items):
        if c.type is EntityType.ORGANIZATION and len(c.surface) >= 4 and not c.surface.isascii():
            by_head.setdefault((c.surface[:2], c.surface[-2:]), {}).setdefault(c.surface, i)
    for names in by_head.values():
        if len(names) < 2:
            continue
        for a, i in names.items():
            for b, j in names.items():
                if len(a) > len(b) and _subsequence(b, a):
                    groups.union(i, j)
