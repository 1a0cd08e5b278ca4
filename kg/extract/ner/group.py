"""From chosen mentions to entities: groups, names, aliases, English names, confidence.

Mentions are grouped by identity (the ISO code or lexicon entry they stand for, else their
normalised text); :mod:`.links` joins groups the article says are one. Each group becomes
one :class:`~kg.facts.Entity`: its name is the fullest form the article writes (the
lexicon's canonical name when written, the form the article uses most for organisations
it knows), its aliases the other forms, and its confidence grows with the layers that
agree and the mentions found.
"""
from __future__ import annotations

from collections import Counter

from ...document import Document
from ...facts import Entity, EntityType, Mention, entity_key, merge_entities
from ...lang.zh.names import LATIN_NAME
from .base import LAYER_RANK, Candidate, normalize_name

BASE_CONFIDENCE = {"meta": 0.95, "lexicon": 0.9, "pattern": 0.85, "tagger": 0.6}


class Groups:
    """Union-find over candidates."""

    def __init__(self, text: str, candidates: list[Candidate]):
        self.text = text
        for c in candidates:
            c.surface = text[c.start:c.end]
        self.items = candidates
        self.parent = list(range(len(candidates)))
        first: dict[str, int] = {}
        for i, c in enumerate(candidates):
            key = self.identity(c)
            if key in first:
                self.union(first[key], i)
            else:
                first[key] = i

    @staticmethod
    def identity(c: Candidate) -> str:
        return c.ident or f"{c.type.value}:{normalize_name(c.surface)}"

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def add(self, c: Candidate) -> int:
        c.surface = self.text[c.start:c.end]
        self.items.append(c)
        self.parent.append(len(self.items) - 1)
        return len(self.items) - 1

    def members(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for i in range(len(self.items)):
            out.setdefault(self.find(i), []).append(i)
        return out


def _pick_name(doc: Document, cs: list[Candidate], surfaces: list[str]) -> str:
    meta = [c for c in cs if c.layer == "meta"]
    if meta:
        return doc.text[meta[0].start:meta[0].end] if not meta[0].canonical else meta[0].canonical
    canonical = next((c.canonical for c in cs if c.canonical and c.layer == "lexicon"), None)
    written = {normalize_name(s) for s in surfaces}
    if canonical and normalize_name(canonical) in written:
        return next(s for s in surfaces if normalize_name(s) == normalize_name(canonical))
    full = [s for s in surfaces if len(normalize_name(s)) > 1]
    cjk = [s for s in full if not s.isascii()]
    full = cjk or full  # WHO and 世卫: the Chinese form names it
    if full and (cs[0].type is EntityType.ORGANIZATION and canonical
                 or any(c.ident and c.ident.startswith(("O:mil:", "O:gov:")) for c in cs)):
        # 中共 written 30 times and 中共政府 once: the form the article uses names it
        counts = Counter(normalize_name(c.surface) for c in cs)
        return max(full, key=lambda s: (counts[normalize_name(s)], len(s)))
    if not full:
        return canonical or surfaces[0]
    if canonical and cs[0].type is EntityType.PLACE and all(c.rule == "entity.gazetteer.short_form" for c in cs):
        return canonical
    return max(full, key=lambda s: (len(normalize_name(s)), -surfaces.index(s)))


def build(doc: Document, groups: Groups, en: dict[int, str]) -> list[Entity]:
    entities: dict[str, Entity] = {}
    for root, idx in groups.members().items():
        cs = sorted((groups.items[i] for i in idx), key=lambda c: (c.start, c.end))
        type_ = cs[0].type
        if all("fused" in c.evidence for c in cs):
            continue  # a ministry named only inside a title (外交部发言人): the posts stage has it
        mentions: dict[tuple[int, int], Mention] = {}
        for c in sorted(cs, key=lambda c: -LAYER_RANK[c.layer]):
            mentions.setdefault((c.start, c.end), Mention(c.start, c.end, doc.text[c.start:c.end], c.rule))
        surfaces = list(dict.fromkeys(doc.text[c.start:c.end] for c in cs))
        name = _pick_name(doc, cs, surfaces)
        english = next((en[i] for i in idx if i in en), None) or en.get(root)
        if english is None and type_ is EntityType.PERSON:
            english = next((s for s in surfaces if s.isascii() and LATIN_NAME.fullmatch(s)), None)
            if english == name:
                english = None
        seen = {normalize_name(name)}
        aliases = []
        originals = [doc.original_text[c.start:c.end] for c in cs]  # 鄭欣 where the article is traditional
        for s in [*surfaces, *originals]:
            if normalize_name(s) not in seen:
                seen.add(normalize_name(s))
                aliases.append(s)
        layers = {c.layer for c in cs}
        layer = max(layers, key=LAYER_RANK.__getitem__)
        confidence = BASE_CONFIDENCE[layer] + (0.1 if len(layers - {"meta"}) > 1 else 0.0)
        confidence = round(min(0.99, confidence + 0.03 * (len(mentions) - 1)), 3)
        entity = Entity(
            key=entity_key(type_, name), type=type_, name=name,
            mentions=tuple(sorted(mentions.values(), key=lambda m: (m.start, m.end))),
            aliases=tuple(aliases), en=english,
            place_kind=next((c.place_kind for c in cs if c.place_kind), None) if type_ is EntityType.PLACE else None,
            org_kind=next((c.org_kind for c in cs if c.org_kind), None) if type_ is EntityType.ORGANIZATION else None,
            iso_code=next((c.iso for c in cs if c.iso), None) if type_ is EntityType.PLACE else None,
            layer=layer, confidence=confidence)
        if entity.key in entities:
            entity = merge_entities(entities[entity.key], entity)
        entities[entity.key] = entity
    return sorted(entities.values(), key=lambda e: (e.mentions[0].start if e.mentions else -1, e.key))
