"""Named-entity recognition for Chinese news: lexicons and patterns first, then a tagger.

:func:`find_entities` runs the layers over one document and returns its entities:

1. lexicon (:mod:`.gazetteer`): countries and regions with ISO codes, cities (CLDR's world
   cities where the tagger agrees), China's provinces, prefectures and counties, features,
   organisations, media; country short forms in lists (美日澳印, 印巴);
2. patterns (:mod:`.persons`, :mod:`.orgs`): dot-joined names, title + name, bracketed
   English and alias names, photo credits; country + body (美国国防部), armies, governments,
   teams (巴西足球队, 中国女篮), a place and the words of a body after it (济南污水处理厂),
   a body and its unit (国务院研究室), 《》 periodicals;
3. tagger (:mod:`.tagged`): LAC's persons, places and organisations, kept when their shape
   agrees;
4. selection and coreference (:mod:`.select`, :mod:`.group`): non-overlapping mentions (the
   longest, unless it swallows a known name), the places and bodies a longer name starts with
   (美国 in 美国国防部, 外交部 in 外交部北美司), repeated and short forms, brackets, one
   entity per thing with its fullest name.

The publisher, authors and editors of ``doc.meta`` become entities too (layer ``meta``).
"""
from __future__ import annotations

import re

from ...document import BlockKind, Document
from ...facts import Attribution, Entity, EntityType, OrgKind, PlaceKind
from ...lang.zh.orgs import org_lexicon
from . import gazetteer, orgs, persons, tagged
from .base import Candidate, Text
from .group import Groups, build
from .links import (link_abbreviations, link_brackets, link_latin, link_ministries, link_persons, link_places,
                    link_titles)
from .select import choose, drop_surname_titles, extend_persons, repeats, trim_persons

__all__ = ["find_entities", "Candidate", "Text"]


def _where(doc: Document, who: Attribution) -> tuple[int, int] | None:
    """The attribution's own mention, else the first place its name is written."""
    m = who.mention
    if m is not None and doc.text[m.start:m.end] == m.text:
        return m.start, m.end
    at = doc.text.find(who.name) if who.name else -1
    return (at, at + len(who.name)) if at >= 0 else None


def _meta_candidates(doc: Document) -> list[Candidate]:
    """The publisher, authors and editors the reader found, named as the reader names them."""
    out = []
    meta = doc.meta
    people = [(a, "entity.meta.author") for a in meta.authors] + [(e, "entity.meta.editor") for e in meta.editors]
    for who, rule in people:
        span = _where(doc, who)
        if span:
            out.append(Candidate(*span, EntityType.PERSON, "meta", rule, canonical=who.name))
    publisher = meta.publisher
    span = _where(doc, publisher) if publisher is not None else None
    if span:
        info = org_lexicon().get(publisher.name)
        out.append(Candidate(*span, EntityType.ORGANIZATION, "meta", "entity.meta.publisher", canonical=publisher.name,
                             ident=f"O:{info.name}" if info else None, org_kind=OrgKind.MEDIA))
    return out


def _places_in_names(chosen: list[Candidate], places: list[Candidate]) -> list[Candidate]:
    """The country or city a government body's name starts with (美国国防部, 图森市警察局), or a name
    put together from a place and a body word (海牙国际法庭), is named too."""
    starts = {p.start: p for p in places if p.rule != "entity.gazetteer.short_form"}
    have = {(c.start, c.end) for c in chosen}
    out = []
    for c in chosen:
        if c.type is EntityType.ORGANIZATION and c.layer in ("pattern", "tagger") \
                and (c.org_kind in (OrgKind.GOVERNMENT, OrgKind.MILITARY) or c.rule == "entity.org.composed"):
            p = starts.get(c.start)
            if p is not None and p.end < c.end and (p.start, p.end) not in have \
                    and p.place_kind in (PlaceKind.COUNTRY, PlaceKind.REGION, PlaceKind.CITY):
                out.append(p)
    return out


