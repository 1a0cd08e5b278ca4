"""Named-entity recognition for Chinese news: lexicons and patterns first, then a tagger.

:func:`find_entities` runs the layers over one document and returns its entities:

1. lexicon (:mod:`.gazetteer`): countries and regions with ISO codes, cities, features,
   organisations, media; country short forms in lists (美日澳印);
2. patterns (:mod:`.persons`, :mod:`.orgs`): dot-joined names, title + name, bracketed
   English and alias names, photo credits; country + body (美国国防部), armies, governments,
   《》 periodicals;
3. tagger (:mod:`.tagged`): LAC's persons, places and organisations, kept when their shape
   agrees;
4. selection and coreference (:mod:`.select`, :mod:`.group`): non-overlapping mentions,
   repeated and short forms, brackets, one entity per thing with its fullest name.

The publisher, authors and editors of ``doc.meta`` become entities too (layer ``meta``).
"""
from __future__ import annotations

from ...document import BlockKind, Document
from ...facts import Attribution, Entity, EntityType, OrgKind, PlaceKind
from ...lang.zh.orgs import org_lexicon
from . import gazetteer, orgs, persons, tagged
from .base import Candidate, Text
from .group import Groups, build
from .links import (link_abbreviations, link_brackets, link_latin, link_ministries, link_persons, link_places,
                    link_titles)
from .select import choose, extend_persons, repeats, trim_persons

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
    """The country or city a government body's name starts with (美国国防部, 图森市警察局) is named too."""
    starts = {p.start: p for p in places if p.rule != "entity.gazetteer.short_form"}
    have = {(c.start, c.end) for c in chosen}
    out = []
    for c in chosen:
        if c.type is EntityType.ORGANIZATION and c.layer in ("pattern", "tagger") \
                and c.org_kind in (OrgKind.GOVERNMENT, OrgKind.MILITARY):
            p = starts.get(c.start)
            if p is not None and p.end < c.end and (p.start, p.end) not in have \
                    and p.place_kind in (PlaceKind.COUNTRY, PlaceKind.REGION, PlaceKind.CITY):
                out.append(p)
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
    candidates += orgs.bare_ministries(t)
    candidates += persons.dot_names(t) + persons.title_names(t) + persons.credits(t, captions)
    candidates += tagged.person_candidates(t) + tagged.place_candidates(t) + tagged.org_candidates(t)
    candidates += tagged.facility_candidates(t, places)
    meta = _meta_candidates(doc)
    chosen = choose(t, candidates + meta, gazetteer.blocked(t.text))
    extend_persons(t, chosen)
    chosen = trim_persons(t, chosen)
    chosen += repeats(t, chosen)  # (may drop tagger words a sure name runs across)
    chosen += _places_in_names(chosen, places)
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