_UNIT_END = re.compile(r"(?:司|室|党组|党委|办公厅|办公室|分会|理事会|常委会|出版社|研究所|研究室)$")


def _bodies_in_names(t: Text, chosen: list[Candidate]) -> list[Candidate]:
    """The body a unit's name starts with is named too: 外交部 in 外交部北美司, 国务院 in 国务院研究室
    (taken where the body's name ends as a body's does, 大学, 部 …)."""
    from ...lang.zh.orgs import NOT_ORGS, PARENT_ENDS

    have = {(c.start, c.end) for c in chosen}
    out = []
    for c in chosen:
        if c.type is not EntityType.ORGANIZATION or c.layer not in ("tagger", "pattern"):
            continue
        name = t.text[c.start:c.end]
        unit = _UNIT_END.search(name)
        if unit is None:
            continue
        for cut in range(unit.start(), 2, -1):
            head = name[:cut]
            if head.endswith(PARENT_ENDS) and len(head) >= 3 and head not in NOT_ORGS:
                if (c.start, c.start + cut) not in have:
                    info = org_lexicon().get(head)
                    out.append(Candidate(c.start, c.start + cut, EntityType.ORGANIZATION, "pattern",
                                         "entity.org.parent_body", org_kind=info.kind if info else None,
                                         ident=f"O:{info.name}" if info else None,
                                         canonical=info.name if info else None))
                break
    return out


def find_entities(doc: Document, *, use_tagger: bool = True) -> list[Entity]:
    """Every person, organisation and place of ``doc``, with mentions, aliases and confidence."""
    if not doc.text.strip():
        return []
    t = Text(doc, use_tagger=use_tagger)
    lexicon = gazetteer.lexicon_candidates(t)
    places = [c for c in lexicon if c.type is EntityType.PLACE]
    org_lex = [c for c in lexicon if c.type is EntityType.ORGANIZATION]
    prefixes = orgs.prefixes_from(lexicon)
    captions = [(b.start, b.end) for b in doc.blocks if b.kind is BlockKind.CAPTION]
    shorts = gazetteer.short_form_candidates(t, [(c.start, c.end) for c in lexicon])
    shorts += gazetteer.short_form_contexts(t, [(c.start, c.end) for c in lexicon + shorts])
    candidates = lexicon + shorts
    candidates += orgs.prefixed_bodies(t, prefixes) + orgs.country_parties(t, places, org_lex)
    candidates += orgs.armies(t, prefixes) + orgs.short_ministries(t) + orgs.media_titles(t) + orgs.teams(t, prefixes)
    candidates += orgs.bare_ministries(t) + orgs.composed_bodies(t, places) + orgs.sub_units(t, org_lex)
    candidates += persons.dot_names(t) + persons.title_names(t) + persons.credits(t, captions)
    candidates += tagged.person_candidates(t) + tagged.place_candidates(t) + tagged.org_candidates(t)
    candidates += tagged.facility_candidates(t, places)
    meta = _meta_candidates(doc)
    chosen = choose(t, candidates + meta, gazetteer.blocked(t.text))
    extend_persons(t, chosen)
    chosen = drop_surname_titles(t, trim_persons(t, chosen))
    chosen += repeats(t, chosen)  # (may drop tagger words a sure name runs across)
    chosen += _places_in_names(chosen, places)
    chosen += _bodies_in_names(t, chosen)
    groups = Groups(t.text, chosen)
    en: dict[int, str] = {}
    link_brackets(t, groups, persons.brackets(t), en)
    link_places(groups)
    en = {groups.find(i): name for i, name in en.items()}
    link_persons(t, groups, en)
    link_titles(t, groups)
    en = {groups.find(i): name for i, name in en.items()}
    link_latin(groups, en)
    link_ministries(t, groups)
    link_abbreviations(groups)
    en = {groups.find(i): name for i, name in en.items()}
    return build(doc, groups, en)
